/* test_charts.c: the charts on the bundled fixtures (which hold every kind
 * of data: both frameworks, revisits, funding): files written at the
 * requested size, bars in palette colours, titles from the figures, CSVs that
 * match the figures table, byte-identical reruns, and no label that overlaps
 * another or leaves the canvas at any size from 12x8 to 18x12 cm (9 pt text needs 8 cm for the eight regions), and
 * every label at a contrast of 4.5:1 or more against what it sits on (the
 * last bar or dot drawn under its centre, or the white canvas). */
#include "test_charts_helpers.h"

#include "sendpack/format.h"
#include "sendpack/ids_areas.h"

#include <math.h>

static int setup(void **state)
{
    fx *f = g_new0(fx, 1);
    const char *src = getenv("SENDPACK_SRC");
    char *dir = g_build_filename(src && *src ? src : ".", "fixtures", NULL);
    sp_inputs in = {0};
    sp_diags d = {0};
    sp_inputs_from_dir(&in, dir, &d);
    in.hexmap = g_build_filename(dir, "hexmap.hexjson", NULL); /* as publication.ini */
    f->ds = sp_load(&in, &d);
    sp_inputs_clear(&in);
    if (sp_diags_count(&d, SP_DIAG_ERROR) || !f->ds->n_inspections) {
        fprintf(stderr, "fixtures in %s did not load\n", dir);
        sp_diags_free(&d);
        g_free(dir);
        fx_free(f);
        return -1;
    }
    sp_diags_free(&d);
    g_free(dir);
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

static void test_registry(void **state)
{
    fx *f = *state;
    static const char *const ids[] = {"wsoa-by-region", "wsoa-by-year", "timeline",
        "revisit-outcomes", "revisit-weaknesses", "funding", "high-needs", "outcomes-2023",
        "weaknesses-strip", "ehcp-timeliness", "hexmap"};
    assert_int_equal(sp_chart_count(), 11);
    for (size_t i = 0; i < 11; i++) {
        assert_string_equal(sp_chart_id(i), ids[i]);
        assert_true(sp_chart_known(ids[i]));
        /* the fixtures have data for every chart */
        assert_true(sp_chart_available(&f->ctx, ids[i]));
    }
    assert_null(sp_chart_id(11));
    /* a profile's chart is known to templates but not a publication chart,
     * and has nothing to draw without an area */
    assert_true(sp_chart_known("area-context"));
    assert_false(sp_chart_available(&f->ctx, "area-context"));
    assert_false(sp_chart_known("pie"));
    assert_false(sp_chart_available(&f->ctx, "pie"));
}

static void test_writes_every_file_at_the_requested_size(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    assert_int_equal(sp_charts_write(&f->ctx, f->dir, &d), 0);
    assert_int_equal(d.n, 0);
    static const char *const exts[] = {".png", ".svg", ".pdf", ".txt", ".csv"};
    for (size_t i = 0; i < sp_chart_count(); i++) {
        for (size_t e = 0; e < 5; e++) {
            char *p = out_path(f->dir, sp_chart_id(i), exts[e]);
            size_t len = 0;
            char *s = slurp(p, &len);
            assert_non_null(s);
            assert_true(len > 20);
            g_free(s);
            g_free(p);
        }
        /* 16 x 10 cm at 150 dpi */
        char *png = out_path(f->dir, sp_chart_id(i), ".png");
        int w = 0, h = 0;
        png_pixel(png, 0, 0, &w, &h);
        assert_int_equal(w, 945);
        assert_int_equal(h, 591);
        g_free(png);
    }
    /* --size 12x7 --dpi 300 */
    f->settings.width_cm = 12;
    f->settings.height_cm = 7;
    f->settings.dpi = 300;
    char *sub = g_build_filename(f->dir, "small", NULL);
    assert_int_equal(sp_chart_write(&f->ctx, sub, "timeline", &d), 0);
    char *png = out_path(sub, "timeline", ".png");
    int w = 0, h = 0;
    png_pixel(png, 0, 0, &w, &h);
    assert_int_equal(w, 1417); /* 12 / 2.54 * 300 = 1417.3 */
    assert_int_equal(h, 827);  /* 7 / 2.54 * 300 = 826.8 */
    int ew, eh;
    sp_chart_size_px(&f->ctx, &ew, &eh);
    assert_int_equal(ew, 1417);
    assert_int_equal(eh, 827);
    g_free(png);
    g_free(sub);
    sp_settings_clear(&f->settings);
    sp_settings_init(&f->settings);
    sp_diags_free(&d);
}

static void test_bars_have_palette_colours(void **state)
{
    fx *f = *state;
    char *dir = g_build_filename(f->dir, "pixels", NULL);
    for (size_t i = 0; i < sp_chart_count(); i++)
        check_mark_pixel(&f->ctx, dir, sp_chart_id(i));
    g_free(dir);
}

static void test_svg_has_title_and_alt_text(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    char *dir = g_build_filename(f->dir, "svg", NULL);
    for (size_t i = 0; i < sp_chart_count(); i++) {
        const char *id = sp_chart_id(i);
        assert_int_equal(sp_chart_write(&f->ctx, dir, id, &d), 0);
        char *p = out_path(dir, id, ".svg");
        char *svg = slurp(p, NULL);
        char *title = sp_chart_title(&f->ctx, id), *alt = sp_chart_alt_text(&f->ctx, id);
        char *et = g_markup_escape_text(title, -1), *ea = g_markup_escape_text(alt, -1);
        char *want_t = g_strdup_printf("<title>%s</title>", et);
        char *want_d = g_strdup_printf("<desc>%s</desc>", ea);
        assert_non_null(strstr(svg, want_t));
        assert_non_null(strstr(svg, want_d));
        /* the alt text file is the same text */
        char *tp = out_path(dir, id, ".txt");
        char *txt = slurp(tp, NULL);
        char *want = g_strconcat(alt, "\n", NULL);
        assert_string_equal(txt, want);
        g_free(want); g_free(txt); g_free(tp);
        g_free(want_t); g_free(want_d); g_free(et); g_free(ea);
        g_free(title); g_free(alt); g_free(svg); g_free(p);
    }
    g_free(dir);
    sp_diags_free(&d);
}

static void test_titles_state_the_finding(void **state)
{
    fx *f = *state;
    char p[16], want[128];
    const sp_figure *s = sp_figures_get(f->figs, "wsoa.share");
    assert_non_null(s);
    g_snprintf(want, sizeof want, "%s of inspected areas needed a written statement of action",
               sp_fmt_pct(s->value, p, sizeof p));
    char *t = sp_chart_title(&f->ctx, "wsoa-by-region");
    assert_string_equal(t, want);
    g_free(t);
    /* the subtitle names the as-at date */
    char date[32];
    sp_date_long(f->figs->as_at, date, sizeof date);
    for (size_t i = 0; i < sp_chart_count(); i++) {
        char *sub = sp_chart_subtitle(&f->ctx, sp_chart_id(i));
        assert_non_null(strstr(sub, date));
        g_free(sub);
    }
    /* the timeline's title quotes inspections.count and wsoa.count */
    t = sp_chart_title(&f->ctx, "timeline");
    char n[32];
    assert_non_null(strstr(t, sp_fmt_count(sp_figures_get(f->figs, "inspections.count")->value, n, sizeof n)));
    assert_non_null(strstr(t, sp_fmt_count(sp_figures_get(f->figs, "wsoa.count")->value, n, sizeof n)));
    g_free(t);
}

/* The text boxes of a drawing, as one string per box. */
static bool has_text(const sp_chart_boxes *b, const char *text)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->items[i].kind == SP_CHART_BOX_TEXT && strcmp(b->items[i].text, text) == 0)
            return true;
    return false;
}

