/* csvtable.c: reading a CSV file into cells with line positions (csvtable.h).
 *
 * Design choice: the whole file is read into memory and handed to libcsv one
 * physical line at a time. Between lines we know which line we are on, so a
 * cell's line is the line its first character is on, even when an earlier
 * quoted cell held newlines. libcsv runs in strict mode: a stray quote is an
 * error for that row (reported, row dropped, reading resumes on the next
 * line) and an unterminated quote is reported at the line it opened. */
#include "csvtable.h"

#include <csv.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>

typedef struct reader {
    sp_csv_table *t;
    const char *path;
    sp_diags *diags;
    int line;       /* line being fed to libcsv */
    int field_line; /* line the pending cell starts on; 0 = not started */
    int row_line;   /* line the current row starts on */
    size_t row_first;
    int errors;
    bool utf8;      /* the whole text is valid UTF-8: no cell need be checked */
} reader;

enum { CSV_OPTIONS = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL };

static bool is_trim(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Bytes of the space at the start (or end) of s: ASCII space, tab, CR, LF,
 * or a no-break space (U+00A0, C2 A0) as spreadsheets and web pages leave
 * around values; 0 if none. s is valid UTF-8, so C2 A0 at the end is one. */
static size_t space_at(const char *s, size_t len, bool start)
{
    if (!len)
        return 0;
    if (is_trim(start ? s[0] : s[len - 1]))
        return 1;
    const char *p = start ? s : s + len - 2;
    return len >= 2 && p[0] == '\xC2' && p[1] == '\xA0' ? 2 : 0;
}

void sp_csv_trim(const char **text, size_t *len)
{
    size_t cut;
    while ((cut = space_at(*text, *len, true)))
        *text += cut, *len -= cut;
    while ((cut = space_at(*text, *len, false)))
        *len -= cut;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    int line = r->field_line ? r->field_line : r->line;
    int column = (int)(r->t->cells->len - r->row_first) + 1;
    if (r->t->cells->len == r->row_first)
        r->row_line = line;
    const char *text = s ? s : "";
    char *fixed = NULL;
    const char *bad = NULL;
    if (!r->utf8 && !g_utf8_validate_len(text, len, &bad)) {
        sp_diags_error(r->diags, r->path, line, column,
                       "expected UTF-8 text, found the byte 0x%02X (save the file as \"CSV UTF-8\")",
                       (unsigned)(unsigned char)*bad);
        r->errors++;
        fixed = g_utf8_make_valid(text, (gssize)len);
        text = fixed;
        len = strlen(fixed);
    }
    sp_csv_trim(&text, &len);
    sp_csv_cell cell = {g_string_chunk_insert_len(r->t->text, text, (gssize)len), line};
    g_array_append_val(r->t->cells, cell);
    g_free(fixed);
    r->field_line = r->line; /* a following cell starts after the comma, on this line */
}

static void on_row(int c, void *data)
{
    reader *r = data;
    sp_csv_row row = {r->row_line, r->row_first, r->t->cells->len - r->row_first};
    if (row.n)
        g_array_append_val(r->t->rows, row);
    r->row_first = r->t->cells->len;
    r->field_line = 0;
}

static bool blank(const char *p, const char *end)
{
    for (; p < end; p++)
        if (!is_trim(*p))
            return false;
    return true;
}

/* Drop the cells of an unfinished row after a quoting error. */
static void drop_row(reader *r)
{
    g_array_set_size(r->t->cells, (guint)r->row_first);
    r->field_line = 0;
}

/* The file opened for reading, or NULL with *err. Devices (/dev/zero, a
 * terminal) are refused: they never end. Pipes are read, so
 * `--inspections <(command)` works. */
static FILE *open_file(const char *path, int *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))) {
        *err = ENODEV;
        fclose(f);
        return NULL;
    }
    return f;
}

