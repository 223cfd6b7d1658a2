#!/bin/sh
# Install a leakhound release binary: picks the archive for this OS and CPU, checks it
# against the release's SHA256SUMS, and puts `leakhound` in ~/.local/bin (or --to DIR).
# No root needed. Usage:
#   curl -fsSL https://raw.githubusercontent.com/leakhound/leakhound/main/install.sh | sh
#   sh install.sh [--version vX.Y.Z] [--to DIR] [--target TRIPLE]
# LEAKHOUND_INSTALL_BASE_URL replaces where releases are downloaded from (a mirror, or a
# local directory or file:// URL holding <tag>/<archive> and <tag>/SHA256SUMS).
set -eu

repo_url="https://github.com/leakhound/leakhound"
base_url="${LEAKHOUND_INSTALL_BASE_URL:-$repo_url/releases/download}"
version="${LEAKHOUND_VERSION:-latest}"
to=""
target=""

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

usage() {
    cat <<'EOF'
Install the leakhound binary from a GitHub release.

Usage: install.sh [--version vX.Y.Z] [--to DIR] [--target TRIPLE]

  --version TAG   release to install (default: the latest)
  --to DIR        where to put the binary (default: ~/.local/bin)
  --target TRIPLE archive to fetch (default: detected, e.g. x86_64-unknown-linux-musl)

Environment: LEAKHOUND_INSTALL_BASE_URL (default
https://github.com/leakhound/leakhound/releases/download), LEAKHOUND_VERSION.
EOF
}

while [ "$#" -gt 0 ]; do
    case "$1" in
        --version) [ "$#" -ge 2 ] || die "--version needs a value"; version="$2"; shift 2 ;;
        --to) [ "$#" -ge 2 ] || die "--to needs a value"; to="$2"; shift 2 ;;
        --target) [ "$#" -ge 2 ] || die "--target needs a value"; target="$2"; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

detect_target() {
    os="$(uname -s)"
    arch="$(uname -m)"
    case "$arch" in
        x86_64 | amd64) arch=x86_64 ;;
        aarch64 | arm64) arch=aarch64 ;;
        *) die "no release binary for CPU '$arch': build from source (cargo install --locked leakhound)" ;;
    esac
    case "$os" in
        Linux) echo "$arch-unknown-linux-musl" ;;
        Darwin) echo "$arch-apple-darwin" ;;
        MINGW* | MSYS* | CYGWIN*)
            die "on Windows download leakhound-<version>-x86_64-pc-windows-msvc.zip from $repo_url/releases" ;;
        *) die "no release binary for OS '$os': build from source (cargo install --locked leakhound)" ;;
    esac
}

# fetch URL FILE: an http(s) or file:// URL, or a path on this machine.
fetch() {
    case "$1" in
        http://* | https://* | file://*)
            if command -v curl > /dev/null 2>&1; then
                curl --proto '=https,file' --tlsv1.2 -fsSL -o "$2" "$1" || die "could not download $1"
            elif command -v wget > /dev/null 2>&1; then
                case "$1" in file://*) cp "${1#file://}" "$2" || die "could not read $1" ;;
                    *) wget -q -O "$2" "$1" || die "could not download $1" ;;
                esac
            else
                die "neither curl nor wget is installed"
            fi
            ;;
        *) cp "$1" "$2" 2> /dev/null || die "could not read $1" ;;
    esac
}

sha256_of() {
    if command -v sha256sum > /dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    elif command -v shasum > /dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d ' ' -f 1
    elif command -v openssl > /dev/null 2>&1; then
        openssl dgst -sha256 -r "$1" | cut -d ' ' -f 1
    else
        die "no SHA-256 tool (sha256sum, shasum or openssl) to check the download"
    fi
}

[ -n "$target" ] || target="$(detect_target)"
[ -n "$to" ] || to="${HOME:?HOME is not set (use --to DIR)}/.local/bin"

tmp="$(mktemp -d 2> /dev/null || mktemp -d -t leakhound)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

if [ "$version" = latest ]; then
    # The latest release's tag, from GitHub's API.
    fetch "https://api.github.com/repos/${repo_url#https://github.com/}/releases/latest" "$tmp/latest.json"
    version="$(sed -n 's/.*"tag_name": *"\([^"]*\)".*/\1/p' "$tmp/latest.json" | head -n 1)"
    [ -n "$version" ] || die "could not find the latest release (use --version vX.Y.Z)"
fi
case "$version" in v*) ;; *) version="v$version" ;; esac
case "$version$target" in *[!A-Za-z0-9._-]*) die "unexpected characters in version '$version' or target '$target'" ;; esac

archive="leakhound-${version#v}-$target.tar.gz"
say "installing leakhound $version for $target"
fetch "$base_url/$version/$archive" "$tmp/$archive"
fetch "$base_url/$version/SHA256SUMS" "$tmp/SHA256SUMS"

expected="$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/SHA256SUMS")"
[ -n "$expected" ] || die "SHA256SUMS of $version has no line for $archive"
actual="$(sha256_of "$tmp/$archive")"
[ "$actual" = "$expected" ] || die "checksum mismatch for $archive: expected $expected, got $actual"
say "SHA-256 verified: $actual"

tar -xzf "$tmp/$archive" -C "$tmp"
binary="$tmp/leakhound-${version#v}-$target/leakhound"
[ -f "$binary" ] || die "$archive does not contain leakhound-${version#v}-$target/leakhound"

mkdir -p "$to" || die "could not create $to"
# Copy next to the destination, then rename: a running leakhound is never half-written.
cp "$binary" "$to/.leakhound.tmp.$$" || die "could not write to $to"
chmod 755 "$to/.leakhound.tmp.$$"
mv -f "$to/.leakhound.tmp.$$" "$to/leakhound"
if installed="$("$to/leakhound" --version 2> /dev/null)"; then
    say "installed $to/leakhound ($installed)"
else
    say "installed $to/leakhound, but it does not run on this machine (target $target)"
fi

case ":${PATH:-}:" in
    *":$to:"*) ;;
    *) say "note: $to is not on your PATH; add it, e.g. export PATH=\"$to:\$PATH\"" ;;
esac