static void test_illustrative_banner(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    double w, h;
    sp_chart_size_pt(&f->ctx, &w, &h);
    sp_chart_boxes b = {0};
    f->settings.illustrative = false;
    sp_chart_layout_boxes(&f->ctx, "funding", w, h, 0, &b, &d);
    assert_false(has_text(&b, "Illustrative data"));
    sp_chart_boxes_free(&b);
    f->settings.illustrative = true;
    sp_chart_layout_boxes(&f->ctx, "funding", w, h, 0, &b, &d);
    assert_true(has_text(&b, "Illustrative data"));
    sp_chart_boxes_free(&b);
    /* a bare chart (for the briefing) has no title block */
    sp_chart_layout_boxes(&f->ctx, "funding", w, h, SP_CHART_BARE, &b, &d);
    assert_false(has_text(&b, "Illustrative data"));
    char *title = sp_chart_title(&f->ctx, "funding");
    assert_false(has_text(&b, title));
    g_free(title);
    sp_chart_boxes_free(&b);
    f->settings.illustrative = false;
    sp_diags_free(&d);
}

/* ---- CSVs match the figures table ---- */

static char **csv_of(fx *f, const char *id, const char *header)
{
    char *csv = sp_chart_csv(&f->ctx, id);
    char **lines = csv_lines(csv);
    g_free(csv);
    assert_non_null(lines[0]);
    assert_string_equal(lines[0], header);
    return lines;
}

static double num(const char *s) { return *s ? g_ascii_strtod(s, NULL) : NAN; }

static const char *region_slug(fx *f, const char *name)
{
    for (size_t i = 0; i < f->figs->n_regions; i++)
        if (strcmp(f->figs->regions[i].name, name) == 0)
            return f->figs->regions[i].slug;
    return NULL;
}

static void test_csv_wsoa_by_region(void **state)
{
    fx *f = *state;
    char **lines = csv_of(f, "wsoa-by-region",
                          "region,wsoa_count,inspections_count,wsoa_share,ci_low,ci_high");
    size_t rows = 0;
    double prev = 2;
    for (char **l = lines + 1; *l; l++) {
        char **c = csv_fields(*l);
        assert_int_equal(g_strv_length(c), 6);
        const sp_figure *s = strcmp(c[0], "England") == 0
                                 ? sp_figures_get(f->figs, "wsoa.share")
                                 : sp_figures_getf(f->figs, "region.%s.wsoa.share", region_slug(f, c[0]));
        assert_non_null(s);
        assert_true(num(c[1]) == s->numerator);
        assert_true(num(c[2]) == s->denominator);
        assert_true(num(c[3]) == s->value);
        assert_true(num(c[4]) == s->ci_low);
        assert_true(num(c[5]) == s->ci_high);
        if (strcmp(c[0], "England") != 0) {
            assert_true(s->value <= prev); /* sorted by share, as drawn */
            prev = s->value;
            rows++;
        }
        g_strfreev(c);
    }
    assert_int_equal(rows, f->figs->n_regions);
    /* RFC 4180: a name with a comma is quoted */
    char *csv = sp_chart_csv(&f->ctx, "wsoa-by-region");
    assert_non_null(strstr(csv, "\r\n\"North East, Yorkshire and the Humber\","));
    g_free(csv);
    g_strfreev(lines);
}

