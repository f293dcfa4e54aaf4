/* site_html.h (private to src/render): the pieces every page of the site is
 * made of: escaping, the page frame (head, header, footer), tables, inline
 * charts, and a Markdown template turned into HTML with the same expansions
 * as the PDF (briefing_doc.h). */
#ifndef SENDPACK_SITE_HTML_H
#define SENDPACK_SITE_HTML_H

#include <glib.h>

#include "briefing_doc.h"
#include "sendpack/context.h"
#include "sendpack/diag.h"
#include "sendpack/pdf_layout.h"

/* Append s as HTML text (also safe inside a quoted attribute). */
void site_esc(GString *out, const char *s);
/* The same, set for reading: no-break spaces inside dates and amounts
 * (sp_doc_typeset), so no line break splits "4 October 2022". */
void site_esc_set(GString *out, const char *s);

/* A page: root is the path from the page back to site/ ("" or "../"). */
typedef struct site_page {
    const sp_context *ctx;
    const char *root;
    GString *out;
} site_page;

/* <!DOCTYPE html> ... up to the opening of <main>; title is the page's title
 * (escaped here). crumbs: label, href, label, href, ..., NULL (href relative
 * to the page); NULL for none. */
void site_page_begin(site_page *p, const char *title, const char *const *crumbs);
/* Close <main> and write the footer. */
void site_page_end(site_page *p);

/* A table with caption (and id for the caption, unique in the page), th
 * scope="col" headers, the first column as th scope="row", numeric columns
 * right-aligned; wrapped in a focusable region so it can scroll sideways on
 * its own on a narrow screen. */
void site_table(GString *out, const sp_table *t, const char *caption, const char *id);

/* The chart's numbers (the rows of its CSV, sp_chart_rows) as a table;
 * NULL when there are none. */
sp_table *site_chart_table(const sp_context *ctx, const char *chart_id);

/* The chart as inline SVG: ids prefixed with prefix, role="img", its
 * <title> and <desc> named by aria-labelledby / aria-describedby, sized by
 * the stylesheet. Appends nothing and returns 1 with a diag if drawing fails. */
int site_svg(GString *out, const sp_context *ctx, const char *chart_id, const char *prefix,
             sp_diags *diags);

/* A heading of the page, for its contents list. */
typedef struct site_heading {
    int level;
    char *id;
    char *text;
} site_heading;

/* A template expanded and rendered to HTML: the text of <main>'s body.
 * shift is added to every heading level (1 when the page has its own h1),
 * and levels never skip one. chart: and table: images become numbered
 * figures and tables as in the PDF. Heading ids are unique within ids (a
 * set the caller owns, shared by the page). Returns 0 or 2 (template error). */
typedef struct site_doc {
    sp_doc_state *st;
    sp_template_env *env;
    const char *root;       /* as site_page.root */
    int shift;
    GHashTable *ids;        /* ids used in the page */
    GPtrArray *headings;    /* site_heading*, filled (may be NULL) */
    int h1s;                /* h1 elements written */
} site_doc;
int site_markdown(site_doc *d, const char *template_text, GString *out, sp_diags *diags);
void site_heading_free(gpointer h);

/* base, or base-2, base-3 ... whichever is not in names yet; added to names
 * (a set of g_strdup'ed strings). Caller g_free()s. */
char *site_unique(GHashTable *names, const char *base);

/* A unique id in ids from text ("Inspection outcomes" -> "inspection-outcomes",
 * then "...-2"). Caller g_free()s. */
char *site_unique_id(GHashTable *ids, const char *text);

/* The stylesheet (style.css). */
extern const char site_css[];

#endif
