/* fuzz_areas.c: libFuzzer harness: any bytes as areas CSV (see
 * fuzz_load_common.h); seeds in corpus/areas/. */
#include "fuzz_load_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sp_fuzz_load(SP_FUZZ_AREAS, ".csv", data, size);
}
