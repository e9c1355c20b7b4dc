#pragma once

// Every fuzz target defines libFuzzer's entry point. Built two ways (fuzz/CMakeLists.txt):
// with clang's -fsanitize=fuzzer for scripts/fuzz.sh, and with ReplayMain.cpp in the normal build, where
// ctest replays the seed corpus and every saved crash (fuzz/regressions/) as a plain regression test.
#include <cstddef>
#include <cstdint>

// A broken invariant aborts, as libFuzzer expects: the input is then saved as a crash.
#define OSC_FUZZ_ASSERT(condition)                                                                           \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            __builtin_printf("fuzz invariant failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);         \
            __builtin_abort();                                                                               \
        }                                                                                                    \
    } while (false)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
