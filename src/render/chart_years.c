/* chart_years.c: "wsoa-by-year", inspections published in each calendar
 * year and the share of them that needed a written statement of action, as
 * two aligned panels of columns (one year per column), never a dual axis.
 *
 * Design choice: the share panel runs from 0 to 100%, so a column's height
 * is the share itself; each column carries its value, so no axis is drawn. */
#include "chart_frame.h"

#include <math.h>

#include "sendpack/format.h"
#include "sendpack/ids_inspections.h"
#include "sendpack/template.h"

typedef struct col {
    int year;
    double count;
    const sp_figure *share;  /* may be NULL when the year had no inspections */
} col;

static size_t collect(const sp_context *ctx, col **out)
{
    const sp_figures *fg = ctx->figs;
    col *cols = g_new0(col, fg->n_years + 1);
    size_t n = 0;
    for (size_t i = 0; i < fg->n_years; i++) {
        const sp_figure *c = chart_fig(ctx, SP_IDF_YEAR_INSPECTIONS_COUNT, fg->years[i]);
        if (!c)
            continue;
        const sp_figure *s = chart_fig(ctx, SP_IDF_YEAR_WSOA_SHARE, fg->years[i]);
        cols[n++] = (col){fg->years[i], c->value, s && s->denominator > 0 ? s : NULL};
    }
    *out = cols;
    return n;
}

static bool available(const sp_context *ctx)
{
    col *c;
    size_t n = collect(ctx, &c);
    g_free(c);
    return n > 0;
}

/* Highest and lowest share (earliest year on ties); -1 when none. */
static void extremes(const col *c, size_t n, long *hi, long *lo)
{
    *hi = *lo = -1;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].share)
            continue;
        if (*hi < 0 || c[i].share->value > c[*hi].share->value)
            *hi = (long)i;
        if (*lo < 0 || c[i].share->value < c[*lo].share->value)
            *lo = (long)i;
    }
}

static char *title(const sp_context *ctx)
{
    col *c;
    size_t n = collect(ctx, &c);
    char *t;
    /* the finding rests on the year with most inspections and the share over
     * all years, never on a year's share: years hold few inspections, and
     * the first and last are part-years */
    size_t most = 0;
    for (size_t i = 1; i < n; i++)
        if (c[i].count > c[most].count)
            most = i;
    const sp_figure *all = chart_fig(ctx, SP_ID_WSOA_SHARE);
    if (n > 1 && all && all->has_ratio) {
        char a[16], b[32];
        t = g_strdup_printf("Most inspections were published in %d (%s); across all years, %s "
                            "of inspected areas needed a written statement of action",
                            c[most].year, sp_fmt_count(c[most].count, b, sizeof b),
                            sp_fmt_pct(all->value, a, sizeof a));
    } else {
        t = g_strdup("Inspections published and the share that needed a written statement "
                     "of action, by year");
    }
    g_free(c);
    return t;
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Area SEND inspections%s published in each calendar year, and the "
                           "share with a written statement of action (WSoA); published by %s",
                           chart_framework(ctx), chart_as_at(ctx, d, sizeof d));
}

static char *notes(const sp_context *ctx)
{
    const sp_figures *fg = ctx->figs;
    sp_date as_at = fg->as_at;
    GString *s = g_string_new(NULL);
    /* part-years: inspections began in May 2016; the as-at year so far */
    if (fg->n_years && fg->years[0] == 2016)
        g_string_append(s, "2016 is a part-year: inspections began in May 2016.");
    if (fg->n_years && as_at && SP_DATE_YEAR(as_at) == fg->years[fg->n_years - 1] &&
        !(SP_DATE_MONTH(as_at) == 12 && SP_DATE_DAY(as_at) == 31)) {
        char d[32];
        g_string_append_printf(s, "%s%d covers inspections published up to %s.", s->len ? " " : "",
                               SP_DATE_YEAR(as_at), chart_as_at(ctx, d, sizeof d));
    }
    col *c;
    size_t n = collect(ctx, &c);
    bool small = false;
    for (size_t i = 0; i < n; i++)
        small |= c[i].share && sp_template_small_base(c[i].share);
    g_free(c);
    if (small)
        g_string_append_printf(s, "%s\u2020 Fewer than 10 inspections: the share (in grey) should "
                               "not be quoted on its own.", s->len ? " " : "");
    if (!s->len) {
        g_string_free(s, TRUE);
        return NULL;
    }
    return g_string_free(s, FALSE);
}

