/* breakdown_funding.c: the figures of the funding source (funding lines):
 * totals by status, by programme and by recipient region.
 * Pure: no I/O, no formatting beyond the words of labels. */
#include "breakdown.h"

#include <string.h>
#include "sendpack/ids_funding.h"

void sp_breakdown_funding(agg *a)
{
    const sp_dataset *ds = a->ds;
    if (!ds->n_funding)
        return;
    GArray *by_status[3] = {bd_list_new(), bd_list_new(), bd_list_new()}, *total = bd_list_new(),
           *lines = bd_list_new();
    GPtrArray *names = g_ptr_array_new(), *rnames = g_ptr_array_new();
    for (size_t i = 0; i < ds->n_funding; i++) {
        bd_list_add(by_status[ds->funding[i].status], i, ds->funding[i].amount_gbp);
        bd_list_add(total, i, ds->funding[i].amount_gbp);
        bd_list_add(lines, i, 1);
        g_ptr_array_add(names, ds->funding[i].programme);
        g_ptr_array_add(rnames, (gpointer)a->v->funding[i].region);
    }
#define TR(x_, l_, sc_, out_, why_)                                                     \
    bd_trace((x_), (bd_trace_spec){.kind = SP_REC_FUNDING, .how = SP_HOW_SUM, .val = (l_),   \
                                  .scope = (sc_), .outside = (out_), .uncounted = (why_)})
    const char *src = a->src_funding, *fl = a->filter_funding;
    TR(bd_typed(a, SP_UNIT_GBP, bd_list_sum(by_status[SP_FUNDING_COMMITTED]), "Sum of funding lines with status committed (contracts let or grants made).",
          src, fl, "Funding committed", SP_ID_FUNDING_COMMITTED), by_status[SP_FUNDING_COMMITTED], NULL, NULL, "another status");
    TR(bd_typed(a, SP_UNIT_GBP, bd_list_sum(by_status[SP_FUNDING_OPTIONAL_EXTENSION]), "Sum of funding lines that are options to extend a contract, not yet taken up.",
          src, fl, "Funding in optional extensions", SP_ID_FUNDING_OPTIONAL), by_status[SP_FUNDING_OPTIONAL_EXTENSION], NULL, NULL, "another status");
    TR(bd_typed(a, SP_UNIT_GBP, bd_list_sum(by_status[SP_FUNDING_ANNOUNCED]), "Sum of funding lines announced but not yet committed.",
          src, fl, "Funding announced", SP_ID_FUNDING_ANNOUNCED), by_status[SP_FUNDING_ANNOUNCED], NULL, NULL, "another status");
    TR(bd_typed(a, SP_UNIT_GBP, bd_list_sum(total), "Sum of all funding lines: committed, optional extensions and announced.",
          src, fl, "Funding, all lines", SP_ID_FUNDING_TOTAL), total, NULL, NULL, NULL);
    TR(bd_count(a, bd_list_sum(lines), "Funding lines in the funding file.", src, fl, "Funding lines", SP_ID_FUNDING_LINES_COUNT),
       lines, NULL, NULL, NULL);
    for (int s = 0; s < 3; s++)
        bd_list_unref(by_status[s]);
    bd_list_unref(total);
    bd_list_unref(lines);

    a->f->programmes = bd_groups_from(names, &a->f->n_programmes);
    a->f->funding_regions = bd_groups_from(rnames, &a->f->n_funding_regions);
    g_ptr_array_free(names, TRUE);
    g_ptr_array_free(rnames, TRUE);
    static const char *const sname[] = {"committed", "optional", "announced"};
    static const char *const idf[] = {SP_IDF_FUNDING_PROGRAMME_COMMITTED,
                                      SP_IDF_FUNDING_PROGRAMME_OPTIONAL,
                                      SP_IDF_FUNDING_PROGRAMME_ANNOUNCED};
    for (size_t p = 0; p < a->f->n_programmes; p++) {
        const sp_group *g = &a->f->programmes[p];
        GArray *st[3] = {bd_list_new(), bd_list_new(), bd_list_new()}, *all = bd_list_new();
        for (size_t i = 0; i < ds->n_funding; i++)
            if (strcmp(ds->funding[i].programme, g->name) == 0) {
                bd_list_add(st[ds->funding[i].status], i, ds->funding[i].amount_gbp);
                bd_list_add(all, i, ds->funding[i].amount_gbp);
            }
        char *outside = g_strdup_printf("not in programme %s", g->name);
        char *id = g_strdup_printf(SP_IDF_FUNDING_PROGRAMME_TOTAL, g->slug);
        char *lbl = g_strdup_printf("Funding, all lines: %s", g->name);
        TR(bd_typed(a, SP_UNIT_GBP, bd_list_sum(all), "Sum of all funding lines of the programme.", src, fl, lbl, id),
           all, all, outside, NULL);
        g_free(id); g_free(lbl);
        for (int s = 0; s < 3; s++) {
            id = g_strdup_printf(idf[s], g->slug);
            lbl = g_strdup_printf("Funding %s: %s", s == 1 ? "in optional extensions" : sname[s], g->name);
            TR(bd_typed(a, SP_UNIT_GBP, bd_list_sum(st[s]), "Sum of the programme's funding lines with this status.", src, fl, lbl, id),
               st[s], all, outside, "another status");
            g_free(id); g_free(lbl);
            bd_list_unref(st[s]);
        }
        g_free(outside);
        bd_list_unref(all);
    }
    for (size_t r = 0; r < a->f->n_funding_regions; r++) {
        const sp_group *g = &a->f->funding_regions[r];
        GArray *v = bd_list_new();
        for (size_t i = 0; i < ds->n_funding; i++) {
            char *s = sp_slug(a->v->funding[i].region);
            if (strcmp(s, g->slug) == 0)
                bd_list_add(v, i, ds->funding[i].amount_gbp);
            g_free(s);
        }
        char *outside = g_strdup_printf("recipient not in %s", g->name);
        char *id = g_strdup_printf(SP_IDF_FUNDING_REGION_TOTAL, g->slug);
        char *lbl = g_strdup_printf("Funding, all lines, to recipients in: %s", g->name);
        TR(bd_typed(a, SP_UNIT_GBP, bd_list_sum(v), "Sum of funding lines whose recipient is the region, or a local authority in it (England: national lines).",
              src, fl, lbl, id), v, v, outside, NULL);
        g_free(id); g_free(lbl); g_free(outside);
        bd_list_unref(v);
    }
#undef TR
}
