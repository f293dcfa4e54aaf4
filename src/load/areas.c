/* areas.c: the optional areas.csv lookup into sp_area records
 * (sp_load_areas).
 *
 * Design choice: a plain lookup table with one rule, each la_code once, so
 * that joining on it later can never be ambiguous. sp_area has no file/line
 * fields, so positions live only in the messages. */
#include "rows.h"
#include "sendpack/load.h"

enum { A_LA_CODE, A_NAME, A_REGION, A_OLD_CODE, A_N };

static const sp_column COLUMNS[A_N] = {
    [A_LA_CODE] = {"la_code|Local authority code|new_la_code", SP_COL_REQUIRED},
    [A_NAME] = {"name|area_name|la_name", SP_COL_REQUIRED},
    [A_REGION] = {"region|Ofsted region", 0},
    [A_OLD_CODE] = {"old_la_code", 0},
};

const sp_schema sp_schema_areas = {"areas", "areas", COLUMNS, A_N};

static void area_clear(sp_area *a)
{
    g_free(a->la_code);
    g_free(a->name);
    g_free(a->region);
    g_free(a->old_la_code);
}

static void read_row(sp_rows *r, sp_area *a, GHashTable *seen)
{
    sp_rows_required_text(r, A_LA_CODE, "an la_code such as E09000002", &a->la_code);
    sp_rows_required_text(r, A_NAME, "an area name", &a->name);
    a->region = g_strdup(sp_rows_text(r, A_REGION));
    a->old_la_code = g_strdup(sp_rows_text(r, A_OLD_CODE));
    if (!*a->la_code)
        return;
    char *key = g_ascii_strdown(a->la_code, -1);
    int first = GPOINTER_TO_INT(g_hash_table_lookup(seen, key));
    if (first) {
        char *cut = sp_csv_cut(a->la_code);
        sp_rows_error(r, A_LA_CODE, "expected each la_code once, found %s again: also on %s %d",
                      cut, sp_rows_line_word(r), first);
        g_free(cut);
        g_free(key);
    } else {
        g_hash_table_insert(seen, key, GINT_TO_POINTER(sp_rows_line(r)));
    }
}

int sp_load_areas(sp_dataset *ds, const char *path, sp_diags *diags)
{
    static const sp_schema *const schemas[] = {&sp_schema_areas};
    sp_rows r;
    bool ok = sp_rows_open(&r, path, schemas, 1, diags);
    GArray *found = g_array_new(FALSE, TRUE, sizeof(sp_area));
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    while (ok && sp_rows_next(&r)) {
        sp_area a = {0};
        read_row(&r, &a, seen);
        if (r.row_errors)
            area_clear(&a);
        else
            g_array_append_val(found, a);
    }
    if (r.header.schema) {
        sp_rows_add_input(&r, ds);
        ds->areas = g_renew(sp_area, ds->areas, ds->n_areas + found->len);
        for (guint i = 0; i < found->len; i++)
            ds->areas[ds->n_areas++] = g_array_index(found, sp_area, i);
    }
    g_array_free(found, TRUE);
    g_hash_table_destroy(seen);
    sp_rows_close(&r);
    return r.errors;
}
