#!/usr/bin/env bash
# Runs once inside the postgres:15 container on its first start (mounted into /docker-entrypoint-initdb.d): creates
# the worker's and the reader's logins with the passwords infra/compose-env.sh generated, so the migration grants
# them exactly what infra/sql/V006__roles.sql says (docs/storage.md, Roles). The coordinator is the image's
# POSTGRES_USER, the schema's owner.
set -euo pipefail
: "${WORKER_PASSWORD:?run infra/compose-env.sh first}" "${READER_PASSWORD:?run infra/compose-env.sh first}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v worker_pw="$WORKER_PASSWORD" -v reader_pw="$READER_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE benchcluster_worker LOGIN NOCREATEDB PASSWORD %L', :'worker_pw') \gexec
SELECT format('CREATE ROLE benchcluster_reader LOGIN NOCREATEDB PASSWORD %L', :'reader_pw') \gexec
GRANT benchcluster_worker, benchcluster_reader TO benchcluster;
SQL
