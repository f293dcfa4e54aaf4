/* dsg_join.c: the DSG files' 3-digit old LA codes joined to the
 * 9-character codes the inspections use (sp_dsg_join).
 *
 * Design choice: the join takes plain code pairs, so any lookup can feed
 * it: the areas file's old_la_code column (sp_code_pairs_from_areas) and
 * the new_la_code/old_la_code pairs of a SEN2 file (sp_code_pairs_from_sen2). An authority with
 * no pair is joined by its name only when exactly one known area has that
 * name, and the run says so in one warning; one that matches nothing is a
 * warning naming it. Nothing is joined silently. */
#include "sendpack/load.h"

#include <glib.h>
#include <string.h>

sp_code_pair *sp_code_pairs_from_areas(const sp_dataset *ds, size_t *n_out)
{
    sp_code_pair *p = g_new0(sp_code_pair, ds->n_areas + 1);
    size_t n = 0;
    for (size_t i = 0; i < ds->n_areas; i++)
        if (ds->areas[i].old_la_code && *ds->areas[i].old_la_code && *ds->areas[i].la_code)
            p[n++] = (sp_code_pair){ds->areas[i].old_la_code, ds->areas[i].la_code};
    *n_out = n;
    return p;
}

sp_code_pair *sp_code_pairs_from_sen2(const sp_dataset *ds, size_t *n_out)
{
    sp_code_pair *p = g_new0(sp_code_pair, ds->n_sen2 + 1);
    size_t n = 0;
    for (size_t i = 0; i < ds->n_sen2; i++)
        if (ds->sen2[i].old_la_code && *ds->sen2[i].old_la_code && ds->sen2[i].la_code &&
            *ds->sen2[i].la_code)
            p[n++] = (sp_code_pair){ds->sen2[i].old_la_code, ds->sen2[i].la_code};
    *n_out = n;
    return p;
}

/* A name for matching: lower case, letters and digits only, "&" as "and",
 * without DfE's "City of" ("Bristol, City of" is Ofsted's "Bristol"). */
static char *name_key(const char *s)
{
    GString *o = g_string_new(NULL);
    for (; s && *s; s++) {
        if (*s == '&')
            g_string_append(o, "and");
        else if (g_ascii_isalnum(*s))
            g_string_append_c(o, g_ascii_tolower(*s));
    }
    if (o->len > 6 && g_str_has_suffix(o->str, "cityof"))
        g_string_truncate(o, o->len - 6);
    return g_string_free(o, FALSE);
}

/* name key -> code, from the areas lookup and the inspections; a name with
 * two different codes maps to "" (ambiguous, never used). */
static void add_name(GHashTable *names, const char *name, const char *code)
{
    if (!code || !*code || !name || !*name)
        return;
    char *k = name_key(name);
    const char *had = g_hash_table_lookup(names, k);
    if (had && g_ascii_strcasecmp(had, code) != 0)
        g_hash_table_replace(names, k, (gpointer) "");
    else if (!had)
        g_hash_table_insert(names, k, (gpointer)code);
    else
        g_free(k);
}

void sp_dsg_join(sp_dataset *ds, const sp_code_pair *pairs, size_t n, sp_diags *diags)
{
    if (!ds->n_dsg)
        return;
    /* An old code with several new ones (Buckinghamshire's 825 was E10000002,
     * then E06000060): the one an inspection uses, else the first. */
    GHashTable *inspected = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < ds->n_inspections; i++)
        if (ds->inspections[i].la_code && *ds->inspections[i].la_code)
            g_hash_table_add(inspected, ds->inspections[i].la_code);
    GHashTable *by_code = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < n; i++) {
        const char *had = g_hash_table_lookup(by_code, pairs[i].old_code);
        if (!had || (!g_hash_table_contains(inspected, had) &&
                     g_hash_table_contains(inspected, pairs[i].code)))
            g_hash_table_insert(by_code, (gpointer)pairs[i].old_code, (gpointer)pairs[i].code);
    }
    g_hash_table_destroy(inspected);
    GHashTable *by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < ds->n_areas; i++)
        add_name(by_name, ds->areas[i].name, ds->areas[i].la_code);
    for (size_t i = 0; i < ds->n_inspections; i++)
        add_name(by_name, ds->inspections[i].area_name, ds->inspections[i].la_code);
    GHashTable *said = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *by_name_only = g_ptr_array_new();
    for (size_t i = 0; i < ds->n_dsg; i++) {
        sp_dsg *x = &ds->dsg[i];
        const char *code = g_hash_table_lookup(by_code, x->old_la_code);
        bool named = false;
        if (!code) {
            char *k = name_key(x->name);
            code = g_hash_table_lookup(by_name, k);
            g_free(k);
            named = code && *code;
        }
        if (code && *code) {
            g_free(x->la_code);
            x->la_code = g_strdup(code);
            x->joined_by_name = named;
            if (named && !g_hash_table_contains(said, x->old_la_code)) {
                g_hash_table_add(said, x->old_la_code);
                g_ptr_array_add(by_name_only, x);
            }
            continue;
        }
        if (g_hash_table_contains(said, x->old_la_code))
            continue;
        g_hash_table_add(said, x->old_la_code);
        sp_diags_warning(diags, x->file, 0, 0,
                         "%s (old LA code %s) matches no area by code or name: its allocation "
                         "counts for England only, in no region or area%s",
                         x->name, x->old_la_code,
                         n ? "" : " (give an areas file with an old_la_code column)");
    }
    if (by_name_only->len) {
        GString *s = g_string_new(NULL);
        for (guint i = 0; i < by_name_only->len && i < 8; i++) {
            const sp_dsg *x = g_ptr_array_index(by_name_only, i);
            g_string_append_printf(s, "%s%s (%s)", i ? ", " : "", x->name, x->old_la_code);
        }
        if (by_name_only->len > 8)
            g_string_append_printf(s, " and %u more", by_name_only->len - 8);
        const sp_dsg *x0 = g_ptr_array_index(by_name_only, 0);
        sp_diags_warning(diags, x0->file, 0, 0,
                         "%u local authorities joined to areas by name alone, with no old LA "
                         "code pair for them: %s",
                         by_name_only->len, s->str);
        g_string_free(s, TRUE);
    }
    g_ptr_array_free(by_name_only, TRUE);
    g_hash_table_destroy(said);
    g_hash_table_destroy(by_name);
    g_hash_table_destroy(by_code);
}
