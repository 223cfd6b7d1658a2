#!/usr/bin/env bash
# Pre-commit benchmark: `leakhound staged` on a repository of ~10,000 files with a
# typical change (3 files edited, one new line each) staged. Warm cache.
#
#   benches/staged.sh [WORKDIR]     (default: a temporary directory, removed afterwards)
#
# Needs: python3, git, hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/leakhound
work=${1:-$(mktemp -d)}
[ -n "${1:-}" ] || trap 'rm -rf "$work"' EXIT
repo=$work/repo
if [ ! -d "$repo/.git" ]; then
  python3 benches/make_corpus.py "$repo" --files 10000 --size-mb 120 --secrets 0 >/dev/null
  git -C "$repo" init -q -b main
  git -C "$repo" add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -q -m "import"
fi
git -C "$repo" reset -q --hard
mapfile -t files < <(git -C "$repo" ls-files | grep -E '\.(py|go|ts)$' | head -3)
for f in "${files[@]}"; do echo "# touched by the benchmark" >>"$repo/$f"; done
git -C "$repo" add -- "${files[@]}"
echo "repository: $(git -C "$repo" ls-files | wc -l) files; staged: ${files[*]}"
hyperfine -N --warmup 3 --runs 30 "$bin staged -q $repo"
git -C "$repo" reset -q --hard
