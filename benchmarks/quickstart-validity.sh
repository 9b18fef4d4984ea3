#!/usr/bin/env bash
# Runs the quick start (`benchcluster run benchmarks.yaml`, local mode) N times, one fresh invocation after the
# other, and counts the runs whose points all came out VALID (issue 11: at least 4 of 5 on a quiet 2-core machine).
#
#   benchmarks/quickstart-validity.sh [N] [SUITE]      N defaults to 5, SUITE to benchmarks.yaml
#
# Per run it prints the 1-minute load average before the run (anything near or above 1 means the machine was not
# quiet), the wall time of the whole command and of the suite itself (the run's start to finish in Postgres, so
# silo start and the model forge are left out), VALID points / all points, and for each INVALID point its CV and
# the verdict's reasons. The JSON of every run is kept under .data/quickstart-validity/<time>/.
# The first run builds and forges what is missing (minutes on a fresh checkout); later runs reuse both.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
suite="${2:-$root/benchmarks.yaml}"

die() { echo "quickstart-validity: $*" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]{0,2}$ ]] || die "N must be a whole number from 1 to 999, got '$runs'"
[ -f "$suite" ] || die "suite file '$suite' does not exist; pass a YAML suite such as benchmarks.yaml"
command -v python3 >/dev/null || die "python3 is needed to read the results' JSON; install it (apt-get install python3)"

out="$root/.data/quickstart-validity/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "quick start validity: $runs run(s) of $suite; JSON in $out"

all_valid=0
began="$(date +%s)"
for i in $(seq 1 "$runs"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  json="$out/run-$i.json"
  started="$(date +%s.%N)"
  rc=0
  "$root/benchcluster" run "$suite" --format json >"$json" 2>"$out/run-$i.log" || rc=$?
  seconds="$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$started" "$(date +%s.%N)")"
  if [ "$rc" -ne 0 ]; then
    echo "run $i/$runs: load $load, FAILED (exit $rc) after $seconds s; see $out/run-$i.log"
    continue
  fi
  run_id="$(python3 -c "import json, sys; r = json.load(open(sys.argv[1])); print(r[0]['runId'] if r else '')" "$json")"
  suite_seconds="?"
  if [[ "$run_id" =~ ^[0-9a-f-]{36}$ ]]; then
    suite_seconds="$("$root/infra/postgres.sh" psql -- -At -c \
      "select round(extract(epoch from finished_at - started_at)::numeric, 1) from runs where run_id = '$run_id'" 2>/dev/null || echo "?")"
  fi
  summary="$(python3 - "$json" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))
valid = sum(1 for r in results if r.get("isValid"))
print(f"{valid}/{len(results)} VALID")
for r in results:
    if r.get("isValid"):
        continue
    # The CV the verdict judges: sample stddev over mean of the repetitions' values (each the mean of its runs).
    values = r.get("repetitionValues") or []
    cv_text = "n/a"
    if len(values) >= 2:
        mean = sum(values) / len(values)
        stddev = (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5
        cv_text = f"{stddev / abs(mean) * 100:.1f} %" if mean else "n/a"
    reasons = "; ".join(r.get("verdictReasons") or [])
    shown = ", ".join(f"{v:.1f}" for v in values)
    print(f"  INVALID {r['pointLabel']}: CV {cv_text} over {len(values)} repetitions (t/s {shown}); {reasons}")
print("all-valid=" + ("yes" if results and valid == len(results) else "no"))
EOF
)"
  echo "run $i/$runs: load $load, $seconds s command, ${suite_seconds} s suite, $(printf '%s\n' "$summary" | head -n 1)"
  printf '%s\n' "$summary" | sed -n '2,$p' | grep -v '^all-valid=' || true
  if printf '%s\n' "$summary" | grep -qx 'all-valid=yes'; then
    all_valid=$((all_valid + 1))
  fi
done
echo "$all_valid of $runs runs all VALID ($(( $(date +%s) - began )) s in all)"
