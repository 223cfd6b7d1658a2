#!/usr/bin/env bash
# Smoke-test every fuzz target: build them all, then run each for a few seconds over
# its committed seeds (fuzz/seeds/<target>), one after the other. Fails on the first
# crash, timeout or out-of-memory, naming the artifact that reproduces it.
#
#   fuzz/smoke.sh            # 5 seconds per target
#   fuzz/smoke.sh 60         # 60 seconds per target (or FUZZ_SECONDS=60)
#   fuzz/smoke.sh 10 decode  # only some targets
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). Uses the nightly toolchain when one is
# installed, else the stable one with RUSTC_BOOTSTRAP=1 (cargo-fuzz needs nightly-only
# flags such as -Zsanitizer); FUZZ_TOOLCHAIN=stable forces the latter. New inputs the fuzzer finds go to fuzz/corpus/<target>
# (ignored by git); crashes to fuzz/artifacts/<target>.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${FUZZ_SECONDS:-5}}
shift || true
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=(scan_bytes config_parse baseline_parse decode report_roundtrip)
fi

# Two cores: keep builds from taking the whole machine.
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}

# FUZZ_TOOLCHAIN=stable forces the stable fallback (what a stable-only CI would use).
if [ "${FUZZ_TOOLCHAIN:-}" != stable ] && rustup run nightly rustc --version >/dev/null 2>&1; then
  fuzz=(cargo +nightly fuzz)
  echo "smoke: toolchain: $(rustup run nightly rustc --version)"
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
  echo "smoke: toolchain: $(rustc --version) with RUSTC_BOOTSTRAP=1"
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "smoke: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2
  exit 2
fi

start=$(date +%s)
for t in "${targets[@]}"; do
  "${fuzz[@]}" build "$t"
done
echo "smoke: built ${#targets[@]} targets in $(($(date +%s) - start)) s"

failed=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  log="fuzz/artifacts/$t-smoke.log"
  mkdir -p "fuzz/artifacts/$t"
  echo "smoke: $t for ${seconds}s"
  # -timeout: one input taking this long counts as a failure (a hang).
  if "${fuzz[@]}" run "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
      -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-30}" -rss_limit_mb=4096 \
      -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" |
      sed "s/^/smoke:   /" || true
  else
    echo "smoke: $t FAILED; last lines of $log:" >&2
    tail -n 40 "$log" >&2
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "smoke: failing targets: ${failed[*]} (reproduce: cargo fuzz run TARGET fuzz/artifacts/TARGET/<file>)" >&2
  exit 1
fi
echo "smoke: all ${#targets[@]} targets ran ${seconds}s without a crash"
