# syntax=docker/dockerfile:1
# leakhound in a container: a static (musl) binary on Alpine, with git for history scans.
#   docker build -t leakhound .
#   docker run --rm -v "$PWD:/src" leakhound scan        # the working tree
#   docker run --rm -v "$PWD:/src" leakhound git         # the whole history
# tests/cli/packaging.rs lints this file (hadolint) and checks the points below.

# Build stage: Rust on Alpine targets musl and links statically by default; the bundled
# C code (libgit2, SQLite, zlib) is compiled with Alpine's gcc and musl-dev.
FROM rust:1.95.0-alpine AS build
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
# hadolint ignore=DL3018
RUN apk add --no-cache musl-dev
WORKDIR /build
# Symbols stay (panics name functions); debug info goes: 55 MB -> 12 MB.
ENV CARGO_PROFILE_RELEASE_STRIP=debuginfo
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/build/target \
    cargo build --locked --release \
    && cp target/release/leakhound /usr/local/bin/leakhound \
    && if readelf -d /usr/local/bin/leakhound | grep -q '(NEEDED)'; then \
         echo "leakhound is not statically linked" >&2; exit 1; fi \
    && /usr/local/bin/leakhound --version

# Final stage: Alpine for git (distroless has none) and a shell for pre-commit's
# docker_image hook. Runs as an unprivileged user; /src is where the project is mounted.
FROM alpine:3.22
# The mounted checkout belongs to the host user, not to this image's user: without
# safe.directory git refuses to read it ("dubious ownership"). leakhound's own reading
# (libgit2) does not need it.
# hadolint ignore=DL3018
RUN apk add --no-cache git \
    && git config --system --add safe.directory /src \
    && git config --system --add safe.directory '/src/*' \
    && adduser -D -u 10001 -g leakhound leakhound
COPY --from=build /usr/local/bin/leakhound /usr/local/bin/leakhound
LABEL org.opencontainers.image.title="leakhound" \
      org.opencontainers.image.description="Secret-leak scanner for working trees and git history" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
USER 10001:10001
WORKDIR /src
ENTRYPOINT ["leakhound"]
CMD ["scan"]
