/* header.c: recognising a file's header row and mapping its columns (header.h).
 *
 * Design choice: the header is found by its names, not its position, so
 * title rows above it (as in Ofsted's published tables) need no option. Each
 * kind's accepted names go into one hash table per call; every row up to the
 * header is looked up cell by cell, and the data rows are never scanned here. */
#include "header.h"

#include <string.h>

char *sp_normalise(const char *s)
{
    GString *out = g_string_sized_new(s ? strlen(s) : 0);
    for (const char *p = s; p && *p; p++)
        if (g_ascii_isalnum(*p))
            g_string_append_c(out, g_ascii_tolower(*p));
    return g_string_free(out, FALSE);
}

char *sp_column_title(const sp_schema *s, int c)
{
    const char *names = s->columns[c].names;
    const char *bar = strchr(names, '|');
    return bar ? g_strndup(names, (gsize)(bar - names)) : g_strdup(names);
}

/* "Inspection start date" (or inspection_start) */
static char *column_described(const sp_schema *s, int c)
{
    char **names = g_strsplit(s->columns[c].names, "|", -1);
    GString *out = g_string_new(NULL);
    g_string_append_printf(out, "\"%s\"", names[0]);
    for (int i = 1; names[i]; i++)
        g_string_append_printf(out, "%s%s", i == 1 ? " (or " : ", ", names[i]);
    if (names[0] && names[1])
        g_string_append_c(out, ')');
    g_strfreev(names);
    return g_string_free(out, FALSE);
}

/* Normalised name -> column index + 1, for one kind. */
static GHashTable *name_map(const sp_schema *s)
{
    GHashTable *map = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t c = 0; c < s->n_columns; c++) {
        char **names = g_strsplit(s->columns[c].names, "|", -1);
        for (int i = 0; names[i]; i++)
            g_hash_table_insert(map, sp_normalise(names[i]), GINT_TO_POINTER((int)c + 1));
        g_strfreev(names);
    }
    return map;
}

static int lookup(GHashTable *map, const char *cell)
{
    char *norm = sp_normalise(cell);
    int c = GPOINTER_TO_INT(g_hash_table_lookup(map, norm)) - 1;
    g_free(norm);
    return c;
}

static size_t n_required(const sp_schema *s)
{
    size_t k = 0;
    for (size_t c = 0; c < s->n_columns; c++)
        k += (s->columns[c].flags & SP_COL_REQUIRED) != 0;
    return k;
}

/* How well row r names kind s: -1 if not a header for it (it must name at
 * least half of the required columns and at least two columns), else the
 * number of its columns named. */
static int score(const sp_csv_table *t, const sp_csv_row *r, const sp_schema *s, GHashTable *map)
{
    bool seen[SP_MAX_COLUMNS] = {false};
    size_t req = 0, all = 0;
    for (size_t i = 0; i < r->n; i++) {
        int c = lookup(map, sp_csv_cell_at(t, r, i)->text);
        if (c < 0 || seen[c])
            continue;
        seen[c] = true;
        all++;
        req += (s->columns[c].flags & SP_COL_REQUIRED) != 0;
    }
    size_t need = MAX(1, (n_required(s) + 1) / 2);
    return req >= need && all >= 2 ? (int)all : -1;
}

static char *header_listed(const sp_csv_table *t, const sp_csv_row *r)
{
    GString *out = g_string_new(NULL);
    for (size_t i = 0; i < r->n; i++) {
        const char *text = sp_csv_cell_at(t, r, i)->text;
        if (!*text)
            continue;
        char *cut = sp_csv_cut(text);
        g_string_append_printf(out, "%s\"%s\"", out->len ? ", " : "", cut);
        g_free(cut);
    }
    return g_string_free(out, FALSE);
}

/* "Area name", "Ofsted region" (2016-2022 framework inspections) or ... */
char *sp_header_looked_for(const sp_schema *const *schemas, size_t n)
{
    GString *out = g_string_new(NULL);
    for (size_t k = 0; k < n; k++) {
        const sp_schema *s = schemas[k];
        if (k)
            g_string_append(out, " or ");
        bool first = true;
        for (size_t c = 0; c < s->n_columns; c++) {
            if (!(s->columns[c].flags & SP_COL_REQUIRED))
                continue;
            char *title = sp_column_title(s, (int)c);
            g_string_append_printf(out, "%s\"%s\"", first ? "" : ", ", title);
            g_free(title);
            first = false;
        }
        g_string_append_printf(out, " (%s)", s->what);
    }
    return g_string_free(out, FALSE);
}

