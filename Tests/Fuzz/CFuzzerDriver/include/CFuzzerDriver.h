#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs that have their own `main` (LLVM 11 and later; in the
/// toolchain's libclang_rt.fuzzer). SwiftPM gives every executable target a `main` of its own
/// (renamed `<Target>_main`), so the fuzz targets call this from theirs instead of linking
/// libFuzzer's `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
