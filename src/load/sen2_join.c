/* sen2_join.c: the check that SEN2 rows join to the areas read
 * (sp_sen2_check_join), run by sp_load once every file is loaded.
 *
 * Design choice: the join is by new_la_code only, never by name or
 * old_la_code, so a reorganised area (Buckinghamshire 2020, Dorset and
 * Bournemouth, Christchurch and Poole 2019, Northamptonshire 2021,
 * Cumbria, North Yorkshire and Somerset 2023) is never joined silently to
 * another series. Each code that matches no area is one warning naming the
 * area and its years, at its first row. */
#include "sendpack/load.h"

#include <glib.h>
#include <string.h>

typedef struct unmatched {
    const sp_sen2 *first;
    GArray *years; /* int */
} unmatched;

static void unmatched_free(gpointer p)
{
    unmatched *u = p;
    g_array_free(u->years, TRUE);
    g_free(u);
}

static void add_known(GHashTable *known, const char *code, const char *name)
{
    if (code && *code)
        g_hash_table_insert(known, g_ascii_strup(code, -1), (gpointer)name);
}

static int by_int(gconstpointer a, gconstpointer b)
{
    return *(const int *)a - *(const int *)b;
}

/* "year 2019", "years 2014 to 2018", "years 2014, 2016 and 2017". */
static char *years_text(GArray *years)
{
    g_array_sort(years, by_int);
    int *y = (int *)(void *)years->data, n = (int)years->len;
    if (n == 1)
        return g_strdup_printf("year %d", y[0]);
    if (y[n - 1] - y[0] == n - 1)
        return g_strdup_printf("years %d to %d", y[0], y[n - 1]);
    GString *out = g_string_new("years ");
    for (int i = 0; i < n; i++)
        g_string_append_printf(out, "%s%d", i == 0 ? "" : i == n - 1 ? " and " : ", ", y[i]);
    return g_string_free(out, FALSE);
}

/* Another SEN2 area with the same old_la_code whose code is known: the
 * same local authority under its code before or after a reorganisation. */
static const sp_sen2 *same_old_code(const sp_dataset *ds, const sp_sen2 *s, GHashTable *known)
{
    for (size_t i = 0; *s->old_la_code && i < ds->n_sen2; i++) {
        const sp_sen2 *o = &ds->sen2[i];
        if (o->level != SP_EES_LOCAL_AUTHORITY || strcmp(o->old_la_code, s->old_la_code) != 0 ||
            g_ascii_strcasecmp(o->la_code, s->la_code) == 0)
            continue;
        char *up = g_ascii_strup(o->la_code, -1);
        bool k = g_hash_table_contains(known, up);
        g_free(up);
        if (k)
            return o;
    }
    return NULL;
}

void sp_sen2_check_join(const sp_dataset *ds, sp_diags *diags)
{
    if (!ds->n_sen2 || (!ds->n_inspections && !ds->n_areas))
        return;
    GHashTable *known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < ds->n_areas; i++)
        add_known(known, ds->areas[i].la_code, ds->areas[i].name);
    for (size_t i = 0; i < ds->n_inspections; i++)
        add_known(known, ds->inspections[i].la_code, ds->inspections[i].area_name);
    GHashTable *missing = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, unmatched_free);
    GPtrArray *order = g_ptr_array_new();
    for (size_t i = 0; i < ds->n_sen2; i++) {
        const sp_sen2 *s = &ds->sen2[i];
        if (s->level != SP_EES_LOCAL_AUTHORITY)
            continue;
        char *up = g_ascii_strup(s->la_code, -1);
        if (g_hash_table_contains(known, up)) {
            g_free(up);
            continue;
        }
        unmatched *u = g_hash_table_lookup(missing, up);
        if (!u) {
            u = g_new0(unmatched, 1);
            u->first = s;
            u->years = g_array_new(FALSE, FALSE, sizeof(int));
            g_hash_table_insert(missing, up, u);
            g_ptr_array_add(order, u);
        } else {
            g_free(up);
            if (s->line < u->first->line)
                u->first = s;
        }
        g_array_append_val(u->years, s->year);
    }
    for (guint k = 0; k < order->len; k++) {
        const unmatched *u = g_ptr_array_index(order, k);
        const sp_sen2 *s = u->first;
        const sp_sen2 *o = same_old_code(ds, s, known);
        char *years = years_text(u->years);
        char *hint = o ? g_strdup_printf(" (old_la_code %s is also %s, %s: a reorganised area "
                                         "whose code changed)",
                                         s->old_la_code, o->la_name, o->la_code)
                       : g_strdup("");
        sp_diags_warning(diags, s->file, s->line, 0,
                         "SEN2 %s (%s), %s: new_la_code matches no area read, so its "
                         "timeliness is not joined to an inspection%s",
                         s->la_name, s->la_code, years, hint);
        g_free(years);
        g_free(hint);
    }
    g_ptr_array_free(order, TRUE);
    g_hash_table_destroy(missing);
    g_hash_table_destroy(known);
}
