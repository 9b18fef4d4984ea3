#!/usr/bin/env bash
# Installs llama.cpp's prebuilt native libraries and the real tokenizer vocabularies
# from pinned npm packages into ./runtimes (git-ignored). Idempotent.
#
#   infra/install-native.sh          CPU libraries  -> runtimes/llama/cpu
#   infra/install-native.sh --gpu    CUDA libraries -> runtimes/llama/cuda (GPU nodes only)
#
# The CPU package carries one ggml-cpu variant per instruction set; ggml picks the
# best one for this CPU at run time. The vocabularies come from the llama.cpp source
# bundle shipped inside node-llama-cpp (exactly the release the libraries were built from).
set -euo pipefail

NODE_LLAMA_CPP_VERSION="3.22.1"
# llama-spm (32,000 tokens, Llama 2's tokenizer) keeps the trained tiny model's output layer small enough to train
# in minutes on two cores (docs/quality.md, "The trained tiny model").
VOCABS=(qwen2 llama-bpe llama-spm)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
variant="cpu"
package="@node-llama-cpp/linux-x64"
for arg in "$@"; do
  case "$arg" in
    --gpu) variant="cuda"; package="@node-llama-cpp/linux-x64-cuda" ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "install-native: unknown argument '$arg' (expected --gpu or nothing)" >&2; exit 2 ;;
  esac
done

command -v npm >/dev/null || { echo "install-native: npm is required (apt-get install -y npm)" >&2; exit 1; }

libs_dir="$root/runtimes/llama/$variant"
vocab_dir="$root/runtimes/vocab"
libs_marker="$libs_dir/.installed-$NODE_LLAMA_CPP_VERSION"
vocab_marker="$vocab_dir/.installed-$NODE_LLAMA_CPP_VERSION"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -f "$libs_marker" ]; then
  echo "native libraries: $libs_dir (already installed, $package@$NODE_LLAMA_CPP_VERSION)"
else
  echo "native libraries: fetching $package@$NODE_LLAMA_CPP_VERSION ..."
  (cd "$work" && npm pack --silent "$package@$NODE_LLAMA_CPP_VERSION" >/dev/null)
  mkdir -p "$work/libs"
  tar xzf "$work"/node-llama-cpp-linux-*.tgz -C "$work/libs" --wildcards 'package/bins/*'
  bins="$(find "$work/libs/package/bins" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
  [ -n "$bins" ] || { echo "install-native: $package has no bins/ folder" >&2; exit 1; }
  rm -rf "$libs_dir.tmp" && mkdir -p "$libs_dir.tmp"
  cp -a "$bins"/. "$libs_dir.tmp"/
  rm -f "$libs_dir.tmp"/*.node
  touch "$libs_dir.tmp/.installed-$NODE_LLAMA_CPP_VERSION"
  rm -rf "$libs_dir" && mv "$libs_dir.tmp" "$libs_dir"
  echo "native libraries: installed into $libs_dir"
fi

vocabs_present=1
for v in "${VOCABS[@]}"; do [ -f "$vocab_dir/ggml-vocab-$v.gguf" ] || vocabs_present=0; done
if [ -f "$vocab_marker" ] && [ "$vocabs_present" = 1 ]; then
  echo "vocabularies:     $vocab_dir (already installed)"
else
  echo "vocabularies:     fetching node-llama-cpp@$NODE_LLAMA_CPP_VERSION (llama.cpp source bundle) ..."
  (cd "$work" && npm pack --silent "node-llama-cpp@$NODE_LLAMA_CPP_VERSION" >/dev/null)
  tar xzf "$work"/node-llama-cpp-$NODE_LLAMA_CPP_VERSION.tgz -C "$work" package/llama/gitRelease.bundle
  git init -q --bare "$work/bundle.git"
  git --git-dir="$work/bundle.git" fetch -q "$work/package/llama/gitRelease.bundle" HEAD
  rm -rf "$vocab_dir.tmp" && mkdir -p "$vocab_dir.tmp"
  for v in "${VOCABS[@]}"; do
    git --git-dir="$work/bundle.git" show "FETCH_HEAD:models/ggml-vocab-$v.gguf" > "$vocab_dir.tmp/ggml-vocab-$v.gguf"
  done
  touch "$vocab_dir.tmp/.installed-$NODE_LLAMA_CPP_VERSION"
  rm -rf "$vocab_dir" && mv "$vocab_dir.tmp" "$vocab_dir"
  echo "vocabularies:     installed into $vocab_dir"
fi
