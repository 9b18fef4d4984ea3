#!/usr/bin/env bash
# Prints the fault table and the bad-input catalogue that the last test run recorded under .data/reliability/
# (tests call BenchCluster.Testing.Reliability.ReliabilityLog after their assertions pass), as Markdown.
# docs/reliability.md is this output, from a run of infra/test.sh; infra/test.sh prints it after the tests.
#
#   infra/reliability-report.sh            print to stdout
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
folder="$root/.data/reliability"
command -v jq >/dev/null || { echo "reliability-report: jq is required (apt-get install jq)" >&2; exit 1; }

seconds='if . == null then "—" else (. * 10 | round / 10 | tostring) + " s" end'

echo "### Faults"
echo
echo "| fault | what happened | detected after | recovered after | data check | test |"
echo "|---|---|---|---|---|---|"
if [ -s "$folder/faults.jsonl" ]; then
  jq -rs "sort_by(.fault) | .[] | \"| \(.fault) | \(.what_happened) | \(.detection_seconds | $seconds) | \(.recovery_seconds | $seconds) | \(.data_check) | \`\(.test)\` |\"" \
    "$folder/faults.jsonl"
fi
echo
echo "### Bad input"
echo
echo "| surface | input | cases | response | test |"
echo "|---|---|---|---|---|"
if [ -s "$folder/bad-input.jsonl" ]; then
  jq -rs 'sort_by(.surface, .input) | .[] | "| \(.surface) | \(.input) | \(.cases) | \(.response) | `\(.test)` |"' \
    "$folder/bad-input.jsonl"
fi
