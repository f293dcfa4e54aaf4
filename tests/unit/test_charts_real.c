/* test_charts_real.c: the charts on Ofsted's published table in
 * ../shared/data (skipped, exit 77, when it is not there): the published
 * figures appear on the bars ("25% (6 of 24)" for London at 31 March 2021),
 * the charts without data (funding, 2023 outcomes) are not written, and
 * every written chart is laid out without collisions and reruns byte for
 * byte. */
#include "test_charts_helpers.h"

static char *real_path(void)
{
    const char *shared = getenv("SHARED_DATA");
    return g_build_filename(shared && *shared ? shared : "../shared/data", "ofsted",
                            "area-send-inspections-2016-2022.csv", NULL);
}

static fx *load_real(sp_date as_at)
{
    fx *f = g_new0(fx, 1);
    char *path = real_path();
    sp_diags d = {0};
    f->ds = sp_dataset_new();
    sp_load_inspections(f->ds, path, &d);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    assert_int_equal(f->ds->n_inspections, 149);
    sp_diags_free(&d);
    g_free(path);
    fx_context(f, as_at);
    return f;
}

static int setup(void **state)
{
    *state = load_real(0);
    return 0;
}

static int teardown(void **state)
{
    fx_free(*state);
    release_fonts();
    return 0;
}

static bool has_text(const sp_chart_boxes *b, const char *text)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->items[i].kind == SP_CHART_BOX_TEXT && strcmp(b->items[i].text, text) == 0)
            return true;
    return false;
}

static sp_chart_boxes layout(fx *f, const char *id)
{
    sp_diags d = {0};
    double w, h;
    sp_chart_size_pt(&f->ctx, &w, &h);
    sp_chart_boxes b = {0};
    assert_int_equal(sp_chart_layout_boxes(&f->ctx, id, w, h, 0, &b, &d), 0);
    sp_diags_free(&d);
    return b;
}

static void test_published_figures_on_the_bars(void **state)
{
    (void)state;
    fx *f = load_real(20210331);
    char *t = sp_chart_title(&f->ctx, "wsoa-by-region");
    assert_string_equal(t, "51% of inspected areas needed a written statement of action");
    g_free(t);
    sp_chart_boxes b = layout(f, "wsoa-by-region");
    assert_true(has_text(&b, "25% (6 of 24)"));  /* London: "1 in 4" */
    assert_true(has_text(&b, "82% (9 of 11)"));  /* East of England: "more than 4 out of 5" */
    assert_true(has_text(&b, "England 51%"));
    assert_true(has_text(&b, "North East, Yorkshire and the Humber"));
    sp_chart_boxes_free(&b);
    t = sp_chart_title(&f->ctx, "timeline");
    assert_string_equal(t, "115 areas had been inspected by 31 March 2021, and 59 needed a "
                           "written statement of action");
    g_free(t);
    fx_free(f);
}

static void test_all_of_it(void **state)
{
    fx *f = *state;
    char *t = sp_chart_title(&f->ctx, "wsoa-by-region");
    assert_string_equal(t, "55% of inspected areas needed a written statement of action");
    g_free(t);
    char *csv = sp_chart_csv(&f->ctx, "wsoa-by-region");
    assert_non_null(strstr(csv, "\r\nLondon,11,33,"));
    assert_non_null(strstr(csv, "\r\nEngland,82,149,"));
    g_free(csv);
    /* Birmingham: 13 weaknesses identified; one dot for each of 82 WSoA areas */
    csv = sp_chart_csv(&f->ctx, "weaknesses-strip");
    assert_non_null(strstr(csv, ",Birmingham,West Midlands,13\r\n"));
    char **lines = csv_lines(csv);
    assert_int_equal(g_strv_length(lines), 1 + 82 + 1);
    g_strfreev(lines);
    g_free(csv);
    sp_chart_boxes b = layout(f, "revisit-weaknesses");
    bool found = false;
    for (size_t i = 0; i < b.n; i++)
        found |= b.items[i].kind == SP_CHART_BOX_TEXT && strstr(b.items[i].text, " made, ");
    assert_true(found);
    sp_chart_boxes_free(&b);
}

