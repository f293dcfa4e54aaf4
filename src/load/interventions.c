/* interventions.c: interventions.csv into sp_intervention records
 * (sp_load_interventions).
 *
 * Design choice: an intervention names its area by la_code, by area_name, or
 * both; the file needs at least one of those columns and each row at least
 * one value, so areas without a code (or codes without a name) both work. */
#include "rows.h"
#include "sendpack/load.h"

enum { V_LA_CODE, V_AREA, V_TYPE, V_START, V_END, V_NOTE, V_SOURCE, V_N };

static const sp_column COLUMNS[V_N] = {
    [V_LA_CODE] = {"la_code|Local authority code", 0},
    [V_AREA] = {"area_name|Area name", 0},
    [V_TYPE] = {"type", SP_COL_REQUIRED},
    [V_START] = {"start", SP_COL_REQUIRED},
    [V_END] = {"end", 0},
    [V_NOTE] = {"note", 0},
    [V_SOURCE] = {"source", 0},
};

const sp_schema sp_schema_interventions = {"interventions", "interventions", COLUMNS, V_N};

static void intervention_clear(sp_intervention *v)
{
    g_free(v->la_code);
    g_free(v->area_name);
    g_free(v->note);
    g_free(v->source);
}

static void read_row(sp_rows *r, sp_intervention *v)
{
    v->la_code = g_strdup(sp_rows_text(r, V_LA_CODE));
    v->area_name = g_strdup(sp_rows_text(r, V_AREA));
    if (!*v->la_code && !*v->area_name)
        sp_rows_error(r, sp_rows_has(r, V_LA_CODE) ? V_LA_CODE : V_AREA,
                      "expected an la_code or an area_name, found both empty");
    static const char *const types[] = {"commissioner", "statutory_direction", "adviser_support",
                                        "safety_valve", "other", NULL};
    static const char *const expect =
        "commissioner, statutory_direction, adviser_support, safety_valve or other";
    int t = sp_rows_choice(r, V_TYPE, types, false, expect);
    if (t == -1) {
        char *found = sp_rows_found(r, V_TYPE);
        sp_rows_error(r, V_TYPE, "expected %s, found %s", expect, found);
        g_free(found);
    }
    v->type = t >= 0 ? (sp_intervention_type)t : SP_INTERVENTION_OTHER;
    sp_rows_date(r, V_START, true, &v->start);
    sp_rows_date(r, V_END, false, &v->end);
    if (v->start && v->end && v->end < v->start) {
        char *found = sp_rows_found(r, V_END);
        sp_rows_error(r, V_END, "expected an end date on or after the start, found %s", found);
        g_free(found);
    }
    v->note = g_strdup(sp_rows_text(r, V_NOTE));
    v->source = g_strdup(sp_rows_text(r, V_SOURCE));
}

static bool has_area_columns(sp_rows *r)
{
    if (sp_rows_has(r, V_LA_CODE) || sp_rows_has(r, V_AREA))
        return true;
    sp_diags_error(r->diags, r->src.where, r->header.line, 1,
                   "missing required column \"la_code\" or \"area_name\" (at least one)");
    r->errors++;
    return false;
}

int sp_load_interventions(sp_dataset *ds, const char *path, sp_diags *diags)
{
    static const sp_schema *const schemas[] = {&sp_schema_interventions};
    sp_rows r;
    bool ok = sp_rows_open(&r, path, schemas, 1, diags) && has_area_columns(&r);
    GArray *found = g_array_new(FALSE, TRUE, sizeof(sp_intervention));
    while (ok && sp_rows_next(&r)) {
        sp_intervention v = {.line = sp_rows_line(&r)};
        read_row(&r, &v);
        if (r.row_errors)
            intervention_clear(&v);
        else
            g_array_append_val(found, v);
    }
    if (r.header.schema) {
        const char *file = sp_rows_add_input(&r, ds);
        ds->interventions =
            g_renew(sp_intervention, ds->interventions, ds->n_interventions + found->len);
        for (guint i = 0; i < found->len; i++) {
            sp_intervention *v = &g_array_index(found, sp_intervention, i);
            v->file = file;
            ds->interventions[ds->n_interventions++] = *v;
        }
    }
    g_array_free(found, TRUE);
    sp_rows_close(&r);
    return r.errors;
}
