/* cmd_figures.c: `sendpack figures`: load, compute and print the figures
 * table as JSON (the bytes of figures.json) or CSV on standard output,
 * written as it is computed (sp_figures_stream: the per-area figures are
 * never all held, so a million areas fit in memory).
 * Problems go to stderr; with bad input nothing at all reaches stdout, so a
 * script that redirects it never keeps half a table. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "sendpack/figures.h"
#include "sendpack/load.h"
#include "sendpack/publish.h"

/* A piece of the table (sp_figures_stream): whole records, so a terminal's
 * escaping never splits a character. */
static bool to_stdout(const char *text, size_t len, void *data)
{
    (void)data;
    char *piece = g_strndup(text, len);
    bool ok = sp_cli_write_data(stdout, piece);
    g_free(piece);
    return ok;
}

int sp_cli_figures(int argc, char **argv)
{
    sp_settings s;
    sp_inputs in;
    char *format = NULL;
    int rc = sp_cli_setup("figures", argc, argv, &s, &in, &format);
    if (rc != 0)
        return rc < 0 ? SP_EXIT_OK : rc;
    bool csv = format && strcmp(format, "csv") == 0;
    g_free(format);
    sp_diags d = {0};
    sp_dataset *ds = sp_load(&in, &d);
    if (sp_diags_count(&d, SP_DIAG_ERROR) == 0)
        sp_publish_check_data(&s, ds, &d);
    sp_cli_print_diags(&d);
    if (sp_diags_count(&d, SP_DIAG_ERROR) > 0) {
        rc = SP_EXIT_BAD_INPUT;
    } else {
        bool ok = sp_figures_stream(ds, s.as_at, s.first_n, csv ? SP_FIGURES_CSV : SP_FIGURES_JSON,
                                    to_stdout, NULL);
        if (!ok || fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "sendpack: cannot write the figures to standard output\n");
            rc = SP_EXIT_FAILURE;
        }
    }
    sp_cli_leave_to_exit(ds);
    sp_diags_free(&d);
    sp_inputs_clear(&in);
    sp_settings_clear(&s);
    return rc;
}
