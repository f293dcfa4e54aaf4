/* cli.h: private to the command line (src/main.c and src/cli/): the
 * commands, their shared options, progress, signals and how problems are
 * printed. Only this layer prints or chooses an exit status (DESIGN rule 2). */
#ifndef SENDPACK_CLI_H
#define SENDPACK_CLI_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "sendpack/settings.h"
#include "sendpack/diag.h"
#include "sendpack/load.h"

/* Exit statuses, documented in --help and README.md. */
enum { SP_EXIT_OK = 0, SP_EXIT_FAILURE = 1, SP_EXIT_BAD_INPUT = 2 };

/* Every flag of build, figures and validate; strings are NULL when not
 * given, so that flags override the config only where they are given. */
typedef struct sp_cli_opts {
    const char *command;       /* "build", "figures", "validate" */
    char *config;
    char *data;
    char **inspections;        /* NULL-terminated */
    char **dsg;                /* --dsg, NULL-terminated */
    char *funding, *interventions, *areas, *sen2, *hexmap;
    char *sheet;               /* --sheet: the sheet of every spreadsheet input */
    char *as_at, *first_n;     /* checked by hand for messages naming the flag */
    char *out, *previous, *title, *prepared_for, *author, *workbook, *templates;
    char *workbook_format;
    char *dpi, *jobs, *size, *format;
    gboolean illustrative, official, profiles, no_profiles;
    gboolean no_charts, no_briefing, no_workbook, no_site, replace_unlisted;
    gboolean quiet, help, version, allow_empty;
    char **args;               /* explain: the figure ids (or globs) given */
    gboolean included_only;    /* explain: no excluded records */
} sp_cli_opts;

/* Parse argv for command into o. Prints help (returns -1: exit 0) or a
 * usage error (returns SP_EXIT_BAD_INPUT); 0 to go on. */
int sp_cli_parse(const char *command, int argc, char **argv, sp_cli_opts *o);
void sp_cli_opts_clear(sp_cli_opts *o);

/* Turn options (and the config they name) into settings and inputs:
 * defaults, then the config file, then the flags. Prints problems; returns 0
 * or SP_EXIT_BAD_INPUT. */
int sp_cli_resolve(const sp_cli_opts *o, sp_settings *s, sp_inputs *in);

/* sp_cli_parse then sp_cli_resolve, as every command starts. Returns 0 with
 * s and in set (the caller clears them); -1 after --help was shown (exit 0);
 * else the exit status, with nothing set. format, when not NULL, receives
 * --format (g_free; NULL when not given). */
int sp_cli_setup(const char *command, int argc, char **argv, sp_settings *s, sp_inputs *in,
                 char **format);

/* A command's loaded data (its sp_dataset), left to the process's exit
 * instead of freed record by record (at 148,000 areas, a second of frees
 * for nothing): each command runs once per process. Held where a leak
 * checker sees it still reachable. */
void sp_cli_leave_to_exit(const void *data);

/* Before GOptionContext sees argv: every "--name" must be one of the long
 * options in groups (n arrays, NULL ones skipped; "--" ends the options).
 * A mistyped one is a usage error with "did you mean --x?" when a known
 * name is close. Returns 0 or SP_EXIT_BAD_INPUT (reported). */
int sp_cli_check_flags(const char *command, int argc, char **argv,
                       const GOptionEntry *const *groups, size_t n);
/* The known word closest to word (same after '_' -> '-' and case folding,
 * a prefix either way, or at most two edits apart); NULL when none is. */
const char *sp_cli_suggest(const char *word, const char *const *known, size_t n);
/* "sendpack 0.1.0" on stdout. */
void sp_cli_print_version(void);
/* The local date of the run, only for refusing an as-at date in the future. */
sp_date sp_cli_today(void);
/* The templates folder when neither --templates nor the config names one:
 * the source tree's templates/ when this binary is the one in the build
 * tree, else <prefix>/share/sendpack/templates beside the installed binary.
 * Caller g_free()s. */
char *sp_cli_default_templates(void);

/* Print every diag on stderr, one line each ("file:line:col: message";
 * "sendpack: message" when there is no file). */
void sp_cli_print_diags(const sp_diags *d);
/* s with every control character escaped for a terminal: C0 and C1
 * controls, DEL, the bidi overrides and bytes that are not UTF-8 become
 * \xHH, \n, \r or \uHHHH; tabs stay; with keep_newlines, line ends (LF and
 * CRLF) stay as line ends. Caller g_free()s. */
char *sp_cli_escape(const char *s, bool keep_newlines);
/* fprintf with the whole text escaped but for its line ends: everything
 * sendpack prints for a person goes through here or sp_cli_escape. */
void sp_cli_print(FILE *to, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Write data (CSV, JSON) to a file or pipe as it is, or escaped as
 * sp_cli_print does when to is a terminal. Returns false on a write error. */
bool sp_cli_write_data(FILE *to, const char *text);

/* "sendpack <command>: <message>" and a hint to --help; returns 2. */
int sp_cli_usage_error(const char *command, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Progress on a terminal: "areas 57/149", only for steps running longer
 * than a second, nothing on a pipe or with --quiet. */
typedef struct sp_cli_progress {
    bool enabled;
    char what[48];
    gint64 started, last_drawn;
    bool shown;
} sp_cli_progress;
void sp_cli_progress_init(sp_cli_progress *p, bool quiet);
void sp_cli_progress_update(void *user, const char *what, size_t done, size_t total);
void sp_cli_progress_end(sp_cli_progress *p);

/* SIGINT, SIGTERM and SIGHUP remove the staging folder (sp_publish_cancel)
 * and then end the process with that signal; SIGXFSZ is ignored so a file
 * size limit becomes a write error. Call once, before any thread starts. */
void sp_cli_signals_install(void);

int sp_cli_profiles(int argc, char **argv);
int sp_cli_build(int argc, char **argv);
int sp_cli_figures(int argc, char **argv);
int sp_cli_validate(int argc, char **argv);
int sp_cli_diff(int argc, char **argv);
int sp_cli_explain(int argc, char **argv);

#endif
