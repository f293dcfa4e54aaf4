/* test_load.c: the loader against the real Ofsted table, re-saved variants
 * of it, the accepted spellings of headers and cells, and every file in
 * fixtures/bad/ (whose README.md lists the error each must produce).
 *
 * The real-data cases need ../shared/data; without it they are skipped
 * (exit 77) after the other cases have run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/load.h"

static char *tmp_dir;

static const char *src_dir(void)
{
    const char *s = g_getenv("SENDPACK_SRC");
    return s && *s ? s : ".";
}

static char *real_path(void)
{
    const char *shared = g_getenv("SHARED_DATA");
    if (shared && *shared)
        return g_build_filename(shared, "ofsted", "area-send-inspections-2016-2022.csv", NULL);
    return g_build_filename(src_dir(), "..", "shared", "data", "ofsted",
                            "area-send-inspections-2016-2022.csv", NULL);
}

/* Write bytes to tmp_dir/name; returns the path (caller frees). */
static char *write_tmp(const char *name, const char *text, gssize len)
{
    char *path = g_build_filename(tmp_dir, name, NULL);
    assert_true(g_file_set_contents(path, text, len, NULL));
    return path;
}

static const sp_inspection *find_area(const sp_dataset *ds, const char *name)
{
    for (size_t i = 0; i < ds->n_inspections; i++)
        if (strcmp(ds->inspections[i].area_name, name) == 0)
            return &ds->inspections[i];
    return NULL;
}

static void print_diags(const sp_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char *s = sp_diag_format(&d->items[i]);
        fprintf(stderr, "  diag: %s\n", s);
        g_free(s);
    }
}

static void assert_no_errors(const sp_diags *d)
{
    if (sp_diags_count(d, SP_DIAG_ERROR))
        print_diags(d);
    assert_int_equal(sp_diags_count(d, SP_DIAG_ERROR), 0);
}

/* ---- real data ---------------------------------------------------------- */

static void real_file_loads(void **state)
{
    char *path = real_path();
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 0);
    assert_no_errors(&d);
    assert_int_equal(d.n, 0); /* not even a warning for the web link column */
    assert_int_equal(ds->n_inspections, 149);
    size_t wsoa = 0;
    for (size_t i = 0; i < ds->n_inspections; i++)
        wsoa += ds->inspections[i].wsoa;
    assert_int_equal(wsoa, 82);
    assert_int_equal(ds->n_inputs, 1);
    assert_string_equal(ds->inputs[0].kind, "inspections-2016");
    assert_string_equal(ds->inputs[0].path, path);
    assert_int_equal(ds->inputs[0].rows, 149);
    const sp_inspection *b = find_area(ds, "Birmingham");
    assert_non_null(b);
    assert_int_equal(b->framework, SP_FRAMEWORK_2016);
    assert_string_equal(b->la_code, "E08000025");
    assert_string_equal(b->region, "West Midlands");
    assert_int_equal(b->start, 20180625);
    assert_int_equal(b->published, 20180910);
    assert_true(b->wsoa);
    assert_int_equal(b->weaknesses, 13);
    assert_int_equal(b->revisit_start, 20210524);
    assert_int_equal(b->revisit_published, 20210714);
    assert_int_equal(b->revisit_outcome, SP_REVISIT_SOME);
    assert_int_equal(b->progress_made, 1);
    assert_int_equal(b->progress_not_made, 12);
    assert_ptr_equal(b->file, ds->inputs[0].path);
    assert_int_equal(b->line, 12); /* 4 title rows, the header, then A-Z */
    /* "Not revisited yet" in the revisit start date column */
    const sp_inspection *n = find_area(ds, "Barnsley");
    assert_non_null(n);
    assert_true(n->wsoa);
    assert_int_equal(n->weaknesses, 2);
    assert_int_equal(n->revisit_start, 0);
    assert_int_equal(n->revisit_outcome, SP_REVISIT_NONE);
    assert_int_equal(n->progress_made, -1);
    /* No WSoA: blanks are -1 */
    const sp_inspection *x = find_area(ds, "Barking and Dagenham");
    assert_false(x->wsoa);
    assert_int_equal(x->weaknesses, -1);
    assert_string_equal(n->region, "North East, Yorkshire and the Humber");
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

static void assert_same_inspections(const sp_dataset *a, const sp_dataset *b)
{
    assert_int_equal(a->n_inspections, b->n_inspections);
    for (size_t i = 0; i < a->n_inspections; i++) {
        const sp_inspection *x = &a->inspections[i], *y = &b->inspections[i];
        assert_int_equal(x->framework, y->framework);
        assert_string_equal(x->la_code, y->la_code);
        assert_string_equal(x->area_name, y->area_name);
        assert_string_equal(x->region, y->region);
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->published, y->published);
        assert_int_equal(x->wsoa, y->wsoa);
        assert_int_equal(x->weaknesses, y->weaknesses);
        assert_int_equal(x->revisit_start, y->revisit_start);
        assert_int_equal(x->revisit_published, y->revisit_published);
        assert_int_equal(x->revisit_outcome, y->revisit_outcome);
        assert_int_equal(x->progress_made, y->progress_made);
        assert_int_equal(x->progress_not_made, y->progress_not_made);
        assert_int_equal(x->line, y->line);
    }
}

