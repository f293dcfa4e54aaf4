/* inspections.c: Ofsted's inspection tables, both frameworks, into
 * sp_inspection records (sp_load_inspections).
 *
 * Design choice: the framework is not a flag but is read from the header:
 * the 2016-2022 table names a written statement of action, the 2023 table an
 * inspection outcome. Both go through the same row reader; a row with any
 * bad cell is reported and left out, the rest of the file still loads. */
#include "rows.h"
#include "sendpack/load.h"

#include <stdio.h>
#include <string.h>

enum {
    I16_LA_CODE, I16_AREA, I16_REGION, I16_START, I16_PUBLISHED, I16_WSOA, I16_WEAKNESSES,
    I16_REVISIT_START, I16_REVISIT_PUBLISHED, I16_REVISIT_OUTCOME, I16_MADE, I16_NOT_MADE,
    I16_WEB_LINK, I16_N
};

static const sp_column COLUMNS_2016[I16_N] = {
    [I16_LA_CODE] = {"Local authority code|la_code|LA code", 0},
    [I16_AREA] = {"Area name|area_name|Local area name", SP_COL_REQUIRED},
    [I16_REGION] = {"Ofsted region|region", SP_COL_REQUIRED},
    [I16_START] = {"Inspection start date|inspection_start", SP_COL_REQUIRED},
    [I16_PUBLISHED] = {"Inspection publication date|inspection_published", SP_COL_REQUIRED},
    [I16_WSOA] = {"Inspection outcome: written statement of action required?|wsoa_required|"
                  "Written statement of action required?",
                  SP_COL_REQUIRED},
    [I16_WEAKNESSES] = {"Number significant weaknesses identified in written statement of "
                        "action|weaknesses_identified|Number of significant weaknesses "
                        "identified in written statement of action", 0},
    [I16_REVISIT_START] = {"Revisit start date|revisit_start", 0},
    [I16_REVISIT_PUBLISHED] = {"Revisit publication date|revisit_published", 0},
    [I16_REVISIT_OUTCOME] = {"Revisit outcome: sufficient progress in addressing all "
                             "significant weaknesses?|revisit_outcome", 0},
    [I16_MADE] = {"Number significant weaknesses where sufficient progress has been made|"
                  "weaknesses_progress_made", 0},
    [I16_NOT_MADE] = {"Number significant weaknesses where sufficient progress has not been "
                      "made|weaknesses_progress_not_made", 0},
    [I16_WEB_LINK] = {"Web link to Ofsted local authority webpage|web_link", SP_COL_IGNORED},
};

enum {
    I23_LA_CODE, I23_AREA, I23_REGION, I23_START, I23_PUBLISHED, I23_OUTCOME, I23_PLAN,
    I23_ACTIONS, I23_WEB_LINK, I23_N
};

static const sp_column COLUMNS_2023[I23_N] = {
    [I23_LA_CODE] = {"Local authority code|la_code|LA code", 0},
    [I23_AREA] = {"Local area partnership|area_name|local_area_partnership|Area name",
                  SP_COL_REQUIRED},
    [I23_REGION] = {"Ofsted region|region", SP_COL_REQUIRED},
    [I23_START] = {"Inspection start date|inspection_start", SP_COL_REQUIRED},
    [I23_PUBLISHED] = {"Inspection publication date|inspection_published|Publication date",
                       SP_COL_REQUIRED},
    [I23_OUTCOME] = {"Inspection outcome|outcome", SP_COL_REQUIRED},
    [I23_PLAN] = {"Priority action plan required?|priority_action_plan", 0},
    [I23_ACTIONS] = {"Number of areas for priority action|priority_actions", 0},
    [I23_WEB_LINK] = {"Web link to Ofsted local authority webpage|web_link", SP_COL_IGNORED},
};

const sp_schema sp_schema_inspections_2016 = {"inspections-2016", "2016-2022 framework inspections",
                                      COLUMNS_2016, I16_N};
