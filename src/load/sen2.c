/* sen2.c: DfE's SEN2 file (EHC plans, EES tidy format) into sp_sen2 rows
 * (sp_load_sen2).
 *
 * Design choice: only the three indicators the figures use are read
 * (no_exc_20week_ehc, tot_no_exc_ehc and, when present,
 * no_exc_20week_rate); every other column of the file is passed over. A
 * symbol in a count stays a symbol (sendpack/ees.h): the row is kept and
 * shown, but not counted. */
#include "ees.h"
#include "sendpack/format.h"
#include "sendpack/load.h"

#include <math.h>
#include <string.h>

enum { S_WITHIN = EES_FIRST_INDICATOR, S_PLANS, S_RATE, S_N };

static const sp_column COLUMNS[S_N] = {
    SP_EES_GEOGRAPHY,
    [S_WITHIN] = {"no_exc_20week_ehc", SP_COL_REQUIRED},
    [S_PLANS] = {"tot_no_exc_ehc", SP_COL_REQUIRED},
    [S_RATE] = {"no_exc_20week_rate", 0},
};

const sp_schema sp_schema_sen2 = {"sen2", "SEN2 EHC plans (EES)", COLUMNS, S_N};

/* A count: a whole number 0 or more, or a symbol. */
static void read_count(sp_rows *r, int col, GStringChunk *text, sp_ees_value *v)
{
    if (!sp_ees_read_value(r, col, text, v) || v->mark != SP_EES_NUMBER)
        return;
    if (v->value < 0 || v->value != floor(v->value)) {
        char *found = sp_rows_found(r, col);
        sp_rows_error(r, col, "expected a whole number 0 or more (or an EES symbol), found %s",
                      found);
        g_free(found);
    }
}

/* The row into s, its text kept in text: codes, names and the period once
 * each however often they repeat, the values as they come. */
static void read_row(sp_rows *r, GStringChunk *text, sp_sen2 *s)
{
    sp_ees_period p;
    if (sp_ees_read_period(r, &p)) {
        if (p.two_years || !p.end) {
            char *found = sp_rows_found(r, p.two_years ? EES_TIME_PERIOD : EES_TIME_IDENTIFIER);
            sp_rows_error(r, p.two_years ? EES_TIME_PERIOD : EES_TIME_IDENTIFIER,
                          "expected a calendar year (SEN2 counts EHC plans by calendar year), "
                          "found %s", found);
            g_free(found);
        }
        s->year = p.year;
        s->year_end = p.end;
    }
    char year[24];
    s->period = g_string_chunk_insert_const(text, sp_fmt_number(s->year, year, sizeof year));
    s->level = sp_ees_read_level(r);
    s->region_code = g_string_chunk_insert_const(text, sp_rows_text(r, EES_REGION_CODE));
    s->region_name = g_string_chunk_insert_const(text, sp_rows_text(r, EES_REGION_NAME));
    s->la_code = g_string_chunk_insert_const(text, sp_rows_text(r, EES_NEW_LA_CODE));
    s->old_la_code = g_string_chunk_insert_const(text, sp_rows_text(r, EES_OLD_LA_CODE));
    s->la_name = g_string_chunk_insert_const(text, sp_rows_text(r, EES_LA_NAME));
    if (s->level == SP_EES_LOCAL_AUTHORITY && !*s->la_code)
        sp_rows_error(r, sp_rows_has(r, EES_NEW_LA_CODE) ? EES_NEW_LA_CODE : EES_LEVEL,
                      "expected a new_la_code on a Local authority row, found an empty cell");
    if (s->level == SP_EES_REGIONAL && !*s->region_name)
        sp_rows_error(r, sp_rows_has(r, EES_REGION_NAME) ? EES_REGION_NAME : EES_LEVEL,
                      "expected a region_name on a Regional row, found an empty cell");
    read_count(r, S_WITHIN, text, &s->within_20_weeks);
    read_count(r, S_PLANS, text, &s->new_plans);
    sp_ees_read_value(r, S_RATE, text, &s->rate);
    if (!r->row_errors && sp_ees_has_number(&s->within_20_weeks) &&
        sp_ees_has_number(&s->new_plans) && s->within_20_weeks.value > s->new_plans.value)
        sp_rows_error(r, S_WITHIN,
                      "expected no_exc_20week_ehc no more than tot_no_exc_ehc (%s), found \"%s\"",
                      s->new_plans.text, s->within_20_weeks.text);
}

/* The rows read so far, one entry per year, level and area: entries are
 * kept in blocks that never move, so the set of them (seen) can hold their
 * addresses. An area is its code's text, which read_row keeps once (the
 * same code, the same address), so no key is built as text for each row. */