/* Read the whole file (open_file). */
static GString *slurp(const char *path, int *err)
{
    FILE *f = open_file(path, err);
    if (!f)
        return NULL;
    /* A regular file is read in one go into a buffer of its size: grown
     * 64 KB at a time, the buffer was copied at each doubling and ended up
     * to twice the file's size (a 180 MB file took 256 MB and 250 MB of
     * copies). Anything else (a pipe), or a file that grew meanwhile, is
     * read on in pieces. */
    struct stat st;
    size_t size = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0
                      ? (size_t)st.st_size : 0;
    GString *buf = g_string_sized_new(size ? size + 1 : 65536);
    if (size) {
        g_string_set_size(buf, size);
        g_string_truncate(buf, fread(buf->str, 1, size, f));
    }
    char tmp[65536];
    size_t n;
    while (!ferror(f) && (n = fread(tmp, 1, sizeof tmp, f)) > 0)
        g_string_append_len(buf, tmp, (gssize)n);
    if (ferror(f)) {
        *err = errno ? errno : EIO;
        g_string_free(buf, TRUE);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* Just past the end of the line at p: LF, CRLF, or CR alone (old Mac files,
 * which libcsv also reads as line ends). */
static const char *line_end(const char *p, const char *end)
{
    for (; p < end; p++) {
        if (*p == '\n')
            return p + 1;
        if (*p == '\r')
            return p + 1 < end && p[1] == '\n' ? p + 2 : p + 1;
    }
    return end;
}

/* Feed buf to libcsv line by line; finish (the last row without a line
 * end, an unterminated quote) only when buf is the whole file. */
static void parse(reader *r, const char *buf, size_t len, bool whole)
{
    struct csv_parser parser;
    csv_init(&parser, CSV_OPTIONS);
    /* checked once for the whole text; cell by cell (to say which) only
     * when it is not all valid */
    r->utf8 = g_utf8_validate_len(buf, len, NULL);
    const char *p = buf, *end = buf + len;
    while (p < end) {
        const char *stop = line_end(p, end);
        r->line++;
        if (!r->field_line && !blank(p, stop))
            r->field_line = r->line;
        size_t want = (size_t)(stop - p);
        if (csv_parse(&parser, p, want, on_field, on_row, r) < want) {
            int column = (int)(r->t->cells->len - r->row_first) + 1;
            if (csv_error(&parser) == CSV_EPARSE)
                sp_diags_error(r->diags, r->path, r->line, column,
                               "expected a quoted cell to end with \" before the next comma or "
                               "line end, found a stray \" (write a quote inside a quoted cell "
                               "as \"\")");
            else
                sp_diags_error(r->diags, r->path, r->line, column, "cannot parse: %s",
                               csv_strerror(csv_error(&parser)));
            r->errors++;
            csv_free(&parser);
            csv_init(&parser, CSV_OPTIONS);
            drop_row(r);
        }
        p = stop;
    }
    if (whole && csv_fini(&parser, on_field, on_row, r) != 0) {
        int column = (int)(r->t->cells->len - r->row_first) + 1;
        sp_diags_error(r->diags, r->path, r->field_line ? r->field_line : r->line, column,
                       "expected a closing \" for the quoted cell that starts here, found the "
                       "end of the file");
        r->errors++;
        drop_row(r);
    }
    csv_free(&parser);
}

/* UTF-16 ("Unicode Text"): a byte order mark, or a NUL in the first two
 * bytes as in ASCII text stored in UTF-16 without one. Reported once rather
 * than as a bad byte in every cell. */
static bool utf16(const char *s, size_t len)
{
    if (len >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF')))
        return true;
    return len >= 2 && (s[0] == '\0' || s[1] == '\0');
}

/* The first max bytes of the file, cut after its last line end when the
 * file is longer (*cut set); NULL with *err when it cannot be read. */
static GString *slurp_head(const char *path, size_t max, bool *cut, int *err)
{
    FILE *f = open_file(path, err);
    if (!f)
        return NULL;
    GString *buf = g_string_sized_new(max + 1);
    size_t n = fread(buf->str, 1, max + 1, f);
    if (ferror(f)) {
        *err = errno ? errno : EIO;
        g_string_free(buf, TRUE);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *cut = n > max;
    if (*cut) {
        n = max;
        while (n > 0 && buf->str[n - 1] != '\n' && buf->str[n - 1] != '\r')
            n--;
    }
    buf->str[n] = '\0';
    buf->len = n;
    return buf;
}

static int read_text(sp_csv_table *t, const char *path, size_t head, sp_diags *diags);

int sp_csv_read(sp_csv_table *t, const char *path, sp_diags *diags)
{
    return read_text(t, path, 0, diags);
}

int sp_csv_read_head(sp_csv_table *t, const char *path, size_t max_bytes, sp_diags *diags)
{
    return read_text(t, path, max_bytes, diags);
}

static int read_text(sp_csv_table *t, const char *path, size_t head, sp_diags *diags)
{
    *t = (sp_csv_table){0};
    t->cells = g_array_new(FALSE, FALSE, sizeof(sp_csv_cell));
    t->rows = g_array_new(FALSE, FALSE, sizeof(sp_csv_row));
    int err = 0;
    bool cut = false;
    GString *buf = head ? slurp_head(path, head, &cut, &err) : slurp(path, &err);
    if (!buf) {
        t->text = g_string_chunk_new(64);
        if (err == ENODEV)
            sp_diags_error(diags, path, 0, 0, "expected a CSV file, found a device");
        else
            sp_diags_error(diags, path, 0, 0, "cannot read: %s", g_strerror(err));
        return 1;
    }
    t->text = g_string_chunk_new(buf->len + 64);
    const char *s = buf->str;
    size_t len = buf->len;
    if (utf16(s, len)) {
        sp_diags_error(diags, path, 1, 1,
                       "expected UTF-8 text, found UTF-16 (save the file as \"CSV UTF-8\")");
        g_string_free(buf, TRUE);
        return 1;
    }
    t->opened = true;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, len -= 3;
    t->partial = cut;
    reader r = {.t = t, .path = path, .diags = diags};
    parse(&r, s, len, !cut);
    g_string_free(buf, TRUE);
    return r.errors;
}

char *sp_csv_cut(const char *text)
{
    bool long_text = g_utf8_strlen(text, -1) > 60;
    char *cut = long_text ? g_utf8_substring(text, 0, 57) : g_strdup(text);
    GString *out = g_string_sized_new(strlen(cut) + 8);
    for (const char *p = cut; *p; p++) {
        if (*p == '\n')
            g_string_append(out, "\\n");
        else if (*p == '\r')
            g_string_append(out, "\\r");
        else if (*p == '\t')
            g_string_append(out, "\\t");
        else if ((unsigned char)*p < 0x20 || *p == 0x7F)
            g_string_append_printf(out, "\\x%02X", (unsigned)(unsigned char)*p);
        else
            g_string_append_c(out, *p);
    }
    if (long_text)
        g_string_append(out, "...");
    g_free(cut);
    return g_string_free(out, FALSE);
}

void sp_csv_clear(sp_csv_table *t)
{
    if (t->text)
        g_string_chunk_free(t->text);
    if (t->cells)
        g_array_free(t->cells, TRUE);
    if (t->rows)
        g_array_free(t->rows, TRUE);
    *t = (sp_csv_table){0};
}
