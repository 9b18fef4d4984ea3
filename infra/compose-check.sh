#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `docker-compose config` (Debian's docker-compose package,
# installed when missing) with an env file from infra/compose-env.sh, and no password written in the file itself.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compose="$root/docker-compose.yml"
fail() { echo "compose-check: $*" >&2; exit 1; }

if ! command -v docker-compose >/dev/null; then
  [ "$(id -u)" -eq 0 ] || fail "docker-compose is missing; install it with: sudo apt-get install docker-compose"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

env_file="$(mktemp)"
rendered="$(mktemp)"
trap 'rm -f "$env_file" "$rendered"' EXIT
rm -f "$env_file"
"$root/infra/compose-env.sh" --output "$env_file" >/dev/null
[ "$(stat -c %a "$env_file")" = 600 ] || fail "infra/compose-env.sh wrote $env_file with mode $(stat -c %a "$env_file"), not 600"
password="$(sed -n 's/^POSTGRES_PASSWORD=//p' "$env_file")"

docker-compose --project-directory "$root" -f "$compose" --env-file "$env_file" config > "$rendered" \
  || fail "docker-compose config rejected $compose"
grep -q "Password=$password;" "$rendered" || fail "the generated password does not reach the silos' connection string"
if grep -nE '(PASSWORD:[[:space:]]+|Password=)[^$]' "$compose"; then
  fail "a password is written in $compose (above); it must come from the env file"
fi
for service in postgres coordinator worker-1 worker-2; do
  grep -qE "^  $service:" "$rendered" || fail "service $service is missing"
done
grep -q 'pg_isready' "$rendered" && grep -q -- '- 127.0.0.1' "$rendered" || fail "the Postgres health check must use TCP (pg_isready -h 127.0.0.1)"
echo "compose-check: docker-compose.yml is valid ($(docker-compose version --short)), no password in it"
