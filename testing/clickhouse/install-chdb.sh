#!/usr/bin/env bash
# Puts the ClickHouse engine library (libchdb.so from the chDB npm package) where the
# testing/clickhouse module looks for it: ~/.cache/loupe/chdb/<version>/libchdb.so, with
# ~/.cache/loupe/chdb/libchdb.so pointing at it. Idempotent: a present library of this
# version is kept. LOUPE_CHDB_LIB set to an existing file means "use that one": nothing is done.
set -euo pipefail

PACKAGE="@chdb/lib-linux-x64-gnu"
VERSION="26.7.3-stable.1"
CACHE="${LOUPE_CHDB_CACHE:-$HOME/.cache/loupe/chdb}"

if [ -n "${LOUPE_CHDB_LIB:-}" ]; then
  if [ -f "$LOUPE_CHDB_LIB" ]; then
    echo "install-chdb: using LOUPE_CHDB_LIB=$LOUPE_CHDB_LIB"
    exit 0
  fi
  echo "install-chdb: LOUPE_CHDB_LIB=$LOUPE_CHDB_LIB is not a file" >&2
  exit 1
fi

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "install-chdb: $PACKAGE is built for Linux x86_64 only, this is $(uname -s)-$(uname -m)" >&2
  exit 1
fi

target="$CACHE/$VERSION/libchdb.so"
if [ ! -f "$target" ]; then
  command -v npm >/dev/null 2>&1 || { echo "install-chdb: npm is needed to fetch $PACKAGE" >&2; exit 1; }
  mkdir -p "$CACHE"
  work="$(mktemp -d "$CACHE/.download.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$PACKAGE@$VERSION" >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work" package/libchdb.so
  mkdir -p "$CACHE/$VERSION"
  # the download lies in the cache's file system, so this rename is atomic: a concurrent or
  # interrupted run never leaves half a library at the target
  mv -f "$work/package/libchdb.so" "$target"
fi
ln -sfn "$VERSION/libchdb.so" "$CACHE/libchdb.so"
echo "install-chdb: $CACHE/libchdb.so -> $target"