/* The same table saved with a BOM, CRLF line ends and YYYY/MM/DD dates. */
static void real_file_resaved_loads_the_same(void **state)
{
    char *path = real_path();
    char *text;
    gsize len;
    assert_true(g_file_get_contents(path, &text, &len, NULL));
    GRegex *dates = g_regex_new("\\b(\\d\\d)/(\\d\\d)/(\\d{4})\\b", 0, 0, NULL);
    char *iso = g_regex_replace(dates, text, (gssize)len, 0, "\\3/\\2/\\1", 0, NULL);
    assert_string_not_equal(iso, text);
    char **lines = g_strsplit(iso, "\n", -1);
    char *crlf = g_strjoinv("\r\n", lines);
    char *bom = g_strconcat("\xEF\xBB\xBF", crlf, NULL);
    char *resaved = write_tmp("inspections-resaved.csv", bom, -1);

    sp_diags d = {0};
    sp_dataset *a = sp_dataset_new(), *b = sp_dataset_new();
    sp_load_inspections(a, path, &d);
    sp_load_inspections(b, resaved, &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(b->n_inspections, 149);
    assert_same_inspections(a, b);

    sp_dataset_free(a);
    sp_dataset_free(b);
    sp_diags_free(&d);
    g_regex_unref(dates);
    g_strfreev(lines);
    g_free(text), g_free(iso), g_free(crlf), g_free(bom), g_free(resaved), g_free(path);
}

/* ---- accepted spellings ------------------------------------------------- */

static void snake_case_headers_and_na_load(void **state)
{
    char *path = write_tmp("inspections-snake.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,"
        "weaknesses_identified,revisit_start,revisit_published,revisit_outcome,"
        "weaknesses_progress_made,weaknesses_progress_not_made\n"
        "E08000025,Birmingham,West Midlands,2018-06-25,2018-09-10,yes,13,2021-05-24,"
        "2021-07-14,some,1,12\n"
        "E09000004,Bexley,London,3/10/2016,13/12/2016,NO,NA,NA,NA,NA,NA,NA\n"
        "E08000016,Barnsley,\"North East, Yorkshire and the Humber\",20/09/2021,24/11/2021,"
        "Yes,2,not revisited yet,,,,\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    sp_load_inspections(ds, path, &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(ds->n_inspections, 3);
    const sp_inspection *b = &ds->inspections[0];
    assert_int_equal(b->start, 20180625);
    assert_true(b->wsoa);
    assert_int_equal(b->revisit_outcome, SP_REVISIT_SOME);
    assert_int_equal(b->progress_not_made, 12);
    const sp_inspection *x = &ds->inspections[1];
    assert_int_equal(x->start, 20161003); /* single-digit day */
    assert_false(x->wsoa);
    assert_int_equal(x->weaknesses, -1);
    assert_int_equal(x->revisit_start, 0);
    assert_int_equal(x->revisit_outcome, SP_REVISIT_NONE);
    assert_int_equal(ds->inspections[2].revisit_start, 0);
    assert_int_equal(ds->inspections[2].line, 4);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* Spaces, tabs and no-break spaces (U+00A0, left by spreadsheets and web
 * pages) around a value are not part of it. */
static void spaces_around_values_are_trimmed(void **state)
{
    char *path = write_tmp("inspections-spaces.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,"
        "weaknesses_identified\n"
        " E1 ,\tA\t,London,  01/01/2020 ,\xC2\xA0" "01/02/2020\xC2\xA0,  Yes , 3\n"
        "E2,B\xC2\xA0\xC2\xA0,\xC2\xA0London,2020-01-01,2020-02-01,\xC2\xA0no,\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    sp_load_inspections(ds, path, &d);
    assert_no_errors(&d);
    assert_int_equal(ds->n_inspections, 2);
    assert_string_equal(ds->inspections[0].la_code, "E1");
    assert_string_equal(ds->inspections[0].area_name, "A");
    assert_int_equal(ds->inspections[0].start, 20200101);
    assert_int_equal(ds->inspections[0].published, 20200201);
    assert_true(ds->inspections[0].wsoa);
    assert_int_equal(ds->inspections[0].weaknesses, 3);
    assert_string_equal(ds->inspections[1].area_name, "B");
    assert_string_equal(ds->inspections[1].region, "London");
    assert_false(ds->inspections[1].wsoa);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* What pandas writes for a count column with blanks: floats such as "5.0". */
static void whole_number_decimals_load_as_counts(void **state)
{
    char *path = write_tmp("inspections-pandas.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,"
        "weaknesses_identified,revisit_start,revisit_published,revisit_outcome,"
        "weaknesses_progress_made,weaknesses_progress_not_made\n"
        "E1,A,London,2018-06-25,2018-09-10,Yes,13.0,2021-05-24,2021-07-14,Some,1.0,12.00\n"
        "E2,B,London,2018-06-25,2018-09-10,No,,,,,,\n"
        "E3,C,London,2018-06-25,2018-09-10,Yes,2.5,,,,,\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 1);
    assert_int_equal(d.items[0].line, 4);
    assert_int_equal(d.items[0].column, 7);
    assert_string_equal(d.items[0].message, "expected a whole number 0 or more, found \"2.5\"");
    assert_int_equal(ds->n_inspections, 2);
    assert_int_equal(ds->inspections[0].weaknesses, 13);
    assert_int_equal(ds->inspections[0].progress_made, 1);
    assert_int_equal(ds->inspections[0].progress_not_made, 12);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* What R's write.csv gives: an unnamed row-number column, dotted names, NA. */
static void r_style_headers_load(void **state)
{
    char *path = write_tmp("inspections-r.csv",
        "\"\",\"Local.authority.code\",\"Area.name\",\"Ofsted.region\",\"Inspection.start.date\","
        "\"Inspection.publication.date\","
        "\"Inspection.outcome..written.statement.of.action.required.\","
        "\"Number.significant.weaknesses.identified.in.written.statement.of.action\","
        "\"Revisit.start.date\",\"Revisit.publication.date\","
        "\"Revisit.outcome..sufficient.progress.in.addressing.all.significant.weaknesses.\","
        "\"Number.significant.weaknesses.where.sufficient.progress.has.been.made\","
        "\"Number.significant.weaknesses.where.sufficient.progress.has.not.been.made\"\n"
        "\"1\",\"E06000055\",\"Bedford\",\"East of England\",\"05/02/2018\",\"28/03/2018\","
        "\"Yes\",5,\"03/02/2020\",\"11/05/2020\",\"Yes\",5,0\n"
        "\"2\",\"E09000004\",\"Bexley\",\"London\",\"03/10/2016\",\"13/12/2016\",\"No\",NA,NA,"
        "NA,NA,NA,NA\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    sp_load_inspections(ds, path, &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(ds->n_inspections, 2);
    assert_string_equal(ds->inspections[0].la_code, "E06000055");
    assert_int_equal(ds->inspections[0].weaknesses, 5);
    assert_int_equal(ds->inspections[0].revisit_outcome, SP_REVISIT_ALL);
    assert_int_equal(ds->inspections[0].progress_not_made, 0);
    assert_int_equal(ds->inspections[1].weaknesses, -1);
    assert_int_equal(ds->inspections[1].revisit_published, 0);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

static void framework_2023_loads_by_name(void **state)
{
    char *path = write_tmp("inspections-2023.csv",
        "Management information,,,,,,\n"
        "Local area partnership,Ofsted region,Inspection start date,Inspection publication date,"
        "Inspection outcome,Priority action plan required?,Number of areas for priority action\n"
        "Camden,London,15/01/2024,08/03/2024,Typically positive experiences and outcomes,No,0\n"
        "Hackney,London,05/02/2024,02/04/2024,Inconsistent experiences and outcomes,no,\n"
        "Kent,South East,04/03/2024,30/04/2024,Widespread and/or systemic failings leading to "
        "significant concerns about the experiences and outcomes of children and young people "
        "with SEND,Yes,3\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    sp_load_inspections(ds, path, &d);
    assert_int_equal(d.n, 0);
    assert_int_equal(ds->n_inspections, 3);
    assert_string_equal(ds->inputs[0].kind, "inspections-2023");
    const sp_inspection *k = &ds->inspections[2];
    assert_int_equal(k->framework, SP_FRAMEWORK_2023);
    assert_string_equal(k->la_code, "");
    assert_string_equal(k->area_name, "Kent");
    assert_int_equal(k->outcome, SP_OUTCOME_SYSTEMIC);
    assert_true(k->priority_action_plan);
    assert_int_equal(k->priority_actions, 3);
    assert_int_equal(k->weaknesses, -1);
    assert_int_equal(ds->inspections[0].outcome, SP_OUTCOME_POSITIVE);
    assert_int_equal(ds->inspections[1].outcome, SP_OUTCOME_INCONSISTENT);
    assert_int_equal(ds->inspections[1].priority_actions, -1);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* A quoted cell holding a newline: later lines are still numbered right. */
static void lines_count_quoted_newlines(void **state)
{
    char *path = write_tmp("inspections-multiline.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required\r\n"
        "E09000002,\"Barking\r\nand Dagenham\",London,27/03/2017,29/06/2017,No\r\n"
        "\r\n"
        "E09000003,Barnet,London,17/01/2022,2022-13-01,No\r\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 1);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 5);
    assert_int_equal(d.items[0].column, 5);
    assert_string_equal(d.items[0].message, "expected a date such as 31/03/2021, found \"2022-13-01\"");
    assert_int_equal(ds->n_inspections, 1); /* the bad row is left out, the good one kept */
    assert_string_equal(ds->inspections[0].area_name, "Barking\r\nand Dagenham");
    assert_int_equal(ds->inputs[0].rows, 2);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* Old Mac files end lines with CR alone: each CR is a line, as libcsv reads it. */
static void lines_count_cr_line_ends(void **state)
{
    char *path = write_tmp("inspections-cr.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required\r"
        "E09000002,\"Barking\rand Dagenham\",London,27/03/2017,29/06/2017,No\r"
        "\r"
        "E09000003,Barnet,London,17/01/2022,2022-13-01,No\r",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 1);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 5);
    assert_int_equal(d.items[0].column, 5);
    assert_int_equal(ds->n_inspections, 1);
    assert_int_equal(ds->inspections[0].line, 2);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* A UTF-16 file is one problem, not one per cell (every other byte is 0). */
static void utf16_is_one_error(void **state)
{
    char *path = g_build_filename(src_dir(), "fixtures", "bad", "inspections-utf16.csv", NULL);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 1);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].line, 1);
    assert_int_equal(d.items[0].column, 1);
    assert_int_equal(ds->n_inputs, 0);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* A message is one line: line ends and tabs in a quoted cell are shown as
 * \n, \r and \t. */
static void messages_are_one_line(void **state)
{
    char *path = write_tmp("inspections-newline-cell.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,\"x\ty\"\n"
        "E1,A,London,01/01/2020,\"01/02\r\n/2020\",No\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 1);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.items[0].message, "unknown column \"x\\ty\" ignored");
    assert_int_equal(d.items[1].line, 2);
    assert_int_equal(d.items[1].column, 5);
    assert_string_equal(d.items[1].message,
                        "expected a date such as 31/03/2021, found \"01/02\\r\\n/2020\"");
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

static void every_bad_cell_is_reported(void **state)
{
    char *path = write_tmp("inspections-many-bad.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,"
        "weaknesses_identified\n"
        "E1,A,London,99/99/2020,01/01/2021,Perhaps,x\n"
        "E2,B,London,01/01/2020,01/01/2021,No,\n"
        "E3,C,London,01/01/2020,,No,1.5\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 5);
    int want[][2] = {{2, 4}, {2, 6}, {2, 7}, {4, 5}, {4, 7}};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(d.items[i].line, want[i][0]);
        assert_int_equal(d.items[i].column, want[i][1]);
    }
    assert_int_equal(ds->n_inspections, 1);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* A revisit follows the published inspection, and is published after it starts. */
static void revisit_dates_in_order(void **state)
{
    char *path = write_tmp("inspections-revisit-order.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,"
        "weaknesses_identified,revisit_start,revisit_published,revisit_outcome\n"
        "E1,A,London,01/01/2020,01/02/2020,Yes,3,01/03/2021,01/05/2021,Yes\n"
        "E2,B,London,01/01/2020,01/02/2020,Yes,3,01/03/2021,01/02/2021,Yes\n"
        "E3,C,London,01/01/2020,01/02/2020,Yes,3,Not revisited yet,01/01/2020,Yes\n"
        "E4,D,London,01/01/2020,01/02/2020,Yes,3,01/02/2020,01/02/2020,Yes\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 2);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[0].column, 9);
    assert_string_equal(d.items[0].message, "expected a revisit publication date on or after the "
                        "revisit start date 01/03/2021, found \"01/02/2021\"");
    assert_int_equal(d.items[1].line, 4);
    assert_int_equal(d.items[1].column, 9);
    assert_string_equal(d.items[1].message, "expected a revisit publication date on or after the "
                        "inspection publication date 01/02/2020, found \"01/01/2020\"");
    assert_int_equal(ds->n_inspections, 2); /* same-day dates are fine */
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* A published revisit needs its outcome and the other way round, and only an
 * area with a WSoA is revisited: else the revisit figures silently miscount. */
static void revisit_cells_agree(void **state)
{
    char *path = write_tmp("inspections-revisit-cells.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,"
        "weaknesses_identified,revisit_start,revisit_published,revisit_outcome\n"
        "E1,A,London,01/01/2020,01/02/2020,Yes,3,01/03/2021,01/05/2021,\n"
        "E2,B,London,01/01/2020,01/02/2020,Yes,3,01/03/2021,,Some\n"
        "E3,C,London,01/01/2020,01/02/2020,No,,Not revisited yet,01/05/2021,Yes\n"
        "E4,D,London,01/01/2020,01/02/2020,Yes,3,Not revisited yet,,\n"
        "E5,E,London,01/01/2020,01/02/2020,No,,Not revisited yet,NA,NA\n"
        "E6,F,London,01/01/2020,01/02/2020,Yes,3,01/03/2021,2021-13-01,\n"
        "E7,G,London,01/01/2020,01/02/2020,Maybe,3,01/03/2021,01/05/2021,Yes\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 5);
    int want[][2] = {{2, 10}, {3, 9}, {4, 9}, {7, 9}, {8, 6}};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(d.items[i].line, want[i][0]);
        assert_int_equal(d.items[i].column, want[i][1]);
    }
    assert_string_equal(d.items[0].message,
                        "expected Yes, Some or No for the revisit published 01/05/2021, found an "
                        "empty cell");
    assert_string_equal(d.items[1].message,
                        "expected the publication date of the revisit with outcome \"Some\", "
                        "found an empty cell");
    assert_string_equal(d.items[2].message,
                        "expected no revisit for an area without a written statement of action, "
                        "found \"01/05/2021\"");
    assert_int_equal(ds->n_inspections, 2);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* A 1 MB cell loads, and no message quotes more than the start of it. */
static void long_cells_are_cut_in_messages(void **state)
{
    GString *text = g_string_new(
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,");
    GString *big = g_string_new(NULL);
    for (int i = 0; i < 1 << 20; i++)
        g_string_append_c(big, (char)('a' + i % 26));
    g_string_append_printf(text, "%s,%s\n", big->str, big->str); /* unknown, duplicated */
    g_string_append_printf(text, "E1,%s,London,01/01/2020,01/02/2020,No,,,%s\n", big->str,
                           big->str);
    g_string_append_printf(text, "E1,%s,London,01/01/2020,01/02/2020,No\n", big->str);
    char *path = write_tmp("inspections-long.csv", text->str, (gssize)text->len);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 1); /* E1 twice */
    assert_int_equal(d.n, 4); /* unknown column twice, extra cell, E1 twice */
    for (size_t i = 0; i < d.n; i++)
        assert_true(strlen(d.items[i].message) < 300);
    assert_int_equal(d.items[3].line, 3);
    assert_non_null(strstr(d.items[3].message, "abcdefghij"));
    assert_int_equal(ds->n_inspections, 1);
    assert_int_equal(strlen(ds->inspections[0].area_name), big->len);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_string_free(big, TRUE);
    g_string_free(text, TRUE);
    g_free(path);
}

/* Problems come out in file order, whichever stage found them (bytes and
 * quoting while reading, cells afterwards). */
static void problems_in_file_order(void **state)
{
    char *path = write_tmp("inspections-order.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required\n"
        "E1,A,London,01/01/2020,x,Maybe\n"
        "E2,B\x96,London,01/01/2020,01/02/2020,No\n"
        "E3,\"C\"x,London,01/01/2020,01/02/2020,No\n"
        "E4,D,London,y,01/02/2020,No\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 5);
    int want[][2] = {{2, 5}, {2, 6}, {3, 2}, {4, 2}, {5, 4}};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(d.items[i].line, want[i][0]);
        assert_int_equal(d.items[i].column, want[i][1]);
    }
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

static void warnings_are_not_errors(void **state)
{
    char *path = write_tmp("inspections-warnings.csv",
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required,"
        "weaknesses_identified,revisit_start,revisit_published,revisit_outcome,"
        "weaknesses_progress_made,weaknesses_progress_not_made,comment\n"
        "E08000025,Birmingham,West Midlands,25/06/2018,10/09/2018,Yes,13,24/05/2021,14/07/2021,"
        "Some,1,11,checked\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, path, &d), 0);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_WARNING), 2);
    assert_int_equal(d.items[0].line, 1);
    assert_int_equal(d.items[0].column, 13);
    assert_string_equal(d.items[0].message, "unknown column \"comment\" ignored");
    assert_int_equal(d.items[1].line, 2);
    assert_non_null(strstr(d.items[1].message, "add up to 12, not the 13 identified"));
    assert_int_equal(ds->n_inspections, 1);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

static void funding_amounts_resolve(void **state)
{
    char *path = write_tmp("funding.csv",
        "id,programme,description,recipient,unit_count,unit_value_gbp,amount_gbp,period_start,"
        "period_end,status,source\n"
        "F1,Change programme,Partnership,London,,,90000,2023-04-01,2024-03-31,committed,S\n"
        "F2,Change programme,Partnership,E08000025,,,\"90,000\",,,Optional_Extension,S\n"
        "F3,Change programme,Partnership,England,,,\"£1,170,000.50\",,,announced,S\n"
        "F4,Change programme,Advisers,England,3,\"£30,000\",,,,committed,S\n"
        "F5,Change programme,Advisers,England,2.5,40000,100000,,,committed,S\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_funding(ds, path, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(ds->n_funding, 5);
    assert_true(ds->funding[0].amount_gbp == 90000);
    assert_int_equal(ds->funding[0].period_start, 20230401);
    assert_true(ds->funding[1].amount_gbp == 90000);
    assert_int_equal(ds->funding[1].status, SP_FUNDING_OPTIONAL_EXTENSION);
    assert_true(ds->funding[2].amount_gbp == 1170000.5);
    assert_int_equal(ds->funding[2].status, SP_FUNDING_ANNOUNCED);
    assert_true(ds->funding[3].amount_gbp == 90000);
    assert_true(ds->funding[3].unit_count == 3);
    assert_true(ds->funding[0].unit_count == -1);
    assert_true(ds->funding[4].amount_gbp == 100000);
    assert_string_equal(ds->funding[3].recipient, "England");
    assert_string_equal(ds->inputs[0].kind, "funding");
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

/* With no amount, a line needs both unit columns: the message names the
 * one that is missing rather than saying neither was found. */
static void funding_half_units_reported(void **state)
{
    char *path = write_tmp("funding-half-units.csv",
        "id,programme,description,recipient,unit_count,unit_value_gbp,amount_gbp,period_start,"
        "period_end,status,source\n"
        "F1,P,D,England,3,,,,,committed,S\n"
        "F2,P,D,England,,90000,,,,committed,S\n",
        -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_funding(ds, path, &d), 2);
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].column, 6);
    assert_string_equal(d.items[0].message,
                        "expected unit_value_gbp with unit_count \"3\" (or amount_gbp), found "
                        "an empty cell");
    assert_int_equal(d.items[1].line, 3);
    assert_int_equal(d.items[1].column, 5);
    assert_string_equal(d.items[1].message,
                        "expected unit_count with unit_value_gbp \"90000\" (or amount_gbp), found "
                        "an empty cell");
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

static void interventions_and_areas_load(void **state)
{
    char *vpath = write_tmp("interventions.csv",
        "la_code,area_name,type,start,end,note,source\n"
        "E08000025,,commissioner,2021-07-01,,N,S\n"
        ",Bexley,Statutory direction,01/01/2022,31/12/2022,N,S\n"
        "E09000004,Bexley,safety_valve,2022-03-01,,,\n",
        -1);
    char *apath = write_tmp("areas.csv",
        "la_code,name,region,old_la_code\nE08000025,Birmingham,West Midlands,330\n", -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_interventions(ds, vpath, &d), 0);
    assert_int_equal(sp_load_areas(ds, apath, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(ds->n_interventions, 3);
    assert_int_equal(ds->interventions[0].type, SP_INTERVENTION_COMMISSIONER);
    assert_string_equal(ds->interventions[0].area_name, "");
    assert_int_equal(ds->interventions[1].type, SP_INTERVENTION_STATUTORY_DIRECTION);
    assert_string_equal(ds->interventions[1].la_code, "");
    assert_int_equal(ds->interventions[1].end, 20221231);
    assert_int_equal(ds->interventions[2].type, SP_INTERVENTION_SAFETY_VALVE);
    assert_int_equal(ds->interventions[2].line, 4);
    assert_int_equal(ds->n_areas, 1);
    assert_string_equal(ds->areas[0].old_la_code, "330");
    assert_int_equal(ds->n_inputs, 2);
    assert_string_equal(ds->inputs[1].kind, "areas");
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(vpath);
    g_free(apath);
}

static void unreadable_file_is_reported(void **state)
{
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_funding(ds, "no/such/funding.csv", &d), 1);
    assert_string_equal(d.items[0].file, "no/such/funding.csv");
    assert_string_equal(d.items[0].message, "cannot read: No such file or directory");
    assert_int_equal(ds->n_inputs, 0);
    sp_dataset_free(ds);
    sp_diags_free(&d);
}

/* A data folder's files are told apart by content and header, not name:
 * a download named "downloaded (1).csv" is an inspections table, "money.csv"
 * the funding lines; a .csv of no known kind is a warning, other files are
 * passed over. */
static void inputs_from_dir_and_load(void **state)
{
    char *dir = g_build_filename(tmp_dir, "data", NULL);
    g_mkdir(dir, 0700);
    const char *inspections =
        "la_code,area_name,region,inspection_start,inspection_published,wsoa_required\n"
        "E%zu,A%zu,London,01/01/2020,01/02/2020,No\n";
    const char *names[] = {"inspections-b.csv", "downloaded (1).csv", "money.csv", "notes.csv",
                           "readme.txt"};
    const char *texts[] = {inspections, inspections,
                           "id,programme,recipient,amount_gbp,period_start,period_end,status\n"
                           "F1,Change programme,London,90000,2023-04-01,2024-03-31,committed\n",
                           "just,some,notes\n", "la_code,area_name,region\n"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *p = g_build_filename(dir, names[i], NULL);
        char *text = g_strdup_printf(texts[i], i, i); /* one area per file */
        assert_true(g_file_set_contents(p, text, -1, NULL));
        g_free(text);
        g_free(p);
    }
    sp_inputs in = {0};
    sp_diags d = {0};
    assert_int_equal(sp_inputs_from_dir(&in, dir, &d), 0);
    assert_int_equal(in.n_inspections, 2);
    char *a = g_build_filename(dir, "downloaded (1).csv", NULL);
    char *b = g_build_filename(dir, "inspections-b.csv", NULL);
    char *f = g_build_filename(dir, "money.csv", NULL);
    char *notes = g_build_filename(dir, "notes.csv", NULL);
    assert_string_equal(in.inspections[0], a);
    assert_string_equal(in.inspections[1], b);
    assert_string_equal(in.funding, f);
    assert_null(in.interventions);
    assert_null(in.areas);
    assert_int_equal(d.n, 1);
    assert_int_equal(d.items[0].level, SP_DIAG_WARNING);
    assert_string_equal(d.items[0].file, notes);
    assert_int_equal(in.n_recognised, 3);
    char *said = g_strdup_printf("%s: funding lines", f);
    assert_string_equal(in.recognised[2], said); /* in name order */
    g_free(said);
    sp_diags_free(&d);
    sp_dataset *ds = sp_load(&in, &d);
    assert_int_equal(ds->n_inspections, 2);
    assert_int_equal(ds->n_funding, 1);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    sp_dataset_free(ds);
    sp_inputs_clear(&in);
    assert_int_equal(in.n_inspections, 0);
    sp_diags_free(&d);
    assert_int_equal(sp_inputs_from_dir(&in, "no/such/dir", &d), -1);
    assert_string_equal(d.items[0].message, "cannot read: No such file or directory");
    sp_inputs_clear(&in);
    sp_diags_free(&d);
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *p = g_build_filename(dir, names[i], NULL);
        g_remove(p);
        g_free(p);
    }
    g_rmdir(dir);
    g_free(a), g_free(b), g_free(f), g_free(notes), g_free(dir);
}

/* A file is told by its first 256 KB: a long file is recognised from its
 * first lines, and one whose header comes after 256 KB of notes still is
 * (the whole file is read when the first lines hold no header). */
static void inputs_told_by_header_far_down(void **state)
{
    char *dir = g_build_filename(tmp_dir, "data-long", NULL);
    g_mkdir(dir, 0700);
    GString *late = g_string_new(NULL), *long_funding = g_string_new(NULL);
    for (int i = 0; late->len < 300 * 1024; i++)
        g_string_append_printf(late, "A note about the data that follows, line %d\n", i);
    g_string_append(late, "la_code,area_name,region,inspection_start,inspection_published,"
                          "wsoa_required\nE1,A1,London,01/01/2020,01/02/2020,No\n");
    g_string_append(long_funding, "id,programme,recipient,amount_gbp,period_start,period_end,"
                                  "status\n");
    for (int i = 0; long_funding->len < 400 * 1024; i++)
        g_string_append_printf(long_funding, "F%d,\"Change\nprogramme\",London,%d,2023-04-01,"
                               "2024-03-31,committed\n", i, 1000 + i);
    char *a = g_build_filename(dir, "late.csv", NULL), *b = g_build_filename(dir, "money.csv", NULL);
    assert_true(g_file_set_contents(a, late->str, (gssize)late->len, NULL));
    assert_true(g_file_set_contents(b, long_funding->str, (gssize)long_funding->len, NULL));
    sp_inputs in = {0};
    sp_diags d = {0};
    assert_int_equal(sp_inputs_from_dir(&in, dir, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(in.n_inspections, 1);
    assert_string_equal(in.inspections[0], a);
    assert_string_equal(in.funding, b);
    sp_inputs_clear(&in);
    g_remove(a), g_remove(b), g_rmdir(dir);
    g_free(a), g_free(b), g_free(dir);
    g_string_free(late, TRUE), g_string_free(long_funding, TRUE);
}

/* Two inspection tables of one framework that share an area would count it
 * twice; the other framework's table may hold the same area. */
static void areas_once_across_files(void **state)
{
    const char *h16 = "la_code,area_name,region,inspection_start,inspection_published,"
                      "wsoa_required\n";
    char *a = g_strconcat(h16, "E1,A,London,01/01/2020,01/02/2020,No\n"
                               "E2,B,London,01/01/2020,01/02/2020,No\n", NULL);
    char *b = g_strconcat(h16, "E3,C,London,01/01/2020,01/02/2020,No\n"
                               "e2,B,London,01/01/2021,01/02/2021,Yes\n", NULL);
    char *pa = write_tmp("inspections-across-a.csv", a, -1);
    char *pb = write_tmp("inspections-across-b.csv", b, -1);
    char *p23 = write_tmp("inspections-across-2023.csv",
        "la_code,area_name,region,inspection_start,inspection_published,outcome\n"
        "E2,B,London,01/01/2024,01/02/2024,Inconsistent experiences\n", -1);
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    assert_int_equal(sp_load_inspections(ds, pa, &d), 0);
    assert_int_equal(sp_load_inspections(ds, p23, &d), 0);
    assert_int_equal(sp_load_inspections(ds, pb, &d), 1);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].file, pb);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[0].column, 1);
    char *want = g_strdup_printf("expected each area once, found e2 (B) again: also on line 3 "
                                 "of %s", pa);
    assert_string_equal(d.items[0].message, want);
    assert_int_equal(ds->n_inspections, 4);
    g_free(want);
    sp_dataset_free(ds);
    sp_diags_free(&d);

    /* the same file named twice: one error, read once */
    sp_inputs in = {0};
    in.inspections = g_new0(char *, 3);
    in.inspections[in.n_inspections++] = g_strdup(pa);
    in.inspections[in.n_inspections++] = g_strdup(pb);
    in.inspections[in.n_inspections++] = g_strconcat(tmp_dir, "/./inspections-across-a.csv", NULL);
    ds = sp_load(&in, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 2); /* e2 again, and pa again */
    assert_string_equal(d.items[1].file, in.inspections[2]);
    assert_int_equal(d.items[1].line, 0);
    want = g_strdup_printf("expected each inspections file once, found the same file as %s", pa);
    assert_string_equal(d.items[1].message, want);
    assert_int_equal(ds->n_inputs, 2);
    assert_int_equal(ds->n_inspections, 3);
    g_free(want);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(in.inspections[2]);
    in.inspections[2] = g_strdup(pa);
    ds = sp_load(&in, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 2);
    assert_string_equal(d.items[1].message, "expected each inspections file once, found it "
                        "named twice");
    sp_dataset_free(ds);
    sp_diags_free(&d);
    sp_inputs_clear(&in);
    g_free(a), g_free(b), g_free(pa), g_free(pb), g_free(p23);
}

/* ---- fixtures/bad ------------------------------------------------------- */

static int load_by_prefix(sp_dataset *ds, const char *name, const char *path, sp_diags *d)
{
    if (g_str_has_prefix(name, "inspections"))
        return sp_load_inspections(ds, path, d);
    if (g_str_has_prefix(name, "funding"))
        return sp_load_funding(ds, path, d);
    if (g_str_has_prefix(name, "interventions"))
        return sp_load_interventions(ds, path, d);
    if (g_str_has_prefix(name, "areas"))
        return sp_load_areas(ds, path, d);
    if (g_str_has_prefix(name, "dsg"))
        return sp_load_dsg(ds, path, d);
    fail_msg("fixtures/bad/%s: name must start with the loader's kind", name);
    return 0;
}

/* got equals want, or starts with it when want ends "...". */
static bool text_matches(const char *got, const char *want)
{
    size_t n = strlen(want);
    if (n > 3 && strcmp(want + n - 3, "...") == 0)
        return strncmp(got, want, n - 3) == 0;
    return strcmp(got, want) == 0;
}

static bool diag_matches(const sp_diag *x, int line, int col, const char *msg)
{
    return x->level == SP_DIAG_ERROR && x->line == line && x->column == col &&
           text_matches(x->message, msg);
}

/* A spreadsheet's expected problem ("[Data]!D5: message" or ": message")
 * compared with the formatted diag after the file's path. */
static bool formatted_matches(const sp_diag *x, const char *path, const char *expect)
{
    char *line = sp_diag_format(x);
    bool ok = x->level == SP_DIAG_ERROR && g_str_has_prefix(line, path) &&
              text_matches(line + strlen(path), expect);
    g_free(line);
    return ok;
}

/* expect is "line:column: message" for a CSV file; for a spreadsheet
 * "[Sheet]!B12: message" or, about the whole file, ": message". */
static void check_bad_file(const char *dir, const char *name, const char *expect)
{
    bool sheet = expect[0] == '[' || expect[0] == ':';
    char *path = g_build_filename(dir, name, NULL);
    int line = 0, col = 0, used = 0;
    if (!sheet)
        assert_int_equal(sscanf(expect, "%d:%d: %n", &line, &col, &used), 2);
    const char *msg = expect + used;
    sp_diags d = {0};
    sp_dataset *ds = sp_dataset_new();
    int errors = load_by_prefix(ds, name, path, &d);
    assert_true(errors >= 1);
    assert_int_equal((size_t)errors, sp_diags_count(&d, SP_DIAG_ERROR));
    bool found = false;
    for (size_t i = 0; i < d.n; i++) {
        const sp_diag *x = &d.items[i];
        assert_non_null(x->file);
        if (sheet) {
            assert_true(g_str_has_prefix(x->file, path));
            /* about a cell (file[Sheet], row and column), or the whole file */
            assert_true(x->cell ? x->line > 0 && x->column > 0 : x->line == 0);
            found |= formatted_matches(x, path, expect);
        } else {
            assert_string_equal(x->file, path);
            assert_true(x->line > 0);
            assert_true(x->column > 0);
            found |= diag_matches(x, line, col, msg);
        }
    }
    if (expect[0] == ':')
        assert_int_equal(d.n, 1); /* a file that cannot be read: one line */
    if (!found) {
        fprintf(stderr, "%s: expected %s\n", path, expect);
        print_diags(&d);
    }
    assert_true(found);
    sp_dataset_free(ds);
    sp_diags_free(&d);
    g_free(path);
}

static void bad_fixtures_give_listed_errors(void **state)
{
    char *dir = g_build_filename(src_dir(), "fixtures", "bad", NULL);
    char *readme_path = g_build_filename(dir, "README.md", NULL);
    char *readme;
    assert_true(g_file_get_contents(readme_path, &readme, NULL, NULL));
    GHashTable *listed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GRegex *row = g_regex_new("^\\| `([^`]+)` \\| `(.+)` \\|$", G_REGEX_MULTILINE, 0, NULL);
    GMatchInfo *m;
    g_regex_match(row, readme, 0, &m);
    for (; g_match_info_matches(m); g_match_info_next(m, NULL)) {
        char *name = g_match_info_fetch(m, 1), *expect = g_match_info_fetch(m, 2);
        check_bad_file(dir, name, expect);
        g_hash_table_add(listed, name);
        g_free(expect);
    }
    g_match_info_free(m);
    assert_true(g_hash_table_size(listed) >= 12);
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    const char *name;
    while ((name = g_dir_read_name(d))) {
        if (!g_str_has_suffix(name, ".csv") && !g_str_has_suffix(name, ".ods") &&
            !g_str_has_suffix(name, ".xlsx") && !g_str_has_suffix(name, ".xls"))
            continue;
        if (!g_hash_table_contains(listed, name))
            fail_msg("fixtures/bad/%s is not listed in fixtures/bad/README.md", name);
    }
    g_dir_close(d);
    g_regex_unref(row);
    g_hash_table_destroy(listed);
    g_free(readme), g_free(readme_path), g_free(dir);
}

int main(void)
{
    tmp_dir = g_dir_make_tmp("sendpack-test-load-XXXXXX", NULL);
    const struct CMUnitTest local[] = {
        cmocka_unit_test(snake_case_headers_and_na_load),
        cmocka_unit_test(spaces_around_values_are_trimmed),
        cmocka_unit_test(whole_number_decimals_load_as_counts),
        cmocka_unit_test(r_style_headers_load),
        cmocka_unit_test(framework_2023_loads_by_name),
        cmocka_unit_test(lines_count_quoted_newlines),
        cmocka_unit_test(lines_count_cr_line_ends),
        cmocka_unit_test(utf16_is_one_error),
        cmocka_unit_test(messages_are_one_line),
        cmocka_unit_test(every_bad_cell_is_reported),
        cmocka_unit_test(revisit_dates_in_order),
        cmocka_unit_test(revisit_cells_agree),
        cmocka_unit_test(long_cells_are_cut_in_messages),
        cmocka_unit_test(problems_in_file_order),
        cmocka_unit_test(warnings_are_not_errors),
        cmocka_unit_test(funding_amounts_resolve),
        cmocka_unit_test(funding_half_units_reported),
        cmocka_unit_test(interventions_and_areas_load),
        cmocka_unit_test(unreadable_file_is_reported),
        cmocka_unit_test(inputs_from_dir_and_load),
        cmocka_unit_test(inputs_told_by_header_far_down),
        cmocka_unit_test(areas_once_across_files),
        cmocka_unit_test(bad_fixtures_give_listed_errors),
    };
    const struct CMUnitTest real[] = {
        cmocka_unit_test(real_file_loads),
        cmocka_unit_test(real_file_resaved_loads_the_same),
    };
    int rc = cmocka_run_group_tests_name("load", local, NULL, NULL);
    char *path = real_path();
    if (rc == 0) {
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            rc = cmocka_run_group_tests_name("load-real-data", real, NULL, NULL);
        } else {
            printf("skipping real-data cases: %s not found\n", path);
            rc = 77;
        }
    }
    g_free(path);
    /* remove what the cases wrote */
    GDir *d = g_dir_open(tmp_dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name(d))) {
        char *p = g_build_filename(tmp_dir, name, NULL);
        g_remove(p);
        g_free(p);
    }
    if (d)
        g_dir_close(d);
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return rc;
}
