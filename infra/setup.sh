#!/usr/bin/env bash
# Installs whatever this machine lacks to run BenchCluster, then builds it. Idempotent: a second run
# only rebuilds what changed. Needs root (or sudo) only when the PostgreSQL package must be installed.
#
#   infra/setup.sh            PostgreSQL server package, Chromium, llama.cpp CPU libraries, vocabularies, build
#   infra/setup.sh --gpu      also the CUDA libraries (GPU nodes)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
gpu=""
for arg in "$@"; do
  case "$arg" in
    --gpu) gpu="--gpu" ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "setup: unknown argument '$arg' (expected --gpu or nothing)" >&2; exit 2 ;;
  esac
done

step() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: '$*' needs root; run it as root or install sudo" >&2; exit 1; fi
}

step "checking tools"
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (https://dot.net); 'dotnet' is not on PATH" >&2; exit 1; }
if ! command -v npm >/dev/null; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
fi

step "PostgreSQL server"
if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "present: $(ls -d /usr/lib/postgresql/*/bin | head -n 1)"
else
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  echo "installed: $(ls -d /usr/lib/postgresql/*/bin | head -n 1)"
fi

step "Chromium (the browser tests of the web pages drive Debian's package; Playwright never downloads one)"
if [ -x /usr/bin/chromium ]; then
  echo "present: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
else
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "installed: $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
fi

step "llama.cpp native libraries and tokenizer vocabularies"
"$root/infra/install-native.sh"
[ -n "$gpu" ] && "$root/infra/install-native.sh" --gpu

step "building BenchCluster"
dotnet build "$root/BenchCluster.sln" -c Release -nologo -v quiet -clp:ErrorsOnly
echo "built: $root/src/BenchCluster.Cli/bin/Release/net10.0/benchcluster"
