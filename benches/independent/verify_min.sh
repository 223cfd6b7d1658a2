#!/usr/bin/env bash
# Re-runs every minimal reproducer of the independent review and says which still fail:
# an M* case is a secret the review found missed (fixed once it gives a finding), an F*
# case a non-secret it found reported (fixed once it gives none). The rule that reports a
# committed .env file as a whole is not counted: it names the file, not the secret.
#
#   benches/independent/verify_min.sh [BIN]      (default: target/release/leakhound)
set -euo pipefail
bin=$(realpath "${1:-target/release/leakhound}")
cd "$(dirname "$0")/cases/min"
fixed=0 open=0
for d in M* F*; do
  n=$("$bin" scan --no-ignore -q --format json --exit-code 0 "$d" 2>/dev/null |
    python3 -c 'import json,sys; print(sum(f["rule_id"] != "dotenv-file-committed" for f in json.load(sys.stdin)["findings"]))')
  case $d in
    M*) if [ "$n" -gt 0 ]; then s=fixed; else s="still missed"; fi ;;
    F*) if [ "$n" -eq 0 ]; then s=fixed; else s="still reported"; fi ;;
  esac
  [ "$s" = fixed ] && fixed=$((fixed + 1)) || open=$((open + 1))
  echo "$d: $s ($n findings)"
done
echo "fixed $fixed, open $open"
