/* main.c: the sendpack command: picks the subcommand and hands it the rest
 * of the arguments. Each command lives in src/cli/cmd_<name>.c and returns
 * the exit status (0 ok, 1 failure, 2 bad input or usage). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "sendpack/heap.h"
#include "sendpack/pdf_layout.h"
#include "sendpack/text.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *what;
} COMMANDS[] = {
    {"build", sp_cli_build, "build the briefing pack into an output folder"},
    {"profiles", sp_cli_profiles, "the same as build --profiles: the pack with area profiles"},
    {"figures", sp_cli_figures, "print the figures table (--format json|csv)"},
    {"validate", sp_cli_validate, "check the inputs and report every problem"},
    {"diff", sp_cli_diff, "compare two publications' figures"},
    {"explain", sp_cli_explain, "the records behind a figure (ID, or a glob)"},
};

static void usage(FILE *to)
{
    fprintf(to, "Usage:\n  sendpack COMMAND [OPTION...]\n\n"
                "Turn published data on area SEND inspections into a briefing pack.\n\n"
                "Commands:\n");
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        fprintf(to, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].what);
    fprintf(to, "\nOptions:\n"
                "  -h, --help     Show this help ('sendpack COMMAND --help' for a command)\n"
                "  --version      Show the version\n\n"
                "Exit status: 0 success; 1 any other failure (e.g. an output could not be\n"
                "written); 2 bad input or usage (every problem printed as file:line:column:\n"
                "message, nothing written).\n");
}

static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return SP_EXIT_BAD_INPUT;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return SP_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        sp_cli_print_version();
        return SP_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(cmd, COMMANDS[i].name) == 0)
            return COMMANDS[i].run(argc - 1, argv + 1);
    sp_cli_print(stderr, "sendpack: unknown command \"%s\"\nTry 'sendpack --help'.\n", cmd);
    return SP_EXIT_BAD_INPUT;
}

int main(int argc, char **argv)
{
    sp_heap_setup(); /* heap.c: freed memory kept, the heap on huge pages */
    int rc = run(argc, argv);
    sp_layout_forget_widths();
    sp_text_release_fonts();
    return rc;
}