static void test_csv_other_charts(void **state)
{
    fx *f = *state;
    /* wsoa-by-year: every year of the figures */
    char **lines = csv_of(f, "wsoa-by-year", "year,inspections_count,wsoa_count,wsoa_share");
    assert_int_equal(g_strv_length(lines) - 1, f->figs->n_years);
    for (size_t i = 0; i < f->figs->n_years; i++) {
        char **c = csv_fields(lines[i + 1]);
        assert_int_equal(atoi(c[0]), f->figs->years[i]);
        const sp_figure *k = sp_figures_getf(f->figs, "year.%d.inspections.count", f->figs->years[i]);
        const sp_figure *s = sp_figures_getf(f->figs, "year.%d.wsoa.share", f->figs->years[i]);
        assert_true(num(c[1]) == k->value);
        assert_true(num(c[3]) == s->value);
        g_strfreev(c);
    }
    g_strfreev(lines);

    /* timeline: the last month ends at the headline counts */
    lines = csv_of(f, "timeline", "month,inspections_cumulative,wsoa_cumulative");
    guint n = g_strv_length(lines);
    assert_true(n > 12);
    char **c = csv_fields(lines[n - 1]);
    assert_true(num(c[1]) == sp_figures_value(f->figs, "inspections.count", -1));
    assert_true(num(c[2]) == sp_figures_value(f->figs, "wsoa.count", -1));
    char iso[16];
    sp_date_iso(f->figs->as_at, iso, sizeof iso);
    assert_memory_equal(c[0], iso, 7);
    g_strfreev(c);
    g_strfreev(lines);

    /* revisit-outcomes */
    lines = csv_of(f, "revisit-outcomes", "outcome,label,areas,share_of_revisited");
    assert_int_equal(g_strv_length(lines), 5);
    static const char *const ids[] = {"revisits.outcome.all.count", "revisits.outcome.some.count",
                                      "revisits.outcome.none.count", "revisits.pending.count"};
    for (int i = 0; i < 4; i++) {
        c = csv_fields(lines[i + 1]);
        assert_true(num(c[2]) == sp_figures_value(f->figs, ids[i], -1));
        g_strfreev(c);
    }
    g_strfreev(lines);

    /* funding: totals per programme, and they add to what the figures say */
    lines = csv_of(f, "funding", "programme,committed_gbp,optional_extension_gbp,announced_gbp,total_gbp");
    assert_int_equal(g_strv_length(lines) - 1, f->figs->n_programmes);
    for (char **l = lines + 1; *l; l++) {
        c = csv_fields(*l);
        const char *slug = NULL;
        for (size_t i = 0; i < f->figs->n_programmes; i++)
            if (strcmp(f->figs->programmes[i].name, c[0]) == 0)
                slug = f->figs->programmes[i].slug;
        assert_non_null(slug);
        assert_true(num(c[4]) == sp_figures_getf(f->figs, "funding.programme.%s.total_gbp", slug)->value);
        assert_true(num(c[1]) == sp_figures_getf(f->figs, "funding.programme.%s.committed_gbp", slug)->value);
        g_strfreev(c);
    }
    g_strfreev(lines);

    /* outcomes-2023: England first */
    lines = csv_of(f, "outcomes-2023", "area,inspections_count,positive_count,positive_share,"
                   "inconsistent_count,inconsistent_share,systemic_count,systemic_share");
    assert_int_equal(g_strv_length(lines) - 1, f->figs->n_regions_2023 + 1);
    c = csv_fields(lines[1]);
    assert_string_equal(c[0], "England");
    assert_true(num(c[1]) == sp_figures_value(f->figs, "outcome.inspections.count", -1));
    assert_true(num(c[7]) == sp_figures_value(f->figs, "outcome.systemic.share", -1));
    g_strfreev(c);
    g_strfreev(lines);

    /* revisit-weaknesses: one row per region with weaknesses assessed at
     * revisit, its counts and its share made */
    lines = csv_of(f, "revisit-weaknesses",
                   "region,weaknesses_progress_made,weaknesses_progress_not_made,share_progress_made");
    assert_int_equal(g_strv_length(lines) - 1, f->figs->n_regions - 1); /* none in East Midlands */
    for (char **l = lines + 1; *l; l++) {
        c = csv_fields(*l);
        const sp_figure *m = sp_figures_getf(f->figs, "region.%s.revisits.weaknesses.progress_made",
                                             region_slug(f, c[0]));
        const sp_figure *sh = sp_figures_getf(
            f->figs, "region.%s.revisits.weaknesses.progress_made.share", region_slug(f, c[0]));
        assert_non_null(m);
        assert_non_null(sh);
        assert_true(num(c[1]) == m->value);
        assert_true(fabs(num(c[3]) - sh->value) < 1e-12);
        g_strfreev(c);
    }
    g_strfreev(lines);

    /* weaknesses-strip: a dot per WSoA area with its figure, then the median */
    lines = csv_of(f, "weaknesses-strip", "area_key,area,region,weaknesses_identified");
    size_t dots = 0;
    for (char **l = lines + 1; *l; l++) {
        c = csv_fields(*l);
        if (*c[0]) {
            assert_true(num(c[3]) == sp_figures_getf(f->figs, "area.%s.weaknesses.identified", c[0])->value);
            assert_true(sp_figures_getf(f->figs, "area.%s.wsoa", c[0])->value == 1);
            dots++;
        } else {
            assert_true(num(c[3]) == sp_figures_value(f->figs, "weaknesses.identified.median", -1));
        }
        g_strfreev(c);
    }
    assert_true(dots > 10);
    assert_true(dots == sp_figures_value(f->figs, "wsoa.count", -1));
    g_strfreev(lines);
}

/* ---- determinism ---- */

static void test_byte_identical_reruns(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    char *a = g_build_filename(f->dir, "run-a", NULL), *b = g_build_filename(f->dir, "run-b", NULL);
    assert_int_equal(sp_charts_write(&f->ctx, a, &d), 0);
    assert_int_equal(sp_charts_write(&f->ctx, b, &d), 0);
    static const char *const exts[] = {".png", ".svg", ".pdf", ".txt", ".csv"};
    for (size_t i = 0; i < sp_chart_count(); i++)
        for (size_t e = 0; e < 5; e++) {
            char *pa = out_path(a, sp_chart_id(i), exts[e]), *pb = out_path(b, sp_chart_id(i), exts[e]);
            size_t la = 0, lb = 0;
            char *x = slurp(pa, &la), *y = slurp(pb, &lb);
            assert_non_null(x);
            assert_non_null(y);
            if (la != lb || memcmp(x, y, la) != 0)
                fail_msg("%s%s differs between two runs", sp_chart_id(i), exts[e]);
            g_free(x); g_free(y); g_free(pa); g_free(pb);
        }
    g_free(a);
    g_free(b);
    sp_diags_free(&d);
}

