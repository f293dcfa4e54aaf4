/* figures_json.c: the figures table as figures.json and figures.csv, whole
 * (sp_figures_json, _csv) or written as it is computed (sp_figures_stream):
 * the same record writers, so the same bytes. One record per line in the
 * JSON so that two publications diff cleanly; numbers printed as the
 * shortest decimal that reads back the same. */
#include "sendpack/figures.h"
#include "figures_table.h"
#include "trace.h"

#include <glib.h>
#include <string.h>

#include "sendpack/csv_write.h"
#include "sendpack/format.h"

void sp_json_string(GString *o, const char *s)
{
    g_string_append_c(o, '"');
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    for (;;) {
        /* the run of characters written as they are, in one append */
        const unsigned char *run = p;
        while (*p >= 0x20 && *p != '"' && *p != '\\')
            p++;
        if (p > run)
            g_string_append_len(o, (const char *)run, p - run);
        if (!*p)
            break;
        switch (*p) {
        case '"': g_string_append(o, "\\\""); break;
        case '\\': g_string_append(o, "\\\\"); break;
        case '\n': g_string_append(o, "\\n"); break;
        case '\r': g_string_append(o, "\\r"); break;
        case '\t': g_string_append(o, "\\t"); break;
        default: g_string_append_printf(o, "\\u%04x", *p);
        }
        p++;
    }
    g_string_append_c(o, '"');
}

static void json_number(GString *o, double v)
{
    char buf[64];
    g_string_append(o, sp_fmt_number(v, buf, sizeof buf));
}

/* The value as written in files: ISO text for dates, else the number. */
static void value_text(const sp_figure *x, char *buf, size_t n)
{
    if (x->unit == SP_UNIT_DATE)
        sp_date_iso((sp_date)x->value, buf, n);
    else
        sp_fmt_number(x->value, buf, n);
}

static void json_head(GString *o, const sp_figures *f)
{
    char iso[16];
    sp_date_iso(f->as_at, iso, sizeof iso);
    g_string_append_printf(o, "{\"schema\": \"sendpack.figures/1\", \"as_at\": \"%s\", \"first_n\": %d, \"figures\": [\n",
                           iso, f->first_n);
}

/* The definition, source and filter as last written, by the address of
 * their text: in a whole table (sp_figures_json, _csv) equal texts are one
 * copy (figures.c) that does not change while it is written, and runs of
 * figures share them, so each is escaped once a run, not once a figure.
 * Not for streaming, whose passing figures reuse one buffer. */
typedef struct text_cache {
    const char *from[3];
    GString *as[3];
} text_cache;

static text_cache *text_cache_new(void)
{
    text_cache *c = g_new0(text_cache, 1);
    for (int i = 0; i < 3; i++)
        c->as[i] = g_string_sized_new(256);
    return c;
}

static void text_cache_free(text_cache *c)
{
    for (int i = 0; i < 3; i++)
        g_string_free(c->as[i], TRUE);
    g_free(c);
}

/* write(o, s) for text slot k, through the cache when there is one. */
static void cached(GString *o, text_cache *c, int k, const char *s,
                   void (*write)(GString *, const char *))
{
    if (!c || !s) {
        write(o, s);
        return;
    }
    if (c->from[k] != s) {
        g_string_truncate(c->as[k], 0);
        write(c->as[k], s);
        c->from[k] = s;
    }
    g_string_append_len(o, c->as[k]->str, (gssize)c->as[k]->len);
}

/* One figure's record, "  {...}", without the comma or newline after it. */
static void json_record(GString *o, const sp_figure *x, text_cache *c)
{
    g_string_append(o, "  {\"id\": ");
    sp_json_string(o, x->id);
    g_string_append(o, ", \"label\": ");
    sp_json_string(o, x->label);
    g_string_append(o, ", \"unit\": \"");
    g_string_append(o, sp_unit_name(x->unit));
    g_string_append(o, "\", \"value\": ");
    if (x->unit == SP_UNIT_DATE) {
        char buf[16];
        value_text(x, buf, sizeof buf);
        sp_json_string(o, buf);
    } else {
        json_number(o, x->value);
    }
    if (x->has_ratio) {
        g_string_append(o, ", \"numerator\": ");
        json_number(o, x->numerator);
        g_string_append(o, ", \"denominator\": ");
        json_number(o, x->denominator);
    } else {
        g_string_append(o, ", \"numerator\": null, \"denominator\": null");
    }
    if (x->has_ci) {
        g_string_append(o, ", \"ci95\": [");
        json_number(o, x->ci_low);
        g_string_append(o, ", ");
        json_number(o, x->ci_high);
        g_string_append(o, "]");
    } else {
        g_string_append(o, ", \"ci95\": null");
    }
    g_string_append(o, ", \"definition\": ");
    cached(o, c, 0, x->definition, sp_json_string);
    g_string_append(o, ", \"source\": ");
    cached(o, c, 1, x->source, sp_json_string);
    g_string_append(o, ", \"filter\": ");
    cached(o, c, 2, x->filter, sp_json_string);
    g_string_append_c(o, '}');
}

