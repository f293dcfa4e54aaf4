/* fuzz_inspections.c: libFuzzer harness: any bytes as inspections CSV (see
 * fuzz_load_common.h); seeds in corpus/inspections/. */
#include "fuzz_load_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sp_fuzz_load(SP_FUZZ_INSPECTIONS, ".csv", data, size);
}
