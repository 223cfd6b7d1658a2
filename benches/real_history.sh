#!/usr/bin/env bash
# The real-shaped history benchmark of issue 14, in one command: builds what is missing,
# then times `leakhound git` against `git cat-file --batch-all-objects | rg` (vs_git_log.sh)
# and checks that every planted secret is reported at its introducing commit.
#
#   benches/real_history.sh [--git-log] [REPO]      (default REPO: benches/realhistory)
#
# 1. The real-code corpus: $CORPUS if set, else /tmp/rc/corpus if it exists, else
#    benches/realcode/corpus, built with benches/realcode/fetch.py if missing (network).
# 2. REPO, built with benches/make_realhistory.py if missing (55,000 commits, ~2.2 GiB of
#    blob content, repacked with --depth=50 --window=250; about 20 minutes on 2 cores).
#    Its shape: python3 benches/history_shape.py REPO (recorded in benches/realhistory.md).
# 3. benches/vs_git_log.sh --no-git-log REPO; with --git-log, the `git log -p | rg` column
#    too (minutes per run at this size).
# 4. leakhound git --format json REPO, checked with make_realhistory.py --check (only for a
#    repository that make_realhistory.py built: REPO.planted.json lists its secrets).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
skip_log=--no-git-log
if [ "${1-}" = --git-log ]; then
  skip_log=
  shift
fi
repo=$(realpath -m -- "${1:-$root/benches/realhistory}")
cd "$root"
if [ -n "${CORPUS-}" ]; then
  corpus=$CORPUS
elif [ -d /tmp/rc/corpus ]; then
  corpus=/tmp/rc/corpus
else
  corpus=$root/benches/realcode/corpus
fi
[ -d "$corpus" ] || python3 benches/realcode/fetch.py "$corpus"
if [ ! -e "$repo" ]; then
  nice -n 10 python3 benches/make_realhistory.py --corpus "$corpus" "$repo"
fi
benches/vs_git_log.sh $skip_log "$repo"
# Any other repository (a clone a user measures) has no list of planted secrets.
if [ ! -e "$repo.planted.json" ]; then
  echo "no $repo.planted.json: not a generated history, so no planted secrets to check"
  exit 0
fi
report=$(mktemp)
trap 'rm -f "$report"' EXIT
target/release/leakhound git --format json --exit-code 0 "$repo" >"$report"
python3 benches/make_realhistory.py --check "$repo" "$report"
