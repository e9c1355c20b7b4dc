#!/usr/bin/env bash
# Installs what is missing, builds, and starts the console with the embedded SQLite store.
# Without a display it serves headless on 127.0.0.1:18081. Extra arguments go to the program
# (see `scripts/run.sh --help`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
exec "${OSC_BUILD_DIR:-$root/build}/app/open-spanner-console" "$@"
