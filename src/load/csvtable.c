/* csvtable.c: reading a CSV file into cells with line positions (csvtable.h).
 *
 * Design choice: the file is read a megabyte at a time and handed to libcsv
 * one physical line at a time. Between lines we know which line we are on, so a
 * cell's line is the line its first character is on, even when an earlier
 * quoted cell held newlines. libcsv runs in strict mode: a stray quote is an
 * error for that row (reported, row dropped, reading resumes on the next
 * line) and an unterminated quote is reported at the line it opened.
 * Read in batches (sp_csv_read_batch), the table holds one batch of rows
 * at a time, so a 170 MB file is loaded in a few megabytes, not in 700
 * (its text, and 16 bytes for each of its 19 million cells). */
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
    int end_line;   /* line the last row ended on */
    size_t row_first;
    int errors;
    bool utf8;      /* all the text checked so far is valid UTF-8: no cell need be checked */
} reader;

/* A file being read: the bytes read and not yet fed to libcsv, and libcsv's
 * state between batches. */
struct sp_csv_more {
    FILE *f;        /* NULL once every byte is in buf */
    char *path;
    GString *buf;
    size_t pos;     /* the next byte of buf to feed */
    size_t checked; /* buf up to here is checked as UTF-8 (it ends at a line end) */
    bool eof;       /* nothing more to read into buf */
    bool whole;     /* the end of buf is the end of the file: finish the last row there */
    int err;        /* errno of a failed read, reported at the end */
    size_t batch;
    struct csv_parser parser;
    reader r;
};

enum { CSV_OPTIONS = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL };
enum { READ_CHUNK = 1 << 20 };

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
    r->end_line = r->line;
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

/* Check what buf holds up to its last line end (all of it at the end of
 * the file) as UTF-8: only whole lines are fed, so every byte of a cell is
 * checked before the cell is made. Once a bad byte is found, each cell is
 * checked on its own, to say which. */
static void check_utf8(sp_csv_more *m)
{
    size_t upto = m->buf->len;
    if (!m->eof)
        while (upto > m->checked && m->buf->str[upto - 1] != '\n' && m->buf->str[upto - 1] != '\r')
            upto--;
    if (upto > m->checked && m->r.utf8 &&
        !g_utf8_validate_len(m->buf->str + m->checked, upto - m->checked, NULL))
        m->r.utf8 = false;
    m->checked = MAX(m->checked, upto);
}

/* Read the next piece of the file into buf, after what is still to feed. */
static void fill(sp_csv_more *m)
{
    if (m->pos) {
        g_string_erase(m->buf, 0, (gssize)m->pos);
        m->checked = m->checked > m->pos ? m->checked - m->pos : 0;
        m->pos = 0;
    }
    size_t old = m->buf->len;
    g_string_set_size(m->buf, old + READ_CHUNK);
    size_t n = fread(m->buf->str + old, 1, READ_CHUNK, m->f);
    g_string_truncate(m->buf, old + n);
    if (n < READ_CHUNK) {
        if (ferror(m->f))
            m->err = errno ? errno : EIO;
        m->eof = true;
    }
    check_utf8(m);
}

/* The next line in buf from pos, with its end (LF, CRLF, or CR alone, as
 * old Mac files end lines and libcsv reads them), reading on as needed;
 * false when the text is all fed. A CR at the end of what was read waits
 * for the next byte, which may be its LF. */
static bool next_line(sp_csv_more *m, const char **line, size_t *len)
{
    for (;;) {
        const char *s = m->buf->str + m->pos, *end = m->buf->str + m->buf->len, *p = s;
        bool ended = false, wait = false;
        while (p < end && !ended && !wait) {
            char c = *p++;
            if (c == '\n') {
                ended = true;
            } else if (c == '\r' && p < end) {
                p += *p == '\n';
                ended = true;
            } else if (c == '\r') {
                ended = m->eof;
                wait = !m->eof;
            }
        }
        if (!wait && (ended || (m->eof && p > s))) {
            *line = s;
            *len = (size_t)(p - s);
            return true;
        }
        if (m->eof)
            return false;
        fill(m);
    }
}

/* Feed whole lines to libcsv until the text ends or, with a batch, until
 * the table holds that many rows and a row has just ended; finish (the
 * last row without a line end, an unterminated quote) at the end of a
 * whole file. Returns true at the end of the text. */
static bool feed(sp_csv_more *m, size_t batch)
{
    reader *r = &m->r;
    const char *p;
    size_t want;
    for (;;) {
        if (batch && r->t->rows->len >= batch && r->end_line == r->line)
            return false;
        if (!next_line(m, &p, &want))
            break;
        m->pos += want;
        r->line++;
        if (!r->field_line && !blank(p, p + want))
            r->field_line = r->line;
        if (csv_parse(&m->parser, p, want, on_field, on_row, r) < want) {
            int column = (int)(r->t->cells->len - r->row_first) + 1;
            if (csv_error(&m->parser) == CSV_EPARSE)
                sp_diags_error(r->diags, r->path, r->line, column,
                               "expected a quoted cell to end with \" before the next comma or "
                               "line end, found a stray \" (write a quote inside a quoted cell "
                               "as \"\")");
            else
                sp_diags_error(r->diags, r->path, r->line, column, "cannot parse: %s",
                               csv_strerror(csv_error(&m->parser)));
            r->errors++;
            csv_free(&m->parser);
            csv_init(&m->parser, CSV_OPTIONS);
            drop_row(r);
        }
    }
    if (m->whole && csv_fini(&m->parser, on_field, on_row, r) != 0) {
        int column = (int)(r->t->cells->len - r->row_first) + 1;
        sp_diags_error(r->diags, r->path, r->field_line ? r->field_line : r->line, column,
                       "expected a closing \" for the quoted cell that starts here, found the "
                       "end of the file");
        r->errors++;
        drop_row(r);
    }
    if (m->err) {
        sp_diags_error(r->diags, r->path, 0, 0, "cannot read: %s", g_strerror(m->err));
        r->errors++;
    }
    return true;
}

