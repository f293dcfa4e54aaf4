/* template.c: expanding {{figure|format}} placeholders and <!-- if --> blocks
 * in a Markdown template (template.h).
 *
 * Design choice: expansion is a text pass over the source before cmark sees
 * it, so every error carries the line and column the analyst typed, and the
 * values (backslash-escaped) can never change the document's structure. */
#include "sendpack/template.h"

#include "sendpack/chart.h"

#include "sendpack/date.h"
#include "sendpack/format.h"
#include "sendpack/ids.h"

#include <glib.h>
#include <math.h>
#include <string.h>

static const char *const FORMATS[] = {"pct", "count", "gbp", "date", "of", "ci", "pct1", "gbp3",
                                      "change"};

bool sp_template_format_known(const char *fmt)
{
    if (!fmt || !*fmt)
        return true;
    for (size_t i = 0; i < G_N_ELEMENTS(FORMATS); i++)
        if (strcmp(FORMATS[i], fmt) == 0)
            return true;
    return false;
}

bool sp_template_small_base(const sp_figure *f)
{
    return f->has_ratio && f->denominator < SP_TEMPLATE_SMALL_BASE;
}

char *sp_template_format(const sp_figure *f, const char *fmt)
{
    char buf[128], a[48], b[48];
    const char *mark = sp_template_small_base(f) ? SP_TEMPLATE_MARKER : "";
    if (!fmt || !*fmt) {
        switch (f->unit) {
        case SP_UNIT_PROPORTION: fmt = "pct"; break;
        case SP_UNIT_GBP: fmt = "gbp"; break;
        case SP_UNIT_DATE: fmt = "date"; break;
        default: fmt = "count"; break;
        }
    }
    if (strcmp(fmt, "count") == 0) {
        if (f->unit == SP_UNIT_DATE || f->unit == SP_UNIT_PROPORTION)
            return NULL;
        return g_strdup(sp_fmt_count(f->value, buf, sizeof buf));
    }
    if (strcmp(fmt, "pct") == 0 || strcmp(fmt, "pct1") == 0) {
        if (f->unit != SP_UNIT_PROPORTION)
            return NULL;
        if (fmt[3] == '1')
            sp_fmt_pct1(f->value, buf, sizeof buf);
        else
            sp_fmt_pct(f->value, buf, sizeof buf);
        return g_strconcat(buf, mark, NULL);
    }
    if (strcmp(fmt, "gbp") == 0) {
        if (f->unit == SP_UNIT_DATE || f->unit == SP_UNIT_PROPORTION)
            return NULL;
        return g_strdup(sp_fmt_gbp(f->value, buf, sizeof buf));
    }
    if (strcmp(fmt, "gbp3") == 0) { /* £9.95 billion, £55.0 million, £265,000 */
        if (f->unit != SP_UNIT_GBP && f->unit != SP_UNIT_COUNT)
            return NULL;
        return g_strdup(sp_fmt_gbp3(f->value, buf, sizeof buf));
    }
    if (strcmp(fmt, "change") == 0) { /* +41%, −3% */
        if (f->unit != SP_UNIT_PROPORTION)
            return NULL;
        return g_strdup(sp_fmt_pct_change(f->value, buf, sizeof buf));
    }
    if (strcmp(fmt, "date") == 0) {
        if (f->unit != SP_UNIT_DATE)
            return NULL;
        sp_date_long((sp_date)llround(f->value), buf, sizeof buf);
        return g_strdup(buf);
    }
    if (strcmp(fmt, "of") == 0) {
        if (!f->has_ratio)
            return NULL;
        return g_strconcat(sp_fmt_of(f->numerator, f->denominator, buf, sizeof buf), mark, NULL);
    }
    if (strcmp(fmt, "ci") == 0) {
        if (!f->has_ci)
            return NULL;
        /* in words, as the house style sets intervals */
        return g_strdup_printf("between %s and %s", sp_fmt_pct(f->ci_low, a, sizeof a),
                               sp_fmt_pct(f->ci_high, b, sizeof b));
    }
    return NULL;
}

/* --- expansion ----------------------------------------------------------- */

typedef struct {
    const sp_template_env *env;
    sp_diags *diags;
    int errors;
    int line;
    const char *line_start;
} expander;

static int column_of(const expander *x, const char *p)
{
    return (int)g_utf8_strlen(x->line_start, p - x->line_start) + 1;
}

static void error_at(expander *x, const char *p, const char *fmt, const char *arg,
                     const char *arg2)
{
    sp_diags_error(x->diags, x->env->name, x->line, column_of(x, p), fmt, arg, arg2);
    x->errors++;
}

