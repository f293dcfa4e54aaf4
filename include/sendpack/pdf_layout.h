/* pdf_layout.h: an A4 page composer over Pango and Cairo for the briefing
 * and the area profiles.
 *
 * A document is a flat list of blocks (headings, paragraphs with inline
 * styles and links, boxes, charts, tables, page breaks) built from a cmark
 * tree (sp_blocks_from_markdown) or by hand. sp_layout places blocks on
 * pages: paragraphs break between lines, tables between rows with their
 * header row repeated, headings stay with what follows, charts and boxes
 * stay whole. With cr == NULL it only measures, so a caller can lay out
 * twice: once to learn page numbers, once to draw with them. */
#ifndef SENDPACK_PDF_LAYOUT_H
#define SENDPACK_PDF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>
#include "sendpack/context.h"
#include "sendpack/diag.h"

#define SP_A4_WIDTH 595.276
#define SP_A4_HEIGHT 841.89

typedef enum {
    SP_BLOCK_HEADING = 0,
    SP_BLOCK_PARA,
    SP_BLOCK_FIGURE,    /* a chart drawn by sp_chart_draw */
    SP_BLOCK_TABLE,
    SP_BLOCK_BOX_BEGIN, /* blocks up to BOX_END share a shaded box */
    SP_BLOCK_BOX_END,
    SP_BLOCK_PAGE_BREAK
} sp_block_kind;

typedef enum { SP_PARA_BODY = 0, SP_PARA_CODE, SP_PARA_SMALL } sp_para_style;

/* A clickable span of a paragraph: byte offsets into its text. */
typedef struct sp_link {
    int start, end;
    char *uri;
} sp_link;

typedef struct sp_table {
    size_t ncols;
    char **head;          /* ncols strings */
    bool *numeric;        /* right-aligned columns */
    double *min_share;    /* optional minimum width per column, share of the line */
    GPtrArray *rows;      /* each a char*[ncols] (g_strfreev) */
} sp_table;

typedef struct sp_block {
    sp_block_kind kind;
    int level;            /* heading 1-3; list depth of a paragraph (0 = none) */
    sp_para_style style;
    char *text;           /* heading or paragraph text */
    PangoAttrList *attrs; /* inline styles of a paragraph; may be NULL */
    GArray *links;        /* sp_link; may be NULL */
    char *label;          /* list marker "•" or "3."; may be NULL */
    char *chart_id;       /* FIGURE */
    sp_table *table;      /* TABLE */
    char *caption;        /* FIGURE, TABLE: "Figure 1: ..." */
    char *notes;          /* FIGURE, TABLE: "Notes: ..." under it; may be NULL */
    char *source;         /* FIGURE, TABLE: "Source: ..." */
    char *alt;            /* FIGURE: alt text */
    bool no_outline;      /* HEADING: leave out of outline and contents */
} sp_block;

typedef struct sp_blocks {
    GPtrArray *items;     /* sp_block* */
} sp_blocks;

sp_blocks *sp_blocks_new(void);
void sp_blocks_free(sp_blocks *b);
sp_block *sp_blocks_add(sp_blocks *b, sp_block_kind kind);
/* A paragraph of plain text. */
sp_block *sp_blocks_add_text(sp_blocks *b, sp_para_style style, const char *text);

sp_table *sp_table_new(size_t ncols, const char *const *head, const bool *numeric);
void sp_table_add_row(sp_table *t, const char *const *cells);
void sp_table_free(sp_table *t);

/* Resolves an image of a chart: or table: scheme into a block. */
typedef int (*sp_image_fn)(void *user, const char *url, const char *alt, sp_blocks *out,
                           sp_diags *diags);

/* Convert expanded Markdown (CommonMark, parsed with cmark) into blocks:
 * headings, paragraphs, lists, emphasis, code, links, block quotes (boxes),
 * thematic breaks (page breaks). A paragraph holding only an image calls
 * image(). Returns 0 or the first non-zero image() result; 2 with an error
 * (and no blocks) when the Markdown nests deeper than SP_MARKDOWN_MAX_DEPTH. */
