/* sheet_book.c: telling a spreadsheet by its content, opening its zip
 * container safely, and the parts of sheet.h shared by ODS and XLSX.
 *
 * Design choice: every refusal is one line about the whole file: a zip
 * that is damaged, encrypted, or would unpack beyond SP_SHEET_MAX_PART (or
 * more than 100 times its packed size once past 8 MiB, as no real sheet
 * compresses that well) is refused before any XML is parsed. */
#include "sheet_book.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { BOMB_RATIO = 100, BOMB_FLOOR = 8 * 1024 * 1024 };

static const char ODS_MIME[] = "application/vnd.oasis.opendocument.spreadsheet";
static const char OLE2_MAGIC[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

static bool has_entry(zip_t *z, const char *name)
{
    return zip_name_locate(z, name, 0) >= 0;
}

/* The zip's mimetype entry starts with the ODS type. */
static bool ods_mimetype(zip_t *z)
{
    zip_file_t *f = zip_fopen(z, "mimetype", 0);
    if (!f)
        return false;
    char buf[sizeof ODS_MIME] = {0};
    zip_int64_t n = zip_fread(f, buf, sizeof buf - 1);
    zip_fclose(f);
    return n == (zip_int64_t)sizeof ODS_MIME - 1 && memcmp(buf, ODS_MIME, sizeof ODS_MIME - 1) == 0;
}

sp_file_format sp_sheet_sniff(const char *path)
{
    /* A pipe (--inspections <(command)) is read once, as CSV: looking at its
     * first bytes here would take them from the CSV reader. */
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
        return SP_FORMAT_TEXT;
    FILE *f = fopen(path, "rb");
    if (!f)
        return SP_FORMAT_TEXT;
    unsigned char head[8] = {0};
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n == 8 && memcmp(head, OLE2_MAGIC, 8) == 0)
        return SP_FORMAT_OLE2;
    if (n < 4 || head[0] != 'P' || head[1] != 'K' || !((head[2] == 3 && head[3] == 4) ||
                                                       (head[2] == 5 && head[3] == 6)))
        return SP_FORMAT_TEXT;
    zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
    if (!z)
        return SP_FORMAT_ZIP;
    sp_file_format fmt = SP_FORMAT_ZIP;
    if (ods_mimetype(z) || (!has_entry(z, "mimetype") && has_entry(z, "content.xml")))
        fmt = SP_FORMAT_ODS;
    else if (has_entry(z, "xl/workbook.xml"))
        fmt = SP_FORMAT_XLSX;
    zip_discard(z);
    return fmt;
}

/* An OLE2 file holding an "EncryptedPackage" stream (its name is stored in
 * UTF-16LE in the directory) is an Office file saved with a password. */
static bool ole2_encrypted(const char *path)
{
    static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    gchar *data = NULL;
    gsize len = 0;
    bool found = false;
    if (g_file_get_contents(path, &data, &len, NULL))
        for (gsize i = 0; !found && i + sizeof name - 1 <= len; i++)
            found = data[i] == 'E' && memcmp(data + i, name, sizeof name - 1) == 0;
    g_free(data);
    return found;
}

static const char *const ENCRYPTED =
    "expected a spreadsheet without a password, found an encrypted one (open it and save a "
    "copy without a password)";

/* "9.0 MiB" (plain spaces and a locale-free point, unlike g_format_size) */
static char *size_text(zip_uint64_t n)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (n < 1024)
        return g_strdup_printf("%u bytes", (unsigned)n);
    double v = (double)n / 1024;
    int u = 0;
    for (; v >= 1024 && u < 3; u++)
        v /= 1024;
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    return g_strdup_printf("%s %s", g_ascii_formatd(buf, sizeof buf, "%.1f", v), units[u]);
}

struct sp_part {
    sp_book *book;
    char *name;
    zip_file_t *file;
    xmlTextReaderPtr reader;
    zip_uint64_t bytes;
    bool too_big, zip_failed;
    char *xml_error; /* first XML error */
    int xml_line;
};

