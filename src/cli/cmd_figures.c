/* cmd_figures.c: `sendpack figures`: load, compute and print the figures
 * table as JSON (the bytes of figures.json) or CSV on standard output.
 * Problems go to stderr; with bad input nothing at all reaches stdout, so a
 * script that redirects it never keeps half a table. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "sendpack/figures.h"
#include "sendpack/load.h"
#include "sendpack/publish.h"

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
        sp_figures *figs = sp_figures_compute(ds, s.as_at, s.first_n);
        char *text = csv ? sp_figures_csv(figs) : sp_figures_json(figs);
        size_t len = strlen(text);
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "sendpack: cannot write the figures to standard output\n");
            rc = SP_EXIT_FAILURE;
        }
        g_free(text);
        sp_figures_free(figs);
    }
    sp_dataset_free(ds);
    sp_diags_free(&d);
    sp_inputs_clear(&in);
    sp_settings_clear(&s);
    return rc;
}