int sp_blocks_from_markdown(sp_blocks *out, const char *markdown, sp_image_fn image,
                            void *user, sp_diags *diags);

/* Block quotes, lists and emphasis nested deeper than this are refused: no
 * briefing needs them, and the walk over the tree must stay shallow. */
#define SP_MARKDOWN_MAX_DEPTH 64
/* A paragraph longer than this (about 2,500 words) becomes several, split
 * between words: Pango cannot lay out one of 40,000 words. */
#define SP_PARA_MAX_BYTES 16384

/* 0, or 2 with one error naming file (may be NULL) and the line where
 * markdown first nests deeper than SP_MARKDOWN_MAX_DEPTH. Iterative, so any
 * depth is safe to check. */
int sp_markdown_check_depth(const char *markdown, const char *file, sp_diags *diags);

/* --- the composer --------------------------------------------------------- */

typedef struct sp_layout_style {
    double margin_left, margin_right, margin_top, margin_bottom;
    double body_pt;           /* body text size */
    double chart_aspect;      /* chart height / width */
    const char *header_left;  /* running header; NULL for none */
    const char *footer_left;  /* NULL for none */
    bool page_n_of_m;         /* footer "Page N of M" (needs total_pages) */
    int total_pages;          /* M, from a measuring pass */
    int first_furnished_page; /* no header/footer before this page (cover) */
    int page_offset;          /* page number of the first page laid out */
} sp_layout_style;

void sp_layout_style_init(sp_layout_style *st);

/* Where each heading landed (measuring pass), for contents and links. */
typedef struct sp_heading_pos {
    int level;
    char *text;
    int page;
    double y;
} sp_heading_pos;

typedef struct sp_layout sp_layout;

/* Lay out on cr (a PDF surface's context), or measure when cr is NULL.
 * ctx is handed to sp_chart_draw. */
sp_layout *sp_layout_new(cairo_t *cr, const sp_layout_style *st, const sp_context *ctx);
/* Draw everything on a second surface too (the combined profiles file):
 * the first page laid out is page first_page there. Blocks are laid out
 * once for both. At most one mirror. */
void sp_layout_mirror(sp_layout *l, cairo_t *cr, int first_page);
/* Place blocks; headings are added to the PDF outline under outline_parent
 * (CAIRO_PDF_OUTLINE_ROOT = 0) when drawing. Returns 0, or non-zero with a
 * diag when a chart fails to draw. */
int sp_layout_blocks(sp_layout *l, const sp_blocks *b, int outline_parent, sp_diags *diags);
/* Take over the laid-out text and tables of an earlier layout of the same
 * blocks at the same sizes (a measuring pass), so a drawing pass does not
 * shape the text again. from keeps working, with an empty cache. */
void sp_layout_take_cache(sp_layout *l, sp_layout *from);
/* Drop the table measurements every layout of the process shares (the
 * words of table cells and headers, kept from one layout to the next). */
void sp_layout_forget_widths(void);
/* End the page and start a new one. */
void sp_layout_page_break(sp_layout *l);
/* Finish the last page (header/footer, show page). Returns the page count. */
int sp_layout_finish(sp_layout *l);
void sp_layout_free(sp_layout *l);

int sp_layout_page(const sp_layout *l);      /* current page, 1-based */
double sp_layout_y(const sp_layout *l);      /* current cursor in points */
void sp_layout_set_y(sp_layout *l, double y);
double sp_layout_text_width(const sp_layout *l);
cairo_t *sp_layout_cairo(const sp_layout *l); /* NULL when measuring */
PangoContext *sp_layout_pango(const sp_layout *l);
/* Headings placed so far, in order (sp_heading_pos*). */
GPtrArray *sp_layout_headings(const sp_layout *l);

/* A layout of text in the house font at size_pt, wrapped to width_pt (<= 0:
 * no wrapping). g_object_unref() it. */
PangoLayout *sp_layout_text(const sp_layout *l, const char *text, double size_pt,
                            bool bold, double width_pt);

