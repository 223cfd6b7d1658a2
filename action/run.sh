#!/usr/bin/env bash
# The GitHub Action's logic (action.yml calls it), kept here so that it can be run and
# tested outside GitHub with the environment a runner sets.
#
#   run.sh scan      install leakhound if needed, decide what to scan, scan once with
#                    `--format github` (annotations; the findings table goes to
#                    $GITHUB_STEP_SUMMARY) and a SARIF report; write the step outputs.
#                    Exits 0 when the scan ran, whatever it found (so the SARIF upload
#                    step can run), and 2 when it could not run or was incomplete.
#   run.sh verdict   fail (exit 1) when the scan found leaks and fail-on-findings is on.
#
# Inputs arrive as INPUT_* variables (set by action.yml): INPUT_SCAN (auto, range,
# history, tree), INPUT_RANGE, INPUT_VERSION, INPUT_ARGS, INPUT_PATH, INPUT_SARIF,
# INPUT_DOWNLOAD_URL, INPUT_FAIL_ON_FINDINGS, and for `verdict` INPUT_EXIT_CODE.
set -euo pipefail

ZERO_SHA=0000000000000000000000000000000000000000

# An error annotation (the message escaped as workflow commands need), then exit 2.
die() {
  local m=${1//%/%25}
  m=${m//$'\r'/%0D}
  printf '::error title=leakhound::%s\n' "${m//$'\n'/%0A}"
  exit 2
}

note() {
  printf 'leakhound action: %s\n' "$1"
}

# Appends `name=value` to $GITHUB_OUTPUT (a step output), if the runner named one; a
# line break in the value (from an input) would start another output, so it is a blank.
output() {
  if [ -n "${GITHUB_OUTPUT:-}" ]; then
    printf '%s=%s\n' "$1" "$(printf '%s' "$2" | tr '\r\n' '  ')" >>"$GITHUB_OUTPUT"
  fi
}

# A field of the event payload ($GITHUB_EVENT_PATH), by jq path; empty when absent.
event() {
  local file=${GITHUB_EVENT_PATH:-}
  [ -n "$file" ] && [ -f "$file" ] || return 0
  if command -v jq >/dev/null 2>&1; then
    jq -r "$1 // empty" "$file"
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$file" "$1" <<'PY'
import json, sys
value = json.load(open(sys.argv[1], encoding="utf-8"))
for key in sys.argv[2].lstrip(".").split("."):
    value = value.get(key) if isinstance(value, dict) else None
if value is not None and value is not False:
    print(value if not isinstance(value, bool) else "true")
PY
  fi
}

# Sets TARGET, the release target triple of this runner (not in a subshell: die must
# end the script).
runner_target() {
  local os=${RUNNER_OS:-$(uname -s)} arch=${RUNNER_ARCH:-$(uname -m)}
  case "$os/$arch" in
  Linux/X64 | Linux/x86_64) TARGET=x86_64-unknown-linux-musl ;;
  Linux/ARM64 | Linux/aarch64) TARGET=aarch64-unknown-linux-musl ;;
  macOS/X64 | Darwin/x86_64) TARGET=x86_64-apple-darwin ;;
  macOS/ARM64 | Darwin/arm64) TARGET=aarch64-apple-darwin ;;
  Windows/X64) TARGET=x86_64-pc-windows-msvc ;;
  *) die "no leakhound release for $os/$arch: install leakhound on PATH before this step" ;;
  esac
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# The version to install: the input, else the action's own ref when it is a release tag
# (uses: …/leakhound@v1.2.3), else the latest release.
wanted_version() {
  local v=${INPUT_VERSION:-}
  if [ -z "$v" ]; then
    case "${LEAKHOUND_ACTION_REF:-}" in
    v[0-9]*.*.*) v=${LEAKHOUND_ACTION_REF} ;;
    *) v=latest ;;
    esac
  fi
  echo "${v#v}"
}

# Downloads url $1 to file $2.
fetch() {
  curl --fail --silent --show-error --location --retry 3 --output "$2" "$1" ||
    die "could not download $1"
}