static const char *text_var(const sp_template_env *env, const char *name)
{
    for (const char *const *v = env->vars; v && v[0] && v[1]; v += 2)
        if (strcmp(v[0], name) == 0)
            return v[1];
    return NULL;
}

/* The figure id names, trying the profile aliases after the literal id. */
static const sp_figure *lookup(const sp_template_env *env, const char *id)
{
    if (!env->figs)
        return NULL;
    const sp_figure *f = sp_figures_get(env->figs, id);
    char *alias = NULL;
    if (!f && env->area_key && g_str_has_prefix(id, "area."))
        alias = g_strdup_printf(SP_IDF_AREA_OF, env->area_key, id + 5);
    else if (!f && env->region_slug && g_str_has_prefix(id, "region."))
        alias = g_strdup_printf(SP_IDF_REGION_OF, env->region_slug, id + 7);
    if (alias)
        f = sp_figures_get(env->figs, alias);
    g_free(alias);
    return f;
}

static void append_escaped(GString *out, const char *s)
{
    for (; *s; s++) {
        if (g_ascii_ispunct(*s))
            g_string_append_c(out, '\\');
        g_string_append_c(out, *s);
    }
}

/* One {{...}} starting at p (pointing at the braces); returns the position
 * after it, or NULL when it is not closed on this line. */
static const char *placeholder(expander *x, const char *p, const char *eol, bool live,
                               GString *out)
{
    const char *close = g_strstr_len(p + 2, eol - (p + 2), "}}");
    if (!close) {
        error_at(x, p, "placeholder is not closed with }} on this line%s%s", "", "");
        return NULL;
    }
    char *inner = g_strndup(p + 2, (gsize)(close - (p + 2)));
    char *bar = strchr(inner, '|');
    char *fmt = NULL;
    if (bar) {
        *bar = '\0';
        fmt = g_strstrip(bar + 1);
    }
    char *id = g_strstrip(inner);
    if (!*id) {
        error_at(x, p, "empty placeholder%s%s", "", "");
    } else if (fmt && !sp_template_format_known(fmt)) {
        error_at(x, p, "unknown format \"%s\" (use pct, count, gbp, date, of or ci)%s", fmt, "");
    } else if (live) {
        const char *var = text_var(x->env, id);
        if (var) {
            if (fmt && *fmt)
                error_at(x, p, "\"%s\" is text: it takes no format such as \"%s\"", id, fmt);
            else
                append_escaped(out, var);
        } else {
            const sp_figure *f = lookup(x->env, id);
            char *v = f ? sp_template_format(f, fmt) : NULL;
            if (!f)
                error_at(x, p, "unknown figure \"%s\" (not in this run's figures.json; "
                         "text about a figure that can be absent goes inside <!-- if %s -->)",
                         id, id);
            else if (!v)
                error_at(x, p, "format \"%s\" does not suit figure \"%s\"", fmt ? fmt : "", id);
            else {
                append_escaped(out, v);
                if (x->env->on_figure)
                    x->env->on_figure(f->id, x->env->user);
            }
            g_free(v);
        }
    }
    g_free(inner);
    return close + 2;
}

/* Check a chart:/table: reference at p (pointing at the scheme). */
static void reference(expander *x, const char *p, const char *eol)
{
    const char *colon = memchr(p, ':', (size_t)(eol - p));
    const char *end = colon + 1;
    while (end < eol && *end != ')' && *end != ' ' && *end != '?' && *end != '"')
        end++;
    char *scheme = g_strndup(p, (gsize)(colon - p));
    char *id = g_strndup(colon + 1, (gsize)(end - colon - 1));
    if (x->env->known_ref && !x->env->known_ref(scheme, id, x->env->user)) {
        if (strcmp(scheme, "chart") == 0) {
            GString *ids = g_string_new(NULL);
            for (size_t i = 0; i < sp_chart_count(); i++)
                g_string_append_printf(ids, "%s%s", i ? ", " : "", sp_chart_id(i));
            error_at(x, p, "unknown chart \"%s\"; the charts are %s", id, ids->str);
            g_string_free(ids, TRUE);
        } else {
            error_at(x, p, "unknown %s \"%s\"", scheme, id);
        }
    }
    g_free(scheme);
    g_free(id);
}

/* "<!-- if id -->" etc.: returns 1 (if), 2 (unless), 3 (endif), 0 otherwise;
 * the id goes to *id. */