static void test_only_charts_with_data_are_written(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    assert_false(sp_chart_available(&f->ctx, "funding"));
    assert_false(sp_chart_available(&f->ctx, "outcomes-2023"));
    assert_int_equal(sp_charts_write(&f->ctx, f->dir, &d), 0);
    assert_int_equal(d.n, 0);
    size_t files = 0;
    GDir *dir = g_dir_open(f->dir, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name(dir))) {
        assert_null(strstr(name, "funding"));
        assert_null(strstr(name, "outcomes-2023"));
        files++;
    }
    g_dir_close(dir);
    assert_int_equal(files, 6 * 5);
    char *png = out_path(f->dir, "wsoa-by-region", ".png");
    int w, h;
    png_pixel(png, 0, 0, &w, &h);
    assert_int_equal(w, 945);
    assert_int_equal(h, 591);
    g_free(png);
    sp_diags_free(&d);
}

static void test_marks_layout_and_reruns(void **state)
{
    fx *f = *state;
    static const double sizes[][2] = {{12, 7}, {16, 10}, {18, 12}};
    char *a = g_build_filename(f->dir, "a", NULL), *b = g_build_filename(f->dir, "b", NULL);
    for (size_t i = 0; i < sp_chart_count(); i++) {
        const char *id = sp_chart_id(i);
        if (!sp_chart_available(&f->ctx, id))
            continue;
        check_mark_pixel(&f->ctx, a, id);
        check_mark_pixel(&f->ctx, b, id);
        for (size_t s = 0; s < G_N_ELEMENTS(sizes); s++) {
            check_layout(&f->ctx, id, sizes[s][0], sizes[s][1], 0);
            check_layout(&f->ctx, id, sizes[s][0], sizes[s][1], SP_CHART_BARE);
        }
        static const char *const exts[] = {".png", ".svg", ".pdf", ".csv", ".txt"};
        for (size_t e = 0; e < G_N_ELEMENTS(exts); e++) {
            char *pa = out_path(a, id, exts[e]), *pb = out_path(b, id, exts[e]);
            size_t la, lb;
            char *x = slurp(pa, &la), *y = slurp(pb, &lb);
            if (!x || !y || la != lb || memcmp(x, y, la) != 0)
                fail_msg("%s%s differs between two runs", id, exts[e]);
            g_free(x); g_free(y); g_free(pa); g_free(pb);
        }
    }
    g_free(a);
    g_free(b);
}

/* Each region's 95% interval line runs clear of its bar's value label
 * ("82% (9 of 11)"), whose brackets reach down to its box. */
static void test_intervals_clear_of_labels(void **state)
{
    fx *f = *state;
    sp_chart_boxes b = layout(f, "wsoa-by-region");
    size_t n = 0;
    for (size_t i = 0; i < b.n; i++) {
        const sp_chart_box *x = &b.items[i];
        if (x->kind != SP_CHART_BOX_MARK || strcmp(x->text, "interval") != 0)
            continue;
        for (size_t j = i; j-- > 0;)
            if (b.items[j].kind == SP_CHART_BOX_TEXT) {
                double gap = x->y - (b.items[j].y + b.items[j].h);
                if (gap < 0.9)
                    fail_msg("the interval under \"%s\" is %.1f pt below it", b.items[j].text, gap);
                n++;
                break;
            }
    }
    assert_int_equal(n, f->figs->n_regions);
    sp_chart_boxes_free(&b);
}

/* The strip chart keeps every dot apart from the next, however many areas
 * in a region share a count (North East, Yorkshire and the Humber has 11
 * at 4, which a single column squeezed into what read as a bar), and
 * draws one dot per WSoA area; at the chart's own size and the briefing's. */
