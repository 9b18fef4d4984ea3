-- Least privilege: one role per part of the system (docs/storage.md, "Roles").
--   coordinator: the role that runs the migrations owns every object here (infra/postgres.sh: benchcluster).
--   benchcluster_worker: a worker silo. Membership rows, its node and model descriptions, new samples, and the
--       outcome of a running job attempt. It cannot delete or rewrite samples, results, runs or finished jobs, nor
--       change the schema.
--   benchcluster_reader: the CLI's read commands and the cluster client (gateway list). SELECT only.
-- Roles belong to the whole server while grants belong to one database, so every database migrated on a server
-- shares these two names; infra/postgres.sh start creates them with LOGIN and a password. A server without them
-- gets NOLOGIN placeholders here when the migrating role may create roles.

DO $roles$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['benchcluster_worker', 'benchcluster_reader'] LOOP
        CONTINUE WHEN EXISTS (SELECT FROM pg_roles WHERE rolname = role_name);
        BEGIN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        EXCEPTION
            -- Another database's migration created it a moment ago.
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'role % does not exist and % may not create it; infra/postgres.sh start creates it, or a superuser runs: CREATE ROLE % LOGIN PASSWORD ''...''',
                    role_name, current_user, role_name;
        END;
    END LOOP;
END
$roles$;

-- Reader: everything that exists now, and what later migrations of this owner create.
GRANT SELECT ON schema_migrations, OrleansQuery, OrleansMembershipVersionTable, OrleansMembershipTable,
    nodes, models, runs, jobs, samples, results,
    v_results, v_run_progress, v_node_summary, v_latest_results, v_sample_timings
    TO benchcluster_reader;
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO benchcluster_reader;

-- Worker, membership: the ADO.NET clustering queries of V001 (the version row is locked FOR UPDATE, which needs
-- UPDATE; the defunct-silo cleanup every silo runs deletes membership rows).
GRANT SELECT ON schema_migrations, OrleansQuery TO benchcluster_worker;
GRANT SELECT, INSERT, UPDATE ON OrleansMembershipVersionTable TO benchcluster_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON OrleansMembershipTable TO benchcluster_worker;

-- Worker, registration at start: upserts of its node and the models it holds.
GRANT SELECT, INSERT, UPDATE ON nodes, models TO benchcluster_worker;

-- Worker, measurements: samples by COPY (INSERT; the retry path's staging table is a temporary table shaped from
-- samples, which needs SELECT). No UPDATE, DELETE or TRUNCATE: a stored sample stays as measured.
GRANT SELECT, INSERT ON samples TO benchcluster_worker;

-- Worker, job outcomes: the fenced UPDATE of Samples/AttemptFence and FinishedJobWriter sets only these columns;
-- the fence's SELECT … FOR SHARE needs UPDATE on some column, which these give.
GRANT SELECT ON jobs TO benchcluster_worker;
GRANT UPDATE (status, last_error, measurement, finished_at) ON jobs TO benchcluster_worker;

-- Column grants cannot say "only from running to finished", so a trigger does: a role that may not move a job's
-- attempt (every role but the coordinator) may only finish an attempt that is running, never rewrite a finished,
-- pending or cancelled job.
CREATE FUNCTION jobs_outcome_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $guard$
BEGIN
    IF has_column_privilege(TG_RELID, 'attempt', 'UPDATE') THEN
        RETURN NEW;
    END IF;
    IF OLD.status <> 'running' OR NEW.status NOT IN ('succeeded', 'failed') THEN
        RAISE EXCEPTION 'permission denied: role % may only finish a running job attempt (job %: % -> %)',
            current_user, OLD.job_id, OLD.status, NEW.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$guard$;

CREATE TRIGGER jobs_outcome_guard BEFORE UPDATE ON jobs FOR EACH ROW EXECUTE FUNCTION jobs_outcome_guard();
