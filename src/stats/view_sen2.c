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
    GPtrArray *rows;          /* the area's rows (shared by codes of one area) */
} code_join;

static code_join *join_of(sp_view *v, GHashTable *joins, GHashTable *rows_of, const char *code)
{
    code_join *j = g_hash_table_lookup(joins, code);
    if (j)
        return j;
    j = g_new0(code_join, 1);
    char *key = g_ascii_strdown(code, -1);
    j->area = sp_view_area(v, key);
    g_free(key);
    j->region = sp_view_region_of(v, code, NULL);
    if (j->area) {
        j->rows = g_hash_table_lookup(rows_of, j->area->key);
        if (!j->rows) {
            j->rows = g_ptr_array_new();
            g_hash_table_insert(rows_of, (gpointer)j->area->key, j->rows);
        }
    }
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
    GHashTable *rows_of = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify)g_ptr_array_unref);
    GHashTable *joins = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
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
        if (r->level != SP_EES_LOCAL_AUTHORITY)
            continue;
        const code_join *j = join_of(v, joins, rows_of, r->la_code);
        if (j->area)
            e->key = j->area->key;
        e->region = j->region ? j->region : ofsted_region(r->region_name);
        if (j->rows)
            g_ptr_array_add(j->rows, e);
    }
    g_array_sort(years, by_int);
    v->n_sen2_years = years->len;
    v->sen2_years = (int *)(void *)g_array_free(years, FALSE);
    for (size_t a = 0; a < v->n_areas; a++) {
        GPtrArray *l = g_hash_table_lookup(rows_of, v->areas[a].key);
        if (!l)
            continue;
        v->areas[a].n_sen2 = l->len;
        v->areas[a].sen2 = (const sp_sen2_view **)g_memdup2(l->pdata, l->len * sizeof(void *));
    }
    g_hash_table_destroy(joins);
    g_hash_table_destroy(rows_of);
    g_hash_table_destroy(seen_year);
}
