-- Which coordinator activation dispatches a run. Taking a run over bumps coordinator_epoch; every claim carries the
-- epoch it was made under and applies only while it is still the run's, so two coordinators of one run (a split
-- cluster, a frozen silo that wakes up) cannot both dispatch. The lease lets a takeover happen only once the previous
-- holder stopped renewing it; coordinator_owner lets the same activation take its own run again at once.
ALTER TABLE runs ADD COLUMN coordinator_epoch integer NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN coordinator_owner uuid;
ALTER TABLE runs ADD COLUMN coordinator_lease_until timestamptz;
