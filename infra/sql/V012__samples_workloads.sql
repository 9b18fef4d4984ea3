-- Workloads that look like production (issue 13, docs/workloads.md): what each request belonged to and what the
-- server told about it. conversation_id and turn_index place a request in a multi-turn or shared-prefix workload;
-- cached_prompt_tokens is the part of its prompt the backend served from its cache (as the backend reported it);
-- reasoning_tokens counts the output tokens of a reasoning model's thinking and first_output_ns is when its first
-- answer token arrived (TTFO); driver names the worker that sent the request when several drove one scenario;
-- token_counts_exact is false when the event token counts are one-per-event guesses (per-token ITL withheld).
-- All NULL on samples stored before this migration and where they do not apply.
ALTER TABLE samples
    ADD COLUMN conversation_id text,
    ADD COLUMN turn_index integer CHECK (turn_index >= 0),
    ADD COLUMN cached_prompt_tokens integer CHECK (cached_prompt_tokens >= 0),
    ADD COLUMN reasoning_tokens integer CHECK (reasoning_tokens >= 0),
    ADD COLUMN first_output_ns bigint,
    ADD COLUMN driver text,
    ADD COLUMN token_counts_exact boolean;