# Installs the release archive for this runner into $RUNNER_TEMP and puts it first on
# PATH, after checking it against the release's SHA256SUMS.
install_release() {
  local version=$1 target base archive dir want got
  runner_target
  target=$TARGET
  base=${INPUT_DOWNLOAD_URL:-}
  if [ -z "$base" ]; then
    [ -n "${LEAKHOUND_ACTION_REPOSITORY:-}" ] ||
      die "cannot tell which repository to download leakhound from: set the version and download-url inputs, or install leakhound on PATH"
    base="${GITHUB_SERVER_URL:-https://github.com}/$LEAKHOUND_ACTION_REPOSITORY/releases"
  fi
  base=${base%/}
  if [ "$version" = latest ]; then
    # /releases/latest redirects to /releases/tag/vX.Y.Z.
    version=$(curl --fail --silent --show-error --location --output /dev/null \
      --write-out '%{url_effective}' "$base/latest") ||
      die "could not find the latest release at $base/latest"
    version=${version##*/}
    version=${version#v}
  fi
  case "$target" in
  *windows*) archive="leakhound-$version-$target.zip" ;;
  *) archive="leakhound-$version-$target.tar.gz" ;;
  esac
  dir="$RUNNER_TEMP/leakhound-$version"
  rm -rf "$dir"
  mkdir -p "$dir/unpacked"
  note "installing leakhound $version ($target) from $base/download/v$version/"
  fetch "$base/download/v$version/$archive" "$dir/$archive"
  fetch "$base/download/v$version/SHA256SUMS" "$dir/SHA256SUMS"
  want=$(awk -v name="$archive" '{ f = $2; sub(/^\*/, "", f) } f == name { print $1; exit }' \
    "$dir/SHA256SUMS")
  [ -n "$want" ] || die "SHA256SUMS of release v$version does not list $archive"
  got=$(sha256_of "$dir/$archive")
  [ "$want" = "$got" ] ||
    die "checksum mismatch for $archive: SHA256SUMS says $want, the download is $got"
  case "$archive" in
  *.zip) unzip -q "$dir/$archive" -d "$dir/unpacked" ;;
  *) tar -xzf "$dir/$archive" -C "$dir/unpacked" ;;
  esac
  local bin
  bin=$(find "$dir/unpacked" -type f \( -name leakhound -o -name leakhound.exe \) | head -n 1)
  [ -n "$bin" ] || die "$archive holds no leakhound binary"
  chmod +x "$bin"
  PATH="$(dirname "$bin"):$PATH"
  export PATH
  if [ -n "${GITHUB_PATH:-}" ]; then
    # Later steps read it as the runner's own path (C:\… on Windows, not /c/…).
    if command -v cygpath >/dev/null 2>&1; then
      cygpath -w "$(dirname "$bin")" >>"$GITHUB_PATH"
    else
      dirname "$bin" >>"$GITHUB_PATH"
    fi
  fi
}

ensure_leakhound() {
  if [ -z "${INPUT_VERSION:-}" ] && command -v leakhound >/dev/null 2>&1; then
    note "using $(command -v leakhound) ($(leakhound --version))"
    return
  fi
  install_release "$(wanted_version)"
  note "using $(leakhound --version)"
}

# Whether $1 names a commit in the repository at $INPUT_PATH.
have_commit() {
  git -C "${INPUT_PATH:-.}" cat-file -e "$1^{commit}" 2>/dev/null
}

