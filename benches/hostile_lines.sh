#!/usr/bin/env bash
# Hostile single-line inputs: how long `leakhound scan` takes on each (the work must
# grow linearly with the input). Prints wall time, peak RSS and the findings count.
#
#   benches/hostile_lines.sh [BIN]      (default: target/release/leakhound, built)
#
# Needs: python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then bin=$1; else cargo build --release --quiet; bin=target/release/leakhound; fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 benches/hostile_lines.py "$dir"
for f in pct b64 aws pem long join; do
  size=$(du -h --apparent-size "$dir/$f.txt" | cut -f1)
  /usr/bin/time -f "%e s, peak RSS %M KB" -o "$dir/time" \
    "$bin" scan -q --format json --exit-code 0 "$dir/$f.txt" >"$dir/$f.json" || true
  n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$dir/$f.json")
  echo "$f.txt ($size, one line): $(tail -1 "$dir/time"); $n findings"
done
