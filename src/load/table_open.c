/* table_open.c: reading any input file into the loader's table, finding a
 * spreadsheet's data sheet by its header row (table_open.h).
 *
 * Design choice: the format comes from the file's content (sp_sheet_sniff),
 * never its name; a sheet is chosen by the same header matching as a CSV
 * file's header row, so a workbook's cover, contents and notes sheets are
 * passed over without a list of names to maintain (they are only tried
 * last, as they never hold the data). */
#include "table_open.h"

#include <string.h>

#include "sendpack/sheet.h"

void sp_source_clear(sp_source *src)
{
    g_free(src->file);
    g_free(src->sheet);
    g_free(src->where);
    *src = (sp_source){0};
}

/* "data.ods#Sheet 1" -> "data.ods" and "Sheet 1", when data.ods exists and
 * the whole path does not. */
static void split_sheet(const char *path, char **file, char **sheet)
{
    const char *hash = strrchr(path, '#');
    *file = NULL, *sheet = NULL;
    if (hash && hash != path && !g_file_test(path, G_FILE_TEST_EXISTS)) {
        char *prefix = g_strndup(path, (gsize)(hash - path));
        if (g_file_test(prefix, G_FILE_TEST_EXISTS)) {
            *file = prefix;
            *sheet = g_strdup(hash + 1);
            return;
        }
        g_free(prefix);
    }
    *file = g_strdup(path);
}

/* The sheet's cells as rows of the table, empty cells filled in so a cell's
 * index is its column - 1. */
static void fill_table(sp_csv_table *t, const sp_sheet *s)
{
    GPtrArray *line = g_ptr_array_new();
    for (guint i = 0; i < s->rows->len; i++) {
        const sp_sheet_row *r = sp_sheet_row_at(s, i);
        g_ptr_array_set_size(line, 0);
        for (size_t k = 0; k < r->n; k++) {
            const sp_sheet_cell *c = sp_sheet_cell_at(s, r, k);
            if ((guint)c->col > line->len)
                g_ptr_array_set_size(line, (guint)c->col);
            g_ptr_array_index(line, (guint)c->col - 1) = (gpointer)c->text;
        }
        sp_csv_row row = {r->row, t->cells->len, 0};
        for (guint k = 0; k < line->len; k++) {
            const char *text = g_ptr_array_index(line, k);
            size_t len = text ? strlen(text) : 0;
            if (text)
                sp_csv_trim(&text, &len);
            sp_csv_cell cell = {g_string_chunk_insert_len(t->text, text ? text : "", (gssize)len),
                                r->row};
            g_array_append_val(t->cells, cell);
        }
        row.n = t->cells->len - row.first;
        if (row.n)
            g_array_append_val(t->rows, row);
    }
    g_ptr_array_free(line, TRUE);
}

static void table_init(sp_csv_table *t)
{
    *t = (sp_csv_table){0};
    t->text = g_string_chunk_new(4096);
    t->cells = g_array_new(FALSE, FALSE, sizeof(sp_csv_cell));
    t->rows = g_array_new(FALSE, FALSE, sizeof(sp_csv_row));
}

/* Read sheet i into t (emptied first). Returns the errors added. */
static int read_sheet(sp_book *b, size_t i, sp_csv_table *t, sp_diags *diags)
{
    sp_csv_clear(t);
    table_init(t);
    sp_sheet s;
    int errors = sp_book_read(b, i, &s, diags);
    fill_table(t, &s);
    sp_sheet_clear(&s);
    t->opened = errors == 0;
    return errors;
}

static bool front_matter(const char *name)
{
    static const char *const names[] = {"cover", "contents", "notes", "guidance",
                                        "information", "readme", "metadata", NULL};
    char *norm = sp_normalise(name);
    bool found = false;
    for (int i = 0; names[i] && !found; i++)
        found = g_str_has_prefix(norm, names[i]);
    g_free(norm);
    return found;
}

/* The data sheet: the first (data sheets before front matter) whose rows
 * hold a header for one of the kinds; read into t. -1 if none. */
static int find_sheet(sp_book *b, sp_csv_table *t, const sp_schema *const *schemas,
                      size_t n_schemas, sp_diags *diags, int *errors)
{
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < sp_book_sheets(b); i++) {
            if (front_matter(sp_book_sheet_name(b, i)) != (pass == 1))
                continue;
            *errors += read_sheet(b, i, t, diags);
            if (*errors)
                return -1;
            if (sp_header_present(t, schemas, n_schemas))
                return (int)i;
        }
    }
    return -1;
}

int sp_table_open(sp_csv_table *t, sp_source *src, const char *path,
                  const sp_schema *const *schemas, size_t n_schemas, sp_diags *diags)
{
    *src = (sp_source){0};
    char *sheet = NULL;
    split_sheet(path, &src->file, &sheet);
    sp_file_format fmt = sp_sheet_sniff(src->file);
    if (fmt == SP_FORMAT_TEXT) {
        g_free(sheet);
        src->where = g_strdup(src->file);
        int errors = sp_csv_read_batch(t, src->file, SP_CSV_BATCH_ROWS, diags);
        /* the header is looked for in the first batch, else in the whole file */
        if (t->more && !sp_header_present(t, schemas, n_schemas))
            errors += sp_csv_read_more(t, true, diags);
        return errors;
    }
    table_init(t);
    src->where = g_strdup(src->file);
    sp_book *b = sp_book_open(src->file, diags);
    if (!b) {
        g_free(sheet);
        return 1;
    }
    int errors = 0, found = -1;
    if (sheet) {
        found = sp_book_find_sheet(b, sheet);
        if (found < 0) {
            char *list = sp_book_sheet_list(b);
            sp_diags_error(diags, src->file, 0, 0,
                           "expected a sheet named \"%s\", found only the sheets %s", sheet,
                           list);
            g_free(list);
            errors++;
        } else {
            errors += read_sheet(b, (size_t)found, t, diags);
        }
    } else {
        found = find_sheet(b, t, schemas, n_schemas, diags, &errors);
        if (found < 0 && !errors) {
            char *list = sp_book_sheet_list(b), *names = sp_header_looked_for(schemas, n_schemas);
            sp_diags_error(diags, src->file, 0, 0,
                           "expected a sheet with a header row naming %s, found none among the "
                           "sheets %s (name the sheet with --sheet, or as file#Sheet in the "
                           "config)", names, list);
            g_free(list), g_free(names);
            errors++;
        }
    }
    if (found >= 0 && !errors) {
        src->sheet = g_strdup(sp_book_sheet_name(b, (size_t)found));
        g_free(src->where);
        src->where = g_strdup_printf("%s[%s]", src->file, src->sheet);
    } else {
        t->opened = false;
        g_array_set_size(t->rows, 0);
    }
    g_free(sheet);
    sp_book_close(b);
    return errors;
}