# Sets SELECT (leakhound arguments choosing what to scan) and WHAT (its description).
choose_scan() {
  local scan=${INPUT_SCAN:-auto} event_name=${GITHUB_EVENT_NAME:-} base head
  SELECT=()
  # (Checked here: `event` runs in a subshell, where die could not end the script.)
  if ! command -v jq >/dev/null 2>&1 && ! command -v python3 >/dev/null 2>&1; then
    die "reading the event payload needs jq or python3 on the runner"
  fi
  if [ "$scan" = auto ] && [ -n "${INPUT_RANGE:-}" ]; then
    scan=range
  elif [ "$scan" = auto ]; then
    case "$event_name" in
    pull_request | pull_request_target) scan=range ;;
    push) scan=range ;;
    *) scan=history ;;
    esac
  fi
  case "$scan" in
  history)
    SELECT=(git)
    WHAT="the whole history"
    ;;
  tree)
    SELECT=(scan)
    WHAT="the working tree"
    ;;
  range)
    if [ -n "${INPUT_RANGE:-}" ]; then
      case "$INPUT_RANGE" in
      *[[:space:]]*) die "the range input must be one BASE..HEAD with no blanks or newlines" ;;
      esac
      SELECT=(git --range "$INPUT_RANGE")
      WHAT="the range $INPUT_RANGE"
      return
    fi
    case "$event_name" in
    pull_request | pull_request_target)
      base=$(event .pull_request.base.sha)
      head=$(event .pull_request.head.sha)
      [ -n "$base" ] && [ -n "$head" ] ||
        die "the $event_name event payload has no pull_request.base.sha and head.sha"
      SELECT=(git --range "$base..$head")
      WHAT="the pull request's commits ($base..$head)"
      ;;
    push)
      base=$(event .before)
      head=$(event .after)
      [ -n "$head" ] || die "the push event payload has no \"after\" commit"
      if [ "$head" = "$ZERO_SHA" ]; then
        SELECT=()
        WHAT="nothing: the push deleted ${GITHUB_REF:-a ref}"
      elif [ -n "$base" ] && [ "$base" != "$ZERO_SHA" ] && have_commit "$base"; then
        SELECT=(git --range "$base..$head")
        WHAT="the pushed commits ($base..$head)"
      else
        # A new branch or tag (before is all zeros), or a force push whose old tip is
        # not in the clone: what the default branch does not already have, else all
        # history reachable from the pushed commit.
        local default
        default=$(event .repository.default_branch)
        if [ -n "$default" ] && have_commit "refs/remotes/origin/$default" &&
          [ "$(git -C "${INPUT_PATH:-.}" rev-parse "refs/remotes/origin/$default")" != "$head" ]; then
          SELECT=(git --range "origin/$default..$head")
          WHAT="the pushed commits that $default lacks (origin/$default..$head)"
        else
          SELECT=(git --rev "$head")
          WHAT="the history of the pushed commit $head"
        fi
      fi
      ;;
    *)
      die "scan: range needs a pull_request or push event, or the range input (BASE..HEAD); this is a ${event_name:-local} run"
      ;;
    esac
    ;;
  *)
    die "scan must be auto, range, history or tree, not \"$scan\""
    ;;
  esac
}

scan() {
  [ -n "${RUNNER_TEMP:-}" ] || die "RUNNER_TEMP is not set (it is on every GitHub runner)"
  ensure_leakhound
  choose_scan
  output scanned "$WHAT"
  if [ ${#SELECT[@]} -eq 0 ]; then
    note "scanning $WHAT"
    output exit-code 0
    output sarif ""
    return 0
  fi
  local extra=() sarif="$RUNNER_TEMP/leakhound.sarif" code=0
  # One argument per line when the input has several lines, else split at blanks.
  # Trailing newlines do not count (`args: |` with one line ends in one).
  local args_in=${INPUT_ARGS:-}
  while [ "${args_in%$'\n'}" != "$args_in" ]; do args_in=${args_in%$'\n'}; done
  if [ -n "$args_in" ]; then
    case "$args_in" in
    *$'\n'*)
      # (No mapfile: macOS's /bin/bash is 3.2.)
      local line
      while IFS= read -r line; do
        if [ -n "${line//[[:space:]]/}" ]; then extra+=("$line"); fi
      done <<<"$args_in"
      ;;
    *) read -r -a extra <<<"$args_in" ;;
    esac
  fi
  rm -f "$sarif"
  note "scanning $WHAT"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    printf '### leakhound: %s\n\n' "$WHAT" >>"$GITHUB_STEP_SUMMARY"
  fi
  leakhound "${SELECT[@]}" --format github --report "sarif=$sarif" \
    ${extra[@]+"${extra[@]}"} "${INPUT_PATH:-.}" || code=$?
  output exit-code "$code"
  if [ -f "$sarif" ]; then
    output sarif "$sarif"
  else
    output sarif ""
  fi
  case "$code" in
  0 | 1) return 0 ;;
  *) die "leakhound could not complete the scan (exit $code): see its messages above" ;;
  esac
}

verdict() {
  local code=${INPUT_EXIT_CODE:-}
  case "$code" in
  0) ;;
  1)
    case "${INPUT_FAIL_ON_FINDINGS:-true}" in
    false) note "leaks found; fail-on-findings is false, so the job goes on" ;;
    *)
      printf '::error title=leakhound::leaks found: see the annotations and the job summary\n'
      exit 1
      ;;
    esac
    ;;
  *) die "no scan result (exit code \"$code\")" ;;
  esac
}

case "${1:-}" in
scan) scan ;;
verdict) verdict ;;
*)
  echo "usage: run.sh scan|verdict" >&2
  exit 2
  ;;
esac