/* Rewriting over an older, longer output leaves exactly the new file (GLib
 * 2.74's plain g_file_set_contents_full left the old tail behind). */
static void test_rewrite_replaces_longer_files(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    char *fresh = g_build_filename(f->dir, "fresh", NULL), *old = g_build_filename(f->dir, "old", NULL);
    assert_int_equal(sp_chart_write(&f->ctx, fresh, "timeline", &d), 0);
    g_mkdir_with_parents(old, 0755);
    static const char *const exts[] = {".png", ".svg", ".pdf", ".txt", ".csv"};
    char *junk = g_malloc(1 << 21);
    memset(junk, 'x', 1 << 21);
    for (size_t e = 0; e < 5; e++) {
        char *p = out_path(old, "timeline", exts[e]);
        assert_true(g_file_set_contents(p, junk, 1 << 21, NULL));
        g_free(p);
    }
    g_free(junk);
    assert_int_equal(sp_chart_write(&f->ctx, old, "timeline", &d), 0);
    for (size_t e = 0; e < 5; e++) {
        char *pa = out_path(fresh, "timeline", exts[e]), *pb = out_path(old, "timeline", exts[e]);
        size_t la, lb;
        char *x = slurp(pa, &la), *y = slurp(pb, &lb);
        assert_int_equal(la, lb);
        assert_memory_equal(x, y, la);
        g_free(x); g_free(y); g_free(pa); g_free(pb);
    }
    g_free(fresh);
    g_free(old);
    sp_diags_free(&d);
}

static void test_pdf_dates_never_from_the_clock(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    char *dir = g_build_filename(f->dir, "pdf", NULL);
    char *p = out_path(dir, "timeline", ".pdf");
    char iso[16], want[64];
    sp_date_iso(f->figs->as_at, iso, sizeof iso);
    g_snprintf(want, sizeof want, "/CreationDate (%.4s%.2s%.2s000000Z)", iso, iso + 5, iso + 8);
    g_unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(sp_chart_write(&f->ctx, dir, "timeline", &d), 0);
    size_t len = 0;
    char *pdf = slurp(p, &len);
    assert_non_null(memmem(pdf, len, want, strlen(want)));
    g_free(pdf);
    /* SOURCE_DATE_EPOCH wins: 1700000000 is 2023-11-14 22:13:20 UTC */
    g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
    assert_int_equal(sp_chart_write(&f->ctx, dir, "timeline", &d), 0);
    pdf = slurp(p, &len);
    assert_non_null(memmem(pdf, len, "/CreationDate (20231114221320Z)", 30));
    assert_non_null(memmem(pdf, len, "/ModDate (20231114221320Z)", 25));
    g_free(pdf);
    g_unsetenv("SOURCE_DATE_EPOCH");
    g_free(p);
    g_free(dir);
    sp_diags_free(&d);
}

/* ---- layout ---- */

/* WCAG 2.1 relative luminance and contrast ratio of two sRGB colours. */
static double channel(unsigned v)
{
    double c = v / 255.0;
    return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(unsigned rgb)
{
    return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) +
           0.0722 * channel(rgb & 0xff);
}

static double contrast(unsigned a, unsigned b)
{
    double la = luminance(a), lb = luminance(b);
    return (MAX(la, lb) + 0.05) / (MIN(la, lb) + 0.05);
}

static void test_the_contrast_formula(void **state)
{
    (void)state;
    assert_true(fabs(contrast(0xFFFFFF, 0x000000) - 21.0) < 0.01);
    /* the failing pair: white on the palette turquoise */
    assert_true(contrast(0xFFFFFF, 0x28A197) < 4.5);
}

static void test_every_label_has_contrast(void **state)
{
    fx *f = *state;
    size_t labels = 0, on_marks = 0;
    for (size_t i = 0; i < sp_chart_count(); i++) {
        const char *id = sp_chart_id(i);
        if (!sp_chart_available(&f->ctx, id))
            continue;
        sp_chart_boxes boxes = {0};
        sp_diags d = {0};
        double w, h;
        sp_chart_size_pt(&f->ctx, &w, &h);
        assert_int_equal(sp_chart_layout_boxes(&f->ctx, id, w, h, 0, &boxes, &d), 0);
        sp_diags_free(&d);
        for (size_t t = 0; t < boxes.n; t++) {
            const sp_chart_box *b = &boxes.items[t];
            if (b->kind != SP_CHART_BOX_TEXT)
                continue;
            double cx = b->x + b->w / 2, cy = b->y + b->h / 2;
            unsigned bg = 0xFFFFFF;
            for (size_t m = 0; m < t; m++) {
                const sp_chart_box *k = &boxes.items[m];
                if (k->kind == SP_CHART_BOX_MARK && cx > k->x && cx < k->x + k->w &&
                    cy > k->y && cy < k->y + k->h)
                    bg = k->rgb;
            }
            labels++;
            on_marks += bg != 0xFFFFFF;
            double c = contrast(b->rgb, bg);
            if (c < 4.5)
                fail_msg("chart %s: \"%s\" in #%06X on #%06X has contrast %.2f:1, below 4.5:1", id,
                         b->text ? b->text : "", b->rgb, bg, c);
        }
        sp_chart_boxes_free(&boxes);
    }
    assert_true(labels > 50);
    assert_true(on_marks > 0); /* labels inside bars were checked too */
}

static void test_no_label_collides_at_any_size(void **state)
{
    fx *f = *state;
    static const double sizes[][2] = {{12, 8}, {14, 8}, {16, 10}, {18, 12}, {16, 8}, {12, 12}};
    for (int ill = 0; ill < 2; ill++) {
        f->settings.illustrative = ill;
        for (size_t i = 0; i < sp_chart_count(); i++)
            for (size_t s = 0; s < G_N_ELEMENTS(sizes); s++) {
                check_layout(&f->ctx, sp_chart_id(i), sizes[s][0], sizes[s][1], 0);
                check_layout(&f->ctx, sp_chart_id(i), sizes[s][0], sizes[s][1], SP_CHART_BARE);
            }
    }
    f->settings.illustrative = false;
}

