#!/usr/bin/env bash
# Installs Garage (the S3 server the Garage suite and the benchmarks run against) once per machine:
# nothing to do when `garage` is on PATH or in ~/.cargo/bin, otherwise a locked cargo build.
set -euo pipefail

GARAGE_VERSION=2.5.0
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"

for candidate in "$(command -v garage || true)" "$CARGO_BIN/garage"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "garage: $candidate ($("$candidate" --version 2>/dev/null | head -n1))"
    exit 0
  fi
done

if ! command -v cargo >/dev/null && [ ! -x "$CARGO_BIN/cargo" ]; then
  echo "install-garage: cargo is needed to build garage $GARAGE_VERSION; install Rust (https://rustup.rs)" >&2
  exit 1
fi
PATH="$CARGO_BIN:$PATH"
echo "building garage $GARAGE_VERSION with cargo (once per machine, 15-45 minutes)"
# SQLite and LMDB as metadata engines, C libraries bundled: no system packages needed.
cargo install --locked "garage@$GARAGE_VERSION" --no-default-features --features bundled-libs,sqlite,lmdb
echo "garage: $CARGO_BIN/garage"