static char *alt_text(const sp_context *ctx)
{
    col *c;
    size_t n = collect(ctx, &c);
    size_t most = 0, fewest = 0;
    for (size_t i = 1; i < n; i++) {
        if (c[i].count > c[most].count)
            most = i;
        if (c[i].count < c[fewest].count)
            fewest = i;
    }
    char a[32], b[32];
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "Two column charts by year of publication: inspections "
                           "published, most in %d (%s) and fewest in %d (%s), and the share "
                           "that needed a written statement of action.",
                           c[most].year, sp_fmt_count(c[most].count, a, sizeof a),
                           c[fewest].year, sp_fmt_count(c[fewest].count, b, sizeof b));
    long hi, lo;
    extremes(c, n, &hi, &lo);
    if (hi >= 0)
        g_string_append_printf(s, " The share was highest in %d, %s, and lowest in %d, %s.",
                               c[hi].year, chart_share_label(c[hi].share, a, sizeof a),
                               c[lo].year, chart_share_label(c[lo].share, b, sizeof b));
    g_free(c);
    return g_string_free(s, FALSE);
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"year", "inspections_count", "wsoa_count", "wsoa_share"};
    chart_row(out, G_N_ELEMENTS(head), head);
    col *c;
    size_t n = collect(ctx, &c);
    for (size_t i = 0; i < n; i++) {
        char y[16], k[32], w[32], s[32];
        g_snprintf(y, sizeof y, "%d", c[i].year);
        const char *f[] = {y, chart_csv_num(c[i].count, k, sizeof k),
                           chart_csv_num(c[i].share ? c[i].share->numerator : NAN, w, sizeof w),
                           chart_csv_num(c[i].share ? c[i].share->value : NAN, s, sizeof s)};
        chart_row(out, G_N_ELEMENTS(f), f);
    }
    g_free(c);
}

/* Light grey for a share on too few inspections to quote. */
#define SMALL_RGB 0xB1B4B6

/* One panel: heading, then a column per year with its value above it. */
static void panel(chart_frame *f, const col *c, size_t n, double top, double bottom,
                  bool shares, const char *heading)
{
    double lh = chart_text_h(f, CHART_LABEL_PT);
    chart_label(f, heading, CHART_LABEL_PT, true, f->px, top, CHART_LEFT, SP_TEXT, f->pw);
    double base = bottom, room = bottom - (top + 2 * lh + 2);
    double vmax = shares ? 1.0 : 0;
    for (size_t i = 0; i < n; i++)
        if (!shares && c[i].count > vmax)
            vmax = c[i].count;
    double cw = f->pw / (double)n, bw = fmin(cw * 0.6, 40);
    chart_line(f, f->px, base, f->px + f->pw, base, 0.75, SP_TEXT_SECONDARY, 0, 0);
    for (size_t i = 0; i < n; i++) {
        double v = shares ? (c[i].share ? c[i].share->value : NAN) : c[i].count;
        double cx = f->px + cw * ((double)i + 0.5);
        char buf[32];
        if (isnan(v)) {
            chart_label(f, "no data", CHART_LABEL_PT, false, cx, base - 1, CHART_CENTRE | CHART_BOTTOM,
                        SP_TEXT_SECONDARY, -1);
            continue;
        }
        double hgt = vmax > 0 ? v / vmax * room : 0;
        g_snprintf(buf, sizeof buf, "%d", c[i].year);
        /* a share on fewer than 10 inspections is greyed out and marked */
        bool small = shares && sp_template_small_base(c[i].share);
        chart_rect(f, cx - bw / 2, base - hgt, bw, hgt,
                   small ? SMALL_RGB : shares ? SP_TURQUOISE : SP_DARK_BLUE, buf);
        if (shares) {
            sp_fmt_pct(v, buf, sizeof buf);
            if (small)
                g_strlcat(buf, SP_TEMPLATE_MARKER, sizeof buf);
        } else
            sp_fmt_count(v, buf, sizeof buf);
        chart_label(f, buf, CHART_LABEL_PT, false, cx, base - hgt - 1, CHART_CENTRE | CHART_BOTTOM,
                    SP_TEXT, -1);
    }
}

static void draw(chart_frame *f)
{
    col *c;
    size_t n = collect(f->ctx, &c);
    double lh = chart_text_h(f, CHART_LABEL_PT);
    double years_y = f->py + f->ph - lh;
    double mid = f->py + (years_y - 2 - f->py) / 2;
    panel(f, c, n, f->py, mid - CHART_PAD / 2, false, "Inspections published");
    panel(f, c, n, mid + CHART_PAD / 2, years_y - 2, true,
          "Share that needed a written statement of action");
    double cw = f->pw / (double)n;
    for (size_t i = 0; i < n; i++) {
        char y[16];
        g_snprintf(y, sizeof y, "%d", c[i].year);
        chart_label(f, y, CHART_LABEL_PT, false, f->px + cw * ((double)i + 0.5), years_y,
                    CHART_CENTRE, SP_TEXT, -1);
    }
    g_free(c);
}

static double min_plot(chart_frame *f) { return chart_rows_need(f, 0, 5) + 40; }

const chart_kind chart_wsoa_by_year = {
    .id = "wsoa-by-year", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_INSPECTIONS_COUNT, .alt_text = alt_text, .csv = csv,
    .draw = draw, .min_plot = min_plot,
};
