/* fuzz_spreadsheet.c: libFuzzer harness: any bytes as an inspections
 * spreadsheet (ODS or XLSX, told apart by content: see fuzz_load_common.h);
 * seeds in corpus/spreadsheet/ are small fictional ODS and XLSX files. */
#include "fuzz_load_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return sp_fuzz_load(SP_FUZZ_INSPECTIONS, ".ods", data, size);
}