static void test_strip_dots_stay_apart(void **state)
{
    fx *f = *state;
    double w, h;
    sp_chart_size_pt(&f->ctx, &w, &h);
    const double sizes[][2] = {{w, h}, {471.3, 235.6}};
    for (size_t s = 0; s < G_N_ELEMENTS(sizes); s++) {
        sp_diags d = {0};
        sp_chart_boxes b = {0};
        assert_int_equal(sp_chart_layout_boxes(&f->ctx, "weaknesses-strip", sizes[s][0],
                                               sizes[s][1], SP_CHART_BARE, &b, &d), 0);
        sp_diags_free(&d);
        GArray *dots = g_array_new(FALSE, FALSE, sizeof(sp_chart_box));
        for (size_t i = 0; i < b.n; i++)
            if (b.items[i].kind == SP_CHART_BOX_MARK && b.items[i].w < 6 &&
                fabs(b.items[i].w - b.items[i].h) < 0.01)
                g_array_append_val(dots, b.items[i]);
        assert_int_equal(dots->len, 82);
        for (guint i = 0; i < dots->len; i++)
            for (guint j = i + 1; j < dots->len; j++) {
                const sp_chart_box *p = &g_array_index(dots, sp_chart_box, i);
                const sp_chart_box *q = &g_array_index(dots, sp_chart_box, j);
                double dx = (p->x + p->w / 2) - (q->x + q->w / 2);
                double dy = (p->y + p->h / 2) - (q->y + q->h / 2);
                double gap = sqrt(dx * dx + dy * dy) - (p->w + q->w) / 2;
                if (gap < 0.15 * MIN(p->w, q->w))
                    fail_msg("at %.0f x %.0f pt, the dots of %s and %s are %.2f pt apart "
                             "(%.1f and %.1f pt across)", sizes[s][0], sizes[s][1], p->text,
                             q->text, gap, p->w, q->w);
            }
        g_array_free(dots, TRUE);
        sp_chart_boxes_free(&b);
    }
}

/* On every area's page and profile, the area's label ("Barnsley: 2") sits
 * clear of every dot, its own column's and its neighbours'. */
static void test_area_labels_clear_of_dots(void **state)
{
    fx *f = *state;
    static const double sizes[][2] = {{453.5, 283.5}, {483, 220}};
    size_t checked = 0;
    for (size_t i = 0; i < f->figs->n_areas; i++) {
        sp_context a = f->ctx;
        a.area_key = f->figs->areas[i].slug;
        if (!sp_chart_available(&a, "area-context"))
            continue;
        for (size_t s = 0; s < G_N_ELEMENTS(sizes); s++) {
            sp_chart_boxes b = {0};
            sp_diags d = {0};
            assert_int_equal(sp_chart_layout_boxes(&a, "area-context", sizes[s][0], sizes[s][1],
                                                   SP_CHART_BARE, &b, &d), 0);
            sp_diags_free(&d);
            for (size_t t = 0; t < b.n; t++) {
                const sp_chart_box *x = &b.items[t];
                if (x->kind != SP_CHART_BOX_TEXT)
                    continue;
                for (size_t m = 0; m < b.n; m++) {
                    const sp_chart_box *y = &b.items[m];
                    if (y->kind == SP_CHART_BOX_MARK && x->x < y->x + y->w && y->x < x->x + x->w &&
                        x->y < y->y + y->h && y->y < x->y + x->h)
                        fail_msg("%s: \"%s\" lies over the dot of %s", a.area_key, x->text,
                                 y->text);
                }
            }
            checked += b.n > 0;
            sp_chart_boxes_free(&b);
        }
    }
    assert_true(checked >= 100);
}

int main(void)
{
    char *path = real_path();
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        fprintf(stderr, "skipped: real data not found at %s\n", path);
        g_free(path);
        return 77;
    }
    g_free(path);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_figures_on_the_bars),
        cmocka_unit_test(test_all_of_it),
        cmocka_unit_test(test_only_charts_with_data_are_written),
        cmocka_unit_test(test_marks_layout_and_reruns),
        cmocka_unit_test(test_area_labels_clear_of_dots),
        cmocka_unit_test(test_strip_dots_stay_apart),
        cmocka_unit_test(test_intervals_clear_of_labels),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
