-- Energy per result (issue 11): the configured power (the suite's or the worker's watts) and the measured power
-- (RAPL packages + NVML/nvidia-smi) side by side, which one priced the energy (energy_source: 'measured:<meter>',
-- 'configured' or 'none'), and the energy per output token both ways round. NULL where the figure is unknown (no
-- power at all, pp points without output tokens, endpoints), never 0. The full breakdown, with why power was not
-- measured, stays in metrics->'energy'.
-- v_results gains the columns at its end (a view can only grow there); v_latest_results is rebuilt over it.
ALTER TABLE results
    ADD COLUMN watts_configured double precision,
    ADD COLUMN watts_measured double precision,
    ADD COLUMN energy_source text,
    ADD COLUMN joules_per_output_token double precision,
    ADD COLUMN output_tokens_per_joule double precision;

DROP VIEW v_latest_results;

CREATE OR REPLACE VIEW v_results AS
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
       r.metrics,
       r.model_ref AS model_name,
       r.provenance,
       r.watts_configured,
       r.watts_measured,
       r.energy_source,
       r.joules_per_output_token,
       r.output_tokens_per_joule
FROM results AS r
JOIN runs AS ru ON ru.run_id = r.run_id
LEFT JOIN models AS m ON m.sha256 = r.model_sha256
LEFT JOIN nodes AS n ON n.node_name = r.node_name
CROSS JOIN LATERAL jsonb_to_record(r.parameters) AS p(
    threads integer, "batchSize" integer, "microBatchSize" integer, "gpuLayers" integer, "kvType" text,
    "flashAttention" text, depth integer, concurrency integer, rate double precision);


CREATE VIEW v_latest_results AS
SELECT DISTINCT ON (point_key, node_name, coalesce(model_sha256, '')) *
FROM v_results
ORDER BY point_key, node_name, coalesce(model_sha256, ''), created_at DESC;

GRANT SELECT ON v_results, v_latest_results TO benchcluster_reader;
