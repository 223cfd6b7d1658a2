#!/usr/bin/env bash
# Whole-history benchmark: `leakhound git` against `git log -p --all | rg -c -i -F -f <every keyword>`
# and against `git cat-file --batch-all-objects --batch --unordered | rg -c -a AKIA` (every blob
# read once, one literal searched: the floor issue 14 measures against) on the same
# repository, warm cache. Prints hyperfine's table (user and wall time: user/wall says how
# many cores a command kept busy) and peak memory.
#
#   benches/vs_git_log.sh [--no-git-log] [REPO]      (default: benches/history, built with make_history.py if missing)
#
# --no-git-log leaves out the `git log -p | rg` column (it takes minutes per run on a
# history of several GiB); the other two are measured the same way.
#
# The baseline only greps the patch text for rule keywords (no regexes, no validation), so it is
# a floor for "read every change in history once", not an equivalent scanner.
# Peak RSS of the pipeline is that of its largest process (GNU time reports the maximum over
# the shell and the processes it waited for, not their sum).
#
# Needs: python3, git, ripgrep, hyperfine, GNU time (Debian: git ripgrep hyperfine time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
with_log=1
if [ "${1-}" = --no-git-log ]; then
  with_log=0
  shift
fi
if [ $# -gt 0 ]; then
  repo=$(realpath -m -- "$1")
else
  repo=$root/benches/history
fi
cd "$root"
[ -e "$repo" ] || python3 benches/make_history.py "$repo"
cargo build --release --quiet
bin=$root/target/release/leakhound
keywords=$(mktemp)
trap 'rm -f "$keywords" "$keywords.rss"' EXIT
"$bin" rules list --format json |
  python3 -c 'import json,sys; print("\n".join(sorted({k.lower() for r in json.load(sys.stdin) for k in r["keywords"]})))' >"$keywords"

commits=$(git -C "$repo" rev-list --all --count)
blobs=$(git -C "$repo" cat-file --batch-all-objects --batch-check='%(objecttype)' | grep -c '^blob$')
packed=$(git -C "$repo" count-objects -vH | sed -n 's/^size-pack: //p')
echo "repo: $repo ($commits commits, $blobs distinct blobs, $packed packed); $(wc -l <"$keywords") keywords; $(nproc) cores"
echo "leakhound: $("$bin" --version); $(git --version); $(rg --version 2>/dev/null | sed -n 1p)"

lh="$bin git -q --exit-code 0 '$repo'"
gl="sh -c \"git -C '$repo' log -p --all | rg -c -i -F -f '$keywords'\""
cf="sh -c \"git -C '$repo' cat-file --batch-all-objects --batch --unordered | rg -c -a AKIA\""
names=("leakhound git" "git log -p | rg" "git cat-file | rg")
commands=(-n "leakhound git" "$lh" -n "git log -p | rg" "$gl" -n "git cat-file | rg" "$cf")
if [ $with_log = 0 ]; then
  names=("leakhound git" "git cat-file | rg")
  commands=(-n "leakhound git" "$lh" -n "git cat-file | rg" "$cf")
fi
hyperfine --warmup 1 --runs 5 --ignore-failure "${commands[@]}"
for name in "${names[@]}"; do
  case $name in
    "leakhound git") cmd=$lh ;;
    "git log -p | rg") cmd=$gl ;;
    *) cmd=$cf ;;
  esac
  eval "/usr/bin/time -f %M -o \"\$keywords.rss\" $cmd" >/dev/null 2>&1 || true
  echo "peak RSS $(( $(tail -1 "$keywords.rss") / 1024 )) MiB: $name"
done
