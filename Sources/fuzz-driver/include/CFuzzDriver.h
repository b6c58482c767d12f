// libFuzzer's entry point for programs that have their own main (every Swift
// executable does: SwiftPM links `main` to the module's entry point). Only
// referenced when the fuzz targets are built with -DFUZZING by scripts/fuzz.sh,
// which links libclang_rt.fuzzer_no_main (see docs/hardening.md).
#ifndef YUNWANG_CFUZZDRIVER_H
#define YUNWANG_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
