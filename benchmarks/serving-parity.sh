#!/usr/bin/env bash
# In-process serving parity: `benchcluster serve` (the continuous batcher) against llama-server built from the same
# llama.cpp release over the same runtimes/llama/cpu libraries, both driven by BenchCluster's own remote backend with
# the same requests (greedy, ignore_eos, no prompt cache), interleaved rounds that alternate which server goes first.
#
#   benchmarks/serving-parity.sh [rounds, default 3] [extra loadgen-bench serving-parity options...]
#
# Defaults (issue 11): forged qwen2.5-0.5b Q4_K_M, 2 threads, 4 slots of 256 tokens, prompts of 64 tokens, 48 output
# tokens, concurrency 1, 4 and 8, 16 requests per level, server and round. 3 rounds took 569 s on 2 cores (2026-12-06)
# (plus the first build of llama-server, about 15 minutes). Prints a Markdown table for docs/performance.md; the
# servers' output goes to .data/serving-parity/. Run it on a quiet machine: with --threads equal to the cores, any other
# process stalls both servers' ggml barriers and the figures collapse erratically (extra options, e.g. --threads 1,
# pass through).
set -euo pipefail

rounds="${1:-3}"
shift || true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
model=".data/bench-models/qwen2.5-0.5b-q4_k_m.gguf"
logs=".data/serving-parity"
mkdir -p "$logs" "$(dirname "$model")"

tools="$(benchmarks/BenchCluster.EngineBench/build-llama-cpp-tools.sh)"
[ -f "$model" ] || ./benchcluster forge --preset qwen2.5-0.5b --type q4_k_m --output "$model" >&2
dotnet build -c Release src/BenchCluster.Cli -v quiet -nologo >/dev/null
dotnet build -c Release benchmarks/BenchCluster.LoadGenBench -v quiet -nologo >/dev/null

echo "## serve vs llama-server, $(basename "$model"), $rounds rounds ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
dotnet benchmarks/BenchCluster.LoadGenBench/bin/Release/net10.0/loadgen-bench.dll serving-parity \
  --model "$model" --benchcluster src/BenchCluster.Cli/bin/Release/net10.0/benchcluster --llama-server "$tools/llama-server" \
  --rounds "$rounds" --logs "$logs" "$@"
