/* diag.h: problems found in input, carried back to the CLI as records.
 *
 * Nothing below the CLI prints or exits (DESIGN rule 2): a loader or renderer
 * appends an sp_diag naming file, line and column, and returns non-zero.
 * The CLI prints each as "file:line:col: message" (warnings prefixed
 * "warning: ") and chooses the exit status. A problem in a spreadsheet cell
 * (cell set) is written "file[Sheet]!B12: message" instead. */
#ifndef SENDPACK_DIAG_H
#define SENDPACK_DIAG_H

#include <stddef.h>
#include <stdbool.h>

typedef enum { SP_DIAG_ERROR = 0, SP_DIAG_WARNING = 1 } sp_diag_level;

typedef struct sp_diag {
    sp_diag_level level;
    char *file;    /* as the user named it; may be NULL for whole-run problems */
    int line;      /* 1-based; 0 when not about a line */
    int column;    /* 1-based; 0 when not about a column */
    char *message; /* "expected a date such as 31/03/2021, found \"31/3/21x\"" */
    bool cell;     /* line and column are a spreadsheet row and column (B12) */
} sp_diag;

typedef struct sp_diags {
    sp_diag *items;
    size_t n, cap;
} sp_diags;

/* Append a problem; message is printf-formatted. */
void sp_diags_add(sp_diags *d, sp_diag_level level, const char *file, int line,
                  int column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
#define sp_diags_error(d, file, line, col, ...) \
    sp_diags_add((d), SP_DIAG_ERROR, (file), (line), (col), __VA_ARGS__)
#define sp_diags_warning(d, file, line, col, ...) \
    sp_diags_add((d), SP_DIAG_WARNING, (file), (line), (col), __VA_ARGS__)

/* Move every problem of from to the end of d, in order; from is left empty. */
void sp_diags_take(sp_diags *d, sp_diags *from);
size_t sp_diags_count(const sp_diags *d, sp_diag_level level);
/* "file:line:col: message", "file[Sheet]!B12: message", "file: message" or
 * "message"; caller frees. */
char *sp_diag_format(const sp_diag *x);
void sp_diags_free(sp_diags *d);
/* "B12" for row 12, column 2, into buf (>= 16 bytes). */
void sp_diag_cell_ref(int row, int column, char *buf, size_t n);

#endif
