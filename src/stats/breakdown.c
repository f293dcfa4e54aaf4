/* breakdown.c: the helpers every breakdown uses to add figures (counts,
 * typed values, shares with their interval) and to group records. */
#include "breakdown.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

char *bd_sources_of_kind(const sp_dataset *ds, const char *prefix, const char *publication)
{
    GString *s = g_string_new(publication);
    bool first = true;
    for (size_t i = 0; i < ds->n_inputs; i++) {
        if (!g_str_has_prefix(ds->inputs[i].kind, prefix))
            continue;
        char *base = g_path_get_basename(ds->inputs[i].path);
        g_string_append(s, first ? " (file: " : ", ");
        g_string_append(s, base);
        g_free(base);
        first = false;
    }
    if (!first)
        g_string_append_c(s, ')');
    return g_string_free(s, FALSE);
}

sp_figure *bd_count(agg *a, double v, const char *def, const char *src, const char *filter,
                        const char *label, const char *idfmt, ...)
{
    va_list ap;
    va_start(ap, idfmt);
    char *id = g_strdup_vprintf(idfmt, ap);
    va_end(ap);
    sp_figure *x = sp_figures_add(a->f, id, SP_UNIT_COUNT, v, label, def, src, filter);
    g_free(id);
    return x;
}

sp_figure *bd_typed(agg *a, sp_unit unit, double v, const char *def, const char *src,
                        const char *filter, const char *label, const char *id)
{
    return sp_figures_add(a->f, id, unit, v, label, def, src, filter);
}

sp_figure *bd_share(agg *a, double k, double n, const char *def, const char *src,
                  const char *filter, const char *label, const char *id)
{
    return n > 0 ? sp_figures_add_share(a->f, id, k, n, label, def, src, filter) : NULL;
}

static int cmp_group(const void *x, const void *y)
{
    const sp_group *a = x, *b = y;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->slug, b->slug);
}

sp_group *bd_groups_from(GPtrArray *names, size_t *n_out)
{
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    /* a name once slugged is passed over: a list of rows repeats a dozen
     * names, and the first of each is the one kept */
    GHashTable *named = g_hash_table_new(g_str_hash, g_str_equal);
    GArray *out = g_array_new(FALSE, TRUE, sizeof(sp_group));
    for (guint i = 0; i < names->len; i++) {
        const char *nm = g_ptr_array_index(names, i);
        if (!nm || !*nm || !g_hash_table_add(named, (gpointer)nm))
            continue;
        char *slug = sp_slug(nm);
        if (!*slug || g_hash_table_contains(seen, slug)) {
            g_free(slug);
            continue;
        }
        sp_group g = {slug, g_strdup(nm)};
        g_array_append_val(out, g);
        g_hash_table_add(seen, slug);
    }
    g_hash_table_destroy(seen);
    g_hash_table_destroy(named);
    if (out->len > 1)
        qsort(out->data, out->len, sizeof(sp_group), cmp_group);
    *n_out = out->len;
    return (sp_group *)g_array_free(out, out->len == 0);
}


int *bd_group_index(const sp_group *groups, size_t n_groups, GPtrArray *names)
{
    GHashTable *by_slug = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t g = 0; g < n_groups; g++)
        g_hash_table_insert(by_slug, groups[g].slug, GSIZE_TO_POINTER(g + 1));
    GHashTable *by_name = g_hash_table_new(g_str_hash, g_str_equal);
    int *out = g_new(int, names->len + 1);
    for (guint i = 0; i < names->len; i++) {
        const char *nm = g_ptr_array_index(names, i);
        out[i] = -1;
        if (!nm || !*nm)
            continue;
        gpointer known;
        if (!g_hash_table_lookup_extended(by_name, nm, NULL, &known)) {
            char *slug = sp_slug(nm);
            known = g_hash_table_lookup(by_slug, slug);
            g_free(slug);
            g_hash_table_insert(by_name, (gpointer)nm, known);
        }
        out[i] = (int)GPOINTER_TO_SIZE(known) - 1;
    }
    g_hash_table_destroy(by_slug);
    g_hash_table_destroy(by_name);
    return out;
}
