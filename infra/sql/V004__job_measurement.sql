-- What a finished attempt measured besides its samples: the measurement layer's JobMeasurement as JSON with its
-- samples left out (stages, measured window, power, provenance, error). Written in the same fenced update that
-- finishes the attempt, so a result can be recomputed from Postgres alone after a coordinator restart.
ALTER TABLE jobs ADD COLUMN measurement jsonb;