static int directive(const char *line, const char *eol, char **id)
{
    char *s = g_strndup(line, (gsize)(eol - line));
    g_strstrip(s);
    int kind = 0;
    size_t n = strlen(s);
    if (g_str_has_prefix(s, "<!--") && n >= 7 && g_str_has_suffix(s, "-->")) {
        s[n - 3] = '\0';
        char *body = g_strstrip(s + 4);
        if (strcmp(body, "endif") == 0)
            kind = 3;
        else if (g_str_has_prefix(body, "if ")) {
            kind = 1;
            *id = g_strdup(g_strstrip(body + 3));
        } else if (g_str_has_prefix(body, "unless ")) {
            kind = 2;
            *id = g_strdup(g_strstrip(body + 7));
        }
    }
    g_free(s);
    return kind;
}

static bool condition(const sp_template_env *env, const char *id)
{
    const char *var = text_var(env, id);
    if (var)
        return *var != '\0';
    const sp_figure *f = lookup(env, id);
    return f && f->value != 0;
}

/* Whether the last line written is part of a block quote: a directive line
 * there is dropped without a trace, so "> a", "> b" stay one quote. */
static bool quoted(const GString *res)
{
    if (res->len == 0)
        return false;
    gsize end = res->len;
    if (res->str[end - 1] == '\n')
        end--;
    gsize start = end;
    while (start > 0 && res->str[start - 1] != '\n')
        start--;
    while (start < end && res->str[start] == ' ')
        start++;
    return start < end && res->str[start] == '>';
}

int sp_template_expand(const sp_template_env *env, const char *src, char **out,
                       sp_diags *diags)
{
    expander x = {.env = env, .diags = diags};
    GString *res = g_string_new(NULL);
    /* stack of live flags for nested if blocks, and where each opened */
    GArray *live = g_array_new(FALSE, FALSE, sizeof(bool));
    GArray *opened = g_array_new(FALSE, FALSE, sizeof(int));
    bool now_live = true, in_comment = false;
    const char *p = src;
    while (*p) {
        x.line++;
        x.line_start = p;
        const char *eol = strchr(p, '\n');
        if (!eol)
            eol = p + strlen(p);
        char *id = NULL;
        int kind = in_comment ? 0 : directive(p, eol, &id);
        if (kind && now_live && !quoted(res))
            g_string_append_c(res, '\n'); /* the dropped line still ends a paragraph */
        if (kind == 1 || kind == 2) {
            g_array_append_val(live, now_live);
            g_array_append_val(opened, x.line);
            bool c = condition(env, id);
            now_live = now_live && (kind == 1 ? c : !c);
        } else if (kind == 3) {
            if (live->len == 0) {
                error_at(&x, p, "<!-- endif --> without <!-- if ... -->%s%s", "", "");
            } else {
                now_live = g_array_index(live, bool, live->len - 1);
                g_array_set_size(live, live->len - 1);
                g_array_set_size(opened, opened->len - 1);
            }
        } else {
            const char *q = p;
            while (q < eol) {
                /* plain text up to the next character that may start
                 * something (a comment, a placeholder, a reference), in
                 * one piece: a template is expanded once for every area */
                if (!in_comment) {
                    const char *t = q;
                    while (t < eol && *t != '<' && *t != '{' && *t != ']')
                        t++;
                    if (t > q && now_live)
                        g_string_append_len(res, q, t - q);
                    q = t;
                    if (q == eol)
                        break;
                }
                /* HTML comments are copied as they are: they document the
                 * template and are never printed */
                if (in_comment || g_str_has_prefix(q, "<!--")) {
                    const char *from = in_comment ? q : q + 4;
                    const char *close = g_strstr_len(from, eol - from, "-->");
                    const char *stop = close ? close + 3 : eol;
                    if (now_live)
                        g_string_append_len(res, q, stop - q);
                    in_comment = close == NULL;
                    q = stop;
                    continue;
                }
                if (q[0] == '{' && q[1] == '{') {
                    const char *next = placeholder(&x, q, eol, now_live, res);
                    if (!next)
                        break;
                    q = next;
                    continue;
                }
                if (q[0] == ']' && q[1] == '(' &&
                    (g_str_has_prefix(q + 2, "chart:") || g_str_has_prefix(q + 2, "table:")))
                    reference(&x, q + 2, eol);
                if (now_live)
                    g_string_append_c(res, *q);
                q++;
            }
            if (now_live && *eol)
                g_string_append_c(res, '\n');
        }
        g_free(id);
        p = *eol ? eol + 1 : eol;
    }
    for (guint i = 0; i < opened->len; i++) {
        sp_diags_error(diags, env->name, g_array_index(opened, int, i), 1,
                       "<!-- if ... --> is not closed with <!-- endif -->");
        x.errors++;
    }
    g_array_free(live, TRUE);
    g_array_free(opened, TRUE);
    if (x.errors) {
        g_string_free(res, TRUE);
        *out = NULL;
        return 2;
    }
    *out = g_string_free(res, FALSE);
    return 0;
}