typedef struct seen_row {
    const char *code; /* la_code, region_name, or "" for the nation */
    int year, level, line;
} seen_row;

typedef struct seen_rows {
    GHashTable *set; /* of seen_row * */
    GPtrArray *blocks;
    size_t used; /* in the last block */
} seen_rows;

enum { SEEN_BLOCK = 4096 };

static guint seen_hash(gconstpointer p)
{
    const seen_row *e = p;
    return g_direct_hash(e->code) * 31u + (guint)e->year * 7u + (guint)e->level;
}

static gboolean seen_equal(gconstpointer a, gconstpointer b)
{
    const seen_row *x = a, *y = b;
    return x->code == y->code && x->year == y->year && x->level == y->level;
}

static void seen_init(seen_rows *s)
{
    s->set = g_hash_table_new(seen_hash, seen_equal);
    s->blocks = g_ptr_array_new_with_free_func(g_free);
    s->used = SEEN_BLOCK;
}

static void seen_free(seen_rows *s)
{
    g_hash_table_destroy(s->set);
    g_ptr_array_free(s->blocks, TRUE);
}

/* One row per year, level and area. */
static void check_duplicate(sp_rows *r, seen_rows *seen, const sp_sen2 *s)
{
    static const char nation[] = "";
    seen_row row = {s->level == SP_EES_LOCAL_AUTHORITY ? s->la_code
                    : s->level == SP_EES_REGIONAL      ? s->region_name
                                                       : nation,
                    s->year, (int)s->level, sp_rows_line(r)};
    const seen_row *first = g_hash_table_lookup(seen->set, &row);
    if (first) {
        char *cut = sp_csv_cut(*row.code ? row.code : sp_ees_level_name(s->level));
        sp_rows_error(r, EES_TIME_PERIOD,
                      "expected one row per year and area, found %d %s again: also on %s %d",
                      s->year, cut, sp_rows_line_word(r), first->line);
        g_free(cut);
        return;
    }
    if (seen->used == SEEN_BLOCK) {
        g_ptr_array_add(seen->blocks, g_new(seen_row, SEEN_BLOCK));
        seen->used = 0;
    }
    seen_row *kept = (seen_row *)g_ptr_array_index(seen->blocks, seen->blocks->len - 1) +
                     seen->used++;
    *kept = row;
    g_hash_table_add(seen->set, kept);
}

int sp_load_sen2(sp_dataset *ds, const char *path, sp_diags *diags)
{
    sp_rows r;
    bool ok = sp_ees_open(&r, path, &sp_schema_sen2, diags);
    GArray *found = g_array_new(FALSE, TRUE, sizeof(sp_sen2));
    seen_rows seen;
    seen_init(&seen);
    if (!ds->sen2_text)
        ds->sen2_text = g_string_chunk_new(1 << 20);
    while (ok && sp_rows_next(&r)) {
        sp_sen2 s = {.line = sp_rows_line(&r)};
        read_row(&r, ds->sen2_text, &s);
        if (!r.row_errors)
            check_duplicate(&r, &seen, &s);
        if (!r.row_errors) /* a row dropped leaves its text until the dataset goes */
            g_array_append_val(found, s);
    }
    if (r.header.schema) {
        const char *file = sp_rows_add_input(&r, ds);
        for (guint i = 0; i < found->len; i++)
            g_array_index(found, sp_sen2, i).file = file;
        if (!ds->n_sen2) { /* the first file's rows as they are, not copied */
            g_free(ds->sen2);
            ds->n_sen2 = found->len;
            ds->sen2 = (sp_sen2 *)(void *)g_array_free(found, FALSE);
            found = NULL;
        } else {
            ds->sen2 = g_renew(sp_sen2, ds->sen2, ds->n_sen2 + found->len);
            memcpy(ds->sen2 + ds->n_sen2, found->data, found->len * sizeof(sp_sen2));
            ds->n_sen2 += found->len;
        }
        static const char *const cols[SP_SEN2_COL_N] = {"no_exc_20week_ehc", "tot_no_exc_ehc",
                                                        "no_exc_20week_rate"};
        for (int i = 0; i < SP_SEN2_COL_N; i++)
            g_free(ds->sen2_labels[i]);
        sp_ees_meta_labels(path, cols, SP_SEN2_COL_N, ds->sen2_labels, diags);
    }
    if (found)
        g_array_free(found, TRUE);
    seen_free(&seen);
    sp_rows_close(&r);
    return r.errors;
}
