#!/usr/bin/env bash
# Builds (Release) and packages the console as a Debian package with CPack. Prints the .deb's path.
#   scripts/package.sh            -> build/open-spanner-console_<version>_<arch>.deb
# Install it with: apt install ./build/open-spanner-console_*.deb
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
gui="${OSC_GUI:-ON}"
if [ "${gui^^}" = OFF ]; then
  echo "$0: the .deb is the desktop package; the headless-only build (OSC_GUI=OFF) is not packaged" >&2
  exit 2
fi
"$root/scripts/build.sh"
build_dir="${OSC_BUILD_DIR:-$root/build}"
cd "$build_dir"
cpack -G DEB --config CPackConfig.cmake >&2
ls -t "$build_dir"/open-spanner-console_*.deb | head -n 1
