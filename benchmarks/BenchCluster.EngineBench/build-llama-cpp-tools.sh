#!/usr/bin/env bash
# Builds llama.cpp's own llama-bench and llama-batched-bench from the exact release our native libraries come from,
# and lays them out in a tools folder where they run over runtimes/llama/cpu's libraries (the same .so files our
# binding loads), so that compare-with-llama-cpp.sh measures our binding and not a different build.
#
#   benchmarks/BenchCluster.EngineBench/build-llama-cpp-tools.sh [work folder, default /tmp/benchcluster-llama-cpp]
#
# Prints the tools folder. Nothing lands in the repository; rerunning reuses what is already there. The first run
# takes about 6 minutes on a 2-core machine (cmake and g++ must be installed: apt-get install cmake g++).
set -euo pipefail

work="${1:-/tmp/benchcluster-llama-cpp}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="$(sed -n 's/^NODE_LLAMA_CPP_VERSION="\(.*\)"$/\1/p' "$root/infra/install-native.sh")"
libs="$root/runtimes/llama/cpu"
[ -f "$libs/libllama.v0.5.0.so" ] || { echo "native libraries missing in $libs: run infra/install-native.sh" >&2; exit 1; }

mkdir -p "$work"
cd "$work"
if [ ! -d llama.cpp/.git ]; then
  echo "fetching node-llama-cpp@$version (it carries the llama.cpp source as a git bundle)" >&2
  npm pack "node-llama-cpp@$version" --silent >/dev/null
  tar xzf "node-llama-cpp-$version.tgz" package/llama
  git clone --quiet package/llama/gitRelease.bundle llama.cpp
fi

if [ ! -x llama.cpp/build/bin/llama-bench ] || [ ! -x llama.cpp/build/bin/llama-batched-bench ]; then
  echo "building llama-bench and llama-batched-bench (a few minutes)" >&2
  cmake -S llama.cpp -B llama.cpp/build -DCMAKE_BUILD_TYPE=Release -DLLAMA_BUILD_TESTS=OFF >cmake.log
  cmake --build llama.cpp/build -j"$(nproc)" --target llama-bench llama-batched-bench >>cmake.log
fi

# The tools resolve libllama.so.0, libggml.so.0 and libggml-base.so.0 by soname: point those at the npm libraries.
tools="$work/tools"
rm -rf "$tools"
mkdir -p "$tools"
for file in "$libs"/*; do ln -s "$file" "$tools/$(basename "$file")"; done
ln -s libllama.v0.5.0.so "$tools/libllama.so.0"
ln -s libggml.v0.5.0.so "$tools/libggml.so.0"
ln -s libggml-base.so "$tools/libggml-base.so.0"
# Only the tools' own code comes from the build: their front ends and the common helper library they link.
for file in llama-bench llama-batched-bench libllama-bench-impl.so libllama-batched-bench-impl.so libllama-common.so.0; do
  cp -L "llama.cpp/build/bin/$file" "$tools/$file"
done
echo "$tools"
