/* markdown_ref.h (private to src/render): what the PDF and the web pages
 * agree a chart or table is in a template's cmark tree. */
#ifndef SENDPACK_MARKDOWN_REF_H
#define SENDPACK_MARKDOWN_REF_H

#include <cmark.h>

/* The image of a paragraph that holds nothing else (line breaks aside) and
 * whose URL has the chart: or table: scheme, or NULL. */
cmark_node *sp_markdown_ref_image(cmark_node *para);

#endif
