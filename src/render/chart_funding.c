/* chart_funding.c: "funding", money by programme, split into committed,
 * optional extension and announced, as stacked horizontal bars in pounds,
 * largest programme first, each labelled with its total.
 *
 * Design choice: the three statuses keep the palette order from the solid
 * (committed, dark blue) to the least certain (announced, dark pink, hatched
 * because it is as dark as the blue in greyscale), with white dividers; a key
 * names them once, and each label says the status of a one-status bar or
 * how much of a mixed bar is committed, so small bars still read. */
#include "chart_frame.h"

#include <stdlib.h>
#include <string.h>

#include "sendpack/format.h"
#include "sendpack/ids_funding.h"

#define N_STATUS 3
static const char *const STATUS_IDF[N_STATUS] = {SP_IDF_FUNDING_PROGRAMME_COMMITTED,
                                                  SP_IDF_FUNDING_PROGRAMME_OPTIONAL,
                                                  SP_IDF_FUNDING_PROGRAMME_ANNOUNCED};
static const char *const STATUS_NAME[N_STATUS] = {"Committed", "Optional extension",
                                                  "Announced"};
static const unsigned STATUS_RGB[N_STATUS] = {SP_DARK_BLUE, SP_TURQUOISE, SP_DARK_PINK};
static const bool STATUS_HATCH[N_STATUS] = {false, false, true};

typedef struct row {
    const char *name;
    double part[N_STATUS];
    double total;
} row;

static int by_total(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->total != y->total)
        return x->total < y->total ? 1 : -1;
    return strcmp(x->name, y->name);
}

static size_t collect(const sp_context *ctx, row **out)
{
    const sp_figures *fg = ctx->figs;
    row *rows = g_new0(row, fg->n_programmes + 1);
    size_t n = 0;
    for (size_t i = 0; i < fg->n_programmes; i++) {
        const char *p = fg->programmes[i].slug;
        const sp_figure *t = chart_fig(ctx, SP_IDF_FUNDING_PROGRAMME_TOTAL, p);
        if (!t)
            continue;
        row *r = &rows[n++];
        r->name = fg->programmes[i].name;
        r->total = t->value;
        for (int s = 0; s < N_STATUS; s++)
            r->part[s] = chart_val(ctx, 0, STATUS_IDF[s], p);
    }
    qsort(rows, n, sizeof *rows, by_total);
    *out = rows;
    return n;
}

static bool available(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows);
    g_free(rows);
    return n > 0 && chart_val(ctx, 0, SP_ID_FUNDING_TOTAL) > 0;
}

static char *title(const sp_context *ctx)
{
    const sp_figure *c = chart_fig(ctx, SP_ID_FUNDING_COMMITTED);
    const sp_figure *t = chart_fig(ctx, SP_ID_FUNDING_TOTAL);
    if (!c || !t)
        return g_strdup("Funding by programme");
    char a[48], b[48];
    return g_strdup_printf("%s of the %s in SEND funding lines is committed",
                           sp_fmt_gbp(c->value, a, sizeof a), sp_fmt_gbp(t->value, b, sizeof b));
}

static char *subtitle(const sp_context *ctx)
{
    char d[32];
    return g_strdup_printf("Funding by programme and status (committed, optional extension, "
                           "announced), in pounds; as at %s", chart_as_at(ctx, d, sizeof d));
}

static char *notes(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows);
    double first = 0, second = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].total > first) {
            second = first;
            first = rows[i].total;
        } else if (rows[i].total > second) {
            second = rows[i].total;
        }
    }
    g_free(rows);
    return g_strdup_printf("Optional extensions are paid only if taken up; announced funding "
                           "has no agreed recipients or terms yet.%s",
                           second > 0 && first > 4 * second
                               ? " The largest bar is cut short (the white break) so the "
                                 "others can be read; its label gives its whole amount."
                               : "");
}