static int part_read(void *ctx, char *buf, int len)
{
    sp_part *p = ctx;
    zip_int64_t n = zip_fread(p->file, buf, (zip_uint64_t)len);
    if (n < 0) {
        p->zip_failed = true;
        return -1;
    }
    p->bytes += (zip_uint64_t)n;
    if (p->bytes > SP_SHEET_MAX_PART) {
        p->too_big = true;
        return -1;
    }
    return (int)n;
}

static int part_close_cb(void *ctx) { return 0; }

static void part_error(void *ctx, const xmlError *e)
{
    sp_part *p = ctx;
    if (p->xml_error || !e || e->level < XML_ERR_ERROR)
        return;
    p->xml_error = g_strchomp(g_strdup(e->message ? e->message : "unreadable XML"));
    p->xml_line = e->line;
}

/* libxml2's reader calls the handler with a non-const pointer in 2.9. */
static void part_error_cb(void *ctx, xmlErrorPtr e) { part_error(ctx, e); }

sp_part *sp_part_open(sp_book *b, const char *name, bool required, sp_diags *diags)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(b->zip, name, 0, &st) != 0) {
        if (required)
            sp_diags_error(diags, b->path, 0, 0,
                           "expected a complete spreadsheet, found no %s inside it (save it "
                           "again from the spreadsheet program)", name);
        return NULL;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        sp_diags_error(diags, b->path, 0, 0, "%s", ENCRYPTED);
        return NULL;
    }
    bool bomb = (st.valid & ZIP_STAT_SIZE) &&
                (st.size > SP_SHEET_MAX_PART ||
                 ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > BOMB_FLOOR &&
                  st.size / BOMB_RATIO > st.comp_size));
    if (bomb) {
        char *big = size_text(st.size), *small = size_text(st.comp_size),
             *limit = size_text(SP_SHEET_MAX_PART);
        sp_diags_error(diags, b->path, 0, 0,
                       "expected a spreadsheet that unpacks to a sane size, found %s packed in "
                       "%s to unpack to %s (refused as a zip bomb: the limit is %s, or %d "
                       "times the packed size)", name, small, big, limit, BOMB_RATIO);
        g_free(big), g_free(small), g_free(limit);
        return NULL;
    }
    zip_file_t *f = zip_fopen(b->zip, name, 0);
    if (!f) {
        sp_diags_error(diags, b->path, 0, 0,
                       "expected a complete spreadsheet, found a damaged zip file (%s: %s)",
                       name, zip_strerror(b->zip));
        return NULL;
    }
    sp_part *p = g_new0(sp_part, 1);
    p->book = b;
    p->name = g_strdup(name);
    p->file = f;
    p->reader = xmlReaderForIO(part_read, part_close_cb, p, name, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                   XML_PARSE_COMPACT);
    if (p->reader)
        xmlTextReaderSetStructuredErrorHandler(p->reader, part_error_cb, p);
    return p;
}

xmlTextReaderPtr sp_part_reader(sp_part *p) { return p->reader; }

int sp_part_close(sp_part *p, sp_diags *diags)
{
    if (!p)
        return 0;
    int errors = 1;
    const char *path = p->book->path;
    if (p->too_big) {
        char *limit = size_text(SP_SHEET_MAX_PART);
        sp_diags_error(diags, path, 0, 0,
                       "expected a spreadsheet that unpacks to a sane size, found %s unpacking "
                       "beyond %s (refused as a zip bomb)", p->name, limit);
        g_free(limit);
    } else if (p->zip_failed) {
        sp_diags_error(diags, path, 0, 0,
                       "expected a complete spreadsheet, found a damaged zip file (%s: %s; "
                       "download or save it again)", p->name, zip_file_strerror(p->file));
    } else if (p->xml_error || !p->reader ||
               xmlTextReaderReadState(p->reader) == XML_TEXTREADER_MODE_ERROR) {
        sp_diags_error(diags, path, 0, 0,
                       "expected a spreadsheet saved by a spreadsheet program, found damaged "
                       "XML in %s (line %d: %s)", p->name, p->xml_line,
                       p->xml_error ? p->xml_error : "unreadable");
    } else {
        errors = 0;
    }
    if (p->reader)
        xmlFreeTextReader(p->reader);
    zip_fclose(p->file);
    g_free(p->name);
    g_free(p->xml_error);
    g_free(p);
    return errors;
}

