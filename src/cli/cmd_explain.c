/* cmd_explain.c: `sendpack explain ID...`: load, compute, and print each
 * figure named (an id or a glob) with the records behind it, as text, CSV
 * or JSON. The records come from the figures' own traces (explain.h).
 * Unknown ids: exit 2 with the closest known ids, nothing on stdout. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "sendpack/explain.h"
#include "sendpack/figures.h"
#include "sendpack/format.h"
#include "sendpack/load.h"

static void value_of(const sp_figure *x, char *buf, size_t n)
{
    char a[64], b[64], c[64];
    switch (x->unit) {
    case SP_UNIT_PROPORTION:
        if (x->has_ratio)
            g_snprintf(buf, n, "%s (%s of %s)", sp_fmt_pct1(x->value, a, sizeof a),
                       sp_fmt_count(x->numerator, b, sizeof b), sp_fmt_count(x->denominator, c, sizeof c));
        else
            sp_fmt_pct1(x->value, buf, n);
        return;
    case SP_UNIT_GBP: sp_fmt_gbp(x->value, buf, n); return;
    case SP_UNIT_DATE: sp_date_iso((sp_date)x->value, buf, n); return;
    case SP_UNIT_COUNT: sp_fmt_number(x->value, buf, n); return;
    }
}

static void print_text(GString *o, const sp_explanation *e, sp_date as_at)
{
    const sp_figure *x = e->fig;
    char v[128], iso[16];
    value_of(x, v, sizeof v);
    sp_date_iso(as_at, iso, sizeof iso);
    g_string_append_printf(o, "%s: %s\n  value:      %s\n  definition: %s\n  filter:     %s\n"
                              "  source:     %s\n  as at:      %s\n",
                           x->id, x->label, v, x->definition, x->filter, x->source, iso);
    static const char *const how[] = {"no records: a date chosen for the run",
                                      "the sum of the values listed", "the median of the values listed",
                                      "the value of the one record listed",
                                      "the numerator rows over the denominator rows"};
    g_string_append_printf(o, "  computed:   %s\n", how[e->how]);
    for (int role = SP_ROLE_NUMERATOR; role <= SP_ROLE_EXCLUDED; role++) {
        if (!e->n_role[role])
            continue;
        g_string_append_printf(o, "\n%s (%zu record%s", sp_role_name((sp_role)role), e->n_role[role],
                               e->n_role[role] == 1 ? "" : "s");
        if (role != SP_ROLE_EXCLUDED && e->how != SP_HOW_SINGLE && e->how != SP_HOW_MEDIAN &&
            e->sum_role[role] != (double)e->n_role[role]) {
            char t[64];
            g_string_append_printf(o, ", adding up to %s", sp_fmt_number(e->sum_role[role], t, sizeof t));
        }
        g_string_append(o, "):\n");
        for (size_t i = 0; i < e->n_rows; i++) {
            const sp_explain_row *r = &e->rows[i];
            if ((int)r->role != role)
                continue;
            char *base = r->pos.file ? g_path_get_basename(r->pos.file) : g_strdup("");
            g_string_append_printf(o, "  %-10s %-36s %s:%d", r->key ? r->key : "", r->name ? r->name : "",
                                   base, r->pos.line);
            g_free(base);
            if (r->reason) {
                g_string_append_printf(o, "  %s", r->reason);
            } else if (e->how != SP_HOW_RATIO || r->value != 1) {
                char t[64];
                if (x->unit == SP_UNIT_DATE && e->how == SP_HOW_SINGLE)
                    sp_date_iso((sp_date)r->value, t, sizeof t);
                else if (x->unit == SP_UNIT_GBP)
                    sp_fmt_gbp(r->value, t, sizeof t);
                else
                    sp_fmt_number(r->value, t, sizeof t);
                g_string_append_printf(o, "  %s", t);
            }
            g_string_append_c(o, '\n');
        }
    }
}

int sp_cli_explain(int argc, char **argv)
{
    sp_cli_opts o;
    int rc = sp_cli_parse("explain", argc, argv, &o);
    if (rc != 0) {
        sp_cli_opts_clear(&o);
        return rc < 0 ? SP_EXIT_OK : rc;
    }
    if (!o.args || !o.args[0]) {
        sp_cli_opts_clear(&o);
        return sp_cli_usage_error("explain", "expected a figure id such as wsoa.share (or a glob)");
    }
    sp_settings s;
    sp_inputs in;
    rc = sp_cli_resolve(&o, &s, &in);
    if (rc != 0) {
        sp_cli_opts_clear(&o);
        return rc;
    }
    const char *format = o.format ? o.format : "text";
    sp_diags d = {0};
    sp_dataset *ds = sp_load(&in, &d);
    sp_cli_print_diags(&d);
    if (sp_diags_count(&d, SP_DIAG_ERROR) > 0) {
        rc = SP_EXIT_BAD_INPUT;
        goto done;
    }
    sp_figures *figs = sp_figures_compute(ds, s.as_at, s.first_n);
    GPtrArray *ids = g_ptr_array_new();
    for (char **a = o.args; *a; a++) {
        if (strpbrk(*a, "*?")) {
            size_t n;
            const char **m = sp_explain_match(figs, *a, &n);
            for (size_t i = 0; i < n; i++)
                g_ptr_array_add(ids, (gpointer)m[i]);
            g_free(m);
            if (!n) {
                fprintf(stderr, "sendpack explain: no figure id matches \"%s\"\n", *a);
                rc = SP_EXIT_BAD_INPUT;
            }
        } else if (!sp_figures_get(figs, *a)) {
            const char **near = sp_explain_suggest(figs, *a, 3);
            char *list = g_strjoinv(", ", (char **)near);
            fprintf(stderr, "sendpack explain: no figure \"%s\"; did you mean: %s?\n", *a, list);
            g_free(list);
            g_free(near);
            rc = SP_EXIT_BAD_INPUT;
        } else {
            g_ptr_array_add(ids, *a);
        }
    }
    GString *out = g_string_new(NULL);
    bool json = strcmp(format, "json") == 0, csv = strcmp(format, "csv") == 0;
    if (json && ids->len > 1)
        g_string_append(out, "[");
    for (guint i = 0; rc == 0 && i < ids->len; i++) {
        sp_explanation *e = sp_explain(figs, g_ptr_array_index(ids, i), o.included_only);
        if (!e)
            continue;
        if (csv) {
            char *t = sp_explanation_csv(e, i == 0);
            g_string_append(out, t);
            g_free(t);
        } else if (json) {
            char *t = sp_explanation_json(e);
            g_string_append(out, i ? ",\n" : "");
            g_string_append(out, t);
            g_free(t);
        } else {
            if (i)
                g_string_append_c(out, '\n');
            print_text(out, e, figs->as_at);
        }
        sp_explanation_free(e);
    }
    if (json)
        g_string_append(out, ids->len > 1 ? "]\n" : "\n");
    if (rc == 0 && (fwrite(out->str, 1, out->len, stdout) != out->len || fflush(stdout) != 0)) {
        fprintf(stderr, "sendpack: cannot write the explanation to standard output\n");
        rc = SP_EXIT_FAILURE;
    }
    g_string_free(out, TRUE);
    g_ptr_array_free(ids, TRUE);
    sp_figures_free(figs);
done:
    sp_dataset_free(ds);
    sp_diags_free(&d);
    sp_inputs_clear(&in);
    sp_settings_clear(&s);
    sp_cli_opts_clear(&o);
    return rc;
}
