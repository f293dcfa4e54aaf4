/* breakdown_areas.c: one group of figures per area with an included
 * inspection (area.<key>.*), drawing on every source through the view.
 * Pure: no I/O, no formatting beyond the words of labels. */
#include "breakdown.h"
#include "sendpack/format.h"

#include <string.h>
#include "sendpack/ids_areas.h"

/* The areas revisited by the as-at date with their weaknesses without
 * sufficient progress recorded, shared by every area's place among them:
 * scope lists their inspections (view entries) in area order, ranked the
 * same entries by that number (ties in area order), and pnm the numbers in
 * ascending order. An area's "fewer" records are the first entries of
 * ranked, found by binary search: one list for all areas, not one each
 * (which grew with the square of the areas). */
typedef struct revisits {
    GArray *scope, *ranked; /* bd_ref, contribution 1 */
    int *pnm;
} revisits;

typedef struct ranked_entry {
    int pnm;
    guint at; /* position in scope */
    size_t index;
} ranked_entry;

static int cmp_ranked(const void *x, const void *y)
{
    const ranked_entry *a = x, *b = y;
    if (a->pnm != b->pnm)
        return a->pnm < b->pnm ? -1 : 1;
    return a->at < b->at ? -1 : a->at > b->at;
}

static revisits revisited_areas(const sp_view *v)
{
    revisits r = {bd_list_new(), bd_list_new(), NULL};
    GArray *e = g_array_new(FALSE, FALSE, sizeof(ranked_entry));
    for (size_t g = 0; g < v->n_areas; g++) {
        const sp_inspection_view *x = v->areas[g].rec2016;
        if (x && x->revisit_included && x->rec->progress_not_made >= 0) {
            size_t i = (size_t)(x - v->inspections);
            ranked_entry re = {x->rec->progress_not_made, r.scope->len, i};
            g_array_append_val(e, re);
            bd_list_add(r.scope, i, 1);
        }
    }
    if (e->len > 1)
        qsort(e->data, e->len, sizeof(ranked_entry), cmp_ranked);
    r.pnm = g_new(int, e->len ? e->len : 1);
    for (guint k = 0; k < e->len; k++) {
        const ranked_entry *re = &g_array_index(e, ranked_entry, k);
        bd_list_add(r.ranked, re->index, 1);
        r.pnm[k] = re->pnm;
    }
    g_array_free(e, TRUE);
    return r;
}

