/* main.c: the sendpack command: picks the subcommand and hands it the rest
 * of the arguments. Each command lives in src/cli/cmd_<name>.c and returns
 * the exit status (0 ok, 1 failure, 2 bad input or usage). */
#define _GNU_SOURCE /* sbrk, madvise (MADV_HUGEPAGE) */
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli/cli.h"
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

/* The heap on transparent huge pages: one page fault maps 2 MB instead of
 * 4 KB (in a virtual machine a fault costs as much as thousands of
 * instructions; the x100 synthetic build took 162,000 faults and 10 s, now
 * 15,000 and 7 s). A quarter of the memory (at most 2 GB, the most that
 * M_TOP_PAD takes) is reserved for the heap at once, as address space
 * only (memory is used as it is touched), and marked MADV_HUGEPAGE, which
 * the kernel honours when its setting is "madvise" (Debian's default) or
 * "always" and ignores when it is "never". Heap beyond the reservation
 * grows as usual, and worker processes (workers.c) inherit the marking.
 * glibc's tunable glibc.malloc.hugetlb=1 does the same, but only when set
 * in the environment before the process starts. */
static void heap_on_huge_pages(void)
{
    enum { HUGE = 2 << 20 };
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    uint64_t quarter = pages > 0 && size > 0 ? (uint64_t)pages * (uint64_t)size / 4 : 0;
    if (quarter < 16 * HUGE)
        return; /* a small machine: glibc's defaults */
    /* kept for good: a smaller pad would let free() trim the marked heap */
    mallopt(M_TOP_PAD, (int)(quarter < INT_MAX ? quarter : INT_MAX & ~(HUGE - 1)));
    void *grow = malloc(HUGE * 4); /* more than the heap has: brk grows by the pad */
    uintptr_t end = (uintptr_t)sbrk(0), from = ((uintptr_t)grow + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
    if (grow && end > from + HUGE)
        madvise((void *)from, (end - from) & ~(uintptr_t)(HUGE - 1), MADV_HUGEPAGE);
    free(grow);
}

int main(int argc, char **argv)
{
    /* Keep freed memory for the next allocation instead of handing it back
     * to the kernel: a chart's image and PNG buffers, the workbook's parts
     * and the web pages' text are each a few MB, allocated and freed over
     * and over, and each fresh page is a page fault (doubling the faults of
     * a national pack, and in a virtual machine a fault costs as much as
     * thousands of instructions). glibc's defaults: 128 KB and 256 KB. */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    heap_on_huge_pages();
    int rc = run(argc, argv);
    sp_layout_forget_widths();
    sp_text_release_fonts();
    return rc;
}