const sp_schema sp_schema_inspections_2023 = {"inspections-2023", "2023 framework inspections",
                                      COLUMNS_2023, I23_N};

static void inspection_clear(sp_inspection *x)
{
    g_free(x->la_code);
    g_free(x->area_name);
    g_free(x->region);
}

/* 31/03/2021, as the published tables write dates. */
static void dmy(sp_date d, char *buf, size_t n)
{
    snprintf(buf, n, "%02d/%02d/%04d", SP_DATE_DAY(d), SP_DATE_MONTH(d), SP_DATE_YEAR(d));
}

/* Report col (holding date, "what") if it is before earlier ("earlier_what"). */
static void check_order(sp_rows *r, int col, sp_date date, const char *what, sp_date earlier,
                        const char *earlier_what)
{
    if (date && earlier && date < earlier) {
        char buf[40];
        dmy(earlier, buf, sizeof buf);
        char *found = sp_rows_found(r, col);
        sp_rows_error(r, col, "expected %s on or after %s %s, found %s", what, earlier_what, buf,
                      found);
        g_free(found);
    }
}

static void check_dates(sp_rows *r, const sp_inspection *x, int published_col)
{
    check_order(r, published_col, x->published, "a publication date", x->start,
                "the start date");
}

/* A revisit starts after the inspection is published and is published after
 * it starts (or, with no start date, after the inspection). */
static void check_revisit_dates(sp_rows *r, const sp_inspection *x)
{
    check_order(r, I16_REVISIT_START, x->revisit_start, "a revisit start date", x->published,
                "the inspection publication date");
    if (x->revisit_start)
        check_order(r, I16_REVISIT_PUBLISHED, x->revisit_published,
                    "a revisit publication date", x->revisit_start, "the revisit start date");
    else
        check_order(r, I16_REVISIT_PUBLISHED, x->revisit_published,
                    "a revisit publication date", x->published, "the inspection publication date");
}

/* A published revisit has an outcome and an outcome belongs to a published
 * revisit (o: sp_rows_choice's result); otherwise the revisit figures would
 * count it as revisited with no outcome, or never. A cell already reported
 * as bad is not reported again. */
static void check_revisit_outcome(sp_rows *r, const sp_inspection *x, int o)
{
    if (x->revisit_published && o == -1 && sp_rows_has(r, I16_REVISIT_OUTCOME)) {
        char buf[40];
        dmy(x->revisit_published, buf, sizeof buf);
        sp_rows_error(r, I16_REVISIT_OUTCOME,
                      "expected Yes, Some or No for the revisit published %s, found an empty cell",
                      buf);
    } else if (o >= 0 && !*sp_rows_text(r, I16_REVISIT_PUBLISHED) &&
               sp_rows_has(r, I16_REVISIT_PUBLISHED)) {
        char *found = sp_rows_found(r, I16_REVISIT_OUTCOME);
        sp_rows_error(r, I16_REVISIT_PUBLISHED,
                      "expected the publication date of the revisit with outcome %s, found an "
                      "empty cell", found);
        g_free(found);
    }
}

/* Only an area with a written statement of action is revisited; a revisit
 * on any other would be left out of every figure without a word. */
static void check_revisit_wsoa(sp_rows *r, const sp_inspection *x, int o)
{
    int col = x->revisit_start ? I16_REVISIT_START
            : x->revisit_published ? I16_REVISIT_PUBLISHED
            : o >= 0 ? I16_REVISIT_OUTCOME : -1;
    if (x->wsoa || col < 0)
        return;
    char *found = sp_rows_found(r, col);
    sp_rows_error(r, col,
                  "expected no revisit for an area without a written statement of action, "
                  "found %s", found);
    g_free(found);
}

