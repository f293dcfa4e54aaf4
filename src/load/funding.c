/* funding.c: funding.csv into sp_funding lines (sp_load_funding).
 *
 * Design choice: a line's amount is resolved here, once: amount_gbp when
 * given, else unit_count x unit_value_gbp. When both are given they must
 * agree to the penny, and a disagreement is reported against amount_gbp,
 * so no later stage has to choose between two numbers. */
#include "rows.h"
#include "sendpack/format.h"
#include "sendpack/load.h"

#include <math.h>

enum {
    F_ID, F_PROGRAMME, F_DESCRIPTION, F_RECIPIENT, F_UNIT_COUNT, F_UNIT_VALUE, F_AMOUNT,
    F_START, F_END, F_STATUS, F_SOURCE, F_N
};

static const sp_column COLUMNS[F_N] = {
    [F_ID] = {"id", SP_COL_REQUIRED},
    [F_PROGRAMME] = {"programme", SP_COL_REQUIRED},
    [F_DESCRIPTION] = {"description", 0},
    [F_RECIPIENT] = {"recipient", SP_COL_REQUIRED},
    [F_UNIT_COUNT] = {"unit_count", 0},
    [F_UNIT_VALUE] = {"unit_value_gbp", 0},
    [F_AMOUNT] = {"amount_gbp", 0},
    [F_START] = {"period_start", 0},
    [F_END] = {"period_end", 0},
    [F_STATUS] = {"status", SP_COL_REQUIRED},
    [F_SOURCE] = {"source", 0},
};

const sp_schema sp_schema_funding = {"funding", "funding lines", COLUMNS, F_N};

static void funding_clear(sp_funding *f)
{
    g_free(f->id);
    g_free(f->programme);
    g_free(f->description);
    g_free(f->recipient);
    g_free(f->source);
}

static void resolve_amount(sp_rows *r, sp_funding *f, double amount)
{
    bool units = f->unit_count >= 0 && f->unit_value_gbp >= 0;
    double product = units ? f->unit_count * f->unit_value_gbp : -1;
    if (amount >= 0 && units && fabs(amount - product) > 0.005) {
        char a[32], b[32], c[32];
        char *found = sp_rows_found(r, F_AMOUNT);
        sp_rows_error(r, F_AMOUNT,
                      "expected amount_gbp to equal unit_count x unit_value_gbp (%s x %s = %s), "
                      "found %s",
                      sp_fmt_number(f->unit_count, a, sizeof a),
                      sp_fmt_number(f->unit_value_gbp, b, sizeof b),
                      sp_fmt_number(product, c, sizeof c), found);
        g_free(found);
    } else if (amount < 0 && (f->unit_count >= 0) != (f->unit_value_gbp >= 0)) {
        bool count = f->unit_count >= 0; /* the one given */
        int missing = count ? F_UNIT_VALUE : F_UNIT_COUNT;
        char *given = sp_rows_found(r, count ? F_UNIT_COUNT : F_UNIT_VALUE);
        char *found = sp_rows_found(r, missing);
        sp_rows_error(r, sp_rows_has(r, missing) ? missing : F_AMOUNT,
                      "expected %s with %s %s (or amount_gbp), found %s",
                      count ? "unit_value_gbp" : "unit_count",
                      count ? "unit_count" : "unit_value_gbp", given, found);
        g_free(given);
        g_free(found);
    } else if (amount < 0 && !units) {
        sp_rows_error(r, sp_rows_has(r, F_AMOUNT) ? F_AMOUNT : F_UNIT_COUNT,
                      "expected amount_gbp, or unit_count and unit_value_gbp, found neither");
    }
    f->amount_gbp = amount >= 0 ? amount : product;
}

