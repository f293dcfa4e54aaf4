/* options.c: the flags of build, figures and validate (GOptionContext), and
 * how they combine with the config file into settings and inputs.
 *
 * Design choice: every flag value is kept as given (strings, NULL when
 * absent) and checked here by hand, so a bad value is reported naming its
 * flag ("--as-at: expected a date ...") and a flag overrides the config only
 * when it was given. Order of precedence: defaults < config < flags. */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/config.h"
#include "sendpack/date.h"

static const char *const DESCRIPTION =
    "Inputs, when neither --data nor an input file is given: the config's [inputs]\n"
    "(a config must name some), or, with no config, the illustrative fixtures/ in\n"
    "the current folder. Every input may be CSV, ODS or XLSX (told by content);\n"
    "a spreadsheet's data sheet is the one with the header row, or --sheet NAME\n"
    "(file.ods#NAME in a config). In a --data folder every file is recognised by\n"
    "its content and header row, whatever its name.\n"
    "\n"
    "Data not stated official (--official, or status = official in the config) is\n"
    "illustrative. sendpack's fictional fixtures (area codes starting X) are never\n"
    "official and never mixed with real data. An as-at date after today, or before\n"
    "every inspection in the data (unless --allow-empty), is an error.\n"
    "\n"
    "Exit status:\n"
    "  0  success (warnings, printed as \"warning: ...\", do not fail a run)\n"
    "  1  any other failure: an output could not be written (read-only or full\n"
    "     target, file size limit), or another build holds the output folder;\n"
    "     the previous publication is left untouched\n"
    "  2  bad input or usage: every problem is printed on stderr, one line each,\n"
    "     as file:line:column: message (file[Sheet]!B12: message for a spreadsheet\n"
    "     cell), and nothing is written\n"
    "Stopped by SIGINT, SIGTERM or SIGHUP, a build removes its staging folder and\n"
    "dies of that signal (the shell sees 130, 143 or 129); the output folder holds\n"
    "the old publication, or the new one if it was already in place, never a mix.\n"
    "\n"
    "Documentation: the sendpack(1) manual page and README.md.";

static const char *summary_for(const char *command)
{
    if (strcmp(command, "build") == 0)
        return "Build the briefing pack into an output folder: charts, briefing.pdf, the\n"
               "workbook, the web pages (site/), optionally area profiles, figures.json,\n"
               "figures.csv, manifest.json and (with a previous publication)\n"
               "revisions.csv. The new\n"
               "publication is built beside the target and swapped in only when complete.";
    if (strcmp(command, "profiles") == 0)
        return "Build the briefing pack with the one-page area profiles (areas/<name>_<code>.pdf\n"
               "and areas.pdf): the same as 'sendpack build --profiles'. A publication is\n"
               "always built and swapped in whole, so profiles never sit beside a briefing\n"
               "from another run; --no-charts, --no-briefing, --no-workbook and --no-site\n"
               "leave the rest out.";
    if (strcmp(command, "figures") == 0)
        return "Print the figures table (every number the pack shows, with its definition,\n"
               "source and filter) on standard output.";
    if (strcmp(command, "explain") == 0)
        return "Print a figure (label, value, definition, filter, source) and the records\n"
               "behind it: every record in its numerator and denominator, or each record's\n"
               "contribution to a total or median, with file and line, and the records\n"
               "left out with the reason. ID may be a glob such as 'region.*.wsoa.share'.";
    return "Check the inputs and report every problem, one per line; write nothing.";
}

int sp_cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    sp_cli_print(stderr, "sendpack %s: %s\nTry 'sendpack %s --help'.\n", command, msg, command);
    g_free(msg);
    return SP_EXIT_BAD_INPUT;
}

/* `profiles` is `build` with the area profiles always on. */
static bool is_build(const sp_cli_opts *o)
{
    return strcmp(o->command, "build") == 0 || strcmp(o->command, "profiles") == 0;
}

