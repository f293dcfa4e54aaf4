/* fuzz_template.c: libFuzzer harness: any bytes as a Markdown template,
 * expanded against the figures of the small inspections seed (computed once)
 * with profile variables set, then parsed with cmark into the composer's
 * blocks. Seeds in corpus/template/. */
#include "fuzz_support.h"
#include "sendpack/figures.h"
#include "sendpack/load.h"
#include "sendpack/pdf_layout.h"
#include "sendpack/template.h"

static sp_figures *figures(void)
{
    static sp_figures *figs;
    if (!figs) {
        char *path = g_strdup_printf("%s/tests/fuzz/corpus/inspections/small.csv",
                                     sp_fuzz_source_dir());
        char *one[] = {path, NULL};
        sp_inputs in = {.inspections = one, .n_inspections = 1};
        sp_diags d = {0};
        sp_dataset *ds = sp_load(&in, &d);
        figs = sp_figures_compute(ds, 0, 0);
        sp_dataset_free(ds);
        sp_diags_free(&d);
        g_free(path);
    }
    return figs;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *src = sp_fuzz_text(data, size);
    const char *vars[] = {"area.name", "Amberbridge", "area.code", "X08000011", NULL, NULL};
    sp_template_env env = {figures(), "template.md", "x08000011", "north-west", vars,
                           NULL, NULL, NULL};
    sp_diags d = {0};
    char *md = NULL;
    if (sp_template_expand(&env, src, &md, &d) == 0 && md) {
        sp_blocks *b = sp_blocks_new();
        sp_blocks_from_markdown(b, md, NULL, NULL, &d);
        sp_blocks_free(b);
    }
    for (size_t i = 0; i < d.n; i++)
        g_free(sp_diag_format(&d.items[i]));
    g_free(md);
    sp_diags_free(&d);
    g_free(src);
    return 0;
}
