// libFuzzer's driver, for a harness that has its own main (`finishline-fuzz`): linked only
// when the harness is built with -sanitize=fuzzer (scripts/fuzz).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