static void test_collision_check_finds_overlaps(void **state)
{
    sp_chart_box items[] = {
        {SP_CHART_BOX_TEXT, 10, 10, 50, 10, 0, "London"},
        {SP_CHART_BOX_TEXT, 40, 15, 50, 10, 0, "74% (20 of 27)"},
        {SP_CHART_BOX_MARK, 0, 0, 100, 100, 0, "bar"},      /* marks are not text */
        {SP_CHART_BOX_TEXT, 10, 20, 50, 10, 0, "touching"}, /* shares an edge only */
        {SP_CHART_BOX_TEXT, 180, 50, 40, 10, 0, "off the edge"},
    };
    sp_chart_boxes b = {items, G_N_ELEMENTS(items), G_N_ELEMENTS(items)};
    char *why = NULL;
    /* London/74%, 74%/touching, off the edge */
    assert_int_equal(sp_chart_boxes_check(&b, 200, 100, &why), 3);
    assert_string_equal(why, "\"London\" overlaps \"74% (20 of 27)\" by 20.0x5.0 pt");
    g_free(why);
    b.n = 1;
    assert_int_equal(sp_chart_boxes_check(&b, 200, 100, &why), 0);
    assert_null(why);
}

/* A chart drawn shorter reads as well only while no more of its labels
 * touch another or cross a bar, dot or line than at its own height (the
 * briefing lets a figure give up as much as two fifths of its height to
 * fit a page, and only so): the regional bars read at two thirds of their
 * height, and at a quarter their labels run into each other. */
static void test_chart_reads_at_a_shorter_height(void **state)
{
    fx *f = *state;
    double w = 481, h = w * 10 / 16; /* the briefing's text width, the chart's aspect */
    assert_true(sp_chart_reads_at(&f->ctx, "wsoa-by-region", w, h, h));
    assert_true(sp_chart_reads_at(&f->ctx, "wsoa-by-region", w, 0.66 * h, h));
    assert_false(sp_chart_reads_at(&f->ctx, "wsoa-by-region", w, 0.25 * h, h));
    assert_false(sp_chart_reads_at(&f->ctx, "no-such-chart", w, h, h));
}

/* A bare chart on a briefing page draws only inside its rectangle. */
static void test_bare_chart_stays_in_its_rectangle(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    for (size_t i = 0; i < sp_chart_count(); i++) {
        cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
        cairo_t *cr = cairo_create(s);
        cairo_translate(cr, 50, 70);
        assert_int_equal(sp_chart_draw(cr, 340, 200, &f->ctx, sp_chart_id(i), SP_CHART_BARE, &d), 0);
        cairo_destroy(cr);
        double x, y, w, h;
        cairo_recording_surface_ink_extents(s, &x, &y, &w, &h);
        cairo_surface_destroy(s);
        assert_true(w > 100 && h > 100);
        if (x < 49.5 || y < 69.5 || x + w > 390.5 || y + h > 270.5)
            fail_msg("%s: ink %g,%g %gx%g outside 50,70 340x200", sp_chart_id(i), x, y, w, h);
    }
    sp_diags_free(&d);
}

static void test_alt_text_names_largest_and_smallest(void **state)
{
    fx *f = *state;
    const char *hi = NULL, *lo = NULL;
    double vhi = -1, vlo = 2;
    for (size_t i = 0; i < f->figs->n_regions; i++) {
        const sp_figure *s = sp_figures_getf(f->figs, "region.%s.wsoa.share", f->figs->regions[i].slug);
        if (s && s->value > vhi) { vhi = s->value; hi = f->figs->regions[i].name; }
        if (s && s->value < vlo) { vlo = s->value; lo = f->figs->regions[i].name; }
    }
    char *alt = sp_chart_alt_text(&f->ctx, "wsoa-by-region");
    assert_non_null(strstr(alt, hi));
    assert_non_null(strstr(alt, lo));
    char p[16];
    assert_non_null(strstr(alt, sp_fmt_pct(vhi, p, sizeof p)));
    assert_non_null(strstr(alt, sp_fmt_pct(vlo, p, sizeof p)));
    g_free(alt);
    for (size_t i = 0; i < sp_chart_count(); i++) {
        alt = sp_chart_alt_text(&f->ctx, sp_chart_id(i));
        assert_true(strlen(alt) > 60);
        assert_null(strchr(alt, '\n'));
        /* one or two sentences */
        size_t stops = 0;
        for (const char *q = alt; (q = strstr(q, ". ")) != NULL; q++)
            stops++;
        if (stops > 1 || alt[strlen(alt) - 1] != '.')
            fail_msg("%s: alt text is not one or two sentences: %s", sp_chart_id(i), alt);
        g_free(alt);
    }
}

static void test_errors_are_reported_not_printed(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *cr = cairo_create(s);
    assert_int_not_equal(sp_chart_draw(cr, 400, 300, &f->ctx, "pie", 0, &d), 0);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 1);
    assert_non_null(strstr(d.items[0].message, "pie"));
    cairo_destroy(cr);
    /* a Cairo context in an error state is reported, not ignored */
    cairo_surface_finish(s);
    cr = cairo_create(s);
    assert_int_equal(sp_chart_draw(cr, 400, 300, &f->ctx, "timeline", 0, &d), 1);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 2);
    assert_non_null(strstr(d.items[1].message, "drawing failed"));
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    /* a folder that cannot be created */
    char *file = g_build_filename(f->dir, "a-file", NULL);
    g_file_set_contents(file, "x", 1, NULL);
    char *under = g_build_filename(file, "charts", NULL);
    assert_int_equal(sp_charts_write(&f->ctx, under, &d), 1);
    assert_true(sp_diags_count(&d, SP_DIAG_ERROR) >= 3);
    assert_string_equal(d.items[2].file, under);
    g_free(under);
    g_free(file);
    sp_diags_free(&d);
}

