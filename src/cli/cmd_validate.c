/* cmd_validate.c: `sendpack validate`: read every input (and the config,
 * if one is named) and report every problem; write nothing. On success it
 * lists what was read on stdout, one line per file, unless --quiet. */
#include "cli.h"

#include <stdio.h>

#include "sendpack/load.h"
#include "sendpack/publish.h"

int sp_cli_validate(int argc, char **argv)
{
    sp_settings s;
    sp_inputs in;
    int rc = sp_cli_setup("validate", argc, argv, &s, &in, NULL);
    if (rc != 0)
        return rc < 0 ? SP_EXIT_OK : rc;
    sp_diags d = {0};
    sp_dataset *ds = sp_load(&in, &d);
    if (sp_diags_count(&d, SP_DIAG_ERROR) == 0)
        sp_publish_check_data(&s, ds, &d);
    /* what build would refuse before its work: the workbook's limits */
    if (sp_diags_count(&d, SP_DIAG_ERROR) == 0)
        sp_publish_check_limits(&s, ds, &d);
    sp_cli_print_diags(&d);
    size_t errors = sp_diags_count(&d, SP_DIAG_ERROR), warnings = sp_diags_count(&d, SP_DIAG_WARNING);
    if (errors > 0) {
        fprintf(stderr, "sendpack: %zu problem%s found\n", errors, errors == 1 ? "" : "s");
        rc = SP_EXIT_BAD_INPUT;
    } else if (!s.quiet) {
        for (size_t i = 0; i < ds->n_inputs; i++) {
            const sp_input *x = &ds->inputs[i];
            if (x->sheet)
                sp_cli_print(stdout, "%s[%s]: %zu rows (%s)\n", x->path, x->sheet, x->rows, x->kind);
            else
                sp_cli_print(stdout, "%s: %zu rows (%s)\n", x->path, x->rows, x->kind);
        }
        printf("ok: %zu file%s, no problems", ds->n_inputs, ds->n_inputs == 1 ? "" : "s");
        if (warnings)
            printf(", %zu warning%s", warnings, warnings == 1 ? "" : "s");
        printf("\n");
    }
    sp_cli_leave_to_exit(ds);
    sp_diags_free(&d);
    sp_inputs_clear(&in);
    sp_settings_clear(&s);
    return rc;
}