static void read_revisit(sp_rows *r, sp_inspection *x, bool wsoa_ok)
{
    char *start = sp_normalise(sp_rows_text(r, I16_REVISIT_START));
    if (strcmp(start, "notrevisitedyet") == 0 || strcmp(start, "notrevisited") == 0)
        x->revisit_start = 0;
    else
        sp_rows_date(r, I16_REVISIT_START, false, &x->revisit_start);
    g_free(start);
    sp_rows_date(r, I16_REVISIT_PUBLISHED, false, &x->revisit_published);
    check_revisit_dates(r, x);
    static const char *const outcomes[] = {"Yes", "Some", "No", NULL};
    int o = sp_rows_choice(r, I16_REVISIT_OUTCOME, outcomes, false, "Yes, Some or No");
    x->revisit_outcome = o == 0 ? SP_REVISIT_ALL : o == 1 ? SP_REVISIT_SOME
                       : o == 2 ? SP_REVISIT_NO : SP_REVISIT_NONE;
    check_revisit_outcome(r, x, o);
    if (wsoa_ok)
        check_revisit_wsoa(r, x, o);
    sp_rows_count(r, I16_MADE, &x->progress_made);
    sp_rows_count(r, I16_NOT_MADE, &x->progress_not_made);
    if (x->weaknesses >= 0 && x->progress_made >= 0 && x->progress_not_made >= 0 &&
        x->progress_made + x->progress_not_made != x->weaknesses)
        sp_rows_warning(r, I16_MADE,
                        "weaknesses with sufficient progress (%d) and without (%d) add up to %d, "
                        "not the %d identified",
                        x->progress_made, x->progress_not_made,
                        x->progress_made + x->progress_not_made, x->weaknesses);
}

static void read_2016(sp_rows *r, sp_inspection *x)
{
    x->framework = SP_FRAMEWORK_2016;
    x->la_code = g_strdup(sp_rows_text(r, I16_LA_CODE));
    sp_rows_required_text(r, I16_AREA, "an area name", &x->area_name);
    sp_rows_required_text(r, I16_REGION, "an Ofsted region", &x->region);
    sp_rows_date(r, I16_START, true, &x->start);
    sp_rows_date(r, I16_PUBLISHED, true, &x->published);
    check_dates(r, x, I16_PUBLISHED);
    bool wsoa_ok = sp_rows_yes_no(r, I16_WSOA, true, &x->wsoa);
    sp_rows_count(r, I16_WEAKNESSES, &x->weaknesses);
    read_revisit(r, x, wsoa_ok);
}

static void read_2023(sp_rows *r, sp_inspection *x)
{
    x->framework = SP_FRAMEWORK_2023;
    x->la_code = g_strdup(sp_rows_text(r, I23_LA_CODE));
    sp_rows_required_text(r, I23_AREA, "an area name", &x->area_name);
    sp_rows_required_text(r, I23_REGION, "an Ofsted region", &x->region);
    sp_rows_date(r, I23_START, true, &x->start);
    sp_rows_date(r, I23_PUBLISHED, true, &x->published);
    check_dates(r, x, I23_PUBLISHED);
    static const char *const outcomes[] = {"Typically positive", "Inconsistent", "Widespread",
                                           NULL};
    static const char *const expect =
        "an outcome starting \"Typically positive\", \"Inconsistent\" or \"Widespread\"";
    int o = sp_rows_choice(r, I23_OUTCOME, outcomes, true, expect);
    if (o == -1) {
        char *found = sp_rows_found(r, I23_OUTCOME);
        sp_rows_error(r, I23_OUTCOME, "expected %s, found %s", expect, found);
        g_free(found);
    }
    x->outcome = o == 0 ? SP_OUTCOME_POSITIVE : o == 1 ? SP_OUTCOME_INCONSISTENT
               : o == 2 ? SP_OUTCOME_SYSTEMIC : SP_OUTCOME_NONE;
    sp_rows_yes_no(r, I23_PLAN, false, &x->priority_action_plan);
    sp_rows_count(r, I23_ACTIONS, &x->priority_actions);
}

/* An area's identity: its la_code, or its name when it has none. NULL when
 * it has neither. */
