/* workbook.h: the accessible XLSX workbook (libxlsxwriter), whose headline
 * figures are live formulas over the records table and the as-at cell. */
#ifndef SENDPACK_WORKBOOK_H
#define SENDPACK_WORKBOOK_H

#include "sendpack/context.h"
#include "sendpack/diag.h"

/* Returns 0, or 1 with a diag when the file cannot be written. */
int sp_workbook_write(const sp_context *ctx, const char *path, sp_diags *diags);

#endif
