#!/usr/bin/env bash
# Builds llama.cpp's own llama-bench, llama-batched-bench and llama-server from the exact release our native libraries
# come from, and lays them out in a tools folder where they run over runtimes/llama/cpu's libraries (the same .so files
# our binding loads), so that compare-with-llama-cpp.sh and serving-parity.sh measure our code and not a different build.
#
#   benchmarks/BenchCluster.EngineBench/build-llama-cpp-tools.sh [work folder, default /tmp/benchcluster-llama-cpp]
#
# Prints the tools folder. Nothing lands in the repository; rerunning reuses what is already there. The first run
# takes about 15 minutes on a 2-core machine (cmake and g++ must be installed: apt-get install cmake g++).
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

programs=(llama-bench llama-batched-bench llama-server llama-perplexity llama-quantize)
for program in "${programs[@]}"; do
  if [ ! -x "llama.cpp/build/bin/$program" ]; then
    echo "building ${programs[*]} (several minutes)" >&2
    cmake -S llama.cpp -B llama.cpp/build -DCMAKE_BUILD_TYPE=Release -DLLAMA_BUILD_TESTS=OFF >cmake.log
    cmake --build llama.cpp/build -j"$(nproc)" --target "${programs[@]}" >>cmake.log
    break
  fi
done

# The tools resolve libllama.so.0, libggml.so.0 and libggml-base.so.0 by soname: point those at the npm libraries.
tools="$work/tools"
rm -rf "$tools"
mkdir -p "$tools"
for file in "$libs"/*; do ln -s "$file" "$tools/$(basename "$file")"; done
ln -s libllama.v0.5.0.so "$tools/libllama.so.0"
ln -s libggml.v0.5.0.so "$tools/libggml.so.0"
ln -s libggml-base.so "$tools/libggml-base.so.0"
# Only the tools' own code comes from the build: their front ends and the helper libraries they link (llama-bench-impl,
# llama-common, llama-server-impl, mtmd, ...); libllama and libggml* stay the npm ones linked above.
for program in "${programs[@]}"; do cp -L "llama.cpp/build/bin/$program" "$tools/$program"; done
for file in llama.cpp/build/bin/lib*.so*; do
  name="$(basename "$file")"
  case "$name" in libllama.so* | libggml*) continue ;; esac
  # Never through a link into runtimes/: a name the npm package ships stays the npm file.
  [ -e "$tools/$name" ] || [ -L "$tools/$name" ] && continue
  cp -L "$file" "$tools/$name"
done
echo "$tools"
