#!/usr/bin/env bash
# Configures and builds (Release, Ninja). Used by run.sh and test.sh.
#   scripts/build.sh                   the console (window + headless server) into ./build
#   scripts/build.sh --headless-only   the server alone, without Qt Widgets/Charts/Gui (cmake -DOSC_GUI=OFF,
#                                      as qBittorrent's nox build) into ./build-nox
#   OSC_GUI=OFF scripts/build.sh       the same (and OSC_GUI=OFF scripts/test.sh tests that build)
# OSC_BUILD_DIR overrides the build folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gui="${OSC_GUI:-ON}"
for arg in "$@"; do
  case "$arg" in
    --headless-only) gui=OFF ;;
    *) echo "usage: $0 [--headless-only]" >&2; exit 2 ;;
  esac
done
case "${gui^^}" in
  ON) gui=ON default_dir=build ;;
  OFF) gui=OFF default_dir=build-nox ;;
  *) echo "$0: OSC_GUI must be ON or OFF, not '$gui'" >&2; exit 2 ;;
esac
"$root/scripts/setup-deps.sh"
build_dir="${OSC_BUILD_DIR:-$root/$default_dir}"
# Configure a new folder, or one last configured with the other OSC_GUI.
if [ ! -f "$build_dir/build.ninja" ] || ! grep -qx "OSC_GUI:BOOL=$gui" "$build_dir/CMakeCache.txt"; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DOSC_GUI="$gui" >/dev/null
fi
cmake --build "$build_dir" --parallel "$(nproc)"
