/* fuzz_figures_json.c: libFuzzer harness: any bytes as a previous
 * publication's figures.json, compared with itself and with an empty table
 * (the reader of `sendpack diff` and `build --previous`), then every
 * revision written as CSV and as the reader's text. Seeds in
 * corpus/figures_json/. */
#include "fuzz_support.h"
#include "sendpack/publish.h"

static const char *EMPTY = "{\"schema\": \"sendpack.figures/1\", \"figures\": []}";

static void use(sp_revisions *r)
{
    if (!r)
        return;
    g_free(sp_revisions_csv(r));
    for (size_t i = 0; i < r->n; i++) {
        char a[128], b[128], c[128];
        sp_revision_value_text(r->items[i].unit, r->items[i].old_value, a, sizeof a);
        sp_revision_value_text(r->items[i].unit, r->items[i].new_value, b, sizeof b);
        sp_revision_change_text(&r->items[i], c, sizeof c);
    }
    sp_revisions_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *json = sp_fuzz_text(data, size);
    sp_diags d = {0};
    use(sp_revisions_compare(json, "old.json", EMPTY, "new.json", &d));
    use(sp_revisions_compare(EMPTY, "old.json", json, "new.json", &d));
    use(sp_revisions_compare(json, "old.json", json, "new.json", &d));
    sp_diags_free(&d);
    g_free(json);
    return 0;
}
