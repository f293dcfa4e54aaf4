/* breakdown_interventions.c: the figures of the interventions source: counts
 * by type, nationally and by region, of interventions started by the as-at date.
 * Pure: no I/O, no formatting beyond the words of labels. */
#include "breakdown.h"

#include <string.h>

void sp_breakdown_interventions(agg *a)
{
    const sp_dataset *ds = a->ds;
    if (!ds->n_interventions)
        return;
    const char *src = a->src_interventions, *fl = a->filter_interventions;
    double by_type[SP_INTERVENTION_N] = {0}, total = 0;
    for (size_t i = 0; i < ds->n_interventions; i++)
        if (a->v->interventions[i].included) {
            by_type[ds->interventions[i].type]++;
            total++;
        }
    bd_count(a, total, "Interventions and support in local areas (commissioners, statutory directions, advisers, safety valve agreements and other) started on or before the as-at date.",
          src, fl, "Interventions", "interventions.count");
    for (int t = 0; t < SP_INTERVENTION_N; t++) {
        char *lbl = g_strdup_printf("Interventions: %s", sp_intervention_type_name((sp_intervention_type)t));
        bd_count(a, by_type[t], "Interventions of this type started on or before the as-at date.",
              src, fl, lbl, "interventions.%s.count", sp_intervention_type_name((sp_intervention_type)t));
        g_free(lbl);
    }
    for (size_t r = 0; r < a->f->n_regions; r++) {
        const sp_group *g = &a->f->regions[r];
        double bt[SP_INTERVENTION_N] = {0}, tot = 0;
        for (size_t i = 0; i < ds->n_interventions; i++) {
            const sp_intervention *v = &ds->interventions[i];
            if (!a->v->interventions[i].included)
                continue;
            const char *reg = a->v->interventions[i].region;
            if (!reg)
                continue;
            char *s = sp_slug(reg);
            if (strcmp(s, g->slug) == 0) {
                bt[v->type]++;
                tot++;
            }
            g_free(s);
        }
        char *lbl = g_strdup_printf("Interventions: %s", g->name);
        bd_count(a, tot, "Interventions in local areas of the region started on or before the as-at date.",
              src, fl, lbl, "region.%s.interventions.count", g->slug);
        g_free(lbl);
        for (int t = 0; t < SP_INTERVENTION_N; t++) {
            lbl = g_strdup_printf("Interventions: %s: %s", sp_intervention_type_name((sp_intervention_type)t), g->name);
            bd_count(a, bt[t], "Interventions of this type in local areas of the region started on or before the as-at date.",
                  src, fl, lbl, "region.%s.interventions.%s.count", g->slug,
                  sp_intervention_type_name((sp_intervention_type)t));
            g_free(lbl);
        }
    }
}

