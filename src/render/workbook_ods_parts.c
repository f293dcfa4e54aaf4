/* workbook_ods_parts.c: the ODS writer's XML helpers (straight into a
 * GString: libxml2's xmlTextWriter, which wrote these files before, cost
 * most of the time to make the ODS) and every part of the package but the sheets: automatic
 * styles (number formats and cell formats from the workbook description's
 * format table), styles.xml (A4 page layouts, en-GB), meta.xml (title,
 * subject, language, a fixed creation date), settings.xml (frozen header
 * rows, hidden grid, active sheet) and META-INF/manifest.xml.
 *
 * Design choice: the cell styles are generated from WB_FORMATS, the same
 * table the XLSX writer makes its formats from, so a format cannot look one
 * way in one file and another way in the other. */
#include "workbook_ods.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const NAMESPACES[][2] = {
    {"xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"},
    {"xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"},
    {"xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0"},
    {"xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0"},
    {"xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"},
    {"xmlns:number", "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"},
    {"xmlns:xlink", "http://www.w3.org/1999/xlink"},
    {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
    {"xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"},
    {"xmlns:config", "urn:oasis:names:tc:opendocument:xmlns:config:1.0"},
    {"xmlns:of", "urn:oasis:names:tc:opendocument:xmlns:of:1.2"},
};

/* Text with the characters XML reserves escaped, as libxml2's
 * xmlTextWriter escaped them (the files stay byte for byte those it wrote):
 * in text & < > " and carriage returns; in attribute values also line
 * feeds and tabs, so they survive attribute-value normalisation. */
static void escaped(GString *out, const char *s, size_t len, bool attr)
{
    const char *run = s, *end = s + len;
    for (const char *p = s; p < end; p++) {
        const char *e;
        switch (*p) {
        case '&': e = "&amp;"; break;
        case '<': e = "&lt;"; break;
        case '>': e = "&gt;"; break;
        case '"': e = "&quot;"; break;
        case '\r': e = "&#13;"; break;
        case '\n': e = attr ? "&#10;" : NULL; break;
        case '\t': e = attr ? "&#9;" : NULL; break;
        default: e = NULL;
        }
        if (!e)
            continue;
        g_string_append_len(out, run, p - run);
        g_string_append(out, e);
        run = p + 1;
    }
    g_string_append_len(out, run, end - run);
}

/* Close the start tag of the element being written, if still open. */
static void close_start(ods_xml *x)
{
    if (x->open)
        g_string_append_c(x->out, '>');
    x->open = false;
}