/* How many revisited areas had fewer than p weaknesses without progress. */
static guint fewer_than(const revisits *r, int p)
{
    guint lo = 0, hi = r->ranked->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (r->pnm[mid] < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The area's share of weaknesses without sufficient progress at revisit,
 * and how many revisited areas had fewer such weaknesses (its place among
 * them, for the profile's headline). */
static void area_revisit_place(agg *a, const sp_area_view *av, size_t cur, const revisits *rv)
{
    const sp_inspection *p = av->rec2016->rec;
    const char *key = av->key, *name = av->name;
    double assessed = MAX(p->progress_made, 0) + MAX(p->progress_not_made, 0);
    char *lbl, *id;
    if (assessed > 0) {
        lbl = sp_strdup_format("%s: share of weaknesses without sufficient progress at revisit", name);
        id = sp_strdup_format(SP_IDF_AREA_PROGRESS_NOT_MADE_SHARE, key);
        sp_figure *x = bd_share(a, p->progress_not_made, assessed,
                                "Weaknesses where the revisit found insufficient progress divided by weaknesses assessed at the revisit; 95% Wilson score interval.",
                                a->src_2016, a->filter_revisit, lbl, id);
        if (bd_traced(x)) {
            GArray *num = bd_list_new(), *den = bd_list_new();
            bd_list_add(num, cur, p->progress_not_made);
            bd_list_add(den, cur, assessed);
            bd_trace(x, (bd_trace_spec){.kind = SP_REC_INSPECTION_2016, .how = SP_HOW_RATIO,
                                        .num = num, .den = den, .scope = num});
            bd_list_unref(num);
            bd_list_unref(den);
        }
        g_free(lbl);
        g_free(id);
    }
    guint fewer = fewer_than(rv, p->progress_not_made);
    lbl = sp_strdup_format("%s: revisited areas with fewer weaknesses without sufficient progress", name);
    id = sp_strdup_format(SP_IDF_AREA_PROGRESS_NOT_MADE_AREAS_FEWER, key);
    bd_trace(bd_typed(a, SP_UNIT_COUNT, fewer,
                      "Areas revisited by the as-at date whose revisit found fewer weaknesses without sufficient progress than this area's.",
                      a->src_2016, a->filter_revisit, lbl, id),
             (bd_trace_spec){.kind = SP_REC_INSPECTION_2016, .how = SP_HOW_SUM, .val = rv->ranked,
                             .val_prefix = true, .val_len = fewer, .scope = rv->scope,
                             .uncounted = "as many weaknesses without sufficient progress as this area, or more"});
    g_free(lbl);
    g_free(id);
}

void sp_breakdown_areas(agg *a)
{
    const sp_dataset *ds = a->ds;
    const sp_view *v = a->v;
    a->f->n_areas = v->n_areas;
    a->f->areas = v->n_areas ? g_new0(sp_group, v->n_areas) : NULL;
    for (size_t g = 0; g < v->n_areas; g++)
        a->f->areas[g] = (sp_group){g_strdup(v->areas[g].key), g_strdup(v->areas[g].name)};

    revisits revisited = revisited_areas(v);
    for (size_t g = 0; g < v->n_areas; g++) {
        const sp_area_view *av = &v->areas[g];
        const char *key = av->key, *name = av->name;
        const sp_inspection *p16 = av->rec2016 ? av->rec2016->rec : NULL;
        const sp_inspection *p23 = av->rec2023 ? av->rec2023->rec : NULL;
        char *lbl;
        const sp_inspection_view *e16 = av->rec2016, *e23 = av->rec2023;
        GArray *one = NULL; /* the records of a total; NULL: the one record cur */
        size_t cur = 0;
        /* One record's value: the record is the whole explanation. */
#define AREA_FIG(unit, v, lblfmt, def, src, filt, idfmt)                                    \
        do {                                                                                \
            lbl = sp_strdup_format(lblfmt, name);                                           \
            char *id_ = sp_strdup_format(idfmt, key);                                       \
            sp_figure *x_ = bd_typed(a, unit, v, def, src, filt, lbl, id_);                 \
            if (bd_traced(x_)) {                                                            \
                GArray *l_ = one ? g_array_ref(one) : bd_list_new();                       \
                if (!one)                                                                   \
                    bd_list_add(l_, cur, (v));                                              \
                bd_trace(x_, (bd_trace_spec){.kind = tr_kind, .how = tr_how, .val = l_,      \
                                             .scope = l_});                                 \
                bd_list_unref(l_);                                                          \
            }                                                                               \
            g_free(lbl); g_free(id_);                                                       \
        } while (0)
        sp_rec_kind tr_kind = SP_REC_INSPECTION_2016;
        sp_how tr_how = SP_HOW_SINGLE;
        if (p16) {
            cur = (size_t)(e16 - v->inspections);
            AREA_FIG(SP_UNIT_DATE, p16->published, "%s: inspection published",
                     "Publication date of the area's SEND inspection report (2016 framework).", a->src_2016, a->filter, SP_IDF_AREA_INSPECTION_PUBLISHED);
            AREA_FIG(SP_UNIT_COUNT, p16->wsoa, "%s: written statement of action required (1 yes, 0 no)",
                     "1 if the inspection required a written statement of action, else 0.", a->src_2016, a->filter, SP_IDF_AREA_WSOA);
            if (p16->wsoa && p16->weaknesses >= 0)
                AREA_FIG(SP_UNIT_COUNT, p16->weaknesses, "%s: significant weaknesses identified",
                         "Significant weaknesses identified in the area's written statement of action.", a->src_2016, a->filter, SP_IDF_AREA_WEAKNESSES);
            if (av->rec2016->revisit_included) {
                AREA_FIG(SP_UNIT_DATE, p16->revisit_published, "%s: revisit published",
                         "Publication date of the area's revisit report.", a->src_2016, a->filter_revisit, SP_IDF_AREA_REVISIT_PUBLISHED);
                if (p16->progress_made >= 0)
                    AREA_FIG(SP_UNIT_COUNT, p16->progress_made, "%s: weaknesses with sufficient progress at revisit",
                             "Weaknesses where the revisit found sufficient progress.", a->src_2016, a->filter_revisit, SP_IDF_AREA_PROGRESS_MADE);
                if (p16->progress_not_made >= 0)
                    AREA_FIG(SP_UNIT_COUNT, p16->progress_not_made, "%s: weaknesses without sufficient progress at revisit",
                             "Weaknesses where the revisit found insufficient progress.", a->src_2016, a->filter_revisit, SP_IDF_AREA_PROGRESS_NOT_MADE);
                if (p16->progress_not_made >= 0)
                    area_revisit_place(a, av, cur, &revisited);
            }
        }
        if (p23) {
            tr_kind = SP_REC_INSPECTION_2023;
            cur = (size_t)(e23 - v->inspections);
            AREA_FIG(SP_UNIT_DATE, p23->published, "%s: inspection published (2023 framework)",
                     "Publication date of the area's inspection under the 2023 framework.", a->src_2023, a->filter_2023, SP_IDF_AREA_OUTCOME_PUBLISHED);
            if (p23->priority_actions >= 0)
                AREA_FIG(SP_UNIT_COUNT, p23->priority_actions, "%s: areas for priority action",
                         "Areas for priority action identified in the 2023-framework inspection.", a->src_2023, a->filter_2023, SP_IDF_AREA_PRIORITY_ACTIONS);
        }
        GArray *iv = bd_list_new(), *fu = bd_list_new();
        for (size_t i = 0; i < av->n_interventions; i++)
            bd_list_add(iv, (size_t)(av->interventions[i] - v->interventions), 1);
        for (size_t i = 0; i < av->n_funding; i++)
            bd_list_add(fu, (size_t)(av->funding[i] - v->funding), av->funding[i]->rec->amount_gbp);
        tr_kind = SP_REC_INTERVENTION;
        tr_how = SP_HOW_SUM;
        one = iv;
        if (ds->n_interventions)
            AREA_FIG(SP_UNIT_COUNT, bd_list_sum(iv), "%s: interventions",
                     "Interventions in the area started on or before the as-at date.", a->src_interventions, a->filter_interventions, SP_IDF_AREA_INTERVENTIONS_COUNT);
        tr_kind = SP_REC_FUNDING;
        one = fu;
        if (ds->n_funding)
            AREA_FIG(SP_UNIT_GBP, bd_list_sum(fu), "%s: funding to the local authority",
                     "Sum of funding lines whose recipient is the area's local authority.", a->src_funding, a->filter_funding, SP_IDF_AREA_FUNDING_TOTAL);
        bd_list_unref(iv);
        bd_list_unref(fu);
#undef AREA_FIG
    }
    bd_list_unref(revisited.scope);
    bd_list_unref(revisited.ranked);
    g_free(revisited.pnm);
}

