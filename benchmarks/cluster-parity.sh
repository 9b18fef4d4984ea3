#!/usr/bin/env bash
# Cluster-path parity: what `benchcluster run` STORES against llama.cpp's own tools, over the same native libraries
# (runtimes/llama/cpu) and the same model files. Each round runs, in alternating order (odd rounds llama.cpp first,
# even rounds the cluster first, so drifting load hits both alike):
#   llama-bench -p 512 -n 128 -r 5 -t T              on the forged qwen2.5-0.5b Q4_K_M and the tiny f16 model
#   llama-batched-bench -npp 64 -ntg 64 -npl 8 x6     (-c 1024 -b 2048 -ub 512; the first of the six runs is its warm-up)
#   benchcluster run benchmarks/cluster-parity.yaml   (local mode: pp512, tg128, batched x8, 5 repetitions, T threads)
# and prints per round and as medians the ratios stored t/s ÷ llama.cpp t/s (pp512, tg128, batched S_PP and S_TG).
#
#   benchmarks/cluster-parity.sh [rounds, default 3] [threads, default 2]
#
# 3 rounds took 859 s on a quiet 2-core machine once built (2026-12-06, docs/performance.md). Needs the tools folder of
# benchmarks/BenchCluster.EngineBench/build-llama-cpp-tools.sh (built once in /tmp; TOOLS=... to point elsewhere).
# Raw outputs go to .data/cluster-parity/<time>/ (git-ignored).
set -euo pipefail

rounds="${1:-3}"
threads="${2:-2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools="${TOOLS:-$(benchmarks/BenchCluster.EngineBench/build-llama-cpp-tools.sh)}"
out="$root/.data/cluster-parity/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

# The suite's models, forged where `benchcluster run` looks for them, so both sides read the same files.
models="$root/.data/models"
qwen="$models/synthetic-qwen2.5-0.5b-q4_k_m-s0.gguf"
tiny="$models/synthetic-tiny-f16-s0.gguf"
[ -f "$qwen" ] || ./benchcluster forge --preset qwen2.5-0.5b --type q4_k_m --output "$models/" >&2
[ -f "$tiny" ] || ./benchcluster forge --preset tiny --type f16 --output "$models/" >&2
sed "s/^  threads: \[.*\]/  threads: [$threads]/" benchmarks/cluster-parity.yaml >"$out/suite.yaml"

llama() { LD_LIBRARY_PATH="$tools" "$tools/$1" "${@:2}"; }
llama_side() {
  local round="$1"
  for model in "$qwen" "$tiny"; do
    llama llama-bench -m "$model" -t "$threads" -p 512 -n 128 -r 5 -o json \
      >"$out/llama-bench-$(basename "$model" .gguf)-$round.json" 2>/dev/null
  done
  llama llama-batched-bench -m "$qwen" -t "$threads" -c 1024 -b 2048 -ub 512 -npp 64 -ntg 64 -npl 8,8,8,8,8,8 \
    --output-format jsonl >"$out/batched-bench-$round.jsonl" 2>/dev/null
}
cluster_side() {
  ./benchcluster run "$out/suite.yaml" --format json >"$out/cluster-$1.json" 2>"$out/cluster-$1.log" \
    || { echo "round $1: benchcluster run failed, see $out/cluster-$1.log" >&2; tail -5 "$out/cluster-$1.log" >&2; exit 1; }
}

start=$(date +%s)
for n in $(seq 1 "$rounds"); do
  round="$(printf '%03d' "$n")"
  if [ $((n % 2)) -eq 1 ]; then
    echo "round $n/$rounds: llama.cpp, then the cluster" >&2; llama_side "$round"; cluster_side "$round"
  else
    echo "round $n/$rounds: the cluster, then llama.cpp" >&2; cluster_side "$round"; llama_side "$round"
  fi
done

echo "## cluster path vs llama.cpp: $threads threads, $rounds interleaved rounds, $(($(date +%s) - start)) s ($out)"
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 benchmarks/cluster_parity_ratios.py "$out" "$(basename "$qwen" .gguf)" "$(basename "$tiny" .gguf)"
