/* explain.c: a figure's trace (noted by the breakdowns while they counted)
 * turned into rows a reader can check: the records in its numerator,
 * denominator or value, and the records of the same source left out and why.
 * No rule is applied again here: what is counted is what the trace says. */
#include "sendpack/explain.h"
#include "trace.h"
#include "figures_table.h"
#include "sendpack/format.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "sendpack/csv_write.h"

const char *sp_role_name(sp_role r)
{
    static const char *const n[] = {"numerator", "denominator", "value", "excluded"};
    return r <= SP_ROLE_EXCLUDED ? n[r] : "";
}

static size_t pool_size(const sp_view *v, sp_rec_kind k)
{
    switch (k) {
    case SP_REC_INSPECTION_2016:
    case SP_REC_INSPECTION_2023: return v->n_inspections;
    case SP_REC_INTERVENTION: return v->n_interventions;
    case SP_REC_FUNDING: return v->n_funding;
    case SP_REC_SEN2: return v->n_sen2;
    case SP_REC_DSG: return v->n_dsg;
    }
    return 0;
}

/* The reasons rows are left out for, each text kept once with the
 * explanation: a figure of one SEN2 year leaves out every row of the
 * others, a million at x1000, for a handful of reasons. NULL: reasons are
 * not wanted (rows counted). */
typedef struct reasons {
    GStringChunk *text;
    GHashTable *years;         /* SEN2 year -> its reason, in text */
    const char *last, *kept;   /* the last text kept, and its copy */
} reasons;

static const char *keep(reasons *rs, const char *s)
{
    if (s != rs->last) {
        rs->last = s;
        rs->kept = g_string_chunk_insert_const(rs->text, s);
    }
    return rs->kept;
}

/* s, a new text, kept (and freed) */
static const char *keep_new(reasons *rs, char *s)
{
    const char *k = g_string_chunk_insert_const(rs->text, s);
    g_free(s);
    return k;
}

/* A SEN2 row: key its code (la_code, region code; "E92000001" England),
 * name its area, region or "England". */
static bool sen2_entry(const sp_view *v, size_t i, sp_explain_row *r, const char **why,
                       reasons *rs)
{
    const sp_sen2_view *e = &v->sen2[i];
    const sp_sen2 *s = e->rec;
    r->key = s->level == SP_EES_LOCAL_AUTHORITY ? s->la_code
             : s->level == SP_EES_REGIONAL      ? s->region_code : "england";
    r->name = s->level == SP_EES_LOCAL_AUTHORITY ? s->la_name
              : s->level == SP_EES_REGIONAL      ? s->region_name : "England";
    r->pos = e->pos;
    if (!e->included && rs) {
        *why = g_hash_table_lookup(rs->years, GINT_TO_POINTER(s->year));
        if (!*why) {
            *why = keep_new(rs, g_strdup_printf("calendar year %d had not ended by the as-at date",
                                                s->year));
            g_hash_table_insert(rs->years, GINT_TO_POINTER(s->year), (gpointer)*why);
        }
    }
    return true;
}

/* Whether entry i belongs to the kind's records at all, and its row fields;
 * *why receives the as-at reason when it is not included (kept in rs; none
 * without rs). */