void ods_xml_begin(ods_xml *x, const char *root)
{
    x->out = g_string_sized_new(4096);
    x->names = g_ptr_array_new();
    x->open = false;
    g_string_append(x->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    ods_el(x, root);
    if (strncmp(root, "manifest:", 9) == 0) {
        ods_attr(x, "xmlns:manifest", "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");
        ods_attr(x, "manifest:version", ODS_VERSION);
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(NAMESPACES); i++)
        ods_attr(x, NAMESPACES[i][0], NAMESPACES[i][1]);
    ods_attr(x, "office:version", ODS_VERSION);
}

void ods_xml_end(ods_xml *x)
{
    while (x->names->len)
        ods_end(x);
    g_string_append_c(x->out, '\n');
}

void ods_xml_free(ods_xml *x)
{
    if (x->out)
        g_string_free(x->out, TRUE);
    if (x->names)
        g_ptr_array_free(x->names, TRUE);
    x->out = NULL;
    x->names = NULL;
}

void ods_el(ods_xml *x, const char *name)
{
    close_start(x);
    g_string_append_c(x->out, '<');
    g_string_append(x->out, name);
    g_ptr_array_add(x->names, (gpointer)name);
    x->open = true;
}

void ods_end(ods_xml *x)
{
    if (!x->names->len)
        return;
    const char *name = g_ptr_array_steal_index(x->names, x->names->len - 1);
    if (x->open) {
        g_string_append(x->out, "/>");
        x->open = false;
    } else {
        g_string_append(x->out, "</");
        g_string_append(x->out, name);
        g_string_append_c(x->out, '>');
    }
}

void ods_attr(ods_xml *x, const char *name, const char *value)
{
    g_string_append_c(x->out, ' ');
    g_string_append(x->out, name);
    g_string_append(x->out, "=\"");
    escaped(x->out, value, strlen(value), true);
    g_string_append_c(x->out, '"');
}

void ods_attrf(ods_xml *x, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *v = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    ods_attr(x, name, v);
    g_free(v);
}

void ods_attr_num(ods_xml *x, const char *name, const char *prefix, unsigned long n)
{
    char digits[24];
    size_t k = sizeof digits;
    digits[--k] = '\0';
    do
        digits[--k] = (char)('0' + n % 10);
    while ((n /= 10) > 0);
    g_string_append_c(x->out, ' ');
    g_string_append(x->out, name);
    g_string_append(x->out, "=\"");
    g_string_append(x->out, prefix);
    g_string_append(x->out, digits + k);
    g_string_append_c(x->out, '"');
}

void ods_text(ods_xml *x, const char *text)
{
    close_start(x);
    escaped(x->out, text, strlen(text), false);
}

/* The first len bytes of text, inside the element being written. */
static void text_len(ods_xml *x, const char *text, size_t len)
{
    close_start(x);
    escaped(x->out, text, len, false);
}

void ods_leaf(ods_xml *x, const char *name, const char *text)
{
    ods_el(x, name);
    ods_text(x, text ? text : "");
    ods_end(x);
}

static void flush(ods_xml *x, GString *run)
{
    if (run->len)
        ods_text(x, run->str);
    g_string_truncate(run, 0);
}

static void spaces(ods_xml *x, size_t n)
{
    ods_el(x, "text:s");
    if (n > 1)
        ods_attr_num(x, "text:c", "", n);
    ods_end(x);
}

/* One paragraph: ODF collapses white space, so tabs and runs of spaces are
 * written as elements. */
static void paragraph(ods_xml *x, const char *s, size_t len)
{
    ods_el(x, "text:p");
    /* Most cells: no tab, control character or run of spaces, no space at
     * either end: the text as it is. */
    bool plain = len == 0 || (s[0] != ' ' && s[len - 1] != ' ');
    for (size_t i = 0; plain && i < len; i++)
        plain = (unsigned char)s[i] >= 0x20 && !(s[i] == ' ' && s[i + 1] == ' ');
    if (plain) {
        if (len)
            text_len(x, s, len);
        ods_end(x);
        return;
    }
    GString *run = g_string_new(NULL);
    for (size_t i = 0; i < len;) {
        if (s[i] == '\t') {
            flush(x, run);
            ods_el(x, "text:tab");
            ods_end(x);
            i++;
        } else if (s[i] == ' ') {
            size_t n = 0;
            while (i + n < len && s[i + n] == ' ')
                n++;
            bool edge = i == 0 || i + n == len;
            if (!edge)
                g_string_append_c(run, ' ');
            flush(x, run);
            if (edge || n > 1)
                spaces(x, edge ? n : n - 1);
            i += n;
        } else if ((unsigned char)s[i] < 0x20) {
            g_string_append(run, "\xEF\xBF\xBD"); /* U+FFFD */
            i++;
        } else {
            g_string_append_c(run, s[i]);
            i++;
        }
    }
    flush(x, run);
    g_string_free(run, TRUE);
    ods_end(x);
}

void ods_paragraphs(ods_xml *x, const char *text)
{
    const char *p = text ? text : "";
    for (;;) {
        size_t n = strcspn(p, "\r\n");
        paragraph(x, p, n);
        if (!p[n])
            break;
        p += n + (p[n] == '\r' && p[n + 1] == '\n' ? 2 : 1);
    }
}

void ods_column_style_name(char *buf, size_t n, double width)
{
    snprintf(buf, n, "co_%ld", lround(width * 100));
}

void ods_row_style_name(char *buf, size_t n, double height)
{
    snprintf(buf, n, "ro_%ld", lround(height * 100));
}

/* ---- number styles ------------------------------------------------------ */

const char *ods_data_style(wb_numfmt n)
{
    switch (n) {
    case WB_NUM_GENERAL: return NULL;
    case WB_NUM_COUNT: return "N_count";
    case WB_NUM_DECIMAL: return "N_decimal";
    case WB_NUM_PCT: return "N_pct";
    case WB_NUM_GBP: return "N_gbp";
    case WB_NUM_DATE: return "N_date";
    case WB_NUM_MONTH: return "N_month";
    }
    return NULL;
}

static void number(ods_xml *x, int places, int min_places, bool grouping)
{
    ods_el(x, "number:number");
    ods_attrf(x, "number:decimal-places", "%d", places);
    ods_attrf(x, "number:min-decimal-places", "%d", min_places);
    ods_attr(x, "number:min-integer-digits", "1");
    if (grouping)
        ods_attr(x, "number:grouping", "true");
    ods_end(x);
}

static void style_start(ods_xml *x, const char *element, const char *name)
{
    ods_el(x, element);
    ods_attr(x, "style:name", name);
    ods_attr(x, "number:language", "en");
    ods_attr(x, "number:country", "GB");
}

static void number_styles(ods_xml *x)
{
    style_start(x, "number:number-style", "N_count");
    number(x, 0, 0, true);
    ods_end(x);
    style_start(x, "number:number-style", "N_decimal");
    number(x, 3, 1, true);
    ods_end(x);
    style_start(x, "number:percentage-style", "N_pct");
    number(x, 1, 1, false);
    ods_leaf(x, "number:text", "%");
    ods_end(x);
    style_start(x, "number:currency-style", "N_gbp");
    ods_el(x, "number:currency-symbol");
    ods_attr(x, "number:language", "en");
    ods_attr(x, "number:country", "GB");
    ods_text(x, "£");
    ods_end(x);
    number(x, 0, 0, true);
    ods_end(x);
    for (int month_only = 0; month_only < 2; month_only++) {
        style_start(x, "number:date-style", month_only ? "N_month" : "N_date");
        if (!month_only) {
            ods_el(x, "number:day");
            ods_end(x);
            ods_leaf(x, "number:text", " ");
        }
        ods_el(x, "number:month");
        ods_attr(x, "number:style", "long");
        ods_attr(x, "number:textual", "true");
        ods_end(x);
        ods_leaf(x, "number:text", " ");
        ods_el(x, "number:year");
        ods_attr(x, "number:style", "long");
        ods_end(x);
        ods_end(x);
    }
}

/* Excel's width in characters of the default font, as a length. */
static double width_cm(double chars)
{
    return floor(chars * 7 + 5) / 96.0 * 2.54;
}

static void cell_style(ods_xml *x, int i)
{
    const wb_format *f = &WB_FORMATS[i];
    ods_el(x, "style:style");
    ods_attrf(x, "style:name", "ce%d", i);
    ods_attr(x, "style:family", "table-cell");
    ods_attr(x, "style:parent-style-name", "Default");
    if (ods_data_style(f->num))
        ods_attr(x, "style:data-style-name", ods_data_style(f->num));
    ods_el(x, "style:table-cell-properties");
    if (f->align != WB_ALIGN_NONE)
        ods_attr(x, "style:text-align-source", "fix");
    if (f->wrap)
        ods_attr(x, "fo:wrap-option", "wrap");
    if (f->top)
        ods_attr(x, "style:vertical-align", "top");
    if (f->border)
        ods_attr(x, "fo:border", "1.5pt solid #000000");
    if (f->fill)
        ods_attrf(x, "fo:background-color", "#%06x", f->fill);
    ods_end(x);
    if (f->align != WB_ALIGN_NONE) {
        ods_el(x, "style:paragraph-properties");
        ods_attr(x, "fo:text-align", f->align == WB_ALIGN_LEFT ? "start" : "end");
        if (f->indent)
            ods_attrf(x, f->align == WB_ALIGN_LEFT ? "fo:margin-left" : "fo:margin-right",
                      "%.3fcm", width_cm(f->indent) - width_cm(0));
        ods_end(x);
    }
    if (f->bold || f->size > 0 || f->colour || f->underline) {
        ods_el(x, "style:text-properties");
        if (f->bold)
            ods_attr(x, "fo:font-weight", "bold");
        if (f->size > 0)
            ods_attrf(x, "fo:font-size", "%gpt", f->size);
        if (f->colour)
            ods_attrf(x, "fo:color", "#%06x", f->colour);
        if (f->underline) {
            ods_attr(x, "style:text-underline-style", "solid");
            ods_attr(x, "style:text-underline-width", "auto");
            ods_attr(x, "style:text-underline-color", "font-color");
        }
        ods_end(x);
    }
    ods_end(x);
}

void ods_write_automatic_styles(ods_xml *x, const GArray *widths, const GArray *heights)
{
    char name[32];
    ods_el(x, "office:automatic-styles");
    number_styles(x);
    for (int i = 1; i < WB_FMT_N; i++)
        cell_style(x, i);
    for (int landscape = 0; landscape < 2; landscape++) {
        ods_el(x, "style:style");
        ods_attr(x, "style:name", landscape ? "ta_landscape" : "ta_portrait");
        ods_attr(x, "style:family", "table");
        ods_attr(x, "style:master-page-name", landscape ? "Landscape" : "Portrait");
        ods_el(x, "style:table-properties");
        ods_attr(x, "table:display", "true");
        ods_attr(x, "style:writing-mode", "lr-tb");
        ods_end(x);
        ods_end(x);
    }
    for (guint i = 0; i < widths->len; i++) {
        double wd = g_array_index(widths, double, i);
        ods_column_style_name(name, sizeof name, wd);
        ods_el(x, "style:style");
        ods_attr(x, "style:name", name);
        ods_attr(x, "style:family", "table-column");
        ods_el(x, "style:table-column-properties");
        ods_attr(x, "fo:break-before", "auto");
        ods_attrf(x, "style:column-width", "%.3fcm", width_cm(wd));
        ods_end(x);
        ods_end(x);
    }
    for (guint i = 0; i < heights->len; i++) {
        double h = g_array_index(heights, double, i);
        ods_row_style_name(name, sizeof name, h);
        ods_el(x, "style:style");
        ods_attr(x, "style:name", name);
        ods_attr(x, "style:family", "table-row");
        ods_el(x, "style:table-row-properties");
        ods_attrf(x, "style:row-height", "%.2fpt", h);
        ods_attr(x, "style:use-optimal-row-height", "false");
        ods_attr(x, "fo:break-before", "auto");
        ods_end(x);
        ods_end(x);
    }
    ods_end(x);
}

/* ---- styles.xml --------------------------------------------------------- */

static void page_layout(ods_xml *x, bool landscape)
{
    ods_el(x, "style:page-layout");
    ods_attr(x, "style:name", landscape ? "pm_landscape" : "pm_portrait");
    ods_el(x, "style:page-layout-properties");
    ods_attr(x, "fo:page-width", landscape ? "29.7cm" : "21cm");
    ods_attr(x, "fo:page-height", landscape ? "21cm" : "29.7cm");
    ods_attr(x, "style:print-orientation", landscape ? "landscape" : "portrait");
    ods_attr(x, "fo:margin", "1.8cm");
    /* One page wide, as long as it takes. */
    ods_attr(x, "style:scale-to-X", "1");
    ods_attr(x, "style:scale-to-Y", "0");
    ods_end(x);
    ods_end(x);
}

void ods_write_styles(ods_xml *x)
{
    ods_el(x, "office:styles");
    ods_el(x, "style:default-style");
    ods_attr(x, "style:family", "table-cell");
    ods_el(x, "style:text-properties");
    ods_attr(x, "fo:language", "en");
    ods_attr(x, "fo:country", "GB");
    ods_attr(x, "fo:font-size", "11pt");
    ods_end(x);
    ods_end(x);
    ods_el(x, "style:style");
    ods_attr(x, "style:name", "Default");
    ods_attr(x, "style:family", "table-cell");
    ods_end(x);
    ods_end(x);
    ods_el(x, "office:automatic-styles");
    page_layout(x, false);
    page_layout(x, true);
    ods_end(x);
    ods_el(x, "office:master-styles");
    for (int landscape = 0; landscape < 2; landscape++) {
        ods_el(x, "style:master-page");
        ods_attr(x, "style:name", landscape ? "Landscape" : "Portrait");
        ods_attr(x, "style:page-layout-name", landscape ? "pm_landscape" : "pm_portrait");
        ods_end(x);
    }
    ods_end(x);
}

/* ---- meta.xml ----------------------------------------------------------- */

/* <element name_attr="name" type_attr="type">value</element> */
static void named_value(ods_xml *x, const char *element, const char *name_attr, const char *name,
                        const char *type_attr, const char *type, const char *value)
{
    ods_el(x, element);
    ods_attr(x, name_attr, name);
    ods_attr(x, type_attr, type);
    ods_text(x, value);
    ods_end(x);
}

static void user_defined(ods_xml *x, const char *name, const char *type, const char *value)
{
    named_value(x, "meta:user-defined", "meta:name", name, "meta:value-type", type, value);
}

void ods_write_meta(ods_xml *x, const wb_props *p)
{
    char created[32];
    struct tm tm;
    time_t t = p->created;
    gmtime_r(&t, &tm);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ods_el(x, "office:meta");
    ods_leaf(x, "meta:generator", "sendpack/" SENDPACK_VERSION);
    ods_leaf(x, "dc:title", p->title);
    ods_leaf(x, "dc:subject", p->subject);
    ods_leaf(x, "dc:description", p->comments);
    char **words = g_strsplit(p->keywords ? p->keywords : "", ", ", -1);
    for (char **k = words; *k; k++)
        if (**k)
            ods_leaf(x, "meta:keyword", *k);
    g_strfreev(words);
    ods_leaf(x, "meta:initial-creator", p->author);
    ods_leaf(x, "dc:creator", p->author);
    ods_leaf(x, "meta:creation-date", created);
    ods_leaf(x, "dc:date", created);
    ods_leaf(x, "dc:language", "en-GB");
    if (p->as_at && *p->as_at)
        user_defined(x, "As at", "date", p->as_at);
    user_defined(x, "Category", "string", p->category ? p->category : "");
    if (p->status && *p->status)
        user_defined(x, "Status", "string", p->status);
    ods_end(x);
}

/* ---- settings.xml ------------------------------------------------------- */

static void item(ods_xml *x, const char *name, const char *type, const char *value)
{
    named_value(x, "config:config-item", "config:name", name, "config:type", type, value);
}

void ods_write_settings(ods_xml *x, const wb_desc *d, const uint32_t *freeze_row,
                        const bool *grid_hidden, size_t active)
{
    ods_el(x, "office:settings");
    ods_el(x, "config:config-item-set");
    ods_attr(x, "config:name", "ooo:view-settings");
    ods_el(x, "config:config-item-map-indexed");
    ods_attr(x, "config:name", "Views");
    ods_el(x, "config:config-item-map-entry");
    item(x, "ViewId", "string", "view1");
    ods_el(x, "config:config-item-map-named");
    ods_attr(x, "config:name", "Tables");
    for (guint i = 0; i < d->sheets->len; i++) {
        const wb_sheet *s = g_ptr_array_index(d->sheets, i);
        char n[16];
        ods_el(x, "config:config-item-map-entry");
        ods_attr(x, "config:name", s->name);
        bool frozen = freeze_row[i] > 0;
        snprintf(n, sizeof n, "%u", freeze_row[i]);
        item(x, "HorizontalSplitMode", "short", "0");
        item(x, "VerticalSplitMode", "short", frozen ? "2" : "0");
        item(x, "HorizontalSplitPosition", "int", "0");
        item(x, "VerticalSplitPosition", "int", frozen ? n : "0");
        item(x, "ActiveSplitRange", "short", frozen ? "2" : "0");
        item(x, "PositionLeft", "int", "0");
        item(x, "PositionRight", "int", "0");
        item(x, "PositionTop", "int", "0");
        item(x, "PositionBottom", "int", frozen ? n : "0");
        item(x, "ShowGrid", "boolean", grid_hidden[i] ? "false" : "true");
        ods_end(x);
    }
    ods_end(x);
    const wb_sheet *a = g_ptr_array_index(d->sheets, active);
    item(x, "ActiveTable", "string", a->name);
    ods_end(x);
    ods_end(x);
    ods_end(x);
    ods_end(x);
}

/* ---- META-INF/manifest.xml ---------------------------------------------- */

void ods_write_manifest(ods_xml *x)
{
    static const char *const parts[][2] = {
        {"/", ODS_MIMETYPE},
        {"content.xml", "text/xml"},
        {"styles.xml", "text/xml"},
        {"meta.xml", "text/xml"},
        {"settings.xml", "text/xml"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(parts); i++) {
        ods_el(x, "manifest:file-entry");
        ods_attr(x, "manifest:full-path", parts[i][0]);
        if (i == 0)
            ods_attr(x, "manifest:version", ODS_VERSION);
        ods_attr(x, "manifest:media-type", parts[i][1]);
        ods_end(x);
    }
}
