#!/usr/bin/env bash
# Quality parity: what `benchcluster run` STORES for a quality scenario against llama.cpp's own llama-perplexity,
# on the same model files, corpus, window and libraries. It trains (or takes from the cache) the tiny model
# BenchCluster trains itself (`benchcluster train`, on the grammar corpus), quantizes its F16/Q8_0/Q4_K_M/Q4_0/Q3_K_M/Q2_K siblings with
# `benchcluster forge --from`, runs benchmarks/quality/parity.yaml in local mode (quality against the F16 sibling,
# plus pp/tg speed), then llama-perplexity on the F16 file (--kl-divergence-base) and on each sibling
# (--kl-divergence), and prints perplexity, mean/p99 KL-divergence and top-1 agreement side by side with ratios.
# Goal (issue 12): perplexity within 0.1 %, mean KL-divergence within 1 % (or within the 6 decimals llama-perplexity
# prints, for divergences so small that 1 % is below its last digit).
#
#   benchmarks/quality-parity.sh [context, default 256] [windows, default 64] [threads, default 2]
#
# Needs the tools folder of benchmarks/BenchCluster.EngineBench/build-llama-cpp-tools.sh (built once in /tmp;
# TOOLS=... to point elsewhere). Raw outputs go to .data/quality-parity/<time>/ (git-ignored).
set -euo pipefail

context="${1:-256}"
windows="${2:-64}"
threads="${3:-2}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tools="${TOOLS:-$(benchmarks/BenchCluster.EngineBench/build-llama-cpp-tools.sh)}"
out="$root/.data/quality-parity/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
start=$(date +%s)

trained="$(./benchcluster train 2>"$out/train.log")" || { cat "$out/train.log" >&2; exit 1; }
echo "trained tiny model: $trained" >&2
# File names carry the trained model's key: a local worker matches a path model by its file name, and the families of
# other recipes lie in the same models folder.
prefix="$(basename "$trained" .gguf)"
family="$root/.data/models/quality-parity/$prefix"
mkdir -p "$family"
for type in f16 q8_0 q4_k_m q4_0 q3_k_m q2_k; do
  file="$family/$prefix-$type.gguf"
  [ -f "$file" ] || ./benchcluster forge --from "$trained" --type "$type" --out "$file" >/dev/null 2>>"$out/forge.log"
done
# The held-out grammar text (corpus: grammar in the suite): the model trained on grammar-train, another seed.
corpus="$root/src/BenchCluster.Measurement/Quality/Corpora/GrammarCorpus.eval.txt"

sed -e "s|@FAMILY@|$family|g" -e "s|@PREFIX@|$prefix|g" -e "s|@CONTEXT@|$context|g" -e "s|@WINDOWS@|$windows|g" -e "s|@THREADS@|$threads|g" \
  benchmarks/quality/parity.yaml >"$out/suite.yaml"
echo "benchcluster run (local mode): quality of 6 files against the F16 sibling, and their speed" >&2
./benchcluster run "$out/suite.yaml" --format json >"$out/cluster.json" 2>"$out/cluster.log" \
  || { echo "benchcluster run failed, see $out/cluster.log" >&2; tail -5 "$out/cluster.log" >&2; exit 1; }

llama() { LD_LIBRARY_PATH="$tools" "$tools/$1" "${@:2}"; }
echo "llama-perplexity: the F16 base, then each sibling against it" >&2
llama llama-perplexity -m "$family/$prefix-f16.gguf" -f "$corpus" -c "$context" --chunks "$windows" -t "$threads" \
  --kl-divergence-base "$out/base.kld" >"$out/llama-perplexity-f16.log" 2>&1
for type in f16 q8_0 q4_k_m q4_0 q3_k_m q2_k; do
  llama llama-perplexity -m "$family/$prefix-$type.gguf" -f benchmarks/quality/bundled-tasks.hellaswag.txt --hellaswag \
    --hellaswag-tasks 150 -c "$context" -t "$threads" >"$out/llama-hellaswag-$type.log" 2>&1
done
for type in q8_0 q4_k_m q4_0 q3_k_m q2_k; do
  llama llama-perplexity -m "$family/$prefix-$type.gguf" -c "$context" --chunks "$windows" -t "$threads" \
    --kl-divergence-base "$out/base.kld" --kl-divergence >"$out/llama-perplexity-$type.log" 2>&1
done

echo "## quality: benchcluster (stored results) vs llama-perplexity, context $context, $windows windows, $threads threads, $(($(date +%s) - start)) s ($out)"
python3 benchmarks/quality_parity_table.py "$out"
