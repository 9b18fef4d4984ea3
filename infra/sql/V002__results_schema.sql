-- BenchCluster's results schema: who measured (nodes), what (models), which suite (runs, jobs), the raw
-- measurements (samples) and the aggregates users compare (results).
-- Wall-clock times are timestamptz; measurement times are monotonic-clock nanoseconds (bigint) from the node
-- that took them, comparable only within one job.

CREATE TABLE nodes
(
    node_name text PRIMARY KEY,
    device_kind text NOT NULL,
    device_name text NOT NULL,
    cpu_model text,
    cores integer,
    ram_bytes bigint,
    vram_bytes bigint,
    price_usd_per_hour double precision,
    watts double precision,
    address text,
    first_seen timestamptz NOT NULL DEFAULT now(),
    last_seen timestamptz NOT NULL DEFAULT now(),
    capabilities jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE models
(
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    file_name text NOT NULL,
    architecture text,
    parameter_count bigint,
    file_size_bytes bigint NOT NULL CHECK (file_size_bytes >= 0),
    quantization text,
    context_length integer,
    is_synthetic boolean NOT NULL DEFAULT false,
    synthetic_preset text,
    metadata jsonb NOT NULL DEFAULT '{}',
    first_seen timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE runs
(
    run_id uuid PRIMARY KEY,
    suite_name text NOT NULL,
    suite_text text NOT NULL,
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    submitted_by text NOT NULL,
    submitted_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz,
    error text,
    settings jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX runs_submitted_at ON runs (submitted_at DESC);

-- One job = one repetition of one matrix point on one node. Its identity is (run, point, pinned node, repetition):
-- node_name is the node the point was expanded for, NULL when any eligible node may run it. assigned_node is where
-- the current attempt runs; a retry on another node keeps the job id and bumps attempt.
-- Fencing: attempt is incremented by every dispatch, and a write (samples, status) names the attempt it belongs to;
-- it applies only while that attempt is current and running, so a killed, hung or partitioned worker cannot
-- overwrite the work of its successor.
CREATE TABLE jobs
(
    job_id uuid PRIMARY KEY,
    run_id uuid NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    point_key text NOT NULL,
    node_name text,
    repetition integer NOT NULL CHECK (repetition >= 0),
    spec jsonb NOT NULL,
    model_ref text NOT NULL,
    scenario text NOT NULL,
    status text NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled')),
    attempt integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
    assigned_node text,
    last_error text,
    queued_at timestamptz NOT NULL DEFAULT now(),
    started_at timestamptz,
    finished_at timestamptz,
    CONSTRAINT jobs_identity UNIQUE NULLS NOT DISTINCT (run_id, point_key, node_name, repetition)
);

CREATE INDEX jobs_run_status ON jobs (run_id, status);

-- One row per request, micro-benchmark repetition or batched sequence, exactly as measured (BenchCluster.Measurement's
-- Sample). Written only by binary COPY through a staging table, keyed (job, attempt, seq) so a repeated write is a
-- no-op. No foreign key: the writer checks the job row (and locks it) in the same transaction, and per-row
-- constraint triggers would cost most of the ingestion rate.
CREATE TABLE samples
(
    job_id uuid NOT NULL,
    attempt integer NOT NULL CHECK (attempt > 0),
    seq integer NOT NULL CHECK (seq >= 0),
    run_id uuid NOT NULL,
    kind text NOT NULL,
    is_warmup boolean NOT NULL,
    stage integer NOT NULL DEFAULT 0,
    scheduled_ns bigint,
    sent_ns bigint NOT NULL,
    first_token_ns bigint,
    prompt_end_ns bigint,
    end_ns bigint NOT NULL,
    event_ns bigint[] NOT NULL DEFAULT '{}',
    event_token_counts integer[] NOT NULL DEFAULT '{}',
    prompt_tokens integer NOT NULL,
    output_tokens integer NOT NULL,
    server_prompt_tokens integer,
    server_output_tokens integer,
    requested_output_tokens integer NOT NULL,
    error text,
    PRIMARY KEY (job_id, attempt, seq)
);

-- Aggregates per matrix point and node, derived from the samples of the succeeded attempts of its repetitions.
-- parameters holds the measurement layer's JobParameters JSON (camelCase keys: threads, batchSize, ...);
-- model_sha256 is NULL for hosted models reached through an endpoint (model_ref names them).
CREATE TABLE results
(
    run_id uuid NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
    point_key text NOT NULL,
    node_name text NOT NULL,
    model_ref text NOT NULL,
    model_sha256 text,
    scenario text NOT NULL,
    parameters jsonb NOT NULL DEFAULT '{}',
    metrics jsonb NOT NULL DEFAULT '{}',
    tokens_per_second_mean double precision,
    tokens_per_second_stddev double precision,
    cost_usd_per_mtok_input double precision,
    cost_usd_per_mtok_output double precision,
    cost_usd_per_mtok_blended double precision,
    verdict text NOT NULL CHECK (verdict IN ('VALID', 'INVALID')),
    verdict_reasons text[] NOT NULL DEFAULT '{}',
    provenance jsonb NOT NULL DEFAULT '{}',
    repetitions integer NOT NULL CHECK (repetitions >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, point_key, node_name)
);

CREATE INDEX results_model_node ON results (model_sha256, node_name, scenario);
