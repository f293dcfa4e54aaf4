/* fuzz_config.c: libFuzzer harness: any bytes as a publication config
 * (publication.ini, read with GKeyFile and checked key by key). Seeds in
 * corpus/config/. Paths in it resolve beside the scratch file, in the
 * temporary folder, so nothing outside it is read but folder listings. */
#include "fuzz_support.h"
#include "sendpack/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = sp_fuzz_file(data, size, ".ini");
    if (!path)
        return 0;
    sp_settings s;
    sp_settings_init(&s);
    sp_inputs in = {0};
    bool has_inputs = false;
    sp_diags d = {0};
    sp_config_load(path, &s, &in, &has_inputs, &d);
    for (size_t i = 0; i < d.n; i++)
        g_free(sp_diag_format(&d.items[i]));
    sp_diags_free(&d);
    sp_inputs_clear(&in);
    sp_settings_clear(&s);
    return 0;
}
