/* briefing.h: the A4 PDF briefing and the one-page area profiles, laid out
 * with Pango and Cairo from the CommonMark templates in templates/. */
#ifndef SENDPACK_BRIEFING_H
#define SENDPACK_BRIEFING_H

#include "sendpack/context.h"
#include "sendpack/diag.h"

/* Render <templates_dir>/briefing.md to path. Returns 0; 2 for a template
 * error (diag names template:line:column); 1 for a write failure. */
int sp_briefing_write(const sp_context *ctx, const char *path, sp_diags *diags);

/* Render <templates_dir>/area-profile.md once per area into dir/<slug>.pdf,
 * and all of them into combined_path (may be NULL). Same return codes. */
int sp_profiles_write(const sp_context *ctx, const char *dir,
                      const char *combined_path, sp_diags *diags);

#endif
