/* briefing.c: STUB until the PDF briefing work lands (issue 4). */
#include "sendpack/briefing.h"
int sp_briefing_write(const sp_context *ctx, const char *path, sp_diags *diags) { return 0; }
int sp_profiles_write(const sp_context *ctx, const char *dir, const char *combined_path,
                      sp_diags *diags) { return 0; }