/* With no data, no chart is available, nothing is written, and drawing one
 * anyway says so instead of failing. */
static void test_empty_dataset(void **state)
{
    fx *e = g_new0(fx, 1);
    e->ds = sp_dataset_new();
    /* A figures table with nothing in it, as an empty dataset gives. (Built
     * by hand: sp_figures_compute on an empty dataset trips UBSan in
     * aggregate.c, qsort on a NULL array; reported to the lead.) */
    e->figs = g_new0(sp_figures, 1);
    e->figs->as_at = 20210331;
    sp_settings_init(&e->settings);
    e->ctx = (sp_context){.figs = e->figs, .view = e->figs->view, .settings = &e->settings};
    e->dir = g_dir_make_tmp("sp-charts-XXXXXX", NULL);
    sp_diags d = {0};
    for (size_t i = 0; i < sp_chart_count(); i++)
        assert_false(sp_chart_available(&e->ctx, sp_chart_id(i)));
    assert_int_equal(sp_charts_write(&e->ctx, e->dir, &d), 0);
    GDir *dir = g_dir_open(e->dir, 0, NULL);
    assert_null(g_dir_read_name(dir));
    g_dir_close(dir);
    sp_chart_boxes b = {0};
    assert_int_equal(sp_chart_layout_boxes(&e->ctx, "wsoa-by-region", 400, 300, 0, &b, &d), 0);
    assert_true(has_text(&b, "No data to show for this publication."));
    sp_chart_boxes_free(&b);
    assert_int_equal(d.n, 0);
    fx_free(e);
}


/* The hex map: one hexagon per area of the layout, coloured by the area's
 * outcome (a WSoA area's hex is dark pink in the PNG), every area in its
 * CSV with its outcome; a profile's chart picks its area out (dark blue in
 * the locator, "yes" in the CSV) and places it on the dot charts, without
 * a label collision at any size. */
static void test_hexmap_and_the_area_chart(void **state)
{
    fx *f = *state;
    char *csv = sp_chart_csv(&f->ctx, "hexmap");
    assert_non_null(strstr(csv, "area_code,area_name,region,outcome,outcome_label,hex_q,hex_r\r\n"));
    const sp_view *v = f->ctx.view;
    assert_int_equal(v->n_hexes, f->figs->n_areas);
    size_t rows = 0;
    for (const char *p = csv; (p = strstr(p, "\r\n")); p += 2)
        rows++;
    assert_int_equal(rows, v->n_hexes + 1);
    /* the first WSoA area and the first without */
    const char *wsoa = NULL, *none = NULL;
    for (size_t i = 0; i < f->figs->n_areas; i++) {
        const sp_figure *w = sp_figures_getf(f->figs, "area.%s.wsoa", f->figs->areas[i].slug);
        if (w && w->value && !wsoa && sp_figures_getf(f->figs, "area.%s.weaknesses.progress_not_made.share", f->figs->areas[i].slug))
            wsoa = f->figs->areas[i].slug;
        if (w && !w->value && !none)
            none = f->figs->areas[i].slug;
    }
    assert_non_null(wsoa);
    assert_non_null(none);
    const sp_hex_view *h = sp_view_hex(v, wsoa);
    assert_non_null(h);
    char *line = g_strdup_printf("\r\n%s,", h->rec->code);
    char *at = strstr(csv, line);
    assert_non_null(at);
    assert_non_null(strstr(at, ",wsoa,Written statement of action required,"));
    g_free(line);
    g_free(csv);

    sp_chart_boxes b = {0};
    sp_diags d = {0};
    assert_int_equal(sp_chart_layout_boxes(&f->ctx, "hexmap", 453, 283, 0, &b, &d), 0);
    size_t pink = 0, teal = 0;
    for (size_t i = 0; i < b.n; i++) {
        pink += b.items[i].kind == SP_CHART_BOX_MARK && b.items[i].rgb == SP_DARK_PINK;
        teal += b.items[i].kind == SP_CHART_BOX_MARK && b.items[i].rgb == SP_TURQUOISE;
    }
    /* one hexagon per area, and the key's swatch of each colour */
    assert_int_equal((double)pink, sp_figures_get(f->figs, "wsoa.count")->value + 1);
    assert_int_equal((double)(pink + teal), sp_figures_get(f->figs, "inspections.count")->value + 2);
    sp_chart_boxes_free(&b);

    static const double sizes[][2] = {{12, 7}, {16, 10}, {18, 12}};
    const char *keys[] = {wsoa, none};
    for (size_t k = 0; k < 2; k++) {
        sp_context a = f->ctx;
        a.area_key = keys[k];
        assert_true(sp_chart_available(&a, "area-context"));
        for (size_t s = 0; s < G_N_ELEMENTS(sizes); s++) {
            check_layout(&a, "area-context", sizes[s][0], sizes[s][1], 0);
            check_layout(&a, "area-context", sizes[s][0], sizes[s][1], SP_CHART_BARE);
        }
        sp_chart_boxes ab = {0};
        assert_int_equal(sp_chart_layout_boxes(&a, "area-context", 483, 220, SP_CHART_BARE, &ab, &d), 0);
        size_t blue = 0;
        for (size_t i = 0; i < ab.n; i++)
            blue += ab.items[i].kind == SP_CHART_BOX_MARK && ab.items[i].rgb == SP_DARK_BLUE;
        /* the locator's hex, and a dot on each dot chart for the WSoA area */
        assert_int_equal(blue, k == 0 ? 3 : 1);
        sp_chart_boxes_free(&ab);
        char *acsv = sp_chart_csv(&a, "area-context");
        if (k == 0) {
            char *mine = g_strdup_printf(",%s,", wsoa);
            char *row = strstr(acsv, mine);
            assert_non_null(row);
            assert_non_null(strstr(row, ",yes\r\n"));
            g_free(mine);
        }
        g_free(acsv);
    }
    sp_diags_free(&d);
}

