#!/usr/bin/env bash
# Whole-process benchmark: `leakhound scan` against `rg -c -i -F -f <every keyword>`
# on the same generated tree, warm cache. Prints hyperfine's table and peak memory.
#
#   benches/vs_ripgrep.sh [CORPUS_DIR]      (default: benches/corpus, built if missing)
#
# Needs: python3, ripgrep, hyperfine, GNU time (Debian: ripgrep hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-benches/corpus}
[ -d "$corpus" ] || python3 benches/make_corpus.py "$corpus"
cargo build --release --quiet
bin=target/release/leakhound
keywords=$(mktemp)
trap 'rm -f "$keywords" "$keywords.rss"' EXIT
"$bin" rules list --format json |
  python3 -c 'import json,sys; print("\n".join(sorted({k.lower() for r in json.load(sys.stdin) for k in r["keywords"]})))' >"$keywords"
echo "corpus: $corpus ($(find "$corpus" -type f | wc -l) files, $(du -sh --apparent-size "$corpus" | cut -f1)); $(wc -l <"$keywords") keywords; $(nproc) cores"
echo "leakhound: $($bin --version); $(rg --version 2>/dev/null | sed -n 1p)"
hyperfine --warmup 2 --runs 10 --ignore-failure \
  -n leakhound "$bin scan -q --exit-code 0 $corpus" \
  -n ripgrep "rg -c -i -F -f $keywords $corpus"
for cmd in "$bin scan -q --exit-code 0 $corpus" "rg -c -i -F -f $keywords $corpus"; do
  /usr/bin/time -f '%M' -o "$keywords.rss" $cmd >/dev/null 2>&1 || true
  echo "peak RSS $(( $(tail -1 "$keywords.rss") / 1024 )) MiB: ${cmd%% *}"
done
echo "startup (empty dir):"
empty=$(mktemp -d)
hyperfine --warmup 5 --runs 50 -N "$bin scan -q $empty"
rmdir "$empty"
