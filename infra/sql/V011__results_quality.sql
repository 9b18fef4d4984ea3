-- Quality beside speed (issue 12, docs/quality-outputs.md): a quality point's scores as columns, so SQL can filter
-- and join on them: perplexity ± one standard error, the reference it was compared with (name, SHA-256) and against
-- it Δ perplexity, mean/median/p99/max KL-divergence and top-1 agreement (0..1), task accuracy (0..1), the corpus and
-- task file (SHA-256) and the context, windows and scored tokens behind them. quality_is_synthetic marks scores of a
-- synthetic model: the numerical fidelity of random weights, never a model's quality. NULL on every other scenario
-- and where the point had no reference or task file. The full measurement stays in metrics->'quality'. A quality
-- point's tokens_per_second_mean is its scored tokens/s.
-- v_results gains the columns at its end (a view can only grow there); v_latest_results is rebuilt over it.
-- v_quality_beside_speed puts each speed result next to the quality of its model file on its node.
ALTER TABLE results
    ADD COLUMN quality_corpus_name text,
    ADD COLUMN quality_corpus_sha256 text,
    ADD COLUMN quality_context_tokens integer,
    ADD COLUMN quality_windows integer,
    ADD COLUMN quality_scored_tokens bigint,
    ADD COLUMN quality_is_synthetic boolean,
    ADD COLUMN perplexity double precision,
    ADD COLUMN perplexity_error double precision,
    ADD COLUMN quality_reference_name text,
    ADD COLUMN quality_reference_sha256 text,
    ADD COLUMN reference_perplexity double precision,
    ADD COLUMN reference_perplexity_error double precision,
    ADD COLUMN delta_perplexity double precision,
    ADD COLUMN delta_perplexity_error double precision,
    ADD COLUMN kld_mean double precision,
    ADD COLUMN kld_mean_error double precision,
    ADD COLUMN kld_median double precision,
    ADD COLUMN kld_p99 double precision,
    ADD COLUMN kld_max double precision,
    ADD COLUMN top1_agreement double precision,
    ADD COLUMN top1_agreement_error double precision,
    ADD COLUMN quality_task_sha256 text,
    ADD COLUMN quality_task_count integer,
    ADD COLUMN task_accuracy double precision,
    ADD COLUMN task_accuracy_error double precision;

-- The join of quality beside speed: a model file's quality points on a node, by file and node.
CREATE INDEX results_quality_by_file ON results (model_sha256, node_name) WHERE perplexity IS NOT NULL;

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
       r.output_tokens_per_joule,
       r.quality_corpus_name,
       r.quality_corpus_sha256,
       r.quality_context_tokens,
       r.quality_windows,
       r.quality_scored_tokens,
       r.quality_is_synthetic,
       r.perplexity,
       r.perplexity_error,
       r.quality_reference_name,
       r.quality_reference_sha256,
       r.reference_perplexity,
       r.reference_perplexity_error,
       r.delta_perplexity,
       r.delta_perplexity_error,
       r.kld_mean,
       r.kld_mean_error,
       r.kld_median,
       r.kld_p99,
       r.kld_max,
       r.top1_agreement,
       r.top1_agreement_error,
       r.quality_task_sha256,
       r.quality_task_count,
       r.task_accuracy,
       r.task_accuracy_error,
       CASE WHEN r.perplexity IS NOT NULL THEN
           round(r.perplexity::numeric, 4)::text || ' ± ' || coalesce(round(r.perplexity_error::numeric, 4)::text, '?')
       END AS perplexity_text,
       CASE WHEN r.kld_mean IS NOT NULL THEN
           round(r.kld_mean::numeric, 6)::text || ' ± ' || coalesce(round(r.kld_mean_error::numeric, 6)::text, '?')
       END AS kld_text
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

-- Each speed result with the quality of its model file on its node, as the outputs join it (Reporting's QualityJoin):
-- the VALID quality points of the same run when there are any, else of every run; of several (other corpora,
-- contexts or runs) the one with the highest mean KL-divergence, the conservative choice. The quality columns are NULL where none was measured.
CREATE VIEW v_quality_beside_speed AS
SELECT s.run_id,
       s.suite_name,
       s.point_key,
       s.model,
       s.model_name,
       s.model_sha256,
       s.quantization,
       s.is_synthetic,
       s.node_name,
       s.scenario,
       s.tokens_per_second_mean,
       s.usd_per_mtok_input,
       s.usd_per_mtok_output,
       s.usd_per_mtok_blended,
       s.verdict,
       q.point_key AS quality_point_key,
       q.run_id AS quality_run_id,
       q.quality_is_synthetic,
       q.quality_corpus_name,
       q.quality_corpus_sha256,
       q.quality_context_tokens,
       q.perplexity,
       q.perplexity_error,
       q.quality_reference_name,
       q.quality_reference_sha256,
       q.delta_perplexity,
       q.delta_perplexity_error,
       q.kld_mean,
       q.kld_mean_error,
       q.kld_p99,
       q.top1_agreement,
       q.task_accuracy
FROM v_results AS s
LEFT JOIN LATERAL (
    SELECT *
    FROM v_results AS c
    WHERE c.model_sha256 = s.model_sha256 AND c.node_name = s.node_name AND c.perplexity IS NOT NULL
      AND c.verdict = 'VALID'
    ORDER BY (c.run_id = s.run_id) DESC, c.kld_mean DESC NULLS LAST, c.perplexity DESC, c.point_key
    LIMIT 1
) AS q ON true
WHERE s.perplexity IS NULL;

GRANT SELECT ON v_results, v_latest_results, v_quality_beside_speed TO benchcluster_reader;