static size_t count_of(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

/* The hex maps fill all the hexes of a colour as one shape, and the dot
 * charts all the dots: an area's page carries its locator map as a few SVG
 * paths, not one for each of the country's hexes, and a profile's PDF its
 * area chart as a few fills (a PDF or SVG surface writes every fill on its
 * own). */
static void test_hexes_and_dots_filled_by_colour(void **state)
{
    fx *f = *state;
    size_t n = f->ctx.view->n_hexes;
    assert_true(n > 20);
    sp_context a = f->ctx;
    a.area_key = f->figs->areas[0].slug;
    sp_diags d = {0};
    const char *ids[] = {"hexmap", "area-context"};
    for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
        char *svg = sp_chart_svg(i ? &a : &f->ctx, ids[i], SP_CHART_BARE | SP_CHART_SVG_TEXT, &d);
        assert_non_null(svg);
        assert_true(count_of(svg, "<path") < n / 2);
        g_free(svg);
    }
    /* the same for dots: the area chart's grey dots and the strip chart's,
     * drawn by cairo (a chart file, not a page's inline SVG), are one fill
     * of each colour, though a dot a region or an area */
    const char *dots[] = {"weaknesses-strip", "area-context"};
    for (size_t i = 0; i < G_N_ELEMENTS(dots); i++) {
        sp_chart_boxes b = {0};
        assert_int_equal(sp_chart_layout_boxes(i ? &a : &f->ctx, dots[i], 483, 300, SP_CHART_BARE, &b, &d), 0);
        size_t marks = 0;
        for (size_t k = 0; k < b.n; k++)
            marks += b.items[k].kind == SP_CHART_BOX_MARK;
        sp_chart_boxes_free(&b);
        char *svg = sp_chart_svg(i ? &a : &f->ctx, dots[i], SP_CHART_BARE, &d);
        assert_non_null(svg);
        /* fills in the drawing (glyph outlines are <symbol>s, apart) */
        const char *body = g_strrstr(svg, "</defs>");
        assert_non_null(body);
        assert_true(count_of(body, "<path") * 4 < marks);
        g_free(svg);
    }
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    sp_diags_free(&d);
}

/* Inside a web page a chart's words are <text> in the house font, never
 * glyph outlines, and the area chart's dots are <circle>s, one per area with
 * a value; the chart files keep cairo's outlines. */
static void test_inline_svg_words_are_text(void **state)
{
    fx *f = *state;
    sp_diags d = {0};
    char *file = sp_chart_svg(&f->ctx, "wsoa-by-region", 0, &d);
    char *inl = sp_chart_svg(&f->ctx, "wsoa-by-region", SP_CHART_BARE | SP_CHART_SVG_TEXT, &d);
    assert_non_null(file);
    assert_non_null(inl);
    assert_non_null(strstr(file, "<symbol"));
    assert_null(strstr(inl, "<symbol"));
    assert_null(strstr(inl, "glyph"));
    assert_non_null(strstr(inl, "<g font-family=\"" SP_FONT_FAMILY));
    /* a region's name, whole, and the text after every mark */
    const char *region = f->figs->regions[0].name;
    char *words = g_strdup_printf("\">%s</text>", region);
    assert_non_null(strstr(inl, words));
    assert_true(strstr(inl, "<text") > g_strrstr(inl, "<path"));
    assert_true(strlen(inl) * 2 < strlen(file));
    g_free(words);
    g_free(file);
    g_free(inl);

    size_t with = 0;
    const char *key = NULL;
    for (size_t i = 0; i < f->figs->n_areas; i++) {
        char *id = g_strdup_printf(SP_IDF_AREA_WEAKNESSES, f->figs->areas[i].slug);
        if (sp_figures_get(f->figs, id)) {
            with++;
            key = f->figs->areas[i].slug;
        }
        g_free(id);
    }
    assert_non_null(key);
    sp_context a = f->ctx;
    a.area_key = key;
    char *svg = sp_chart_svg(&a, "area-context", SP_CHART_BARE | SP_CHART_SVG_TEXT, &d);
    assert_non_null(svg);
    assert_null(strstr(svg, "<symbol"));
    /* the first row's dots: every area with a written statement of action */
    assert_true(count_of(svg, "<circle") >= with);
    assert_non_null(strstr(svg, "lengthAdjust=\"spacingAndGlyphs\""));
    g_free(svg);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    sp_diags_free(&d);
}

/* The key of the first area with a figure of fmt (a per-area id format). */
static const char *area_with(fx *f, const char *fmt)
{
    const char *key = NULL;
    for (size_t i = 0; i < f->figs->n_areas && !key; i++) {
        char *id = g_strdup_printf(fmt, f->figs->areas[i].slug);
        if (sp_figures_get(f->figs, id))
            key = f->figs->areas[i].slug;
        g_free(id);
    }
    assert_non_null(key);
    return key;
}

/* In the area-context chart the area's leader line, from its label down to
 * its dark blue dot, is drawn before the other areas' grey dots, so that the
 * dots of its column sit over it instead of being struck through. */
static void test_area_leader_under_the_dots(void **state)
{
    fx *f = *state;
    const char *key = area_with(f, SP_IDF_AREA_WEAKNESSES);
    sp_context a = f->ctx;
    a.area_key = key;
    sp_diags d = {0};
    char *svg = sp_chart_svg(&a, "area-context", SP_CHART_BARE | SP_CHART_SVG_TEXT, &d);
    assert_non_null(svg);
    /* the first row's dark blue dot, and the vertical line at its centre */
    const char *blue = strstr(svg, "fill=\"#12436d\"");
    assert_non_null(blue);
    const char *circle = g_strrstr_len(svg, blue - svg, "<circle cx=\"");
    assert_non_null(circle);
    const char *cx = circle + strlen("<circle cx=\"");
    char *x = g_strndup(cx, strcspn(cx, "\""));
    char *want = g_strdup_printf("<line x1=\"%s\" y1=", x);
    const char *leader = strstr(svg, want);
    assert_non_null(leader);
    char *x2 = g_strdup_printf("x2=\"%s\"", x);
    assert_non_null(strstr(leader, x2));
    const char *grey = strstr(leader, "fill=\"#b1b4b6\"");
    assert_non_null(grey);
    assert_true(leader < circle);
    assert_true(grey < circle);
    g_free(x2);
    g_free(want);
    g_free(x);
    g_free(svg);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    sp_diags_free(&d);
}

