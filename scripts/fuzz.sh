#!/usr/bin/env bash
# Runs every libFuzzer target of fuzz/ for a bounded time (issue 21).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 60 s each, all five targets
# Builds a separate configuration in build-fuzz/ (clang-14, libFuzzer, ASan + UBSan; -DOSC_FUZZ=ON, no
# GUI, no tests), then fuzzes each target starting from fuzz/corpus/<target>. New interesting inputs go
# to build-fuzz/corpus/<target> (merge them into fuzz/corpus by hand if they are worth keeping). A crash,
# leak, timeout (hang) or out-of-memory is saved to fuzz/regressions/<target>/ — where the normal
# ctest suite replays it (fuzz_replay_<target>) — and the script exits 1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_EACH="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(json filter queryparams rfc3339 csv)
BUILD="${OSC_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}"
JOBS="${OSC_FUZZ_JOBS:-2}"

OSC_EXTRA_PACKAGES="clang-14 libclang-rt-14-dev" "$ROOT/scripts/setup-deps.sh"

if [ ! -f "$BUILD/build.ninja" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
        -DOSC_FUZZ=ON -DOSC_GUI=OFF -DBUILD_TESTING=OFF \
        ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
fi
nice -n 19 cmake --build "$BUILD" --parallel "$JOBS" --target "${TARGETS[@]/#/fuzz_}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_LOGGING_RULES="*.debug=false"
failed=()
for target in "${TARGETS[@]}"; do
  corpus="$BUILD/corpus/$target"
  regressions="$ROOT/fuzz/regressions/$target"
  mkdir -p "$corpus" "$regressions"
  echo "fuzz: $target for ${SECONDS_EACH}s"
  # -timeout: an input taking longer than 10 s is a hang; -rss_limit_mb: 2 GB is a memory blow-up.
  if ! "$BUILD/fuzz/fuzz_$target" "$corpus" "$ROOT/fuzz/corpus/$target" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$regressions/" -print_final_stats=1 2>"$BUILD/fuzz-$target.log"; then
    failed+=("$target")
    echo "fuzz: $target FAILED, input saved under $regressions (log: $BUILD/fuzz-$target.log)" >&2
    tail -n 30 "$BUILD/fuzz-$target.log" >&2
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$BUILD/fuzz-$target.log" | sed "s/^/  /"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failures in ${failed[*]}; add a fix, keep the saved input (ctest replays it)" >&2
  exit 1
fi
echo "fuzz: ${#TARGETS[@]} targets clean"