static const char CSV_HEAD[] =
    "id,label,unit,value,numerator,denominator,ci95_low,ci95_high,definition,source,filter\r\n";

static void csv_record(GString *o, const sp_figure *x, text_cache *c)
{
    char v[64], a[64] = "", b[64] = "", lo[64] = "", hi[64] = "";
    value_text(x, v, sizeof v);
    if (x->has_ratio) {
        sp_fmt_number(x->numerator, a, sizeof a);
        sp_fmt_number(x->denominator, b, sizeof b);
    }
    if (x->has_ci) {
        sp_fmt_number(x->ci_low, lo, sizeof lo);
        sp_fmt_number(x->ci_high, hi, sizeof hi);
    }
    const char *row[] = {x->id, x->label, sp_unit_name(x->unit), v, a, b, lo, hi};
    for (size_t i = 0; i < G_N_ELEMENTS(row); i++) {
        if (i)
            g_string_append_c(o, ',');
        sp_csv_field(o, row[i]);
    }
    const char *texts[] = {x->definition, x->source, x->filter};
    for (int k = 0; k < 3; k++) {
        g_string_append_c(o, ',');
        cached(o, c, k, texts[k], sp_csv_field);
    }
    g_string_append(o, "\r\n");
}

static bool append_to(const char *text, size_t len, void *out)
{
    g_string_append_len(out, text, (gssize)len);
    return true;
}

char *sp_figures_json(const sp_figures *f)
{
    GString *o = g_string_sized_new(256 + f->n * 400);
    sp_figures_write(f, SP_FIGURES_JSON, append_to, o);
    return g_string_free(o, FALSE);
}

char *sp_figures_csv(const sp_figures *f)
{
    GString *o = g_string_sized_new(256 + f->n * 300);
    sp_figures_write(f, SP_FIGURES_CSV, append_to, o);
    return g_string_free(o, FALSE);
}

bool sp_figures_write(const sp_figures *f, sp_figures_format format, sp_figures_sink sink,
                      void *data)
{
    enum { PIECE = 1024 * 1024 };
    GString *o = g_string_sized_new(PIECE + 64 * 1024);
    text_cache *c = text_cache_new();
    bool ok = true;
    if (format == SP_FIGURES_CSV)
        g_string_append(o, CSV_HEAD);
    else
        json_head(o, f);
    for (size_t i = 0; ok && i < f->n; i++) {
        if (format == SP_FIGURES_CSV) {
            csv_record(o, &f->items[i], c);
        } else {
            json_record(o, &f->items[i], c);
            g_string_append(o, i + 1 < f->n ? ",\n" : "\n");
        }
        if (o->len >= PIECE) {
            ok = sink(o->str, o->len, data);
            g_string_truncate(o, 0);
        }
    }
    if (format == SP_FIGURES_JSON)
        g_string_append(o, "]}\n");
    if (ok && o->len)
        ok = sink(o->str, o->len, data);
    text_cache_free(c);
    g_string_free(o, TRUE);
    return ok;
}

/* ---- streaming (sp_figures_stream) ---- */

enum { OUT_PIECE = 64 * 1024 };

static void out_flush(sp_figures_out *o)
{
    if (o->buf->len && !o->failed && !o->sink(o->buf->str, o->buf->len, o->data))
        o->failed = true;
    g_string_truncate(o->buf, 0);
}

void sp_figures_out_settle(sp_figures *f)
{
    sp_figures_out *o = f->out;
    if (!o->started) {
        if (o->format == SP_FIGURES_CSV)
            g_string_append(o->buf, CSV_HEAD);
        else
            json_head(o->buf, f);
        o->started = true;
    }
    if (!o->pending)
        return;
    o->pending = false;
    sp_figure *x = &f->items[f->n - 1];
    if (!o->failed) {
        if (o->format == SP_FIGURES_CSV) {
            csv_record(o->buf, x, NULL);
        } else {
            if (o->written)
                g_string_append(o->buf, ",\n");
            json_record(o->buf, x, NULL);
        }
        if (o->buf->len >= OUT_PIECE)
            out_flush(o);
    }
    o->written++;
    sp_trace_free(x->trace);
    x->trace = NULL;
    if (sp_figure_id_per_area(x->id)) { /* never indexed; strings in o->strings */
        *x = (sp_figure){0};
        f->n--;
    }
}

bool sp_figures_stream(const sp_dataset *ds, sp_date as_at, int first_n,
                       sp_figures_format format, sp_figures_sink sink, void *data)
{
    sp_figures_out o = {.format = format, .sink = sink, .data = data,
                        .buf = g_string_sized_new(OUT_PIECE + 4096),
                        .strings = g_string_sized_new(1024)};
    sp_figures *f = sp_figures_compute_out(ds, as_at, first_n, &o, true);
    sp_figures_out_settle(f);
    if (format == SP_FIGURES_JSON)
        g_string_append(o.buf, o.written ? "\n]}\n" : "]}\n");
    out_flush(&o);
    f->out = NULL;
    sp_figures_free(f);
    g_string_free(o.buf, TRUE);
    g_string_free(o.strings, TRUE);
    return !o.failed;
}