static int map_columns(sp_header *h, const sp_csv_table *t, GHashTable *map, const char *path,
                       sp_diags *diags)
{
    const sp_schema *s = h->schema;
    const sp_csv_row *r = sp_csv_row_at(t, h->row);
    int errors = 0;
    for (size_t c = 0; c < SP_MAX_COLUMNS; c++)
        h->col[c] = -1;
    for (size_t i = 0; i < r->n; i++) {
        const sp_csv_cell *cell = sp_csv_cell_at(t, r, i);
        if (!*cell->text)
            continue; /* R's unnamed index column, trailing empty cells */
        int c = lookup(map, cell->text);
        char *cut = sp_csv_cut(cell->text);
        if (c < 0) {
            sp_diags_warning(diags, path, cell->line, (int)i + 1,
                             "unknown column \"%s\" ignored", cut);
        } else if (s->columns[c].flags & SP_COL_IGNORED) {
            /* known, not read */
        } else if (h->col[c] >= 0) {
            sp_diags_error(diags, path, cell->line, (int)i + 1,
                           "expected each column once, found \"%s\" again (first in column %d)",
                           cut, h->col[c] + 1);
            errors++;
        } else {
            h->col[c] = (int)i;
        }
        g_free(cut);
    }
    char *listed = NULL;
    for (size_t c = 0; c < s->n_columns; c++) {
        if (!(s->columns[c].flags & SP_COL_REQUIRED) || h->col[c] >= 0)
            continue;
        if (!listed)
            listed = header_listed(t, r);
        char *want = column_described(s, (int)c);
        sp_diags_error(diags, path, h->line, 1,
                       "missing required column %s; the header row found has %s", want, listed);
        g_free(want);
        errors++;
    }
    g_free(listed);
    return errors;
}

/* A hint when the first rows are single cells holding two or more ";" or
 * tabs, as a spreadsheet set to a European locale (or saving "Text (Tab
 * delimited)") writes them; else "". */
static const char *separator_hint(const sp_csv_table *t)
{
    for (size_t i = 0; i < t->rows->len && i < 5; i++) {
        const sp_csv_row *r = sp_csv_row_at(t, i);
        if (r->n != 1)
            continue;
        const char *text = sp_csv_cell_at(t, r, 0)->text;
        size_t semi = 0, tab = 0;
        for (const char *p = text; *p; p++)
            semi += *p == ';', tab += *p == '\t';
        if (semi >= 2)
            return " (cells seem to be separated by \";\": save the file as CSV with commas)";
        if (tab >= 2)
            return " (cells seem to be separated by tabs: save the file as CSV with commas)";
    }
    return "";
}

int sp_header_find(sp_header *h, const sp_csv_table *t, const sp_schema *const *schemas,
                   size_t n_schemas, const char *path, sp_diags *diags)
{
    *h = (sp_header){0};
    if (!t->opened)
        return 0; /* already reported by sp_csv_read */
    GHashTable **maps = g_new0(GHashTable *, n_schemas);
    for (size_t k = 0; k < n_schemas; k++)
        maps[k] = name_map(schemas[k]);
    int best = -1, best_score = -1, tied = -1;
    for (size_t i = 0; i < t->rows->len && best < 0; i++) {
        const sp_csv_row *r = sp_csv_row_at(t, i);
        for (size_t k = 0; k < n_schemas; k++) {
            int sc = score(t, r, schemas[k], maps[k]);
            if (sc > best_score) {
                best = (int)k, best_score = sc, tied = -1;
                h->row = i;
            } else if (sc >= 0 && sc == best_score) {
                tied = (int)k;
            }
        }
    }
    int errors = 0;
    if (best < 0) {
        char *names = sp_header_looked_for(schemas, n_schemas);
        if (t->rows->len == 0)
            sp_diags_error(diags, path, 1, 1,
                           "expected a header row naming %s, found an empty file", names);
        else
            sp_diags_error(diags, path, 1, 1,
                           "expected a header row naming %s, found no such row in %u rows%s",
                           names, t->rows->len, separator_hint(t));
        g_free(names);
        errors++;
    } else if (tied >= 0) {
        const sp_csv_row *r = sp_csv_row_at(t, h->row);
        sp_diags_error(diags, path, r->line, 1,
                       "expected a header for one kind of file, found one that fits both %s "
                       "and %s equally (add the columns that tell them apart, such as the "
                       "outcome column)", schemas[best]->what, schemas[tied]->what);
        errors++;
    } else {
        h->schema = schemas[best];
        const sp_csv_row *r = sp_csv_row_at(t, h->row);
        h->line = r->line;
        h->width = r->n;
        errors += map_columns(h, t, maps[best], path, diags);
    }
    for (size_t k = 0; k < n_schemas; k++)
        g_hash_table_destroy(maps[k]);
    g_free(maps);
    return errors;
}

bool sp_header_present(const sp_csv_table *t, const sp_schema *const *schemas, size_t n_schemas)
{
    bool found = false;
    for (size_t k = 0; k < n_schemas && !found; k++) {
        GHashTable *map = name_map(schemas[k]);
        for (size_t i = 0; i < t->rows->len && !found; i++)
            found = score(t, sp_csv_row_at(t, i), schemas[k], map) >= 0;
        g_hash_table_destroy(map);
    }
    return found;
}
