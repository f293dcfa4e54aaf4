/* test_charts_editorial.c: what a careful reader of the briefing's charts
 * checks (issue 16), on the bundled fixtures: in wsoa-by-region the
 * interval never cuts a bar, the England line never runs through a label,
 * every value label sits the same distance from its bar and small bases
 * carry the dagger; revisit-weaknesses shows shares with direct labels in
 * Figure 1's region order; no chart text is under 9 pt. */
/* the shared helpers this file does not call */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "test_charts_helpers.h"

#include "sendpack/format.h"

static int setup(void **state)
{
    fx *f = g_new0(fx, 1);
    const char *src = getenv("SENDPACK_SRC");
    char *dir = g_build_filename(src && *src ? src : ".", "fixtures", NULL);
    sp_inputs in = {0};
    sp_diags d = {0};
    sp_inputs_from_dir(&in, dir, &d);
    f->ds = sp_load(&in, &d);
    sp_inputs_clear(&in);
    g_free(dir);
    if (sp_diags_count(&d, SP_DIAG_ERROR) || !f->ds->n_inspections) {
        sp_diags_free(&d);
        fx_free(f);
        return -1;
    }
    sp_diags_free(&d);
    fx_context(f, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx_free(*state);
    release_fonts();
    return 0;
}

static void boxes_of(fx *f, const char *id, double w, double h, unsigned flags,
                     sp_chart_boxes *b)
{
    sp_diags d = {0};
    *b = (sp_chart_boxes){0};
    assert_int_equal(sp_chart_layout_boxes(&f->ctx, id, w, h, flags, b, &d), 0);
    sp_diags_free(&d);
}

static bool overlap(const sp_chart_box *a, const sp_chart_box *b)
{
    return a->x < b->x + b->w - 0.01 && b->x < a->x + a->w - 0.01 && a->y < b->y + b->h - 0.01 &&
           b->y < a->y + a->h - 0.01;
}

static bool is_region(const sp_figures *fg, const char *s)
{
    for (size_t i = 0; s && i < fg->n_regions; i++)
        if (strcmp(fg->regions[i].name, s) == 0)
            return true;
    return false;
}

/* The briefing's size (text width 471 pt, half as high) and a chart file's. */
static const double SIZES[][2] = {{471.3, 235.6}, {453.5, 283.5}, {340, 200}};

static void test_regions_interval_line_and_labels(void **state)
{
    fx *f = *state;
    for (size_t s = 0; s < G_N_ELEMENTS(SIZES); s++) {
        sp_chart_boxes b;
        boxes_of(f, "wsoa-by-region", SIZES[s][0], SIZES[s][1], SP_CHART_BARE, &b);
        size_t bars = 0, intervals = 0, england = 0, daggers = 0;
        double gap = -1;
        for (size_t i = 0; i < b.n; i++) {
            const sp_chart_box *x = &b.items[i];
            if (x->kind == SP_CHART_BOX_MARK && is_region(f->figs, x->text)) {
                bars++;
                /* its value label: the next text box, a fixed gap after the bar */
                for (size_t j = i + 1; j < b.n; j++)
                    if (b.items[j].kind == SP_CHART_BOX_TEXT) {
                        double g = b.items[j].x - (x->x + x->w);
                        if (gap < 0)
                            gap = g;
                        if (fabs(g - gap) > 0.01)
                            fail_msg("label \"%s\" is %.1f pt from its bar, others %.1f pt",
                                     b.items[j].text, g, gap);
                        daggers += strstr(b.items[j].text, "\u2020") != NULL;
                        break;
                    }
            }
            if (x->kind == SP_CHART_BOX_MARK && x->text && strcmp(x->text, "interval") == 0) {
                intervals++;
                for (size_t j = 0; j < b.n; j++)
                    if (b.items[j].kind == SP_CHART_BOX_MARK && is_region(f->figs, b.items[j].text) &&
                        overlap(x, &b.items[j]))
                        fail_msg("an interval cuts the %s bar", b.items[j].text);
            }
            if (x->kind == SP_CHART_BOX_MARK && x->text && strcmp(x->text, "England line") == 0) {
                england++;
                for (size_t j = 0; j < b.n; j++)
                    if (b.items[j].kind == SP_CHART_BOX_TEXT && overlap(x, &b.items[j]))
                        fail_msg("the England line runs through \"%s\"", b.items[j].text);
            }
        }
        assert_true(bars >= 7);
        assert_int_equal(intervals, bars);
        assert_true(england >= 1);
        /* East Midlands: 2 of 8 inspected areas, marked as in Table 1 */
        assert_int_equal(daggers, 1);
        sp_chart_boxes_free(&b);
    }
    char *notes = sp_chart_notes(&f->ctx, "wsoa-by-region");
    assert_non_null(notes);
    assert_non_null(strstr(notes, "\u2020 Fewer than 10 areas"));
    g_free(notes);
}

/* Region names in the order a chart's CSV lists them (first column). */
static GPtrArray *csv_regions(fx *f, const char *id)
{
    char *csv = sp_chart_csv(&f->ctx, id);
    assert_non_null(csv);
    GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
    char **lines = g_strsplit(csv, "\r\n", -1);
    for (char **l = lines + 1; *l && **l; l++) {
        char *comma = strrchr(*l, '"') ? strrchr(*l, '"') : *l;
        comma = strchr(comma, ',');
        char *name = g_strndup(*l, (gsize)(comma - *l));
        if (name[0] == '"') {
            memmove(name, name + 1, strlen(name));
            name[strlen(name) - 1] = '\0';
        }
        if (strcmp(name, "England"))
            g_ptr_array_add(out, name);
        else
            g_free(name);
    }
    g_strfreev(lines);
    g_free(csv);
    return out;
}

static void test_revisit_weaknesses_shares_in_figure_1_order(void **state)
{
    fx *f = *state;
    /* shares, not counts */
    char *csv = sp_chart_csv(&f->ctx, "revisit-weaknesses");
    assert_non_null(strstr(csv, "share_progress_made"));
    g_free(csv);
    /* the regions with revisits in wsoa-by-region's order */
    GPtrArray *fig1 = csv_regions(f, "wsoa-by-region"), *fig5 = csv_regions(f, "revisit-weaknesses");
    assert_true(fig5->len >= 5);
    guint k = 0;
    for (guint i = 0; i < fig1->len && k < fig5->len; i++)
        if (strcmp(g_ptr_array_index(fig1, i), g_ptr_array_index(fig5, k)) == 0)
            k++;
    if (k != fig5->len)
        fail_msg("revisit-weaknesses lists %s out of Figure 1's order",
                 (char *)g_ptr_array_index(fig5, k));
    g_ptr_array_free(fig1, TRUE);
    g_ptr_array_free(fig5, TRUE);
    /* East Midlands has no revisit in the fixtures: the notes say so */
    char *notes = sp_chart_notes(&f->ctx, "revisit-weaknesses");
    assert_non_null(strstr(notes, "Left out, with no revisit published: East Midlands."));
    g_free(notes);
    for (size_t s = 0; s < G_N_ELEMENTS(SIZES); s++) {
        sp_chart_boxes b;
        boxes_of(f, "revisit-weaknesses", SIZES[s][0], SIZES[s][1], SP_CHART_BARE, &b);
        bool made = false, not_made = false;
        for (size_t i = 0; i < b.n; i++) {
            const sp_chart_box *x = &b.items[i];
            if (x->kind == SP_CHART_BOX_TEXT) {
                made |= strcmp(x->text, "Sufficient progress made") == 0 || strcmp(x->text, "Made") == 0;
                not_made |= strcmp(x->text, "Not made") == 0;
                continue;
            }
            /* no key swatches, and nothing in the turquoise that reads as good */
            if (!is_region(f->figs, x->text))
                fail_msg("a mark that is no bar: \"%s\"", x->text ? x->text : "");
            assert_int_not_equal(x->rgb, SP_TURQUOISE);
        }
        assert_true(made && not_made);
        sp_chart_boxes_free(&b);
    }
}

/* Figure 2's title rests on the whole count, not on a year's share; a year
 * with fewer than 10 inspections is greyed out and marked; part-years and
 * the regions left out of the 2023 chart are named. */
static void test_small_numbers_marked(void **state)
{
    fx *f = *state;
    char *t = sp_chart_title(&f->ctx, "wsoa-by-year");
    assert_null(strstr(t, "ranged"));
    assert_non_null(strstr(t, "across all years"));
    g_free(t);
    char *n = sp_chart_notes(&f->ctx, "wsoa-by-year");
    assert_non_null(strstr(n, "2016 is a part-year"));
    g_free(n);
    n = sp_chart_notes(&f->ctx, "outcomes-2023");
    assert_non_null(strstr(n, "\u2020 Fewer than 10 inspections"));
    if (!strstr(n, "Left out, with no inspection under the 2023 framework published: "))
        fail_msg("outcomes-2023 notes do not name the regions left out: %s", n);
    g_free(n);

    /* as at 31 March 2017: few 2017 inspections so far */
    sp_figures *figs = sp_figures_compute(f->ds, sp_date_make(2017, 3, 31), 0);
    sp_context ctx = {.figs = figs, .view = figs->view, .settings = &f->settings};
    n = sp_chart_notes(&ctx, "wsoa-by-year");
    assert_non_null(strstr(n, "\u2020 Fewer than 10 inspections"));
    g_free(n);
    sp_chart_boxes b = {0};
    sp_diags d = {0};
    assert_int_equal(sp_chart_layout_boxes(&ctx, "wsoa-by-year", 471, 235, SP_CHART_BARE, &b, &d), 0);
    bool grey = false, dagger = false;
    for (size_t i = 0; i < b.n; i++) {
        grey |= b.items[i].kind == SP_CHART_BOX_MARK && strcmp(b.items[i].text, "2017") == 0 &&
                b.items[i].rgb != SP_TURQUOISE && b.items[i].rgb != SP_DARK_BLUE;
        dagger |= b.items[i].kind == SP_CHART_BOX_TEXT && strstr(b.items[i].text, "\u2020");
    }
    assert_true(grey);
    assert_true(dagger);
    sp_chart_boxes_free(&b);
    sp_diags_free(&d);
    sp_figures_free(figs);
}

/* No chart text under 9 pt, on a briefing page or in a chart file: every
 * text box is at least one 9 pt line tall. */
static void test_no_chart_text_under_9pt(void **state)
{
    fx *f = *state;
    cairo_surface_t *cs = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(cs);
    PangoContext *pc = sp_text_context_new(cr);
    PangoLayout *lay = sp_text_layout(pc, "Xg", 9, false, -1);
    double line9;
    sp_text_size(lay, NULL, &line9);
    g_object_unref(lay);
    g_object_unref(pc);
    cairo_destroy(cr);
    cairo_surface_destroy(cs);
    for (size_t i = 0; i < sp_chart_count(); i++)
        for (int bare = 0; bare < 2; bare++) {
            sp_chart_boxes b;
            boxes_of(f, sp_chart_id(i), bare ? 471.3 : 453.5, bare ? 235.6 : 283.5,
                     bare ? SP_CHART_BARE : 0, &b);
            for (size_t k = 0; k < b.n; k++)
                if (b.items[k].kind == SP_CHART_BOX_TEXT && b.items[k].h < line9 - 0.01)
                    fail_msg("%s: \"%s\" is %.1f pt tall, under a 9 pt line (%.1f pt)",
                             sp_chart_id(i), b.items[k].text, b.items[k].h, line9);
            sp_chart_boxes_free(&b);
        }
}

/* Figure 4's bars fill their bands; the funding chart cuts a bar that
 * would flatten the rest; the timeline marks the pause; the strip chart
 * keeps each whole count in one column when the stack fits its row. */
static void test_other_charts(void **state)
{
    fx *f = *state;
    sp_chart_boxes b;
    /* revisit-outcomes: four rows at the briefing's size */
    boxes_of(f, "revisit-outcomes", 471.3, 235.6, SP_CHART_BARE, &b);
    size_t bars = 0;
    for (size_t i = 0; i < b.n; i++)
        if (b.items[i].kind == SP_CHART_BOX_MARK && b.items[i].w > 1) {
            bars++;
            if (b.items[i].h < 20)
                fail_msg("revisit-outcomes: the \"%s\" bar is %.1f pt thick", b.items[i].text,
                         b.items[i].h);
        }
    assert_true(bars >= 4);
    sp_chart_boxes_free(&b);

    /* funding: the largest bar at most 1.6 times the next drawn */
    boxes_of(f, "funding", 471.3, 235.6, SP_CHART_BARE, &b);
    GHashTable *len = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    for (size_t i = 0; i < b.n; i++) {
        const sp_chart_box *x = &b.items[i];
        if (x->kind != SP_CHART_BOX_MARK || !x->text || x->w < 0.01 || x->h < 8.5)
            continue;
        double *v = g_hash_table_lookup(len, x->text);
        if (!v) {
            v = g_new0(double, 1);
            g_hash_table_insert(len, x->text, v);
        }
        *v += x->w;
    }
    double first = 0, second = 0;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, len);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        double w = *(double *)v;
        if (w > first) {
            second = first;
            first = w;
        } else if (w > second) {
            second = w;
        }
    }
    g_hash_table_destroy(len);
    if (first > 1.6 * second + 1)
        fail_msg("funding: the largest bar is %.0f pt, the next %.0f pt", first, second);
    sp_chart_boxes_free(&b);
    char *n = sp_chart_notes(&f->ctx, "funding");
    assert_non_null(strstr(n, "cut short"));
    g_free(n);

    /* timeline: the pause from March 2020 */
    boxes_of(f, "timeline", 471.3, 235.6, SP_CHART_BARE, &b);
    bool pause = false;
    for (size_t i = 0; i < b.n; i++)
        pause |= b.items[i].kind == SP_CHART_BOX_MARK && b.items[i].text &&
                 strcmp(b.items[i].text, "pause") == 0;
    assert_true(pause);
    sp_chart_boxes_free(&b);
    n = sp_chart_notes(&f->ctx, "timeline");
    assert_non_null(strstr(n, "paused from March 2020"));
    g_free(n);

    /* weaknesses-strip: as many columns of dots as distinct counts (every
     * stack of the fixtures fits its row; a taller one stands in columns
     * side by side, test_strip_dots_stay_apart in test_charts_real) */
    char *csv = sp_chart_csv(&f->ctx, "weaknesses-strip");
    GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char **lines = g_strsplit(csv, "\r\n", -1);
    for (char **l = lines + 1; *l && **l; l++) {
        const char *comma = strrchr(*l, ',');
        g_hash_table_add(counts, g_strdup(comma + 1));
    }
    g_strfreev(lines);
    g_free(csv);
    boxes_of(f, "weaknesses-strip", 471.3, 235.6, SP_CHART_BARE, &b);
    GHashTable *xs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < b.n; i++)
        if (b.items[i].kind == SP_CHART_BOX_MARK && b.items[i].w < 6)
            g_hash_table_add(xs, g_strdup_printf("%.2f", b.items[i].x + b.items[i].w / 2));
    if (g_hash_table_size(xs) > g_hash_table_size(counts))
        fail_msg("weaknesses-strip: dots in %u columns for %u distinct counts",
                 g_hash_table_size(xs), g_hash_table_size(counts));
    g_hash_table_destroy(xs);
    g_hash_table_destroy(counts);
    sp_chart_boxes_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regions_interval_line_and_labels),
        cmocka_unit_test(test_revisit_weaknesses_shares_in_figure_1_order),
        cmocka_unit_test(test_small_numbers_marked),
        cmocka_unit_test(test_no_chart_text_under_9pt),
        cmocka_unit_test(test_other_charts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
