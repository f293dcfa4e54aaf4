/* fuzz_interventions.c: libFuzzer harness: any bytes as interventions CSV (see
 * fuzz_load_common.h); seeds in corpus/interventions/. */
#include "fuzz_load_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sp_fuzz_load(SP_FUZZ_INTERVENTIONS, ".csv", data, size);
}