/* Check the values that GOptionContext cannot: dates, ranges, choices. */
static int check_values(const sp_cli_opts *o)
{
    const char *c = o->command;
    sp_date d;
    gint64 n;
    double w, h;
    if (o->as_at && !sp_date_parse_as_at(o->as_at, &d))
        return sp_cli_usage_error(c, "--as-at: expected " SP_AS_AT_EXPECTED ", found \"%s\"", o->as_at);
    if (o->first_n && !g_ascii_string_to_signed(o->first_n, 10, 1, 1000000, &n, NULL))
        return sp_cli_usage_error(c, "--first-n: expected a whole number of at least 1, found \"%s\"",
                                  o->first_n);
    if (o->jobs && !g_ascii_string_to_signed(o->jobs, 10, 1, SP_JOBS_MAX, &n, NULL))
        return sp_cli_usage_error(c, "--jobs: expected a whole number from 1 to %d, found \"%s\"",
                                  SP_JOBS_MAX, o->jobs);
    if (o->dpi && !g_ascii_string_to_signed(o->dpi, 10, 36, 2400, &n, NULL))
        return sp_cli_usage_error(c, "--dpi: expected a whole number from 36 to 2400, found \"%s\"", o->dpi);
    if (o->size && !sp_config_parse_size(o->size, &w, &h))
        return sp_cli_usage_error(c, "--size: expected width x height in centimetres such as 16x10, found \"%s\"",
                                  o->size);
    if (o->workbook && !sp_workbook_name_valid(o->workbook))
        return sp_cli_usage_error(c, "--workbook: expected a file name ending .xlsx or .ods, without a folder, found \"%s\"",
                                  o->workbook);
    sp_workbook_format wf;
    if (o->workbook_format && !sp_workbook_format_parse(o->workbook_format, &wf))
        return sp_cli_usage_error(c, "--workbook-format: expected xlsx, ods or both, found \"%s\"",
                                  o->workbook_format);
    bool explain = strcmp(c, "explain") == 0;
    if (explain && o->format && strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0 &&
        strcmp(o->format, "csv") != 0)
        return sp_cli_usage_error(c, "--format: expected text, csv or json, found \"%s\"", o->format);
    if (!explain && o->format && strcmp(o->format, "json") != 0 && strcmp(o->format, "csv") != 0)
        return sp_cli_usage_error(c, "--format: expected json or csv, found \"%s\"", o->format);
    if (o->illustrative && o->official)
        return sp_cli_usage_error(c, "--illustrative and --official contradict each other");
    if (o->profiles && o->no_profiles)
        return sp_cli_usage_error(c, "--profiles and --no-profiles contradict each other");
    if (o->out && !*o->out)
        return sp_cli_usage_error(c, "--out: expected a folder");
    return 0;
}

