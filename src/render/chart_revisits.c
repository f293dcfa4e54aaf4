/* chart_revisits.c: "revisit-outcomes", areas revisited after a written
 * statement of action by outcome (sufficient progress on all, some or none
 * of their significant weaknesses), and WSoA areas still waiting for a
 * revisit, as labelled horizontal bars on one count scale.
 *
 * Design choice: the waiting bar is drawn in grey and its label says it is a
 * count, not a share, because it is not part of the revisited total. */
#include "chart_frame.h"

#include <math.h>

#include "sendpack/format.h"
#include "sendpack/ids_inspections.h"

typedef struct bar {
    const char *name;
    const char *slug;        /* for the CSV */
    const sp_figure *count;
    const sp_figure *share;  /* NULL for the waiting bar */
    unsigned rgb;
} bar;

static size_t collect(const sp_context *ctx, bar out[4])
{
    static const char *const slugs[] = {"all", "some", "none"};
    static const char *const names[] = {"Sufficient progress on all weaknesses",
                                        "Sufficient progress on some",
                                        "Sufficient progress on none"};
    size_t n = 0;
    for (size_t i = 0; i < 3; i++) {
        const sp_figure *c = chart_fig(ctx, SP_IDF_REVISITS_OUTCOME_COUNT, slugs[i]);
        if (c)
            out[n++] = (bar){names[i], slugs[i], c,
                             chart_fig(ctx, SP_IDF_REVISITS_OUTCOME_SHARE, slugs[i]), SP_DARK_BLUE};
    }
    const sp_figure *p = chart_fig(ctx, SP_ID_REVISITS_PENDING_COUNT);
    if (p)
        out[n++] = (bar){"Not yet revisited", "pending", p, NULL, SP_DARK_GREY};
    return n;
}

static bool available(const sp_context *ctx)
{
    bar b[4];
    return collect(ctx, b) > 0 && chart_val(ctx, 0, SP_ID_REVISITS_COUNT) +
                                  chart_val(ctx, 0, SP_ID_REVISITS_PENDING_COUNT) > 0;
}

static char *title(const sp_context *ctx)
{
    const sp_figure *all = chart_fig(ctx, SP_ID_REVISITS_OUTCOME_ALL_SHARE);
    if (!all || !all->has_ratio || all->denominator <= 0)
        return g_strdup("No area had been revisited after a written statement of action");
    char a[32], t[32], p[16];
    return g_strdup_printf("Of %s areas revisited, %s (%s) had made sufficient progress on "
                           "all their significant weaknesses",
                           sp_fmt_count(all->denominator, t, sizeof t),
                           sp_fmt_count(all->numerator, a, sizeof a),
                           sp_fmt_pct(all->value, p, sizeof p));
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Areas with a written statement of action (WSoA) by revisit "
                           "outcome, and WSoA areas not yet revisited; by %s",
                           chart_as_at(ctx, d, sizeof d));
}

static char *notes(const sp_context *ctx)
{
    char t[32];
    return g_strdup_printf("Percentages are of the %s areas revisited. Progress is on the "
                           "significant weaknesses named in the WSoA.",
                           sp_fmt_count(chart_val(ctx, 0, SP_ID_REVISITS_COUNT), t, sizeof t));
}

static void label_of(const bar *b, char *buf, size_t n)
{
    char c[32], p[16];
    sp_fmt_count(b->count->value, c, sizeof c);
    if (b->share)
        g_snprintf(buf, n, "%s (%s)", c, sp_fmt_pct(b->share->value, p, sizeof p));
    else
        g_snprintf(buf, n, "%s areas", c);
}

static char *alt_text(const sp_context *ctx)
{
    bar b[4];
    size_t n = collect(ctx, b);
    char t[32], w[32], x[64], y[64];
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "Bar chart of the %s areas revisited after a written statement "
                           "of action, by outcome",
                           sp_fmt_count(chart_val(ctx, 0, SP_ID_REVISITS_COUNT), t, sizeof t));
    if (n && !b[n - 1].share)
        g_string_append_printf(s, ", and the %s not yet revisited",
                               sp_fmt_count(b[n - 1].count->value, w, sizeof w));
    g_string_append_c(s, '.');
    long hi = -1, lo = -1;
    for (size_t i = 0; i < n; i++) {
        if (!b[i].share)
            continue;
        if (hi < 0 || b[i].count->value > b[hi].count->value)
            hi = (long)i;
        if (lo < 0 || b[i].count->value < b[lo].count->value)
            lo = (long)i;
    }
    if (hi >= 0) {
        label_of(&b[hi], x, sizeof x);
        label_of(&b[lo], y, sizeof y);
        char *a = g_ascii_strdown(b[hi].name, -1), *c = g_ascii_strdown(b[lo].name, -1);
        g_string_append_printf(s, " Most common: %s, %s; least common: %s, %s.", a, x, c, y);
        g_free(a);
        g_free(c);
    }
    return g_string_free(s, FALSE);
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"outcome", "label", "areas", "share_of_revisited"};
    chart_row(out, G_N_ELEMENTS(head), head);
    bar b[4];
    size_t n = collect(ctx, b);
    for (size_t i = 0; i < n; i++) {
        char c[32], s[32];
        const char *f[] = {b[i].slug, b[i].name, chart_csv_num(b[i].count->value, c, sizeof c),
                           chart_csv_num(b[i].share ? b[i].share->value : NAN, s, sizeof s)};
        chart_row(out, G_N_ELEMENTS(f), f);
    }
}

static void draw(chart_frame *f)
{
    bar b[4];
    size_t n = collect(f->ctx, b);
    const char *names[4], *labels[4];
    char text[4][64];
    double ends[4];
    for (size_t i = 0; i < n; i++) {
        names[i] = b[i].name;
        label_of(&b[i], text[i], sizeof text[i]);
        labels[i] = text[i];
        ends[i] = b[i].count->value;
    }
    chart_rows r;
    double scale = chart_bars_layout(f, names, ends, labels, n, f->py, 0.35, CHART_FMT_COUNT, 6,
                                     &r);
    for (size_t i = 0; i < n; i++) {
        double y = chart_rows_mid(&r, i), w = b[i].count->value * scale;
        chart_rect(f, r.x0, y - r.bar / 2, w, r.bar, b[i].rgb, b[i].name);
        chart_label(f, labels[i], CHART_LABEL_PT, false, r.x0 + w + CHART_GAP + 1, y,
                    CHART_LEFT | CHART_MIDDLE | CHART_BACKED, SP_TEXT, -1);
    }
    if (n > 1 && !b[n - 1].share) /* set the waiting areas apart from the revisited */
        chart_line(f, f->px, r.top + r.pitch * (double)(n - 1), f->px + f->pw,
                   r.top + r.pitch * (double)(n - 1), 0.5, SP_TEXT_SECONDARY, 0, 0);
    chart_rows_free(&r);
}

static double min_plot(chart_frame *f) { return chart_rows_need(f, 4, 1) + 8; }

const chart_kind chart_revisit_outcomes = {
    .id = "revisit-outcomes", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_REVISITS_COUNT, .alt_text = alt_text, .csv = csv,
    .draw = draw, .min_plot = min_plot,
};
