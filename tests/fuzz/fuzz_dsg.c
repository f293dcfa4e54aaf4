/* fuzz_dsg.c: libFuzzer harness: any bytes as a dedicated schools grant
 * allocations workbook (--dsg), read beside a small inspections table and
 * joined, then the figures; seeds in corpus/dsg/ are small fictional DSG
 * workbooks written by fixtures/make-dsg. */
#include "fuzz_load_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sp_fuzz_load(SP_FUZZ_DSG, ".ods", data, size);
}
