/* briefing_sources.c: what the data is, as text variables for the
 * templates' data notes and sources (briefing_doc.h): fictional fixtures
 * or real data, which Ofsted release the inspection tables match, and
 * whether the as-at date runs past the latest publication in the data.
 *
 * Design choice: the wording and the links stay in the template, where
 * analysts edit them; this file only says which of them apply, so the
 * sources follow the inputs given and never cite a release whose data was
 * not used. */
#include "briefing_doc.h"

#include <string.h>

#include "sendpack/date.h"
#include "sendpack/figures.h"

/* Latest inspection or revisit publication of one framework (0: none), over
 * every record read, counted at the as-at date or not: kept by the view,
 * since this runs once per area page (a scan here made the pages quadratic). */
static sp_date latest_of(const sp_view *v, sp_framework fw)
{
    return fw == SP_FRAMEWORK_2016 ? v->latest_2016 : fw == SP_FRAMEWORK_2023 ? v->latest_2023 : 0;
}

char *sp_doc_source_name(const sp_context *ctx, const char *source)
{
    const char *cut = strstr(source, " (file: ");
    char *name = cut ? g_strndup(source, (gsize)(cut - source)) : g_strdup(source);
    const sp_view *v = ctx->view;
    if (!v || v->fictional)
        return name;
    char d[32];
    if (strcmp(name, "Ofsted, Area SEND inspection and revisit outcomes") == 0) {
        sp_date l16 = latest_of(v, SP_FRAMEWORK_2016);
        g_free(name);
        if (l16 && l16 <= 20210331)
            return g_strdup("Ofsted, Area SEND inspections and outcomes in England as at "
                            "31\u00a0March\u00a02021");
        if (l16 && l16 <= 20221031)
            return g_strdup("Ofsted, Area SEND inspection and revisit outcomes, 1\u00a0May\u00a02016 "
                            "to 31\u00a0August\u00a02022 (published 17\u00a0November\u00a02022)");
        sp_date_long(l16, d, sizeof d);
        return g_strdup_printf("Ofsted, area SEND inspection and revisit outcomes, reports "
                               "published up to %s", d);
    }
    if (strcmp(name, "Ofsted, Area SEND inspections under the 2023 framework") == 0) {
        sp_date_long(latest_of(v, SP_FRAMEWORK_2023), d, sizeof d);
        g_free(name);
        return g_strdup_printf("Ofsted, area SEND inspections under the 2023 framework, "
                               "reports published up to %s", d);
    }
    return name;
}

void sp_doc_data_vars(const sp_context *ctx, char text[SP_DOC_DATA_VARS][32], const char **vars)
{
    static const char *const names[SP_DOC_DATA_VARS] = {
        "data.fictional", "data.after-latest", "source.ofsted-2021-03",
        "source.ofsted-2022-08", "source.ofsted-2016", "source.ofsted-2023"};
    for (int i = 0; i < SP_DOC_DATA_VARS; i++) {
        text[i][0] = '\0';
        vars[2 * i] = names[i];
        vars[2 * i + 1] = text[i];
    }
    const sp_view *v = ctx->view;
    if (!v)
        return;
    bool fictional = v->fictional;
    if (fictional)
        g_strlcpy(text[0], "yes", 32);
    sp_date l16 = latest_of(v, SP_FRAMEWORK_2016), l23 = latest_of(v, SP_FRAMEWORK_2023);
    sp_date latest = MAX(l16, l23); /* as sp_dataset_latest */
    if (ctx->figs && latest && ctx->figs->as_at > latest)
        sp_date_long(latest, text[1], 32);
    if (fictional)
        return;
    if (l16 && l16 <= 20210331)
        g_strlcpy(text[2], "yes", 32);
    else if (l16 && l16 <= 20221031)
        g_strlcpy(text[3], "yes", 32);
    else if (l16)
        sp_date_long(l16, text[4], 32);
    if (l23)
        sp_date_long(l23, text[5], 32);
}
