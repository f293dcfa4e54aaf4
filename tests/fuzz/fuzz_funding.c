/* fuzz_funding.c: libFuzzer harness: any bytes as funding CSV (see
 * fuzz_load_common.h); seeds in corpus/funding/. */
#include "fuzz_load_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sp_fuzz_load(SP_FUZZ_FUNDING, ".csv", data, size);
}