/* However short a profile makes the area-context chart, a dot chart's
 * heading is never drawn over nothing: each heading drawn has its area's
 * dark blue dot under it, and where the rows have no room beside the map
 * the map is drawn alone, across the whole width. */
static void test_area_rows_never_empty(void **state)
{
    fx *f = *state;
    const char *key = area_with(f, SP_IDF_AREA_PROGRESS_NOT_MADE_SHARE);
    sp_context a = f->ctx;
    a.area_key = key;
    size_t alone = 0, rows = 0;
    for (double h = 40; h <= 240; h += 8) {
        sp_chart_boxes b = {0};
        sp_diags d = {0};
        assert_int_equal(sp_chart_layout_boxes(&a, "area-context", 483, h, SP_CHART_BARE, &b, &d), 0);
        size_t headings = 0, blue = 0;
        double right = 0;
        for (size_t i = 0; i < b.n; i++) {
            const sp_chart_box *x = &b.items[i];
            if (x->kind == SP_CHART_BOX_TEXT && (g_str_has_prefix(x->text, "Significant weaknesses identified") ||
                                                 g_str_has_prefix(x->text, "Share of weaknesses")))
                headings++;
            if (x->kind == SP_CHART_BOX_MARK && x->rgb == SP_DARK_BLUE)
                blue++;
            if (x->kind == SP_CHART_BOX_TEXT)
                right = MAX(right, x->x + x->w);
        }
        /* the locator's hex, and one dot under each heading drawn */
        assert_int_equal(blue, 1 + headings);
        assert_true(headings == 0 || headings == 2);
        if (headings == 0) {
            alone++;
            /* the map's label has the width the rows would have taken */
            assert_true(right > 483 * 0.5);
        } else {
            rows++;
        }
        sp_chart_boxes_free(&b);
        sp_diags_free(&d);
    }
    /* both cases were drawn */
    assert_true(alone > 0);
    assert_true(rows > 0);
}

/* The area-context chart counts its columns once per set of figures and
 * keeps them for the process: figures computed again from changed data
 * (the old ones freed first, so the new may reuse their memory) are counted
 * afresh, never drawn from the old counts. */
static void test_area_chart_follows_new_figures(void **state)
{
    fx *f = *state;
    sp_inspection *x = NULL;
    for (size_t i = 0; i < f->ds->n_inspections && !x; i++)
        if (f->ds->inspections[i].weaknesses > 0 && *f->ds->inspections[i].la_code)
            x = &f->ds->inspections[i];
    assert_non_null(x);
    char *key = g_ascii_strdown(x->la_code, -1);
    int before = x->weaknesses;
    char *rows[2];
    for (int pass = 0; pass < 2; pass++) {
        x->weaknesses = before + 40 * pass; /* beyond every other area's count */
        sp_figures *figs = sp_figures_compute(f->ds, f->figs->as_at, 0);
        sp_context c = f->ctx;
        c.figs = figs;
        c.view = figs->view;
        c.area_key = key;
        char *csv = sp_chart_csv(&c, "area-context");
        assert_non_null(csv);
        char *mine = g_strdup_printf(",%s,", key);
        char *row = strstr(csv, mine);
        assert_non_null(row);
        rows[pass] = g_strndup(row, strcspn(row, "\r\n"));
        g_free(mine);
        g_free(csv);
        sp_figures_free(figs);
    }
    x->weaknesses = before;
    char *want = g_strdup_printf(",%d,yes", before + 40);
    assert_non_null(strstr(rows[1], want));
    assert_string_not_equal(rows[0], rows[1]);
    g_free(want);
    g_free(rows[0]);
    g_free(rows[1]);
    g_free(key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_writes_every_file_at_the_requested_size),
        cmocka_unit_test(test_bars_have_palette_colours),
        cmocka_unit_test(test_svg_has_title_and_alt_text),
        cmocka_unit_test(test_titles_state_the_finding),
        cmocka_unit_test(test_illustrative_banner),
        cmocka_unit_test(test_csv_wsoa_by_region),
        cmocka_unit_test(test_csv_other_charts),
        cmocka_unit_test(test_byte_identical_reruns),
        cmocka_unit_test(test_rewrite_replaces_longer_files),
        cmocka_unit_test(test_pdf_dates_never_from_the_clock),
        cmocka_unit_test(test_no_label_collides_at_any_size),
        cmocka_unit_test(test_the_contrast_formula),
        cmocka_unit_test(test_every_label_has_contrast),
        cmocka_unit_test(test_collision_check_finds_overlaps),
        cmocka_unit_test(test_bare_chart_stays_in_its_rectangle),
        cmocka_unit_test(test_chart_reads_at_a_shorter_height),
        cmocka_unit_test(test_alt_text_names_largest_and_smallest),
        cmocka_unit_test(test_errors_are_reported_not_printed),
        cmocka_unit_test(test_empty_dataset),
        cmocka_unit_test(test_hexmap_and_the_area_chart),
        cmocka_unit_test(test_area_chart_follows_new_figures),
        cmocka_unit_test(test_inline_svg_words_are_text),
        cmocka_unit_test(test_hexes_and_dots_filled_by_colour),
        cmocka_unit_test(test_area_leader_under_the_dots),
        cmocka_unit_test(test_area_rows_never_empty),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
