/* chart_rows.c: one row per category (region, programme, outcome) with its
 * name in a label column at the left, for the horizontal bar charts and the
 * strip plot.
 *
 * Design choice: the label column is measured, not fixed. Long names such as
 * "North East, Yorkshire and the Humber" wrap onto two lines when the rows
 * are tall enough; when they are not, the column widens instead, so a name
 * never runs into the next row or into the bars. */
#include "chart_frame.h"

#include "sendpack/text.h"

static bool fits(chart_frame *f, const char *const *labels, size_t n, double col,
                 double pitch, PangoLayout **out)
{
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        PangoLayout *l = chart_layout(f, labels[i], CHART_LABEL_PT, false, col);
        double h, w;
        sp_text_size(l, &w, &h);
        if (h > pitch - 0.2 || w > col + 0.01)
            ok = false;
        if (out) {
            if (out[i])
                g_object_unref(out[i]);
            out[i] = l;
        } else {
            g_object_unref(l);
        }
    }
    return ok;
}

void chart_rows_layout(chart_frame *f, const char *const *labels, size_t n, double top,
                       double bottom, double max_frac, chart_rows *r)
{
    *r = (chart_rows){0};
    r->n = n;
    r->top = top;
    r->pitch = n ? (bottom - top) / (double)n : 0;
    r->labels = g_new0(PangoLayout *, n ? n : 1);
    double nat = 0;
    for (size_t i = 0; i < n; i++) {
        double w = chart_text_w(f, labels[i], CHART_LABEL_PT, false);
        if (w > nat)
            nat = w;
    }
    /* Narrowest column first; widen until every name fits its row. */
    double tries[] = {max_frac * f->pw, (max_frac + 0.1) * f->pw, 0.55 * f->pw};
    double col = 0;
    for (size_t t = 0; t < G_N_ELEMENTS(tries); t++) {
        col = tries[t] < nat ? tries[t] : nat;
        if (fits(f, labels, n, col + 0.01, r->pitch, NULL))
            break;
    }
    fits(f, labels, n, col + 0.01, r->pitch, r->labels);
    r->label_w = col;
    r->x0 = f->px + col + 2 * CHART_GAP;
    r->bar = r->pitch * 0.62;
    if (r->bar > 16)
        r->bar = 16;
}

double chart_rows_mid(const chart_rows *r, size_t i)
{
    return r->top + ((double)i + 0.5) * r->pitch;
}

void chart_rows_draw_labels(chart_frame *f, const chart_rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        chart_put(f, r->labels[i], f->px, chart_rows_mid(r, i), CHART_LEFT | CHART_MIDDLE,
                  SP_TEXT);
}

double chart_fit_scale(double span, const double *ends, const double *label_w, size_t n,
                       double vmax)
{
    if (!(vmax > 0))
        vmax = 1;
    double scale = span / vmax;
    for (size_t i = 0; i < n; i++) {
        double room = span - CHART_GAP - 2 - label_w[i];
        if (ends[i] > 0 && room / ends[i] < scale)
            scale = room / ends[i];
    }
    if (scale < 0.3 * span / vmax)
        scale = 0.3 * span / vmax;
    return scale;
}

void chart_rows_free(chart_rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->labels[i])
            g_object_unref(r->labels[i]);
    g_free(r->labels);
    *r = (chart_rows){0};
}