static bool entry(const sp_view *v, sp_rec_kind k, size_t i, sp_explain_row *r, const char **why,
                  reasons *rs)
{
    char iso[16];
    *why = NULL;
    if (k == SP_REC_INSPECTION_2016 || k == SP_REC_INSPECTION_2023) {
        const sp_inspection_view *e = &v->inspections[i];
        if ((e->rec->framework == SP_FRAMEWORK_2023) != (k == SP_REC_INSPECTION_2023))
            return false;
        r->key = e->key;
        r->name = e->rec->area_name;
        r->pos = e->pos;
        if (!e->included && rs) {
            if (e->why == SP_WHY_PUBLISHED_LATER) {
                sp_date_iso(e->rec->published, iso, sizeof iso);
                *why = keep_new(rs, g_strdup_printf("inspection published %s, after the as-at date",
                                                    iso));
            } else {
                *why = keep_new(rs, g_strdup_printf("inspection %s", sp_why_text(e->why)));
            }
        }
        return true;
    }
    if (k == SP_REC_INTERVENTION) {
        const sp_intervention_view *e = &v->interventions[i];
        r->key = *e->rec->la_code ? e->rec->la_code : e->rec->area_name;
        r->name = *e->rec->area_name ? e->rec->area_name : e->rec->la_code;
        r->pos = e->pos;
        if (!e->included && rs) {
            sp_date_iso(e->rec->start, iso, sizeof iso);
            *why = keep_new(rs, g_strdup_printf("intervention started %s, after the as-at date",
                                                iso));
        }
        return true;
    }
    if (k == SP_REC_SEN2)
        return sen2_entry(v, i, r, why, rs);
    if (k == SP_REC_DSG) {
        const sp_dsg_view *e = &v->dsg[i];
        r->key = e->key ? e->key : e->rec->old_la_code;
        r->name = e->rec->name;
        r->pos = e->pos;
        if (!e->included && rs) {
            sp_date_iso(e->year->published, iso, sizeof iso);
            *why = keep_new(rs, e->why == SP_WHY_SUPERSEDED
                                    ? g_strdup_printf("DSG file of %s published %s, %s",
                                                      e->year->fy, iso, sp_why_text(e->why))
                                    : g_strdup_printf("DSG file published %s, after the as-at date",
                                                      iso));
        }
        return true;
    }
    const sp_funding_view *e = &v->funding[i];
    r->key = e->rec->id;
    r->name = e->rec->recipient;
    r->pos = e->pos;
    return true;
}

/* How many of list l's entries the trace counts (val may be a ranking of
 * which only the first val_len count). */
static guint list_len(const struct sp_trace *t, const GArray *l)
{
    if (!l)
        return 0;
    return l == t->val && t->val_prefix ? t->val_len : l->len;
}

static void mark(bool *set, const struct sp_trace *t, const GArray *l)
{
    for (guint i = 0, n = list_len(t, l); i < n; i++)
        set[g_array_index(l, bd_ref, i).index] = true;
}

/* The first n entries of a ranking, in the order of scope (the order the
 * records were looked at, as a list of them would have been built); an
 * entry outside scope is left out. */
static GArray *in_scope_order(const GArray *ranked, guint n, const GArray *scope, size_t pool)
{
    guint ns = scope ? scope->len : 0;
    guint *pos = g_new0(guint, pool ? pool : 1); /* scope position + 1; 0: outside */
    for (guint i = 0; i < ns; i++)
        pos[g_array_index(scope, bd_ref, i).index] = i + 1;
    const bd_ref **at = g_new0(const bd_ref *, ns ? ns : 1);
    for (guint i = 0; i < n; i++) {
        const bd_ref *r = &g_array_index(ranked, bd_ref, i);
        if (r->index < pool && pos[r->index])
            at[pos[r->index] - 1] = r;
    }
    GArray *out = g_array_sized_new(FALSE, FALSE, sizeof(bd_ref), n);
    for (guint i = 0; i < ns; i++)
        if (at[i])
            g_array_append_val(out, *at[i]);
    g_free(at);
    g_free(pos);
    return out;
}

static void add_rows(GArray *rows, const sp_view *v, sp_rec_kind k, sp_role role, const GArray *l)
{
    for (guint i = 0; l && i < l->len; i++) {
        const bd_ref *ref = &g_array_index(l, bd_ref, i);
        sp_explain_row r = {.role = role, .index = ref->index, .value = ref->v};
        const char *why;
        entry(v, k, ref->index, &r, &why, NULL);
        g_array_append_val(rows, r);
    }
}

