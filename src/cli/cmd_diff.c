/* cmd_diff.c: `sendpack diff OLD NEW`: what changed between two
 * publications (folders, or their figures.json files), printed on stdout as
 * readable lines (default) or as revisions.csv (--format csv). Exit status
 * as diff(1) and cmp(1): 0 no change, 1 changes, 2 trouble (either side
 * unreadable, a usage error, standard output not writable), so a scheduled
 * job can act on it. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "sendpack/publish.h"

static const char *const DESCRIPTION =
    "OLD and NEW are publication folders (their figures.json is read) or\n"
    "figures.json files. Lines show: kind, id, label, old -> new, and the change\n"
    "(percentage points for shares).\n"
    "\n"
    "Exit status, as diff(1) and cmp(1): 0 no change, 1 changes, 2 trouble\n"
    "(unreadable input, usage, output failure).";

static void print_text(const sp_revisions *r)
{
    char a[64], b[64];
    sp_date_long(r->old_as_at, a, sizeof a);
    sp_date_long(r->new_as_at, b, sizeof b);
    printf("as at %s -> %s: %zu changed, %zu new, %zu removed\n", *a ? a : "(unknown)",
           *b ? b : "(unknown)", r->n_changed, r->n_new, r->n_removed);
    for (size_t i = 0; i < r->n; i++) {
        const sp_revision *x = &r->items[i];
        char ov[64], nv[64], ch[64];
        sp_revision_value_text(x->unit, x->old_value, ov, sizeof ov);
        sp_revision_value_text(x->unit, x->new_value, nv, sizeof nv);
        sp_revision_change_text(x, ch, sizeof ch);
        printf("%-8s %s  \"%s\"  %s -> %s%s%s%s\n", sp_revision_kind_name(x->kind), x->id,
               x->label, *ov ? ov : "(none)", *nv ? nv : "(none)", *ch ? "  (" : "", ch,
               *ch ? ")" : "");
    }
}

int sp_cli_diff(int argc, char **argv)
{
    char *format = NULL;
    gboolean help = FALSE, version = FALSE;
    GOptionEntry entries[] = {
        {"format", 0, 0, G_OPTION_ARG_STRING, &format, "text (default) or csv (as revisions.csv)", "text|csv"},
        {"help", 'h', 0, G_OPTION_ARG_NONE, &help, "Show this help", NULL},
        {"version", 0, 0, G_OPTION_ARG_NONE, &version, "Show the version", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    const GOptionEntry *groups[] = {entries};
    g_set_prgname("sendpack diff");
    GOptionContext *ctx = g_option_context_new("OLD NEW");
    g_option_context_set_summary(ctx, "Compare two publications: figures whose value changed, new figures and\nremoved figures.");
    g_option_context_set_help_enabled(ctx, FALSE);
    g_option_context_set_description(ctx, DESCRIPTION);
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int rc = 0;
    if ((rc = sp_cli_check_flags("diff", argc, argv, groups, 1)) != 0) {
        /* reported, with a suggestion */
    } else if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        rc = sp_cli_usage_error("diff", "%s", err->message);
        g_error_free(err);
    } else if (help) {
        char *text = g_option_context_get_help(ctx, TRUE, NULL);
        fputs(text, stdout);
        g_free(text);
        rc = -1;
    } else if (version) {
        sp_cli_print_version();
        rc = -1;
    } else if (format && strcmp(format, "text") != 0 && strcmp(format, "csv") != 0) {
        rc = sp_cli_usage_error("diff", "--format: expected text or csv, found \"%s\"", format);
    } else if (argc != 3) {
        rc = sp_cli_usage_error("diff", "expected two publications, OLD and NEW, found %d argument%s",
                                argc - 1, argc == 2 ? "" : "s");
    }
    if (rc == 0) {
        sp_diags d = {0};
        sp_revisions *r = sp_revisions_read(argv[1], argv[2], &d);
        sp_cli_print_diags(&d);
        if (!r) {
            rc = SP_EXIT_BAD_INPUT;
        } else if (format && strcmp(format, "csv") == 0) {
            char *csv = sp_revisions_csv(r);
            fputs(csv, stdout);
            g_free(csv);
        } else {
            print_text(r);
        }
        if (r)
            rc = r->n > 0 ? SP_EXIT_FAILURE : SP_EXIT_OK; /* 1: there are changes */
        if (r && (fflush(stdout) != 0 || ferror(stdout))) {
            fprintf(stderr, "sendpack: cannot write to standard output\n");
            rc = SP_EXIT_BAD_INPUT; /* trouble, as diff(1) says 2 */
        }
        sp_revisions_free(r);
        sp_diags_free(&d);
    }
    g_option_context_free(ctx);
    g_free(format);
    return rc < 0 ? SP_EXIT_OK : rc;
}
