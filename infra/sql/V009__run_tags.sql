-- Run tags: names a person gives a run ("main", "pr-123", "llama-b4567") so compare can name runs by tag instead of
-- id. A tag may sit on many runs; compare takes the newest completed one. The GIN index serves tags @> ARRAY[tag].
-- benchcluster_reader reads the new column through its table-wide SELECT on runs (V006's default privileges).
ALTER TABLE runs ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

CREATE INDEX runs_tags ON runs USING gin (tags);
