#!/usr/bin/env bash
# Before/after benchmark of two leakhound binaries on the three whole-process
# workloads, side by side in one hyperfine run each (alternating, warm cache):
#   scan    `scan -q` of the generated tree (benches/make_corpus.py, default size)
#   git     `git -q` of the generated history (benches/make_history.py)
#   staged  `staged -q` of a 10,000-file repository with 3 files changed
#
#   benches/ab.sh BEFORE_BIN AFTER_BIN [WORKDIR]
#
# WORKDIR (default benches/ab) keeps the generated inputs between runs. Build the
# "before" binary from the older commit, e.g.
#   git worktree add /tmp/before <rev> && cargo build --release --manifest-path /tmp/before/Cargo.toml
# Needs: python3, git, hyperfine.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 BEFORE_BIN AFTER_BIN [WORKDIR]" >&2; exit 2; }
before=$(realpath "$1")
after=$(realpath "$2")
cd "$(dirname "$0")/.."
work=$(realpath -m "${3:-benches/ab}")
mkdir -p "$work"
[ -d "$work/corpus" ] || python3 benches/make_corpus.py "$work/corpus" >/dev/null
[ -d "$work/history" ] || python3 benches/make_history.py "$work/history" >/dev/null
repo=$work/staged
if [ ! -d "$repo/.git" ]; then
  python3 benches/make_corpus.py "$repo" --files 10000 --size-mb 120 --secrets 0 >/dev/null
  git -C "$repo" init -q -b main
  git -C "$repo" add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@example.org commit -q -m import
fi
git -C "$repo" reset -q --hard
mapfile -t files < <(git -C "$repo" ls-files | grep -E '\.(py|go|ts)$' | head -3)
for f in "${files[@]}"; do echo "# touched by the benchmark" >>"$repo/$f"; done
git -C "$repo" add -- "${files[@]}"
trap 'git -C "$repo" reset -q --hard' EXIT

echo "before: $before ($("$before" --version))"
echo "after:  $after ($("$after" --version))"
echo "$(nproc) cores; $(find "$work/corpus/" -type f | wc -l) files in the tree;" \
  "$(git -C "$work/history" rev-list --all --count) commits in the history"
export SOURCE_DATE_EPOCH=1704067200
hyperfine --warmup 2 --runs 10 --ignore-failure \
  -n "scan before" "$before scan -q $work/corpus" \
  -n "scan after" "$after scan -q $work/corpus"
hyperfine --warmup 1 --runs 5 --ignore-failure \
  -n "git before" "$before git -q $work/history" \
  -n "git after" "$after git -q $work/history"
hyperfine -N --warmup 3 --runs 30 --ignore-failure \
  -n "staged before" "$before staged -q $repo" \
  -n "staged after" "$after staged -q $repo"
