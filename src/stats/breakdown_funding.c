/* breakdown_funding.c: the figures of the funding source (funding lines):
 * totals by status, by programme and by recipient region.
 * Pure: no I/O, no formatting beyond the words of labels. */
#include "breakdown.h"

#include <string.h>

void sp_breakdown_funding(agg *a)
{
    const sp_dataset *ds = a->ds;
    if (!ds->n_funding)
        return;
    double by_status[3] = {0}, total = 0;
    GPtrArray *names = g_ptr_array_new(), *rnames = g_ptr_array_new();
    for (size_t i = 0; i < ds->n_funding; i++) {
        by_status[ds->funding[i].status] += ds->funding[i].amount_gbp;
        total += ds->funding[i].amount_gbp;
        g_ptr_array_add(names, ds->funding[i].programme);
        g_ptr_array_add(rnames, (gpointer)a->v->funding[i].region);
    }
    const char *src = a->src_funding, *fl = a->filter_funding;
    bd_typed(a, SP_UNIT_GBP, by_status[SP_FUNDING_COMMITTED], "Sum of funding lines with status committed (contracts let or grants made).",
          src, fl, "Funding committed", "funding.committed_gbp");
    bd_typed(a, SP_UNIT_GBP, by_status[SP_FUNDING_OPTIONAL_EXTENSION], "Sum of funding lines that are options to extend a contract, not yet taken up.",
          src, fl, "Funding in optional extensions", "funding.optional_gbp");
    bd_typed(a, SP_UNIT_GBP, by_status[SP_FUNDING_ANNOUNCED], "Sum of funding lines announced but not yet committed.",
          src, fl, "Funding announced", "funding.announced_gbp");
    bd_typed(a, SP_UNIT_GBP, total, "Sum of all funding lines: committed, optional extensions and announced.",
          src, fl, "Funding, all lines", "funding.total_gbp");
    bd_count(a, ds->n_funding, "Funding lines in the funding file.", src, fl, "Funding lines", "funding.lines.count");

    a->f->programmes = bd_groups_from(names, &a->f->n_programmes);
    a->f->funding_regions = bd_groups_from(rnames, &a->f->n_funding_regions);
    g_ptr_array_free(names, TRUE);
    g_ptr_array_free(rnames, TRUE);
    static const char *const sname[] = {"committed", "optional", "announced"};
    for (size_t p = 0; p < a->f->n_programmes; p++) {
        const sp_group *g = &a->f->programmes[p];
        double st[3] = {0};
        for (size_t i = 0; i < ds->n_funding; i++)
            if (strcmp(ds->funding[i].programme, g->name) == 0)
                st[ds->funding[i].status] += ds->funding[i].amount_gbp;
        char *id = g_strdup_printf("funding.programme.%s.total_gbp", g->slug);
        char *lbl = g_strdup_printf("Funding, all lines: %s", g->name);
        bd_typed(a, SP_UNIT_GBP, st[0] + st[1] + st[2], "Sum of all funding lines of the programme.", src, fl, lbl, id);
        g_free(id); g_free(lbl);
        for (int s = 0; s < 3; s++) {
            id = g_strdup_printf("funding.programme.%s.%s_gbp", g->slug, sname[s]);
            lbl = g_strdup_printf("Funding %s: %s", s == 1 ? "in optional extensions" : sname[s], g->name);
            bd_typed(a, SP_UNIT_GBP, st[s], "Sum of the programme's funding lines with this status.", src, fl, lbl, id);
            g_free(id); g_free(lbl);
        }
    }
    for (size_t r = 0; r < a->f->n_funding_regions; r++) {
        const sp_group *g = &a->f->funding_regions[r];
        double v = 0;
        for (size_t i = 0; i < ds->n_funding; i++) {
            char *s = sp_slug(a->v->funding[i].region);
            if (strcmp(s, g->slug) == 0)
                v += ds->funding[i].amount_gbp;
            g_free(s);
        }
        char *id = g_strdup_printf("funding.region.%s.total_gbp", g->slug);
        char *lbl = g_strdup_printf("Funding, all lines, to recipients in: %s", g->name);
        bd_typed(a, SP_UNIT_GBP, v, "Sum of funding lines whose recipient is the region, or a local authority in it (England: national lines).",
              src, fl, lbl, id);
        g_free(id); g_free(lbl);
    }
}