static char *alt_text(const sp_context *ctx)
{
    row *rows;
    size_t n = collect(ctx, &rows);
    char a[48], b[48], c[48];
    sp_fmt_gbp(chart_val(ctx, 0, SP_ID_FUNDING_TOTAL), c, sizeof c);
    char *s;
    if (n == 1)
        s = g_strdup_printf("Bar chart of funding by programme, split into committed, optional "
                            "extension and announced. One programme, %s, has all %s.",
                            rows[0].name, c);
    else
        s = g_strdup_printf("Stacked bar chart of %s of funding by programme, split into "
                            "committed, optional extension and announced. Largest: %s, %s; "
                            "smallest: %s, %s.", c, rows[0].name,
                            sp_fmt_gbp(rows[0].total, a, sizeof a), rows[n - 1].name,
                            sp_fmt_gbp(rows[n - 1].total, b, sizeof b));
    g_free(rows);
    return s;
}

static void csv(const sp_context *ctx, chart_data *out)
{
    const char *head[] = {"programme", "committed_gbp", "optional_extension_gbp",
                          "announced_gbp", "total_gbp"};
    chart_row(out, G_N_ELEMENTS(head), head);
    row *rows;
    size_t n = collect(ctx, &rows);
    for (size_t i = 0; i < n; i++) {
        char v[4][32];
        const char *f[] = {rows[i].name, chart_csv_num(rows[i].part[0], v[0], 32),
                           chart_csv_num(rows[i].part[1], v[1], 32),
                           chart_csv_num(rows[i].part[2], v[2], 32),
                           chart_csv_num(rows[i].total, v[3], 32)};
        chart_row(out, G_N_ELEMENTS(f), f);
    }
    g_free(rows);
}

/* "£70 million, announced" when a programme has one status; otherwise the
 * total and what of it is committed: "£3.51 million, £1.17 million committed". */
static void label_of(const row *r, char *buf, size_t n)
{
    static const char *const lower[N_STATUS] = {"committed", "optional extension", "announced"};
    char t[48], c[48];
    int k = 0, only = 0;
    for (int s = 0; s < N_STATUS; s++)
        if (r->part[s] > 0) {
            k++;
            only = s;
        }
    sp_fmt_gbp(r->total, t, sizeof t);
    if (k == 1)
        g_snprintf(buf, n, "%s, %s", t, lower[only]);
    else if (k > 1 && r->part[0] > 0)
        g_snprintf(buf, n, "%s, %s committed", t, sp_fmt_gbp(r->part[0], c, sizeof c));
    else
        g_strlcpy(buf, t, n);
}

static void draw(chart_frame *f)
{
    chart_stack st = {N_STATUS, STATUS_NAME, STATUS_RGB, STATUS_HATCH, CHART_FMT_GBP, 5, 0};
    row *rows;
    size_t n = collect(f->ctx, &rows);
    /* one programme four times the next would flatten the others: cut its
     * bar at one and a half times the next, with a break mark */
    double first = 0, second = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].total > first) {
            second = first;
            first = rows[i].total;
        } else if (rows[i].total > second) {
            second = rows[i].total;
        }
    }
    if (second > 0 && first > 4 * second && f->pw >= 380) /* wide enough for the labels */
        st.clip = 1.5 * second;
    chart_stack_row *bars = g_new0(chart_stack_row, n + 1);
    for (size_t i = 0; i < n; i++) {
        bars[i] = (chart_stack_row){.name = rows[i].name, .total = rows[i].total,
                                    .label_rgb = SP_TEXT};
        memcpy(bars[i].part, rows[i].part, sizeof rows[i].part);
        label_of(&rows[i], bars[i].label, sizeof bars[i].label);
    }
    chart_stack_draw(f, &st, bars, n);
    g_free(bars);
    g_free(rows);
}

static double min_plot(chart_frame *f) { return chart_rows_need(f, f->figs->n_programmes, 3); }

const chart_kind chart_funding = {
    .id = "funding", .available = available, .title = title, .subtitle = subtitle,
    .notes = notes, .source_figure = SP_ID_FUNDING_TOTAL, .alt_text = alt_text, .csv = csv,
    .draw = draw, .min_plot = min_plot,
};