sp_explanation *sp_explain(const sp_figures *f, const char *id, bool included_only)
{
    const sp_figure *x = sp_figures_get(f, id);
    if (x && x->untraced && f->ds) {
        /* a lean table's per-area figure: its records are counted again, in
         * the same figures with every trace, made once and kept with f
         * (which is const to its readers: the copy changes none of its
         * figures) */
        sp_figures *m = (sp_figures *)f;
        if (!m->traced)
            m->traced = sp_figures_compute(f->ds, f->as_at, f->first_n);
        return sp_explain(m->traced, id, included_only);
    }
    if (!x || !x->trace || !f->view)
        return NULL;
    const struct sp_trace *t = x->trace;
    const sp_view *v = f->view;
    sp_explanation *e = g_new0(sp_explanation, 1);
    e->fig = x;
    e->how = t->how;
    e->kind = t->kind;
    e->text = g_string_chunk_new(1024);
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(sp_explain_row));
    add_rows(rows, v, t->kind, SP_ROLE_NUMERATOR, t->num);
    add_rows(rows, v, t->kind, SP_ROLE_DENOMINATOR, t->den);
    size_t n = pool_size(v, t->kind);
    if (t->val_prefix) {
        GArray *val = in_scope_order(t->val, t->val_len, t->scope, n);
        add_rows(rows, v, t->kind, SP_ROLE_VALUE, val);
        g_array_free(val, TRUE);
    } else {
        add_rows(rows, v, t->kind, SP_ROLE_VALUE, t->val);
    }
    if (!included_only && t->how != SP_HOW_NONE && n) {
        bool *counted = g_new0(bool, n), *scope = g_new0(bool, n);
        reasons rs = {.text = e->text, .years = g_hash_table_new(g_direct_hash, g_direct_equal)};
        mark(counted, t, t->num);
        mark(counted, t, t->den);
        mark(counted, t, t->val);
        mark(scope, t, t->scope);
        for (size_t i = 0; i < n; i++) {
            sp_explain_row r = {.role = SP_ROLE_EXCLUDED, .index = i};
            const char *why;
            if (counted[i] || !entry(v, t->kind, i, &r, &why, &rs))
                continue;
            bool in_scope = !t->scope ? true : scope[i];
            if (!why && in_scope)
                why = keep(&rs, t->uncounted ? t->uncounted : "not counted");
            else if (!why && t->outside)
                why = keep(&rs, t->outside);
            if (!why || (!in_scope && !t->outside)) /* outside a figure about one area */
                continue;
            r.reason = why;
            g_array_append_val(rows, r);
        }
        g_free(counted);
        g_free(scope);
        g_hash_table_destroy(rs.years);
    }
    e->n_rows = rows->len;
    e->rows = (sp_explain_row *)(void *)g_array_free(rows, FALSE);
    for (size_t i = 0; i < e->n_rows; i++) {
        e->n_role[e->rows[i].role]++;
        e->sum_role[e->rows[i].role] += e->rows[i].value;
    }
    return e;
}

void sp_explanation_free(sp_explanation *e)
{
    if (!e)
        return;
    if (e->text)
        g_string_chunk_free(e->text);
    g_free(e->rows);
    g_free(e);
}

const char **sp_explain_match(const sp_figures *f, const char *glob, size_t *n_out)
{
    GPtrArray *out = g_ptr_array_new();
    GPatternSpec *p = g_pattern_spec_new(glob);
    for (size_t i = 0; i < f->n; i++)
        if (g_pattern_spec_match_string(p, f->items[i].id))
            g_ptr_array_add(out, f->items[i].id);
    g_pattern_spec_free(p);
    if (n_out)
        *n_out = out->len;
    g_ptr_array_add(out, NULL);
    return (const char **)g_ptr_array_free(out, FALSE);
}

/* Levenshtein distance, capped rows of two. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *prev = g_new(size_t, lb + 1), *cur = g_new(size_t, lb + 1);
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            cur[j] = MIN(sub, MIN(prev[j] + 1, cur[j - 1] + 1));
        }
        size_t *tmp = prev;
        prev = cur;
        cur = tmp;
    }
    size_t d = prev[lb];
    g_free(prev);
    g_free(cur);
    return d;
}

typedef struct { size_t d, pos; } cand;

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->d != b->d)
        return a->d < b->d ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

const char **sp_explain_suggest(const sp_figures *f, const char *id, size_t max)
{
    cand *c = g_new(cand, f->n + 1);
    for (size_t i = 0; i < f->n; i++)
        c[i] = (cand){distance(id, f->items[i].id), i};
    qsort(c, f->n, sizeof *c, cmp_cand);
    size_t n = MIN(max, f->n);
    const char **out = g_new0(const char *, n + 1);
    for (size_t i = 0; i < n; i++)
        out[i] = f->items[c[i].pos].id;
    g_free(c);
    return out;
}

static char *source_of(const sp_explain_row *r)
{
    if (!r->pos.file)
        return g_strdup("");
    char *base = g_path_get_basename(r->pos.file);
    char *s = sp_strdup_format("%s:%d", base, r->pos.line);
    g_free(base);
    return s;
}

/* The value as a reader reads it: dates as YYYY-MM-DD, else %g. */
static void value_text(const sp_explanation *e, const sp_explain_row *r, char *buf, size_t n)
{
    if (r->role == SP_ROLE_EXCLUDED)
        buf[0] = '\0';
    else if (e->fig->unit == SP_UNIT_DATE && e->how == SP_HOW_SINGLE)
        sp_date_iso((sp_date)r->value, buf, n);
    else
        g_ascii_formatd(buf, n, "%.15g", r->value);
}

