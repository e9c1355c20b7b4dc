#!/usr/bin/env bash
# Installs what is missing, builds, and starts the console with the embedded SQLite store.
# Without a display it serves headless on 127.0.0.1:18081. Extra arguments go to the program
# (see `scripts/run.sh --help`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
default_dir=build
gui="${OSC_GUI:-ON}"
[ "${gui^^}" = OFF ] && default_dir=build-nox # the headless-only build (see build.sh)
exec "${OSC_BUILD_DIR:-$root/$default_dir}/app/open-spanner-console" "$@"