static void more_free(sp_csv_more *m)
{
    if (!m)
        return;
    if (m->f)
        fclose(m->f);
    csv_free(&m->parser);
    g_string_free(m->buf, TRUE);
    g_free(m->path);
    g_free(m);
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
static GString *slurp_head(FILE *f, size_t max, bool *cut, int *err)
{
    GString *buf = g_string_sized_new(max + 1);
    size_t n = fread(buf->str, 1, max + 1, f);
    if (ferror(f)) {
        *err = errno ? errno : EIO;
        g_string_free(buf, TRUE);
        return NULL;
    }
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

/* Open path into t and read its first batch rows (all with batch 0), or
 * its first head bytes' rows (head > 0). */
static int read_text(sp_csv_table *t, const char *path, size_t head, size_t batch,
                     sp_diags *diags)
{
    *t = (sp_csv_table){0};
    t->cells = g_array_new(FALSE, FALSE, sizeof(sp_csv_cell));
    t->rows = g_array_new(FALSE, FALSE, sizeof(sp_csv_row));
    t->text = g_string_chunk_new(65536);
    int err = 0;
    bool cut = false;
    FILE *f = open_file(path, &err);
    GString *buf = f && head ? slurp_head(f, head, &cut, &err) : NULL;
    if (!f || (head && !buf)) {
        if (err == ENODEV)
            sp_diags_error(diags, path, 0, 0, "expected a CSV file, found a device");
        else
            sp_diags_error(diags, path, 0, 0, "cannot read: %s", g_strerror(err));
        if (f)
            fclose(f);
        return 1;
    }
    sp_csv_more *m = g_new0(sp_csv_more, 1);
    m->path = g_strdup(path);
    m->batch = batch;
    m->r = (reader){.t = t, .path = m->path, .diags = diags, .utf8 = true};
    csv_init(&m->parser, CSV_OPTIONS);
    if (head) {
        fclose(f);
        m->buf = buf;
        m->eof = true;
        m->whole = !cut;
        check_utf8(m);
    } else {
        m->f = f;
        m->buf = g_string_sized_new(READ_CHUNK + 1);
        m->whole = true;
        fill(m);
    }
    if (m->err) {
        sp_diags_error(diags, path, 0, 0, "cannot read: %s", g_strerror(m->err));
        more_free(m);
        return 1;
    }
    if (utf16(m->buf->str, m->buf->len)) {
        sp_diags_error(diags, path, 1, 1,
                       "expected UTF-8 text, found UTF-16 (save the file as \"CSV UTF-8\")");
        more_free(m);
        return 1;
    }
    t->opened = true;
    t->partial = cut;
    if (m->buf->len >= 3 && memcmp(m->buf->str, "\xEF\xBB\xBF", 3) == 0)
        m->pos = 3;
    bool ended = feed(m, batch);
    int errors = m->r.errors;
    if (ended)
        more_free(m);
    else
        t->more = m;
    return errors;
}

int sp_csv_read(sp_csv_table *t, const char *path, sp_diags *diags)
{
    return read_text(t, path, 0, 0, diags);
}

int sp_csv_read_head(sp_csv_table *t, const char *path, size_t max_bytes, sp_diags *diags)
{
    return read_text(t, path, max_bytes, 0, diags);
}

int sp_csv_read_batch(sp_csv_table *t, const char *path, size_t batch, sp_diags *diags)
{
    return read_text(t, path, 0, batch ? batch : 1, diags);
}

int sp_csv_read_more(sp_csv_table *t, bool rest, sp_diags *diags)
{
    sp_csv_more *m = t->more;
    if (!m)
        return 0;
    int before = m->r.errors;
    m->r.t = t;
    m->r.diags = diags;
    if (!rest) {
        /* a batch ends where a row has ended, so no cell is pending */
        g_array_set_size(t->cells, 0);
        g_array_set_size(t->rows, 0);
        g_string_chunk_clear(t->text);
        m->r.row_first = 0;
    }
    bool ended = feed(m, rest ? 0 : m->batch);
    int added = m->r.errors - before;
    if (ended) {
        more_free(m);
        t->more = NULL;
    }
    return added;
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
    more_free(t->more);
    if (t->text)
        g_string_chunk_free(t->text);
    if (t->cells)
        g_array_free(t->cells, TRUE);
    if (t->rows)
        g_array_free(t->rows, TRUE);
    *t = (sp_csv_table){0};
}
