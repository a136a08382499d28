#!/usr/bin/env bash
# Runs the README's first code block, what a newcomer runs on a fresh clone, line by line and
# literally, in a fresh clone of this repository's HEAD (with ../shared beside it, as here), so
# that the block cannot drift. The block must install, run the demo and run the tests.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
block="$(awk '/^```/ { if (inside) exit; inside = 1; next } inside' "$repo/README.md")"
if ! grep -q '^npm test' <<< "$block"; then
  echo "README.md: the first code block must run the tests (a line starting with 'npm test'); it is:" >&2
  echo "$block" >&2
  exit 1
fi
workspace="$(mktemp -d)"
trap 'rm -rf "$workspace"' EXIT
git clone --quiet "$repo" "$workspace/cohere-rx"
if [ -d "$repo/../shared" ]; then ln -s "$(cd "$repo/../shared" && pwd)" "$workspace/shared"; fi
cd "$workspace/cohere-rx"
while IFS= read -r line; do
  [ -z "${line// /}" ] && continue
  echo "::: README, in a fresh clone: $line"
  bash -euo pipefail -c "$line" < /dev/null
done <<< "$block"
echo "::: README: every line of its first block ran in a fresh clone"
