-- Results by point identity. v_latest_results grouped by model, node, scenario name and parameters, so two scenarios
-- of the same name with other settings (tg32 and tg128 both named "tg") collided; the point key hashes the model, the
-- whole scenario and every setting, and the file hash separates a re-forged or replaced file.
-- v_results gains the provenance column (appended: a view can only grow at its end), which every output shows.
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
       r.provenance
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
