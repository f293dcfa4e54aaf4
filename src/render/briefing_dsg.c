/* briefing_dsg.c: the dedicated schools grant (DSG) years as text
 * variables for the templates (briefing_doc.h): the latest financial year
 * counted, the one before it, and for real data the files' years and
 * publication dates for the sources.
 *
 * Design choice: the words stay in the templates; this file only names the
 * years the figures were counted for (sp_figures.dsg_years, ascending) and
 * the publication dates the view kept, so the briefing cites exactly the
 * DSG files whose allocations were counted. */
#include "briefing_doc.h"

#include <string.h>

#include "sendpack/date.h"
#include "sendpack/figures.h"

void sp_doc_dsg_vars(const sp_context *ctx, char *text, size_t n, const char **vars)
{
    static const char *const names[SP_DOC_DSG_VARS] = {"dsg.latest", "dsg.previous",
                                                        "source.dsg"};
    text[0] = '\0';
    for (int i = 0; i < SP_DOC_DSG_VARS; i++) {
        vars[2 * i] = names[i];
        vars[2 * i + 1] = "";
    }
    const sp_figures *f = ctx->figs;
    if (!f || !f->n_dsg_years)
        return;
    vars[1] = f->dsg_years[f->n_dsg_years - 1].name;
    if (f->n_dsg_years > 1)
        vars[3] = f->dsg_years[f->n_dsg_years - 2].name;
    vars[5] = text;
    const sp_view *v = ctx->view;
    if (!v || v->fictional)
        return;
    GString *s = g_string_new(NULL);
    for (size_t y = 0; y < f->n_dsg_years; y++)
        for (size_t i = 0; i < v->n_dsg_years; i++) {
            const sp_dsg_year_view *e = &v->dsg_years[i];
            if (!e->included || strcmp(e->rec->fy, f->dsg_years[y].slug) != 0)
                continue;
            char d[32];
            sp_date_long(e->rec->published, d, sizeof d);
            g_string_append_printf(s, "%s%s (published %s)", s->len ? ", " : "", e->rec->fy, d);
        }
    g_strlcpy(text, s->str, n);
    g_string_free(s, TRUE);
}
