#!/usr/bin/env bash
# Interleaved comparison of our binding (engine-bench) with llama.cpp's own llama-bench and llama-batched-bench:
# same model, same threads, same settings, same native libraries. Rounds alternate the tools so that a noisy
# machine slows both alike; compare pools every repetition of every round.
#
#   benchmarks/BenchCluster.EngineBench/compare-with-llama-cpp.sh <model.gguf> <llama.cpp tools folder> [rounds] [threads]
#
# The tools folder holds llama-bench and llama-batched-bench built from the release our libraries come from, plus
# symlinks that make them load runtimes/llama/cpu's libraries (see docs/performance.md, "Engine: ours vs llama-bench").
# Results go to .data/engine-bench/<model>-<time>/ (git-ignored).
# On a shared machine, BENCH_NICE=-10 runs both sides at the same raised priority (needs root) so that other work
# disturbs them less; it never favours one side.
set -euo pipefail

model="$(realpath "$1")"
tools="$(realpath "$2")"
rounds="${3:-5}"
threads="${4:-$(nproc)}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/.data/engine-bench/$(basename "$model" .gguf)-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

dotnet build -c Release "$root/benchmarks/BenchCluster.EngineBench" -v quiet -nologo >/dev/null
priority=()
[ -n "${BENCH_NICE:-}" ] && priority=(nice -n "$BENCH_NICE")
bench=("${priority[@]}" dotnet "$root/benchmarks/BenchCluster.EngineBench/bin/Release/net10.0/engine-bench.dll")
llama() { LD_LIBRARY_PATH="$tools" "${priority[@]}" "$tools/$1" "${@:2}"; }

for n in $(seq 1 "$rounds"); do
  round="$(printf '%03d' "$n")" # zero-padded: the globs below list the rounds in order on both sides
  echo "round $n/$rounds" >&2
  "${bench[@]}" run -m "$model" -t "$threads" -r 5 --tests pp512,tg128,pp512+tg128 -o "$out/ours-$round.json" >/dev/null
  llama llama-bench -m "$model" -t "$threads" -p 512 -n 128 -pg 512,128 -r 5 -o json >"$out/llama-bench-$round.json" 2>/dev/null
  "${bench[@]}" run -m "$model" -t "$threads" -r 5 --tests pp128+tg128x8 -o "$out/ours-batched-$round.json" >/dev/null
  "${bench[@]}" run -m "$model" -t "$threads" -r 5 --tests pp128+tg128x8 --no-threadpool -o "$out/ours-batched-no-threadpool-$round.json" >/dev/null
  # llama-batched-bench has no repetitions: six runs of the same shape, the first discarded by compare as warm-up.
  llama llama-batched-bench -m "$model" -t "$threads" -c 2048 -b 2048 -ub 512 -npp 128 -ntg 128 -npl 8,8,8,8,8,8 \
    --output-format jsonl >"$out/batched-bench-$round.jsonl" 2>/dev/null
done

echo "## $(basename "$model"), $threads threads, $rounds interleaved rounds, priority ${BENCH_NICE:-0} ($out)"
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "### One sequence: engine-bench vs llama-bench"
"${bench[@]}" compare --ours "$out"/ours-[0-9]*.json --llama-bench "$out"/llama-bench-*.json
echo "### 8 sequences: engine-bench (persistent threadpool, our default) vs llama-batched-bench"
"${bench[@]}" compare --ours "$out"/ours-batched-[0-9]*.json --batched-bench "$out"/batched-bench-*.jsonl
echo "### 8 sequences: engine-bench --no-threadpool (workers started per decode, as llama-batched-bench) vs llama-batched-bench"
"${bench[@]}" compare --ours "$out"/ours-batched-no-threadpool-*.json --batched-bench "$out"/batched-bench-*.jsonl