static char *area_key(const sp_inspection *x)
{
    bool by_code = *x->la_code != '\0';
    if (!by_code && !*x->area_name)
        return NULL;
    char *norm = by_code ? g_ascii_strdown(x->la_code, -1) : sp_normalise(x->area_name);
    char *key = g_strconcat(by_code ? "code:" : "name:", norm, NULL);
    g_free(norm);
    return key;
}

/* The areas already loaded from other files of one framework: key -> record. */
static GHashTable *earlier_areas(const sp_dataset *ds, sp_framework framework)
{
    GHashTable *earlier = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < ds->n_inspections; i++) {
        const sp_inspection *x = &ds->inspections[i];
        char *key = x->framework == framework ? area_key(x) : NULL;
        if (key && !g_hash_table_contains(earlier, key))
            g_hash_table_insert(earlier, key, (gpointer)x);
        else
            g_free(key);
    }
    return earlier;
}

/* Each area once per framework, in this file (seen: key -> line) and in the
 * files loaded before it (earlier), so no area is counted twice. */
static void check_duplicate(sp_rows *r, GHashTable *seen, GHashTable *earlier,
                            const sp_inspection *x, int code_col, int area_col)
{
    char *key = area_key(x);
    if (!key)
        return;
    int first = GPOINTER_TO_INT(g_hash_table_lookup(seen, key));
    const sp_inspection *other = first ? NULL : g_hash_table_lookup(earlier, key);
    char *where = first   ? g_strdup_printf("also on %s %d", sp_rows_line_word(r), first)
                : other ? g_strdup_printf("also on line %d of %s", other->line, other->file)
                        : NULL;
    if (!where) {
        g_hash_table_insert(seen, key, GINT_TO_POINTER(sp_rows_line(r)));
        return;
    }
    char *code = sp_csv_cut(x->la_code), *name = sp_csv_cut(x->area_name);
    if (*x->la_code)
        sp_rows_error(r, code_col, "expected each area once, found %s (%s) again: %s", code,
                      name, where);
    else
        sp_rows_error(r, area_col, "expected each area once, found \"%s\" again: %s", name,
                      where);
    g_free(code), g_free(name), g_free(key), g_free(where);
}

int sp_load_inspections(sp_dataset *ds, const char *path, sp_diags *diags)
{
    static const sp_schema *const schemas[] = {&sp_schema_inspections_2016, &sp_schema_inspections_2023};
    sp_rows r;
    bool ok = sp_rows_open(&r, path, schemas, 2, diags);
    bool is_2016 = r.header.schema == &sp_schema_inspections_2016;
    GArray *found = g_array_new(FALSE, TRUE, sizeof(sp_inspection));
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GHashTable *earlier =
        earlier_areas(ds, is_2016 ? SP_FRAMEWORK_2016 : SP_FRAMEWORK_2023);
    while (ok && sp_rows_next(&r)) {
        sp_inspection x = {.weaknesses = -1, .progress_made = -1, .progress_not_made = -1,
                           .priority_actions = -1, .line = sp_rows_line(&r)};
        if (is_2016)
            read_2016(&r, &x);
        else
            read_2023(&r, &x);
        check_duplicate(&r, seen, earlier, &x, is_2016 ? I16_LA_CODE : I23_LA_CODE,
                        is_2016 ? I16_AREA : I23_AREA);
        if (r.row_errors)
            inspection_clear(&x);
        else
            g_array_append_val(found, x);
    }
    if (r.header.schema) {
        const char *file = sp_rows_add_input(&r, ds);
        ds->inspections = g_renew(sp_inspection, ds->inspections, ds->n_inspections + found->len);
        for (guint i = 0; i < found->len; i++) {
            sp_inspection *x = &g_array_index(found, sp_inspection, i);
            x->file = file;
            ds->inspections[ds->n_inspections++] = *x;
        }
    }
    g_array_free(found, TRUE);
    g_hash_table_destroy(seen);
    g_hash_table_destroy(earlier);
    sp_rows_close(&r);
    return r.errors;
}
