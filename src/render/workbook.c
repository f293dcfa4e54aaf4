/* workbook.c: STUB until the workbook work lands (issue 5). */
#include "sendpack/workbook.h"
int sp_workbook_write(const sp_context *ctx, const char *path, sp_diags *diags) { return 0; }