char *sp_xml_attr(xmlTextReaderPtr r, const char *name)
{
    char *out = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) != 1)
        return NULL;
    do {
        const char *local = (const char *)xmlTextReaderConstLocalName(r);
        if (local && strcmp(local, name) == 0) {
            out = g_strdup((const char *)xmlTextReaderConstValue(r));
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return out;
}

bool sp_xml_is(xmlTextReaderPtr r, int type, const char *local)
{
    if (xmlTextReaderNodeType(r) != type)
        return false;
    const char *name = (const char *)xmlTextReaderConstLocalName(r);
    return name && strcmp(name, local) == 0;
}

/* ODS: the manifest marks encrypted parts with manifest:encryption-data. */
static bool ods_encrypted(sp_book *b)
{
    sp_diags quiet = {0};
    sp_part *p = sp_part_open(b, "META-INF/manifest.xml", false, &quiet);
    bool found = false;
    while (p && !found && xmlTextReaderRead(sp_part_reader(p)) == 1)
        found = sp_xml_is(sp_part_reader(p), XML_READER_TYPE_ELEMENT, "encryption-data");
    sp_part_close(p, &quiet);
    sp_diags_free(&quiet);
    return found;
}

sp_book *sp_book_open(const char *path, sp_diags *diags)
{
    sp_file_format fmt = sp_sheet_sniff(path);
    if (fmt == SP_FORMAT_OLE2) {
        if (ole2_encrypted(path))
            sp_diags_error(diags, path, 0, 0, "%s", ENCRYPTED);
        else
            sp_diags_error(diags, path, 0, 0,
                           "expected CSV, ODS or XLSX, found a legacy Excel 97-2003 (.xls) "
                           "workbook (save it as .xlsx or .ods)");
        return NULL;
    }
    if (fmt == SP_FORMAT_TEXT) {
        sp_diags_error(diags, path, 0, 0, "expected an ODS or XLSX spreadsheet, found %s",
                       g_file_test(path, G_FILE_TEST_EXISTS) ? "another kind of file"
                                                              : "no such file");
        return NULL;
    }
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        sp_diags_error(diags, path, 0, 0,
                       "expected a complete spreadsheet, found a damaged zip file (%s; "
                       "download or save it again)", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return NULL;
    }
    if (fmt == SP_FORMAT_ZIP) {
        sp_diags_error(diags, path, 0, 0,
                       "expected CSV, ODS or XLSX, found a zip file that is neither an ODS "
                       "spreadsheet (no mimetype %s) nor an XLSX workbook (no xl/workbook.xml)",
                       ODS_MIME);
        zip_discard(z);
        return NULL;
    }
    sp_book *b = g_new0(sp_book, 1);
    b->path = g_strdup(path);
    b->format = fmt;
    b->zip = z;
    b->names = g_ptr_array_new_with_free_func(g_free);
    b->parts = g_ptr_array_new_with_free_func(g_free);
    int errors = 0;
    if (fmt == SP_FORMAT_ODS && ods_encrypted(b)) {
        sp_diags_error(diags, path, 0, 0, "%s", ENCRYPTED);
        errors = 1;
    } else {
        errors = fmt == SP_FORMAT_ODS ? sp_ods_names(b, diags) : sp_xlsx_names(b, diags);
    }
    if (errors) {
        sp_book_close(b);
        return NULL;
    }
    return b;
}

void sp_book_close(sp_book *b)
{
    if (!b)
        return;
    zip_discard(b->zip);
    g_free(b->path);
    g_ptr_array_free(b->names, TRUE);
    g_ptr_array_free(b->parts, TRUE);
    if (b->shared)
        g_ptr_array_free(b->shared, TRUE);
    if (b->date_styles)
        g_array_free(b->date_styles, TRUE);
    g_free(b);
}

sp_file_format sp_book_format(const sp_book *b) { return b->format; }
size_t sp_book_sheets(const sp_book *b) { return b->names->len; }
const char *sp_book_sheet_name(const sp_book *b, size_t i)
{
    return g_ptr_array_index(b->names, i);
}

int sp_book_find_sheet(const sp_book *b, const char *name)
{
    for (guint i = 0; i < b->names->len; i++)
        if (strcmp(g_ptr_array_index(b->names, i), name) == 0)
            return (int)i;
    for (guint i = 0; i < b->names->len; i++) {
        char *a = g_utf8_casefold(g_ptr_array_index(b->names, i), -1);
        char *want = g_utf8_casefold(name, -1);
        bool same = strcmp(a, want) == 0;
        g_free(a), g_free(want);
        if (same)
            return (int)i;
    }
    return -1;
}

char *sp_book_sheet_list(const sp_book *b)
{
    GString *out = g_string_new(NULL);
    for (guint i = 0; i < b->names->len; i++)
        g_string_append_printf(out, "%s\"%s\"", i ? ", " : "",
                               (const char *)g_ptr_array_index(b->names, i));
    return g_string_free(out, FALSE);
}

int sp_book_read(sp_book *b, size_t i, sp_sheet *out, sp_diags *diags)
{
    sp_sheet_init(out, i < b->names->len ? sp_book_sheet_name(b, i) : "");
    if (i >= b->names->len)
        return 0;
    return b->format == SP_FORMAT_ODS ? sp_ods_read(b, i, out, diags)
                                      : sp_xlsx_read(b, i, out, diags);
}

void sp_sheet_init(sp_sheet *s, const char *name)
{
    *s = (sp_sheet){0};
    s->name = g_strdup(name);
    s->text = g_string_chunk_new(4096);
    s->cells = g_array_new(FALSE, FALSE, sizeof(sp_sheet_cell));
    s->rows = g_array_new(FALSE, FALSE, sizeof(sp_sheet_row));
}

void sp_sheet_clear(sp_sheet *s)
{
    g_free(s->name);
    if (s->text)
        g_string_chunk_free(s->text);
    if (s->cells)
        g_array_free(s->cells, TRUE);
    if (s->rows)
        g_array_free(s->rows, TRUE);
    *s = (sp_sheet){0};
}

void sp_sheet_add(sp_sheet *s, int row, int col, sp_cell_type type, const char *text,
                  double number, sp_date date)
{
    sp_sheet_cell c = {type, row, col, g_string_chunk_insert_const(s->text, text), number, date};
    g_array_append_val(s->cells, c);
}

void sp_sheet_end_row(sp_sheet *s, int row)
{
    size_t first = 0;
    if (s->rows->len) {
        const sp_sheet_row *last = sp_sheet_row_at(s, s->rows->len - 1);
        first = last->first + last->n;
    }
    if (s->cells->len > first) {
        sp_sheet_row r = {row, first, s->cells->len - first};
        g_array_append_val(s->rows, r);
    }
}

char *sp_sheet_number_text(double x)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
    double ax = x < 0 ? -x : x;
    if (ax == 0)
        return g_strdup("0");
    if (ax >= 1e-6 && ax < 1e15) {
        for (int d = 0; d <= 17; d++) {
            char fmt[8];
            snprintf(fmt, sizeof fmt, "%%.%df", d);
            g_ascii_formatd(buf, sizeof buf, fmt, x);
            if (g_ascii_strtod(buf, NULL) == x)
                return g_strdup(buf);
        }
    }
    return g_strdup(g_ascii_dtostr(buf, sizeof buf, x));
}

sp_date sp_sheet_serial_date(double serial, bool date1904)
{
    if (!(serial >= 0 && serial < 2958466)) /* up to 9999-12-31 */
        return 0;
    long days = (long)serial;
    if (date1904)
        return sp_date_from_epoch(((int64_t)days - 24107) * 86400);
    if (days == 0 || days == 60)
        return 0; /* 0 January 1900, and Lotus's 29 February 1900 */
    if (days < 60)
        days++; /* Excel counts the 29 February 1900 that never was */
    return sp_date_from_epoch(((int64_t)days - 25569) * 86400);
}
