/* briefing_doc.h (private to src/render): what the briefing and the area
 * profiles share: reading and expanding a template, and turning its chart:
 * and table: images into numbered figure and table blocks. */
#ifndef SENDPACK_BRIEFING_DOC_H
#define SENDPACK_BRIEFING_DOC_H

#include "sendpack/briefing.h"
#include "sendpack/pdf_layout.h"
#include "sendpack/template.h"

/* Room for source.dsg: every DSG year given and its publication date. */
#define SP_DOC_DSG_TEXT 512

typedef struct sp_doc_state {
    const sp_context *ctx;
    const char *area_key;  /* profiles; NULL in the briefing */
    sp_used_ids used;
    int figure_no, table_no;
    /* text variables for the template: revisions.previous (the previous
     * publication's as-at date, "" when there is none), revisions.changed,
     * revisions.new, revisions.removed (counts) */
    char rev_text[4][32];
    /* and what the data is, for the data notes and the sources
     * (briefing_sources.c): SP_DOC_DATA_VARS names and values */
    char data_text[6][32];
    /* and the DSG years (briefing_dsg.c): SP_DOC_DSG_VARS names and values */
    char dsg_text[SP_DOC_DSG_TEXT];
    const char *vars[9 + 2 * 6 + 2 * 3];
    /* set text for a page (sp_doc_typeset): no-break spaces in dates and
     * units, no word alone on a last line. The PDF briefing sets it. */
    bool typeset;
} sp_doc_state;

/* text with no-break spaces inside dates ("4 October 2022"), between a
 * number and "million", "billion", "per cent" or "weeks", after "Figure" and "Table", and, with
 * last_words, between the last two words of each line when the last is
 * short. NULL for NULL. Caller g_free()s. */
char *sp_doc_typeset(const char *text, bool last_words);

/* The data's own text variables, each "" when it does not apply:
 *   data.fictional        "yes" for sendpack's fictional fixtures
 *   data.after-latest     the latest publication in the data ("4 October
 *                         2022") when the as-at date is after it
 *   source.ofsted-2021-03 "yes": real 2016-framework data that ends by 31
 *                         March 2021 (the release as at that date)
 *   source.ofsted-2022-08 "yes": real 2016-framework data published by 31
 *                         October 2022 (the release of 17 November 2022)
 *   source.ofsted-2016    a later real 2016-framework table: its latest date
 *   source.ofsted-2023    real 2023-framework data: its latest date
 * Fills names/values pairs into vars (12 slots) from ctx. */
#define SP_DOC_DATA_VARS 6
void sp_doc_data_vars(const sp_context *ctx, char text[SP_DOC_DATA_VARS][32], const char **vars);

/* The dedicated schools grant's text variables, "" when no DSG file counts:
 *   dsg.latest     the latest financial year counted ("2023-24")
 *   dsg.previous   the year before it among the files counted ("2021-22")
 *   source.dsg     real DSG files: each year and its publication date
 *                  ("2021-22 (published 18 July 2022), 2023-24 (...)")
 * Fills SP_DOC_DSG_VARS name/value pairs into vars; text (n bytes) holds
 * source.dsg. */
#define SP_DOC_DSG_VARS 3
void sp_doc_dsg_vars(const sp_context *ctx, char *text, size_t n, const char **vars);
/* A figure's source as a reader should see it: without the " (file: ...)"
 * list of input files, and, for Ofsted's real tables, named by the release
 * the data matches (as the Sources section cites it). Caller g_free()s. */
char *sp_doc_source_name(const sp_context *ctx, const char *source);

/* Read <templates_dir>/<file> into *text; *path gets the path (g_free both).
 * Returns 0, or 2 with a diag when it cannot be read. */
int sp_doc_read_template(const sp_context *ctx, const char *file, char **path, char **text,
                         sp_diags *diags);

/* The template environment for the briefing (area_key NULL) or one area. */
void sp_doc_env(sp_template_env *env, sp_doc_state *st, const char *path);

/* sp_image_fn for sp_blocks_from_markdown: user is an sp_doc_state. */
int sp_doc_image(void *user, const char *url, const char *alt, sp_blocks *out, sp_diags *diags);

/* Expand and convert a template into blocks. Returns 0 or 2. */
int sp_doc_blocks(sp_doc_state *st, sp_template_env *env, const char *text, sp_blocks *out,
                  sp_diags *diags);

/* One area of ctx->figs for templates/area-profile.md (the PDF profile and
 * the site's area page): its key, name, region and the text variables
 * area.name, area.code, area.region, region.name, area.outcome,
 * area.headline, area.summary, dsg.latest, dsg.previous. */
typedef struct sp_doc_area {
    const char *key, *name, *region, *code;
    char *region_slug;          /* "" when the region is unknown */
    char *headline;             /* area.headline (profile_headline.c) */
    char *summary;              /* area.summary (profile_headline.c) */
    const char *vars[19];       /* name, value, ..., NULL */
} sp_doc_area;
/* The sentence that opens the area's profile, from its figures. Caller
 * g_free()s. */
char *sp_doc_area_headline(const sp_context *ctx, const char *key, const char *name);
/* Its inspection, revisit, 2023-framework outcome and interventions, in a
 * few sentences. */
char *sp_doc_area_summary(const sp_context *ctx, const char *key);
/* Area i's key, name, region and code only (nothing to clear): what a list
 * of the areas needs, without the headline and summary sp_doc_area_env
 * writes from a dozen of its figures. */
void sp_doc_area_names(sp_doc_area *a, const sp_context *ctx, size_t i);
/* a, st (its used ids initialised) and env set up to expand the area
 * profile template at tpath for area i. sp_used_ids_clear(&st->used) and
 * sp_doc_area_clear(a) afterwards. */
void sp_doc_area_env(sp_doc_area *a, sp_doc_state *st, sp_template_env *env,
                     const sp_context *ctx, size_t i, const char *tpath);
void sp_doc_area_clear(sp_doc_area *a);

/* The area's file name (without extension): sp_profile_slug (name and code, as
 * the PDF profiles are named), with "-<code>"
 * added when slugs (a set of g_strdup'ed names the caller owns) already
 * holds it; the result is added to slugs. Caller g_free()s. */
char *sp_doc_area_file_slug(GHashTable *slugs, const char *name, const char *code);

#endif
