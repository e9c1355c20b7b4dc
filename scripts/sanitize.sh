#!/usr/bin/env bash
# ASan + UBSan build of the engine and the HTTP tests, run with ctest (issue 21). Not in CI by default:
# the build is a second full compile of the engine (see README, "Limits and security", for its duration).
#   scripts/sanitize.sh            ASan + UBSan: tests/engine and tests/http, and the fuzz replays
#   scripts/sanitize.sh --tsan     also ThreadSanitizer for the group-commit and export tests
#   OSC_SANITIZE_TESTS=regex       only the ctest tests matching regex
# Builds in build-asan/ (and build-tsan/), headless (-DOSC_GUI=OFF), with nice -n 19.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${OSC_SANITIZE_JOBS:-2}"
WITH_TSAN=0
[ "${1:-}" = "--tsan" ] && WITH_TSAN=1
"$ROOT/scripts/setup-deps.sh"
start=$(date +%s)

# The test binaries of a folder, as ninja knows them.
test_targets() { # build-dir folder
  ninja -C "$1" -t targets all | sed -n "s|^tests/$2/\(tst_[a-z0-9_]*\): CXX_EXECUTABLE_LINKER.*|\1|p" | sort -u
}

configure() { # build-dir flags
  if [ ! -f "$1/build.ninja" ]; then
    cmake -S "$ROOT" -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOSC_GUI=OFF \
          -DCMAKE_CXX_FLAGS="$2" -DCMAKE_C_FLAGS="$2" \
          -DCMAKE_EXE_LINKER_FLAGS="$2" -DCMAKE_SHARED_LINKER_FLAGS="$2" \
          ${CMAKE_CXX_COMPILER_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER=$CMAKE_CXX_COMPILER_LAUNCHER} >/dev/null
  fi
}

ASAN_BUILD="$ROOT/build-asan"
configure "$ASAN_BUILD" "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
mapfile -t targets < <( (test_targets "$ASAN_BUILD" engine; test_targets "$ASAN_BUILD" http) | sort -u)
targets+=(replay_json replay_filter replay_queryparams replay_rfc3339 replay_csv)
nice -n 19 cmake --build "$ASAN_BUILD" --parallel "$JOBS" --target "${targets[@]}"
built=$(date +%s)
# Qt and SQLite are not instrumented; leaks inside them at exit are not ours to fix.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/scripts/lsan.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
regex="${OSC_SANITIZE_TESTS:-^($(IFS='|'; echo "${targets[*]/#replay_/fuzz_replay_}"))\$}"
(cd "$ASAN_BUILD" && QT_QPA_PLATFORM=offscreen ctest -R "$regex" --parallel "$JOBS" --output-on-failure)
tested=$(date +%s)
echo "sanitize: ASan+UBSan build $((built - start)) s, tests $((tested - built)) s"

if [ "$WITH_TSAN" = 1 ]; then
  TSAN_BUILD="$ROOT/build-tsan"
  configure "$TSAN_BUILD" "-fsanitize=thread -fno-omit-frame-pointer"
  tsan_tests=(tst_ingestapi tst_exportsapi tst_bucketchunks tst_eventstream)
  nice -n 19 cmake --build "$TSAN_BUILD" --parallel "$JOBS" --target "${tsan_tests[@]}"
  export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:suppressions=$ROOT/scripts/tsan.supp}"
  (cd "$TSAN_BUILD" && QT_QPA_PLATFORM=offscreen ctest -R "^($(IFS='|'; echo "${tsan_tests[*]}"))\$" --output-on-failure)
  echo "sanitize: TSan done after $(( $(date +%s) - tested )) s"
fi
echo "sanitize: clean in $(( $(date +%s) - start )) s"
