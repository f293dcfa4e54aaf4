/* briefing.h: the A4 PDF briefing and the one-page area profiles, laid out
 * with Pango and Cairo from the CommonMark templates in templates/. */
#ifndef SENDPACK_BRIEFING_H
#define SENDPACK_BRIEFING_H

#include <glib.h>
#include "sendpack/context.h"
#include "sendpack/diag.h"
#include "sendpack/pdf_layout.h"

/* Render <templates_dir>/briefing.md to path. Returns 0; 2 for a template
 * error (diag names template:line:column); 1 for a write failure. */
int sp_briefing_write(const sp_context *ctx, const char *path, sp_diags *diags);

/* Render <templates_dir>/area-profile.md once per area into dir/<slug>.pdf,
 * and all of them into combined_path (may be NULL). Same return codes. */
int sp_profiles_write(const sp_context *ctx, const char *dir,
                      const char *combined_path, sp_diags *diags);

/* Part of sp_profiles_write, for sharing the work between processes: the
 * areas from index from up to (not including) to get their own files in
 * dir (none when dir is NULL), and the combined file (when combined_path
 * is set) gets every area whatever from and to. Each file has the same
 * bytes as sp_profiles_write would give it. Same return codes. */
int sp_profiles_write_part(const sp_context *ctx, const char *dir, const char *combined_path,
                           size_t from, size_t to, sp_diags *diags);

/* The file name (without ".pdf") of an area's profile, unique by
 * construction: "<name slug>_<code>" for an area with a local authority code
 * ("bristol-city-of_e06000023"; a code's characters other than [a-z0-9] as
 * -XX), the name's slug alone for one without (its name is its identity).
 * Only [a-z0-9_-], never empty, never longer than SP_PROFILE_FILE_MAX: a
 * name over SP_PROFILE_NAME_MAX bytes is cut at a word and, without a code,
 * followed by "__" and 16 hex digits of its SHA-256; a code over
 * SP_PROFILE_CODE_MAX is cut and followed by 12. Caller g_free()s. */
#define SP_PROFILE_NAME_MAX 60
#define SP_PROFILE_CODE_MAX 40
#define SP_PROFILE_FILE_MAX (SP_PROFILE_NAME_MAX + 2 + SP_PROFILE_CODE_MAX)
char *sp_profile_slug(const char *name, const char *code);

/* --- tables a template names as ![title](table:NAME) or table:NAME?top=N ---
 * Briefing: regions, revisits, funding, areas-most-weaknesses,
 * outcomes-2023, interventions, definitions, sources.
 * Profiles (area_key set): area-comparison, area-interventions,
 * area-funding. */
bool sp_briefing_table_known(const char *name);

/* Figure ids a document printed, in first-use order, without repeats; the
 * definitions table lists them. */
typedef struct sp_used_ids {
    GPtrArray *ids;
    GHashTable *seen;
} sp_used_ids;
void sp_used_ids_init(sp_used_ids *u);
void sp_used_ids_add(sp_used_ids *u, const char *id);
void sp_used_ids_clear(sp_used_ids *u);

/* Build table name for ctx (area_key for the profile tables). Every number
 * comes from the figures table, or for one area's lines from its model rows.
 * *title receives a default title and *source the source line ("Source:
 * ..."). Returns NULL when the table has no rows. */
sp_table *sp_briefing_table(const sp_context *ctx, const char *name, const char *query,
                            const char *area_key, sp_used_ids *used, char **title,
                            char **source);

/* "Source: <publication>. Data as at 31 March 2021." for a figure id. */
char *sp_briefing_source_line(const sp_context *ctx, const char *figure_id);

#endif
