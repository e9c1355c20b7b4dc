#!/usr/bin/env bash
# Installs the Debian 12 packages Open Spanner Console needs to build, run and test.
# Idempotent: prints nothing and touches nothing when every package is already present.
set -euo pipefail

PACKAGES=(
  # toolchain
  cmake g++ ninja-build pkg-config
  # Qt 6.4 (Debian 12): core, widgets, charts, tools (the HTTP front is our own: engine/http/transport)
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n libqt6svg6
  # storage and JSON; the PostgreSQL store (libpq) and the server its tests start (scripts/pg-test-cluster.sh)
  libsqlite3-dev sqlite3 rapidjson-dev libpq-dev postgresql-15
  # gRPC ingestion (engine/grpc): protoc, the C++ gRPC plugin, headers and CMake configs
  protobuf-compiler protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev
  # password hashing (Argon2id via crypto_pwhash_str) and random tokens for accounts and sessions
  libsodium-dev
  # packaging (CPack .deb; dpkg-shlibdeps from dpkg-dev) and its checks (appstreamcli, desktop-file-validate)
  dpkg-dev file appstream desktop-file-utils
  # tests and tooling
  curl xauth xvfb
)

# Optional extras a script asks for (scripts/fuzz.sh: clang-14 libclang-rt-14-dev for libFuzzer).
# shellcheck disable=SC2206
PACKAGES+=(${OSC_EXTRA_PACKAGES:-})

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