char *sp_explanation_csv(const sp_explanation *e, bool header)
{
    GString *s = g_string_new(NULL);
    if (header)
        g_string_append(s, "role,key,name,value,source,reason,figure_id\r\n");
    for (size_t i = 0; i < e->n_rows; i++) {
        const sp_explain_row *r = &e->rows[i];
        char val[32];
        value_text(e, r, val, sizeof val);
        char *src = source_of(r);
        const char *cells[] = {sp_role_name(r->role), r->key, r->name, val, src, r->reason,
                               e->fig->id};
        sp_csv_row(s, G_N_ELEMENTS(cells), cells);
        g_free(src);
    }
    return g_string_free(s, FALSE);
}

static void json_str(GString *s, const char *name, const char *v)
{
    g_string_append_printf(s, "\"%s\": ", name);
    sp_json_string(s, v);
}

static void json_num(GString *s, const char *name, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf(s, "\"%s\": %s", name,
                           isfinite(v) ? g_ascii_formatd(buf, sizeof buf, "%.15g", v) : "null");
}

char *sp_explanation_json(const sp_explanation *e)
{
    const sp_figure *x = e->fig;
    GString *s = g_string_new("{\"figure\": {");
    json_str(s, "id", x->id);
    g_string_append(s, ", ");
    json_str(s, "label", x->label);
    g_string_append(s, ", ");
    json_str(s, "unit", sp_unit_name(x->unit));
    g_string_append(s, ", ");
    json_num(s, "value", x->value);
    if (x->has_ratio) {
        g_string_append(s, ", ");
        json_num(s, "numerator", x->numerator);
        g_string_append(s, ", ");
        json_num(s, "denominator", x->denominator);
    }
    g_string_append(s, ", ");
    json_str(s, "definition", x->definition);
    g_string_append(s, ", ");
    json_str(s, "filter", x->filter);
    g_string_append(s, ", ");
    json_str(s, "source", x->source);
    g_string_append(s, "}, \"rows\": [");
    for (size_t i = 0; i < e->n_rows; i++) {
        const sp_explain_row *r = &e->rows[i];
        char val[32];
        value_text(e, r, val, sizeof val);
        char *src = source_of(r);
        g_string_append(s, i ? ",\n  {" : "\n  {");
        json_str(s, "role", sp_role_name(r->role));
        g_string_append(s, ", ");
        json_str(s, "key", r->key);
        g_string_append(s, ", ");
        json_str(s, "name", r->name);
        g_string_append(s, ", ");
        if (r->role == SP_ROLE_EXCLUDED)
            g_string_append(s, "\"value\": null");
        else if (x->unit == SP_UNIT_DATE && e->how == SP_HOW_SINGLE)
            json_str(s, "value", val);
        else
            json_num(s, "value", r->value);
        g_string_append(s, ", ");
        json_str(s, "source", src);
        if (r->pos.file) {
            g_string_append(s, ", ");
            json_str(s, "file", r->pos.file);
            g_string_append_printf(s, ", \"line\": %d", r->pos.line);
        }
        if (r->reason) {
            g_string_append(s, ", ");
            json_str(s, "reason", r->reason);
        }
        g_string_append_c(s, '}');
        g_free(src);
    }
    g_string_append(s, e->n_rows ? "\n]}" : "]}");
    return g_string_free(s, FALSE);
}