static void read_line(sp_rows *r, sp_funding *f)
{
    sp_rows_required_text(r, F_ID, "an id", &f->id);
    sp_rows_required_text(r, F_PROGRAMME, "a programme", &f->programme);
    f->description = g_strdup(sp_rows_text(r, F_DESCRIPTION));
    sp_rows_required_text(r, F_RECIPIENT, "a recipient (an la_code, an Ofsted region or England)",
                          &f->recipient);
    double amount;
    bool ok = sp_rows_number(r, F_UNIT_COUNT, &f->unit_count);
    ok &= sp_rows_money(r, F_UNIT_VALUE, &f->unit_value_gbp);
    ok &= sp_rows_money(r, F_AMOUNT, &amount);
    if (ok)
        resolve_amount(r, f, amount);
    sp_rows_date(r, F_START, false, &f->period_start);
    sp_rows_date(r, F_END, false, &f->period_end);
    if (f->period_start && f->period_end && f->period_end < f->period_start) {
        char *found = sp_rows_found(r, F_END);
        sp_rows_error(r, F_END, "expected period_end on or after period_start, found %s", found);
        g_free(found);
    }
    static const char *const statuses[] = {"committed", "optional_extension", "announced", NULL};
    static const char *const expect = "committed, optional_extension or announced";
    int s = sp_rows_choice(r, F_STATUS, statuses, false, expect);
    if (s == -1) {
        char *found = sp_rows_found(r, F_STATUS);
        sp_rows_error(r, F_STATUS, "expected %s, found %s", expect, found);
        g_free(found);
    }
    f->status = s == 1 ? SP_FUNDING_OPTIONAL_EXTENSION
              : s == 2 ? SP_FUNDING_ANNOUNCED : SP_FUNDING_COMMITTED;
    f->source = g_strdup(sp_rows_text(r, F_SOURCE));
}

/* A file needs amount_gbp or both unit columns. */
static bool has_amount_columns(sp_rows *r)
{
    if (sp_rows_has(r, F_AMOUNT) || (sp_rows_has(r, F_UNIT_COUNT) && sp_rows_has(r, F_UNIT_VALUE)))
        return true;
    sp_diags_error(r->diags, r->src.where, r->header.line, 1,
                   "missing required column \"amount_gbp\" (or both \"unit_count\" and "
                   "\"unit_value_gbp\")");
    r->errors++;
    return false;
}

static void check_duplicate(sp_rows *r, GHashTable *seen, const char *id)
{
    if (!*id)
        return;
    int first = GPOINTER_TO_INT(g_hash_table_lookup(seen, id));
    if (first) {
        char *cut = sp_csv_cut(id);
        sp_rows_error(r, F_ID, "expected each id once, found \"%s\" again: also on %s %d", cut,
                      sp_rows_line_word(r), first);
        g_free(cut);
    } else
        g_hash_table_insert(seen, g_strdup(id), GINT_TO_POINTER(sp_rows_line(r)));
}

int sp_load_funding(sp_dataset *ds, const char *path, sp_diags *diags)
{
    static const sp_schema *const schemas[] = {&sp_schema_funding};
    sp_rows r;
    bool ok = sp_rows_open(&r, path, schemas, 1, diags) && has_amount_columns(&r);
    GArray *found = g_array_new(FALSE, TRUE, sizeof(sp_funding));
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    while (ok && sp_rows_next(&r)) {
        sp_funding f = {.line = sp_rows_line(&r)};
        read_line(&r, &f);
        check_duplicate(&r, seen, f.id);
        if (r.row_errors)
            funding_clear(&f);
        else
            g_array_append_val(found, f);
    }
    if (r.header.schema) {
        const char *file = sp_rows_add_input(&r, ds);
        ds->funding = g_renew(sp_funding, ds->funding, ds->n_funding + found->len);
        for (guint i = 0; i < found->len; i++) {
            sp_funding *f = &g_array_index(found, sp_funding, i);
            f->file = file;
            ds->funding[ds->n_funding++] = *f;
        }
    }
    g_array_free(found, TRUE);
    g_hash_table_destroy(seen);
    sp_rows_close(&r);
    return r.errors;
}
