/* report.c: how problems reach the user: one line each on stderr, in the
 * order they were found, as sp_diag_format() writes them ("file:line:col:
 * message"); a problem about no file in particular is prefixed "sendpack: "
 * so every line says where it came from. */
#include "cli.h"

#include <stdio.h>

void sp_cli_print_diags(const sp_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        char *line = sp_diag_format(&d->items[i]);
        char *safe = sp_cli_escape(line, false); /* names and labels come from files */
        fprintf(stderr, "%s%s\n", d->items[i].file ? "" : "sendpack: ", safe);
        g_free(safe);
        g_free(line);
    }
    fflush(stderr);
}
