-- Plain views for the questions users ask most; `psql` and the CLI read the same ones.

-- One row per result, with the names a person reads: model file, quantization, node, device, the engine settings
-- (from the parameters JSON) and the headline tokens/s as "mean ± stddev".
CREATE VIEW v_results AS
SELECT r.run_id,
       ru.suite_name,
       r.point_key,
       coalesce(m.file_name, r.model_ref) AS model,
       m.quantization,
       m.architecture,
       m.is_synthetic,
       r.node_name,
       n.device_kind,
       n.device_name,
       r.scenario,
       p.threads,
       p."batchSize" AS batch_size,
       p."microBatchSize" AS ubatch_size,
       p."gpuLayers" AS gpu_layers,
       p."kvType" AS kv_type,
       p."flashAttention" AS flash_attention,
       p.depth,
       p.concurrency,
       p.rate,
       round(r.tokens_per_second_mean::numeric, 2) AS tokens_per_second_mean,
       round(r.tokens_per_second_stddev::numeric, 2) AS tokens_per_second_stddev,
       CASE WHEN r.tokens_per_second_mean IS NOT NULL THEN
           round(r.tokens_per_second_mean::numeric, 2)::text || ' ± '
           || coalesce(round(r.tokens_per_second_stddev::numeric, 2)::text, '?')
       END AS tokens_per_second,
       round(r.cost_usd_per_mtok_input::numeric, 4) AS usd_per_mtok_input,
       round(r.cost_usd_per_mtok_output::numeric, 4) AS usd_per_mtok_output,
       round(r.cost_usd_per_mtok_blended::numeric, 4) AS usd_per_mtok_blended,
       r.verdict,
       array_to_string(r.verdict_reasons, '; ') AS verdict_reasons,
       r.repetitions,
       r.created_at,
       r.model_sha256,
       r.parameters,
       r.metrics
FROM results AS r
JOIN runs AS ru ON ru.run_id = r.run_id
LEFT JOIN models AS m ON m.sha256 = r.model_sha256
LEFT JOIN nodes AS n ON n.node_name = r.node_name
CROSS JOIN LATERAL jsonb_to_record(r.parameters) AS p(
    threads integer, "batchSize" integer, "microBatchSize" integer, "gpuLayers" integer, "kvType" text,
    "flashAttention" text, depth integer, concurrency integer, rate double precision);

-- Per run: how many jobs are in each state, retries so far, and how far along it is.
CREATE VIEW v_run_progress AS
SELECT r.run_id,
       r.suite_name,
       r.status,
       r.submitted_by,
       r.submitted_at,
       r.started_at,
       r.finished_at,
       count(j.job_id)::integer AS total_jobs,
       (count(*) FILTER (WHERE j.status = 'pending'))::integer AS pending_jobs,
       (count(*) FILTER (WHERE j.status = 'running'))::integer AS running_jobs,
       (count(*) FILTER (WHERE j.status = 'succeeded'))::integer AS succeeded_jobs,
       (count(*) FILTER (WHERE j.status = 'failed'))::integer AS failed_jobs,
       (count(*) FILTER (WHERE j.status = 'cancelled'))::integer AS cancelled_jobs,
       coalesce(sum(greatest(j.attempt - 1, 0)), 0)::integer AS retries,
       CASE WHEN count(j.job_id) > 0 THEN
           round(100.0 * count(*) FILTER (WHERE j.status IN ('succeeded', 'failed', 'cancelled')) / count(j.job_id), 1)
       END AS percent_done,
       r.error
FROM runs AS r
LEFT JOIN jobs AS j ON j.run_id = r.run_id
GROUP BY r.run_id;

-- Per node: its hardware and price, when it was last seen, what it ran and its best valid throughput.
CREATE VIEW v_node_summary AS
SELECT n.node_name,
       n.device_kind,
       n.device_name,
       n.cpu_model,
       n.cores,
       round(n.ram_bytes / 1073741824.0, 1) AS ram_gib,
       round(n.vram_bytes / 1073741824.0, 1) AS vram_gib,
       n.price_usd_per_hour,
       n.watts,
       n.address,
       n.first_seen,
       n.last_seen,
       coalesce(j.succeeded_jobs, 0) AS succeeded_jobs,
       coalesce(j.failed_jobs, 0) AS failed_jobs,
       coalesce(res.results, 0) AS results,
       coalesce(res.valid_results, 0) AS valid_results,
       round(res.best_valid_tokens_per_second::numeric, 2) AS best_valid_tokens_per_second
FROM nodes AS n
LEFT JOIN (
    SELECT assigned_node,
           (count(*) FILTER (WHERE status = 'succeeded'))::integer AS succeeded_jobs,
           (count(*) FILTER (WHERE status = 'failed'))::integer AS failed_jobs
    FROM jobs
    GROUP BY assigned_node
) AS j ON j.assigned_node = n.node_name
LEFT JOIN (
    SELECT node_name,
           count(*)::integer AS results,
           (count(*) FILTER (WHERE verdict = 'VALID'))::integer AS valid_results,
           max(tokens_per_second_mean) FILTER (WHERE verdict = 'VALID') AS best_valid_tokens_per_second
    FROM results
    GROUP BY node_name
) AS res ON res.node_name = n.node_name;

-- The newest result for each model × node × scenario × parameters, whichever run produced it.
CREATE VIEW v_latest_results AS
SELECT DISTINCT ON (coalesce(model_sha256, model), node_name, scenario, parameters) *
FROM v_results
ORDER BY coalesce(model_sha256, model), node_name, scenario, parameters, created_at DESC;

-- Per-sample timings in milliseconds for the current attempt of every job (earlier, fenced-out attempts are
-- hidden). Latency starts at the scheduled time when there was one (coordinated omission), else at the send.
CREATE VIEW v_sample_timings AS
SELECT s.run_id,
       s.job_id,
       j.point_key,
       j.repetition,
       j.assigned_node AS node_name,
       j.scenario,
       s.attempt,
       s.seq,
       s.kind,
       s.is_warmup,
       s.stage,
       (s.first_token_ns - coalesce(s.scheduled_ns, s.sent_ns))::double precision / 1e6 AS ttft_ms,
       (s.end_ns - coalesce(s.scheduled_ns, s.sent_ns))::double precision / 1e6 AS e2e_ms,
       (s.sent_ns - s.scheduled_ns)::double precision / 1e6 AS send_delay_ms,
       coalesce(s.server_prompt_tokens, s.prompt_tokens) AS prompt_tokens,
       coalesce(s.server_output_tokens, s.output_tokens) AS output_tokens,
       s.requested_output_tokens,
       s.error
FROM samples AS s
JOIN jobs AS j ON j.job_id = s.job_id AND j.attempt = s.attempt;
