#!/usr/bin/env bash
# Runs every test of BenchCluster on this machine, setting it up first (infra/setup.sh).
# Tests start what they need themselves: a private PostgreSQL under .data/test-postgres,
# silo processes, engine child processes, forged models under .data/test-models.
#
#   infra/test.sh                      all tests
#   infra/test.sh --filter Gguf        only tests whose name contains "Gguf" (dotnet test --filter)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
filter=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) filter=(--filter "$2"); shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "test: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

"$root/infra/setup.sh"

printf '\n== docker-compose.yml (validated without an engine)\n'
"$root/infra/compose-check.sh"

printf '\n== running tests\n'
start=$(date +%s)
# Tests record the faults and bad input they proved into .data/reliability/; a new run starts a new record.
rm -rf "$root/.data/reliability"
dotnet test "$root/BenchCluster.sln" -c Release --no-build -nologo \
  --logger "console;verbosity=normal" "${filter[@]}"
echo "tests finished in $(( $(date +%s) - start )) s"
printf '\n== reliability record of this run (docs/reliability.md)\n'
"$root/infra/reliability-report.sh"
