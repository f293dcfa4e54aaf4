/* view_sen2.c: the SEN2 rows in the view (view_sen2.h): which calendar
 * years count at the as-at date, each local authority's Ofsted region and
 * the inspected area it joins.
 *
 * Design choice: the as-at rule for SEN2 is written here once: a calendar
 * year counts once it has ended (31 December) on or before the as-at date.
 * The join is by new_la_code only (README "SEN2"): a row whose code is not
 * an inspected area's belongs to no area (sp_load warned about it). */
#include "view_sen2.h"

#include <glib.h>
#include <string.h>

/* The Ofsted region of a DfE region: Ofsted joins the North East with
 * Yorkshire and the Humber; the other seven have the same names. */
static const char *ofsted_region(const char *dfe)
{
    if (g_ascii_strcasecmp(dfe, "North East") == 0 ||
        g_ascii_strcasecmp(dfe, "Yorkshire and The Humber") == 0)
        return "North East, Yorkshire and the Humber";
    return *dfe ? dfe : NULL;
}

static int by_int(gconstpointer a, gconstpointer b)
{
    return *(const int *)a - *(const int *)b;
}

/* What a local authority code joins to, found once for each code: a large
 * file repeats each code once a year, and three look-ups for every row (the
 * area, its region, the area's rows) were most of the view's time. */
typedef struct code_join {
    const sp_area_view *area; /* NULL: the code is no inspected area's */
    const char *region;       /* from the inspections or areas read; NULL if none */
} code_join;

static const code_join *join_of(sp_view *v, GHashTable *joins, const char *code)
{
    code_join *j = g_hash_table_lookup(joins, code);
    if (j)
        return j;
    j = g_new0(code_join, 1);
    char *key = g_ascii_strdown(code, -1);
    j->area = sp_view_area(v, key);
    g_free(key);
    j->region = sp_view_region_of(v, code, NULL);
    g_hash_table_insert(joins, (gpointer)code, j);
    return j;
}

void sp_view_sen2(sp_view *v, const sp_dataset *ds)
{
    v->sen2_labels = (const char *const *)ds->sen2_labels;
    v->n_sen2 = ds->n_sen2;
    v->sen2 = g_new0(sp_sen2_view, ds->n_sen2 + 1);
    GArray *years = g_array_new(FALSE, FALSE, sizeof(int));
    GHashTable *seen_year = g_hash_table_new(g_direct_hash, g_direct_equal);
    /* by the code's address: sen2.c keeps each code's text once, so the
     * same code is the same address year after year (a code met at two
     * addresses is joined twice, to the same area) */
    GHashTable *joins = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    /* each row's area (its index, or -1), and each area's count of rows: its
     * list is then allocated once at its size and filled in row order, where
     * growing 150,000 lists a row at a time was most of the view's time at
     * x1000 (bench/make-data) */
    gint32 *area_of = g_new(gint32, ds->n_sen2 + 1);
    for (size_t a = 0; a < v->n_areas; a++)
        v->areas[a].n_sen2 = 0;
    for (size_t i = 0; i < ds->n_sen2; i++) {
        const sp_sen2 *r = &ds->sen2[i];
        sp_sen2_view *e = &v->sen2[i];
        e->rec = r;
        e->pos = (sp_source_pos){r->file, r->line};
        e->why = sp_why_sen2(r, v->as_at);
        e->included = e->why == SP_WHY_INCLUDED;
        e->counted = e->included && sp_ees_has_number(&r->within_20_weeks) &&
                     sp_ees_has_number(&r->new_plans) && r->new_plans.value > 0;
        e->share = e->counted ? r->within_20_weeks.value / r->new_plans.value : -1;
        if (e->included && !g_hash_table_contains(seen_year, GINT_TO_POINTER(r->year))) {
            g_hash_table_add(seen_year, GINT_TO_POINTER(r->year));
            g_array_append_val(years, r->year);
        }
        area_of[i] = -1;
        if (r->level != SP_EES_LOCAL_AUTHORITY)
            continue;
        const code_join *j = join_of(v, joins, r->la_code);
        if (j->area) {
            e->key = j->area->key;
            area_of[i] = (gint32)(j->area - v->areas);
            v->areas[area_of[i]].n_sen2++;
        }
        e->region = j->region ? j->region : ofsted_region(r->region_name);
    }
    g_array_sort(years, by_int);
    v->n_sen2_years = years->len;
    v->sen2_years = (int *)(void *)g_array_free(years, FALSE);
    size_t *filled = g_new0(size_t, v->n_areas + 1);
    for (size_t a = 0; a < v->n_areas; a++)
        v->areas[a].sen2 = v->areas[a].n_sen2 ? g_new(const sp_sen2_view *, v->areas[a].n_sen2)
                                              : NULL;
    for (size_t i = 0; i < ds->n_sen2; i++)
        if (area_of[i] >= 0) {
            sp_area_view *av = &v->areas[area_of[i]];
            av->sen2[filled[area_of[i]]++] = &v->sen2[i];
        }
    g_free(filled);
    g_free(area_of);
    g_hash_table_destroy(joins);
    g_hash_table_destroy(seen_year);
}
