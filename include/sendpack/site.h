/* site.h: the publication as accessible web pages (site/ in the output
 * folder), from the same templates, figures and drawing functions as the
 * PDF briefing and profiles.
 *
 *   site/index.html            the briefing (templates/briefing.md)
 *   site/areas/index.html      the list of areas
 *   site/areas/<slug>.html     one page per area (templates/area-profile.md)
 *   site/figures/index.html    the figures quoted in the briefing
 *   site/figures/<id>.html     one page per figure quoted
 *   site/style.css             the stylesheet (screen and print)
 *
 * Pages are HTML5 with lang="en-GB", one h1, landmarks and a skip link; they
 * need no JavaScript and request nothing from elsewhere. Charts are inline
 * SVG with their data as an HTML table. Every text from the inputs is
 * escaped. The bytes depend only on the inputs and settings. */
#ifndef SENDPACK_SITE_H
#define SENDPACK_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include "sendpack/context.h"
#include "sendpack/diag.h"

/* Write the site into dir (created). Links to the other files of the
 * publication (briefing.pdf, the workbook, charts/, areas/, figures.json
 * ...) are relative and only made when the settings say the file is written.
 * Returns 0; 2 for a template error (diag names template:line:column); 1 for
 * a write failure. */
int sp_site_write(const sp_context *ctx, const char *dir, sp_diags *diags);
/* Part of the site, so processes can share it (--jobs): the pages of areas
 * [from, to) (in the order of ctx->figs->areas) and, when rest is set,
 * every other page. The parts together write what sp_site_write writes. */
int sp_site_write_part(const sp_context *ctx, const char *dir, size_t from, size_t to, bool rest,
                       sp_diags *diags);

#endif