/* Begin and end a structure tag on every surface of the layout (no-ops when
 * measuring). At a page break, grouping elements (L, Table, TOC...) stay
 * open around the running header and footer; an open leaf such as P is
 * closed and opened again on the next page. */
void sp_layout_tag_begin(sp_layout *l, const char *name, const char *attrs);
void sp_layout_tag_end(sp_layout *l, const char *name);
/* The named destination at a heading placed on page at y (sp_heading_pos),
 * for links with dest='...'. Caller g_free()s. */
char *sp_heading_dest(int page, double y);

/* Link tag attributes: "uri='...'" with quotes escaped. Caller g_free()s. */
char *sp_link_uri_attr(const char *uri);

/* Set title, author, subject, keywords, creator and both dates (from as_at,
 * or SOURCE_DATE_EPOCH when set and not empty) on a PDF surface. */
void sp_pdf_set_metadata(cairo_surface_t *pdf, const char *title, const char *author,
                         const char *subject, const char *keywords, sp_date as_at);

/* --- accessibility (pdf_tagged.c) ---------------------------------------- */

/* A PDF surface that sp_pdf_finish_tagged will finish: cairo writes into
 * memory, its streams uncompressed, and the tagging pass, which compresses
 * every stream it writes, deflates the page content once (rather than cairo
 * deflating it, qpdf inflating it for the artifact rewrite and deflating it
 * again). Check cairo_surface_status before drawing. */
cairo_surface_t *sp_pdf_surface_for_tagging(double width, double height);

/* What a PDF's drawing code knows and cairo 1.16 cannot write: the alt text
 * of each Figure and the description of each link, in the order the tags
 * were begun. Attach to a PDF surface before drawing; free after
 * sp_pdf_finish_tagged. Drawing on a surface without notes still works. */
typedef struct sp_pdf_notes sp_pdf_notes;
sp_pdf_notes *sp_pdf_notes_attach(cairo_surface_t *pdf);
void sp_pdf_notes_free(sp_pdf_notes *n);
/* The notes attached to a surface, or NULL. */
sp_pdf_notes *sp_pdf_notes_of(cairo_surface_t *pdf);
/* cairo_tag_begin(cr, "Figure") with its alt text noted; end with
 * cairo_tag_end(cr, "Figure"). Draw nothing tagged inside: cairo marks the
 * content of leaf elements only. */
void sp_pdf_figure_begin(cairo_t *cr, const char *alt);
/* cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs) with the link's description
 * (its text, where it goes) noted for the annotation's /Contents. */
void sp_pdf_link_begin(cairo_t *cr, const char *attrs, const char *contents);
/* Content drawn between cairo_tag_begin(cr, SP_TAG_ARTIFACT, NULL) and
 * cairo_tag_end becomes an artifact (running headers, page numbers, rules,
 * backgrounds): begin it only where no other tag is open, or inside a
 * grouping element (Table, Div), never inside a leaf such as P. */
#define SP_TAG_ARTIFACT "Private"

/* Finish a tagged PDF cairo wrote, with libqpdf: /Alt on Figures and
 * /Contents on links (from notes, may be NULL), /Scope on TH, artifacts out
 * of the structure tree, captions inside their Figure or Table, /Tabs /S,
 * /MarkInfo, /Lang (lang), DisplayDocTitle and XMP metadata (dc:title,
 * dc:language, pdfuaid:part 1). Deterministic. Returns 0, or 1 with a diag
 * naming name when the PDF cannot be read or written. */
int sp_pdf_mark_tagged_bytes(const char *name, const void *pdf, size_t n,
                             const sp_pdf_notes *notes, const char *lang, GByteArray *out,
                             sp_diags *diags);
/* Finish a surface made by sp_pdf_surface_for_tagging (cairo_surface_finish),
 * tag what cairo wrote with the surface's notes, and only then write it to
 * path, in one go (sp_file_write): nothing is written when drawing or
 * tagging fails. Returns 0, or 1 with a diag naming path. The caller still
 * destroys the surface and frees its notes. */
int sp_pdf_finish_tagged(cairo_surface_t *pdf, const char *path, const char *lang,
                         sp_diags *diags);

#endif
