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

/* The answer for a code that is an area's (every other code's answer is
 * its unmatched record). */
static unmatched matched;

static void unmatched_free(gpointer p)
{
    unmatched *u = p;
    g_array_free(u->years, TRUE);
    g_free(u);
}

/* Codes compared as ASCII without case, as read (no copies). */
static guint code_hash(gconstpointer p)
{
    guint h = 5381;
    for (const char *c = p; *c; c++)
        h = h * 33 + (guint)g_ascii_toupper(*c);
    return h;
}

static gboolean code_equal(gconstpointer a, gconstpointer b)
{
    return g_ascii_strcasecmp(a, b) == 0;
}

static void add_known(GHashTable *known, const char *code)
{
    if (code && *code)
        g_hash_table_add(known, (gpointer)code);
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

/* For each old_la_code, the first SEN2 local authority row that has it and
 * whose code is an area's: for a code that matches none, another SEN2 area
 * with the same old_la_code is the same local authority under its code
 * before or after a reorganisation. */
static GHashTable *known_by_old_code(const sp_dataset *ds, GHashTable *answered)
{
    GHashTable *by_old = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < ds->n_sen2; i++) {
        const sp_sen2 *o = &ds->sen2[i];
        if (o->level == SP_EES_LOCAL_AUTHORITY && *o->old_la_code &&
            g_hash_table_lookup(answered, o->la_code) == &matched &&
            !g_hash_table_contains(by_old, o->old_la_code))
            g_hash_table_insert(by_old, o->old_la_code, (gpointer)o);
    }
    return by_old;
}

void sp_sen2_check_join(const sp_dataset *ds, sp_diags *diags)
{
    if (!ds->n_sen2 || (!ds->n_inspections && !ds->n_areas))
        return;
    GHashTable *known = g_hash_table_new(code_hash, code_equal);
    for (size_t i = 0; i < ds->n_areas; i++)
        add_known(known, ds->areas[i].la_code);
    for (size_t i = 0; i < ds->n_inspections; i++)
        add_known(known, ds->inspections[i].la_code);
    /* each code's answer once: a row's code is the same text (sen2.c keeps
     * it once) as that of the same area's other years */
    GHashTable *answered = g_hash_table_new(g_direct_hash, g_direct_equal);
    GHashTable *missing = g_hash_table_new_full(code_hash, code_equal, NULL, unmatched_free);
    GPtrArray *order = g_ptr_array_new();
    for (size_t i = 0; i < ds->n_sen2; i++) {
        const sp_sen2 *s = &ds->sen2[i];
        if (s->level != SP_EES_LOCAL_AUTHORITY)
            continue;
        unmatched *u = g_hash_table_lookup(answered, s->la_code);
        if (!u) {
            if (g_hash_table_contains(known, s->la_code)) {
                g_hash_table_insert(answered, s->la_code, (gpointer)&matched);
                continue;
            }
            u = g_hash_table_lookup(missing, s->la_code);
            if (!u) {
                u = g_new0(unmatched, 1);
                u->first = s;
                u->years = g_array_new(FALSE, FALSE, sizeof(int));
                g_hash_table_insert(missing, s->la_code, u);
                g_ptr_array_add(order, u);
            }
            g_hash_table_insert(answered, s->la_code, u);
        }
        if (u == &matched)
            continue;
        if (s->line < u->first->line)
            u->first = s;
        g_array_append_val(u->years, s->year);
    }
    GHashTable *by_old = order->len ? known_by_old_code(ds, answered) : NULL;
    for (guint k = 0; k < order->len; k++) {
        const unmatched *u = g_ptr_array_index(order, k);
        const sp_sen2 *s = u->first;
        const sp_sen2 *o = *s->old_la_code ? g_hash_table_lookup(by_old, s->old_la_code) : NULL;
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
    if (by_old)
        g_hash_table_destroy(by_old);
    g_ptr_array_free(order, TRUE);
    g_hash_table_destroy(missing);
    g_hash_table_destroy(answered);
    g_hash_table_destroy(known);
}
