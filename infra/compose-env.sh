#!/usr/bin/env bash
# Writes the env file docker-compose.yml reads (.env by default): generated passwords of the Postgres logins
# (coordinator, worker, reader), mode 0600, so no password is written in docker-compose.yml. Keeps an existing file (the database was initialised with its password).
#
#   infra/compose-env.sh                 writes ./.env once
#   infra/compose-env.sh --output FILE   writes FILE instead (CI validates the compose file with it)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$root/.env"
while [ $# -gt 0 ]; do
  case "$1" in
    --output) output="${2:?--output needs a file}"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "compose-env: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

if [ -s "$output" ]; then
  echo "compose-env: $output exists; keeping it (its password is the one the database was created with)"
  exit 0
fi
(
  umask 077
  password() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
  printf 'POSTGRES_PASSWORD=%s\nWORKER_PASSWORD=%s\nREADER_PASSWORD=%s\n' "$(password)" "$(password)" "$(password)" > "$output"
)
echo "compose-env: wrote $output (mode 0600); certificates are created by the compose 'certs' step on first start"