int sp_cli_parse(const char *command, int argc, char **argv, sp_cli_opts *o)
{
    *o = (sp_cli_opts){0};
    o->command = command;
    GOptionEntry common[] = {
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, "No progress and no summary; problems are still printed", NULL},
        {"help", 'h', 0, G_OPTION_ARG_NONE, &o->help, "Show this help", NULL},
        {"version", 0, 0, G_OPTION_ARG_NONE, &o->version, "Show the version", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionEntry figures_only[] = {
        {"format", 0, 0, G_OPTION_ARG_STRING, &o->format, "json (default) or csv", "json|csv"},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionEntry explain_only[] = {
        {"format", 0, 0, G_OPTION_ARG_STRING, &o->format, "text (default), csv or json", "text|csv|json"},
        {"included-only", 0, 0, G_OPTION_ARG_NONE, &o->included_only, "Leave out the records not counted", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionEntry inputs[] = {
        {"config", 0, 0, G_OPTION_ARG_FILENAME, &o->config, "Read settings from an INI file; flags override it", "FILE"},
        {"data", 0, 0, G_OPTION_ARG_FILENAME, &o->data, "Folder of input files (default: fixtures/)", "DIR"},
        {"inspections", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->inspections, "An inspections CSV (repeat for more)", "FILE"},
        {"funding", 0, 0, G_OPTION_ARG_FILENAME, &o->funding, "Funding lines CSV", "FILE"},
        {"interventions", 0, 0, G_OPTION_ARG_FILENAME, &o->interventions, "Interventions CSV", "FILE"},
        {"areas", 0, 0, G_OPTION_ARG_FILENAME, &o->areas, "Areas lookup CSV", "FILE"},
        {"sen2", 0, 0, G_OPTION_ARG_FILENAME, &o->sen2, "DfE SEN2 EHC-plan file (EES tidy CSV, ODS or XLSX)", "FILE"},
        {"dsg", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->dsg, "A DfE dedicated schools grant allocations ODS (repeat for more years)", "FILE"},
        {"hexmap", 0, 0, G_OPTION_ARG_FILENAME, &o->hexmap, "Hex map layout of the areas (HexJSON; \"\" for none)", "FILE"},
        {"sheet", 0, 0, G_OPTION_ARG_STRING, &o->sheet, "Sheet to read in ODS/XLSX inputs (default: the one with the header row)", "NAME"},
        {"as-at", 0, 0, G_OPTION_ARG_STRING, &o->as_at, "Count what was published by this date (default: latest)", "YYYY-MM-DD"},
        {"first-n", 0, 0, G_OPTION_ARG_STRING, &o->first_n, "Inspections the first-N figures cover (default 100)", "N"},
        {"allow-empty", 0, 0, G_OPTION_ARG_NONE, &o->allow_empty, "Accept an as-at date before every inspection in the data", NULL},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionEntry outputs[] = {
        {"out", 0, 0, G_OPTION_ARG_FILENAME, &o->out, "Output folder (default: out)", "DIR"},
        {"previous", 0, 0, G_OPTION_ARG_FILENAME, &o->previous, "Previous publication to compare with (\"\" for none)", "DIR"},
        {"replace-unlisted", 0, 0, G_OPTION_ARG_NONE, &o->replace_unlisted, "Replace the output folder even when it holds files its manifest.json does not list (they are deleted)", NULL},
        {"title", 0, 0, G_OPTION_ARG_STRING, &o->title, "Title of the briefing", "TEXT"},
        {"prepared-for", 0, 0, G_OPTION_ARG_STRING, &o->prepared_for, "\"Prepared for ...\" line", "TEXT"},
        {"author", 0, 0, G_OPTION_ARG_STRING, &o->author, "Author in document metadata", "TEXT"},
        {"illustrative", 0, 0, G_OPTION_ARG_NONE, &o->illustrative, "Mark every output \"Illustrative data\" (the default)", NULL},
        {"official", 0, 0, G_OPTION_ARG_NONE, &o->official, "Official data: no \"Illustrative data\" marking (never for fixtures)", NULL},
        {"profiles", 0, 0, G_OPTION_ARG_NONE, &o->profiles, "Also write one-page area profiles (areas/, areas.pdf)", NULL},
        {"no-profiles", 0, 0, G_OPTION_ARG_NONE, &o->no_profiles, "Do not write area profiles", NULL},
        {"no-charts", 0, 0, G_OPTION_ARG_NONE, &o->no_charts, "Do not write charts/", NULL},
        {"no-briefing", 0, 0, G_OPTION_ARG_NONE, &o->no_briefing, "Do not write briefing.pdf", NULL},
        {"no-workbook", 0, 0, G_OPTION_ARG_NONE, &o->no_workbook, "Do not write the workbook", NULL},
        {"no-site", 0, 0, G_OPTION_ARG_NONE, &o->no_site, "Do not write site/ (the web pages)", NULL},
        {"workbook", 0, 0, G_OPTION_ARG_STRING, &o->workbook, "Workbook file name (default: sendpack.xlsx; the ODS is named after it)", "NAME"},
        {"workbook-format", 0, 0, G_OPTION_ARG_STRING, &o->workbook_format, "Workbook files: xlsx, ods or both (default both)", "FORMAT"},
        {"templates", 0, 0, G_OPTION_ARG_FILENAME, &o->templates, "Folder of briefing templates (default: the installed ones)", "DIR"},
        {"dpi", 0, 0, G_OPTION_ARG_STRING, &o->dpi, "PNG chart resolution (default 150)", "N"},
        {"jobs", 0, 0, G_OPTION_ARG_STRING, &o->jobs, "Processes to share the work (default: one per processor; the files are the same for any N)", "N"},
        {"size", 0, 0, G_OPTION_ARG_STRING, &o->size, "Chart size in centimetres (default 16x10)", "WxH"},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};

    char *prg = g_strdup_printf("sendpack %s", command);
    g_set_prgname(prg);
    g_free(prg);
    GOptionContext *ctx = g_option_context_new(strcmp(command, "explain") == 0 ? "ID..." : NULL);
    g_option_context_set_help_enabled(ctx, FALSE);
    g_option_context_set_summary(ctx, summary_for(command));
    g_option_context_set_description(ctx, DESCRIPTION);
    GOptionGroup *gi = g_option_group_new("inputs", "Inputs:", "Input options", NULL, NULL);
    g_option_group_add_entries(gi, inputs);
    g_option_context_add_group(ctx, gi);
    if (is_build(o)) {
        GOptionGroup *go = g_option_group_new("outputs", "Outputs:", "Output options", NULL, NULL);
        g_option_group_add_entries(go, outputs);
        g_option_context_add_group(ctx, go);
    }
    GOptionGroup *gc = g_option_group_new("general", "General:", "General options", NULL, NULL);
    g_option_group_add_entries(gc, common);
    if (strcmp(command, "figures") == 0)
        g_option_group_add_entries(gc, figures_only);
    if (strcmp(command, "explain") == 0)
        g_option_group_add_entries(gc, explain_only);
    g_option_context_add_group(ctx, gc);
    GError *err = NULL;
    int rc = 0;
    const GOptionEntry *groups[] = {inputs, is_build(o) ? outputs : NULL, common,
                                    strcmp(command, "figures") == 0 ? figures_only : NULL,
                                    strcmp(command, "explain") == 0 ? explain_only : NULL};
    if ((rc = sp_cli_check_flags(command, argc, argv, groups, G_N_ELEMENTS(groups))) != 0) {
        /* reported, with a suggestion */
    } else if (!g_option_context_parse(ctx, &argc, &argv, &err)) {
        rc = sp_cli_usage_error(command, "%s", err->message);
        g_error_free(err);
    } else if (o->help) {
        char *help = g_option_context_get_help(ctx, FALSE, NULL);
        fputs(help, stdout);
        g_free(help);
        rc = -1;
    } else if (o->version) {
        sp_cli_print_version();
        rc = -1;
    } else if (argc > 1 && strcmp(command, "explain") == 0) {
        o->args = g_new0(char *, (size_t)argc);
        for (int i = 1; i < argc; i++)
            o->args[i - 1] = g_strdup(argv[i]);
        rc = check_values(o);
    } else if (argc > 1) {
        rc = sp_cli_usage_error(command, "unexpected argument \"%s\"", argv[1]);
    } else {
        rc = check_values(o);
    }
    g_option_context_free(ctx);
    return rc;
}

void sp_cli_opts_clear(sp_cli_opts *o)
{
    char **strs[] = {&o->config, &o->data, &o->funding, &o->interventions, &o->areas, &o->sen2, &o->hexmap, &o->sheet, &o->as_at,
                     &o->first_n, &o->out, &o->previous, &o->title, &o->prepared_for, &o->author,
                     &o->workbook, &o->templates, &o->dpi, &o->jobs, &o->size, &o->format,
                     &o->workbook_format};
    for (size_t i = 0; i < G_N_ELEMENTS(strs); i++)
        g_clear_pointer(strs[i], g_free);
    g_strfreev(o->inspections);
    o->inspections = NULL;
    g_strfreev(o->dsg);
    o->dsg = NULL;
    g_strfreev(o->args);
    o->args = NULL;
}

static void replace(char **slot, const char *v)
{
    g_free(*slot);
    *slot = v && *v ? g_strdup(v) : NULL;
}

static void apply_flags(const sp_cli_opts *o, sp_settings *s)
{
    sp_date d;
    if (o->as_at && sp_date_parse_as_at(o->as_at, &d))
        s->as_at = d;
    if (o->first_n)
        s->first_n = (int)g_ascii_strtoll(o->first_n, NULL, 10);
    s->quiet = o->quiet;
    if (!is_build(o))
        return;
    if (o->out)
        replace(&s->out_dir, o->out);
    if (o->previous)
        replace(&s->previous_dir, o->previous);
    if (o->title && *o->title)
        replace(&s->title, o->title);
    if (o->prepared_for)
        replace(&s->prepared_for, o->prepared_for);
    if (o->author)
        replace(&s->author, o->author);
    if (o->illustrative || o->official)
        s->illustrative = o->illustrative;
    if (o->profiles || o->no_profiles)
        s->make_profiles = o->profiles;
    if (strcmp(o->command, "profiles") == 0)
        s->make_profiles = true;
    if (o->no_charts)
        s->make_charts = false;
    if (o->no_briefing)
        s->make_briefing = false;
    if (o->no_workbook)
        s->make_workbook = false;
    if (o->replace_unlisted)
        s->replace_unlisted = true;
    if (o->no_site)
        s->make_site = false;
    if (o->workbook)
        replace(&s->workbook_name, o->workbook);
    if (o->workbook_format)
        sp_workbook_format_parse(o->workbook_format, &s->workbook_format);
    if (o->templates)
        replace(&s->templates_dir, o->templates);
    if (o->dpi)
        s->dpi = (double)g_ascii_strtoll(o->dpi, NULL, 10);
    if (o->jobs)
        s->jobs = (int)g_ascii_strtoll(o->jobs, NULL, 10);
    if (o->size)
        sp_config_parse_size(o->size, &s->width_cm, &s->height_cm);
}

/* Inputs named by flags, which replace the config's [inputs] entirely. */
static int inputs_from_flags(const sp_cli_opts *o, sp_inputs *in, sp_diags *d)
{
    if (o->data) {
        if (!g_file_test(o->data, G_FILE_TEST_IS_DIR))
            return sp_cli_usage_error(o->command, "--data: folder \"%s\" not found", o->data);
        if (sp_inputs_from_dir(in, o->data, d) != 0)
            return SP_EXIT_BAD_INPUT;
        for (size_t i = 0; i < in->n_recognised && !o->quiet; i++)
            fprintf(stderr, "read %s\n", in->recognised[i]);
    }
    for (char **p = o->inspections; p && *p; p++) {
        if (g_file_test(*p, G_FILE_TEST_IS_DIR))
            return sp_cli_usage_error(o->command,
                                      "--inspections: \"%s\" is a folder; to read the files in "
                                      "it, use --data %s", *p, *p);
        in->inspections = g_renew(char *, in->inspections, in->n_inspections + 1);
        in->inspections[in->n_inspections++] = g_strdup(*p);
    }
    if (o->funding)
        replace(&in->funding, o->funding);
    if (o->interventions)
        replace(&in->interventions, o->interventions);
    if (o->areas)
        replace(&in->areas, o->areas);
    if (o->sen2)
        replace(&in->sen2, o->sen2);
    for (char **p = o->dsg; p && *p; p++) {
        in->dsg = g_renew(char *, in->dsg, in->n_dsg + 1);
        in->dsg[in->n_dsg++] = g_strdup(*p);
    }
    return 0;
}

int sp_cli_resolve(const sp_cli_opts *o, sp_settings *s, sp_inputs *in)
{
    sp_settings_init(s);
    s->make_profiles = false; /* profiles only when asked for (--profiles or config) */
    s->illustrative = true;   /* official only when stated (--official or the config) */
    s->today = sp_cli_today();
    s->allow_empty = o->allow_empty;
    g_clear_pointer(&s->templates_dir, g_free); /* NULL: not given; found below */
    *in = (sp_inputs){0};
    sp_inputs from_config = {0};
    bool config_inputs = false;
    sp_diags d = {0};
    int rc = 0;
    if (o->config && sp_config_load(o->config, s, &from_config, &config_inputs, &d) != 0)
        rc = SP_EXIT_BAD_INPUT;
    if (rc == 0) {
        apply_flags(o, s);
        if (o->data || o->inspections || o->funding || o->interventions || o->areas || o->sen2 ||
            o->dsg) {
            rc = inputs_from_flags(o, in, &d);
        } else if (config_inputs) {
            *in = from_config;
            from_config = (sp_inputs){0};
        } else if (o->config) {
            /* never fall back to the fictional fixtures from a config: a
             * scheduled official run would publish them */
            sp_diags_error(&d, o->config, 0, 0,
                           "names no inputs: add an [inputs] group with data = DIR or "
                           "inspections = FILE");
        } else if (g_file_test("fixtures", G_FILE_TEST_IS_DIR)) {
            if (sp_inputs_from_dir(in, "fixtures", &d) != 0)
                rc = SP_EXIT_BAD_INPUT;
        } else {
            rc = sp_cli_usage_error(o->command,
                                    "no inputs: give --data DIR or --inspections FILE, a --config "
                                    "with [inputs], or run where fixtures/ is");
        }
    }
    if (rc == 0 && !s->templates_dir)
        s->templates_dir = sp_cli_default_templates();
    if (rc == 0 && o->sheet)
        replace(&in->sheet, o->sheet);
    if (rc == 0 && o->hexmap) /* beside the config's other inputs, or "" for none */
        replace(&in->hexmap, o->hexmap);
    if (sp_diags_count(&d, SP_DIAG_ERROR) > 0 && rc == 0)
        rc = SP_EXIT_BAD_INPUT;
    sp_cli_print_diags(&d);
    sp_diags_free(&d);
    sp_inputs_clear(&from_config);
    if (rc != 0) {
        sp_inputs_clear(in);
        sp_settings_clear(s);
    }
    return rc;
}

int sp_cli_setup(const char *command, int argc, char **argv, sp_settings *s, sp_inputs *in,
                 char **format)
{
    sp_cli_opts o;
    int rc = sp_cli_parse(command, argc, argv, &o);
    if (rc == 0) {
        if (format)
            *format = g_strdup(o.format);
        rc = sp_cli_resolve(&o, s, in);
        if (rc != 0 && format)
            g_clear_pointer(format, g_free);
    }
    sp_cli_opts_clear(&o);
    return rc;
}

/* volatile: an optimising compiler drops stores to a static nothing reads,
 * and valgrind then called the data lost */
static const void *volatile left_to_exit;

void sp_cli_leave_to_exit(const void *data)
{
    left_to_exit = data;
}
