/* breakdown_interventions.c: the figures of the interventions source: counts
 * by type, nationally and by region, of interventions started by the as-at date.
 * Pure: no I/O, no formatting beyond the words of labels. */
#include "breakdown.h"

#include <string.h>
#include "sendpack/ids_interventions.h"

void sp_breakdown_interventions(agg *a)
{
    const sp_dataset *ds = a->ds;
    if (!ds->n_interventions)
        return;
    const char *src = a->src_interventions, *fl = a->filter_interventions;
    GArray *all = bd_list_new(), *by_type[SP_INTERVENTION_N];
    for (int t = 0; t < SP_INTERVENTION_N; t++)
        by_type[t] = bd_list_new();
    for (size_t i = 0; i < ds->n_interventions; i++)
        if (a->v->interventions[i].included) {
            bd_list_add(by_type[ds->interventions[i].type], i, 1);
            bd_list_add(all, i, 1);
        }
#define TR(x_, l_, sc_, out_, why_)                                                     \
    bd_trace((x_), (bd_trace_spec){.kind = SP_REC_INTERVENTION, .how = SP_HOW_SUM, .val = (l_),   \
                                  .scope = (sc_), .outside = (out_), .uncounted = (why_)})
    TR(bd_count(a, bd_list_sum(all), "Interventions and support in local areas (commissioners, statutory directions, advisers, safety valve agreements and other) started on or before the as-at date.",
          src, fl, "Interventions", SP_ID_INTERVENTIONS_COUNT), all, NULL, NULL, NULL);
    for (int t = 0; t < SP_INTERVENTION_N; t++) {
        char *lbl = g_strdup_printf("Interventions: %s", sp_intervention_type_label((sp_intervention_type)t));
        TR(bd_count(a, bd_list_sum(by_type[t]), "Interventions of this type started on or before the as-at date.",
              src, fl, lbl, SP_IDF_INTERVENTIONS_TYPE_COUNT, sp_intervention_type_name((sp_intervention_type)t)),
           by_type[t], NULL, NULL, "another type of intervention");
        g_free(lbl);
        bd_list_unref(by_type[t]);
    }
    bd_list_unref(all);
    for (size_t r = 0; r < a->f->n_regions; r++) {
        const sp_group *g = &a->f->regions[r];
        GArray *bt[SP_INTERVENTION_N], *tot = bd_list_new();
        for (int t = 0; t < SP_INTERVENTION_N; t++)
            bt[t] = bd_list_new();
        for (size_t i = 0; i < ds->n_interventions; i++) {
            const sp_intervention *v = &ds->interventions[i];
            if (!a->v->interventions[i].included)
                continue;
            const char *reg = a->v->interventions[i].region;
            if (!reg)
                continue;
            char *s = sp_slug(reg);
            if (strcmp(s, g->slug) == 0) {
                bd_list_add(bt[v->type], i, 1);
                bd_list_add(tot, i, 1);
            }
            g_free(s);
        }
        char *outside = g_strdup_printf("not in region %s (or its region not known)", g->name);
        char *lbl = g_strdup_printf("Interventions: %s", g->name);
        TR(bd_count(a, bd_list_sum(tot), "Interventions in local areas of the region started on or before the as-at date.",
              src, fl, lbl, SP_IDF_REGION_INTERVENTIONS_COUNT, g->slug), tot, tot, outside, NULL);
        g_free(lbl);
        for (int t = 0; t < SP_INTERVENTION_N; t++) {
            lbl = g_strdup_printf("Interventions: %s: %s", sp_intervention_type_label((sp_intervention_type)t), g->name);
            TR(bd_count(a, bd_list_sum(bt[t]), "Interventions of this type in local areas of the region started on or before the as-at date.",
                  src, fl, lbl, SP_IDF_REGION_INTERVENTIONS_TYPE_COUNT, g->slug,
                  sp_intervention_type_name((sp_intervention_type)t)), bt[t], tot, outside, "another type of intervention");
            g_free(lbl);
            bd_list_unref(bt[t]);
        }
        g_free(outside);
        bd_list_unref(tot);
    }
#undef TR
}
