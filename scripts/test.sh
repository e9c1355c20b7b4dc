#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with ctest (GUI tests offscreen).
# OSC_GUI=OFF scripts/test.sh builds and tests the headless-only build (./build-nox) instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
export QT_QPA_PLATFORM=offscreen
default_dir=build
gui="${OSC_GUI:-ON}"
[ "${gui^^}" = OFF ] && default_dir=build-nox # the headless-only build (see build.sh)
cd "${OSC_BUILD_DIR:-$root/$default_dir}"
ctest --output-on-failure --parallel "$(nproc)" "$@"
