#!/usr/bin/env bash
# Runs each workload suite (benchmarks/workloads/*.yaml, or the suites given) against `benchcluster serve` and against
# llama-server built from the same llama.cpp release, on the same model file with the same settings (as
# serving-parity.sh starts them: same threads, slots, context, batch sizes, F16 KV cache, one KV buffer per slot), and
# prints one Markdown table per workload of what each server measured: output throughput, TTFT and TPOT p50/p99,
# prefix-cache hit rate, TTFO and reasoning tokens where present, error rate and verdict. Tables for docs/workloads.md.
#
#   benchmarks/workloads.sh [suite.yaml ...]
#
# A suite names one OpenAI-compatible endpoint model; the script runs a temporary copy whose every base_url points at
# the server under test (both servers answer to the endpoint's model name). A comment line
#   # workloads-model: <preset> <type>
# picks the forged model both servers load (default qwen2.5-0.5b q4_k_m), and a line
#   # workloads-server-args: <options>
# gives options both servers take alike (the reasoning suite's --reasoning-budget). llama-server keeps its prompt cache (the
# multi-turn and shared-prefix workloads measure it) and extracts reasoning (--jinja --reasoning-format deepseek);
# serve streams a think span as reasoning_content when the model's template opens one. Environment: THREADS (default
# 2), SLOTS (4), CTX_PER_SLOT (2048). Results also land in the local database (./benchcluster results); servers' and
# runs' output in .data/workloads/. Run it on a quiet machine: both servers use every core.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
threads="${THREADS:-2}"
slots="${SLOTS:-4}"
ctx=$(( slots * ${CTX_PER_SLOT:-2048} ))
serve_port=18080
llama_port=18081
logs=".data/workloads"
mkdir -p "$logs" .data/bench-models
suites=("$@")
[ ${#suites[@]} -gt 0 ] || suites=(benchmarks/workloads/*.yaml)

tools="$(benchmarks/BenchCluster.EngineBench/build-llama-cpp-tools.sh)"
dotnet build -c Release src/BenchCluster.Cli -v quiet -nologo >/dev/null
cli=src/BenchCluster.Cli/bin/Release/net10.0/benchcluster
pids=()
stop_servers() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap stop_servers EXIT

wait_ready() { # url name log
  for _ in $(seq 1 240); do
    curl -sf "$1/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$2 did not answer GET /health within 120 s; see $3" >&2
  exit 1
}

for suite in "${suites[@]}"; do
  name="$(basename "$suite" .yaml)"
  if grep -q '^ *fleet:' "$suite"; then
    echo "skipping $name: fleet load needs a cluster of several workers (docs/workloads.md, Load from the whole fleet)" >&2
    continue
  fi
  read -r preset type < <(sed -n 's/^# *workloads-model: *\([^ ]*\) *\([^ ]*\).*/\1 \2/p' "$suite" | head -1; echo "")
  # A suite of in-process models is measured through an endpoint serving its first model's preset and type.
  [ -n "${preset:-}" ] || read -r preset type < <(sed -n 's/^ *- *{name: *[^,]*, *preset: *\([^,]*\), *type: *\([^,}]*\).*/\1 \2/p' "$suite" | head -1; echo "")
  preset="${preset:-qwen2.5-0.5b}"; type="${type:-q4_k_m}"
  model=".data/bench-models/$preset-$type.gguf"
  [ -f "$model" ] || "$cli" forge --preset "$preset" --type "$type" --output "$model" >&2
  alias="$(grep -o 'model: *[A-Za-z0-9._/-]*' <(grep -A3 'endpoint:' "$suite") | head -1 | sed 's/model: *//' || true)"
  alias="${alias:-workload-model}"
  read -r -a server_args < <(sed -n 's/^# *workloads-server-args: *//p' "$suite" | head -1; echo "")

  "$cli" serve --model "$model" --host 127.0.0.1 --port "$serve_port" --slots "$slots" --ctx "$ctx" \
    --threads "$threads" --model-name "$alias" "${server_args[@]}" >"$logs/$name-serve.log" 2>&1 &
  pids+=($!)
  LD_LIBRARY_PATH="$tools" "$tools/llama-server" -m "$model" --host 127.0.0.1 --port "$llama_port" --alias "$alias" \
    -np "$slots" -c "$ctx" -t "$threads" -tb "$threads" -b 2048 -ub 512 -fa auto -ctk f16 -ctv f16 --no-kv-unified \
    --jinja --reasoning-format deepseek --no-webui "${server_args[@]}" >"$logs/$name-llama-server.log" 2>&1 &
  pids+=($!)
  wait_ready "http://127.0.0.1:$serve_port" serve "$logs/$name-serve.log"
  wait_ready "http://127.0.0.1:$llama_port" llama-server "$logs/$name-llama-server.log"

  for server in serve llama-server; do
    port=$serve_port; [ "$server" = serve ] || port=$llama_port
    copy="$logs/$name-$server.yaml"
    python3 benchmarks/workloads/endpoint_suite.py "$suite" "http://127.0.0.1:$port/v1" "$alias" "$server" >"$copy"
    # Each server on its own: the other one idles while this one is measured.
    "$cli" run "$copy" --format json 2>"$logs/$name-$server-run.log" >"$logs/$name-$server.json" \
      || echo "the run of $name against $server failed; see $logs/$name-$server-run.log" >&2
  done
  stop_servers

  python3 - "$name" "$preset-$type" "$logs/$name-serve.json" "$logs/$name-llama-server.json" <<'PY'
import json, sys
name, model, files = sys.argv[1], sys.argv[2], sys.argv[3:]
def num(v, fmt="{:.1f}"):
    return "" if v is None else fmt.format(v)
def lat(r, key, q):
    return num((r.get(key) or {}).get(q))
def cache_hit(r):
    hits = [m for m in r.get("metrics") or [] if "cache_hit" in m.get("name", "")]
    return num(hits[0].get("mean"), "{:.1%}") if hits else ""
print(f"\n### {name} ({model}, both servers on the same file)\n")
print("| server | scenario | output tok/s | TTFT p50 ms | TTFT p99 ms | TPOT p50 ms | TPOT p99 ms | cache hit | TTFO p50 ms | TTFO p99 ms | reasoning tok | errors | verdict |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for server, path in zip(["serve", "llama-server"], files):
    try:
        records = json.load(open(path))
    except (OSError, ValueError):
        print(f"| {server} | (no results: see {path[:-5]}-run.log) |" + " |" * 11)
        continue
    for r in records:
        print(f"| {server} | {r.get('scenario')} | {num(r.get('outputTokensPerSecond'))} | {lat(r,'ttftMs','p50')} | {lat(r,'ttftMs','p99')} "
              f"| {lat(r,'tpotMs','p50')} | {lat(r,'tpotMs','p99')} | {cache_hit(r)} | {lat(r,'ttfoMs','p50')} | {lat(r,'ttfoMs','p99')} "
              f"| {num(r.get('reasoningTokensMean'))} | {num(r.get('errorRate'), '{:.1%}')} | {r.get('verdict')} |")
PY
done
