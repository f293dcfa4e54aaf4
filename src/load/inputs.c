/* inputs.c: which files a run reads (sp_inputs) and loading them all
 * (sp_load).
 *
 * Design choice: a data folder's files are told apart by their content and
 * header row (a download keeps the publisher's name), taken in name order
 * (strcmp, not locale), so the same folder always loads in the same order. Files named explicitly win: a folder only fills funding,
 * interventions and areas when they are not already set. */
#include "sendpack/load.h"
#include "sendpack/sheet.h"
#include "table_open.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

static int by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The kind the file at path holds, by its content and header row (NULL
 * when none); a spreadsheet that cannot be read gives its errors to diags. */
static const sp_schema *kind_of(const char *path, sp_diags *diags)
{
    static const sp_schema *const all[] = {&sp_schema_inspections_2016,
                                           &sp_schema_inspections_2023, &sp_schema_funding,
                                           &sp_schema_interventions, &sp_schema_areas};
    sp_diags quiet = {0};
    sp_csv_table t;
    sp_source src;
    sp_table_open(&t, &src, path, all, G_N_ELEMENTS(all), &quiet);
    sp_header h;
    sp_header_find(&h, &t, all, G_N_ELEMENTS(all), src.where, &quiet);
    if (!h.schema && sp_sheet_sniff(path) != SP_FORMAT_TEXT)
        for (size_t i = 0; i < quiet.n; i++)
            if (quiet.items[i].level == SP_DIAG_ERROR && quiet.items[i].line == 0)
                sp_diags_error(diags, quiet.items[i].file, 0, 0, "%s", quiet.items[i].message);
    sp_csv_clear(&t);
    sp_source_clear(&src);
    sp_diags_free(&quiet);
    return h.schema;
}

static void recognised(sp_inputs *in, const char *path, const char *what)
{
    in->recognised = g_renew(char *, in->recognised, in->n_recognised + 1);
    in->recognised[in->n_recognised++] = g_strdup_printf("%s: %s", path, what);
}

/* Use path as the kind's one file, unless one is already named. */
static void take(sp_inputs *in, char **slot, char *path, const sp_schema *s, sp_diags *diags)
{
    if (*slot) {
        sp_diags_warning(diags, path, 0, 0, "not read: a %s file is already read (%s)", s->what,
                         *slot);
        g_free(path);
        return;
    }
    recognised(in, path, s->what);
    *slot = path;
}

int sp_inputs_from_dir(sp_inputs *in, const char *dir, sp_diags *diags)
{
    DIR *d = opendir(dir);
    if (!d) {
        sp_diags_error(diags, dir, 0, 0, "cannot read: %s", g_strerror(errno));
        return -1;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            g_ptr_array_add(names, g_build_filename(dir, e->d_name, NULL));
    closedir(d);
    g_ptr_array_sort(names, by_name);
    for (guint i = 0; i < names->len; i++) {
        char *path = g_ptr_array_index(names, i);
        if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
            continue;
        bool data_like = sp_sheet_sniff(path) != SP_FORMAT_TEXT || g_str_has_suffix(path, ".csv");
        if (!data_like)
            continue; /* README.md, publication.ini */
        const sp_schema *s = kind_of(path, diags);
        char *mine = g_strdup(path);
        if (!s) {
            sp_diags_warning(diags, path, 0, 0,
                             "not read: no header row of an inspections, funding, "
                             "interventions or areas table");
            g_free(mine);
        } else if (g_str_has_prefix(s->kind, "inspections")) {
            recognised(in, mine, s->what);
            in->inspections = g_renew(char *, in->inspections, in->n_inspections + 1);
            in->inspections[in->n_inspections++] = mine;
        } else if (s == &sp_schema_funding) {
            take(in, &in->funding, mine, s, diags);
        } else if (s == &sp_schema_interventions) {
            take(in, &in->interventions, mine, s, diags);
        } else {
            take(in, &in->areas, mine, s, diags);
        }
    }
    g_ptr_array_free(names, TRUE);
    return 0;
}

void sp_inputs_clear(sp_inputs *in)
{
    for (size_t i = 0; i < in->n_inspections; i++)
        g_free(in->inspections[i]);
    g_free(in->inspections);
    g_free(in->funding);
    g_free(in->interventions);
    g_free(in->areas);
    g_free(in->hexmap);
    g_free(in->sheet);
    for (size_t i = 0; i < in->n_recognised; i++)
        g_free(in->recognised[i]);
    g_free(in->recognised);
    *in = (sp_inputs){0};
}

/* True (and reported) when inspections file i was named before, by the same
 * path or another one: read twice, every area would count twice. */
static bool named_before(const sp_inputs *in, size_t i, sp_diags *diags)
{
    GStatBuf a, b;
    if (g_stat(in->inspections[i], &a) != 0)
        return false; /* reported when it is read */
    for (size_t j = 0; j < i; j++) {
        if (g_stat(in->inspections[j], &b) != 0 || a.st_dev != b.st_dev || a.st_ino != b.st_ino)
            continue;
        if (strcmp(in->inspections[i], in->inspections[j]) == 0)
            sp_diags_error(diags, in->inspections[i], 0, 0,
                           "expected each inspections file once, found it named twice");
        else
            sp_diags_error(diags, in->inspections[i], 0, 0,
                           "expected each inspections file once, found the same file as %s",
                           in->inspections[j]);
        return true;
    }
    return false;
}

/* path, or "path#Sheet" when --sheet is given and path is a spreadsheet. */
static char *with_sheet(const sp_inputs *in, const char *path)
{
    if (in->sheet && g_file_test(path, G_FILE_TEST_IS_REGULAR) &&
        sp_sheet_sniff(path) != SP_FORMAT_TEXT)
        return g_strdup_printf("%s#%s", path, in->sheet);
    return g_strdup(path);
}

typedef int (*loader)(sp_dataset *ds, const char *path, sp_diags *diags);

static void load_one(const sp_inputs *in, sp_dataset *ds, loader fn, const char *path,
                     sp_diags *diags)
{
    char *p = with_sheet(in, path);
    fn(ds, p, diags);
    g_free(p);
}

sp_dataset *sp_load(const sp_inputs *in, sp_diags *diags)
{
    sp_dataset *ds = sp_dataset_new();
    for (size_t i = 0; i < in->n_inspections; i++)
        if (!named_before(in, i, diags))
            load_one(in, ds, sp_load_inspections, in->inspections[i], diags);
    if (in->funding)
        load_one(in, ds, sp_load_funding, in->funding, diags);
    if (in->interventions)
        load_one(in, ds, sp_load_interventions, in->interventions, diags);
    if (in->areas)
        load_one(in, ds, sp_load_areas, in->areas, diags);
    if (in->hexmap) {
        sp_load_hexjson(ds, in->hexmap, diags);
        sp_hexmap_check(ds, diags);
    }
    /* Nothing to count is bad input, not a publication of zeros dated
     * 0000-00-00 (said only when nothing else is wrong). */
    if (ds->n_inspections == 0 && sp_diags_count(diags, SP_DIAG_ERROR) == 0) {
        if (in->n_inspections == 0)
            sp_diags_error(diags, NULL, 0, 0,
                           "no inspections file among the inputs: name one with --inspections, "
                           "or put an inspections table in the --data folder");
        else
            sp_diags_error(diags, in->inspections[0], 0, 0,
                           "no inspection rows: %s below the header row",
                           in->n_inspections == 1 ? "the file has nothing"
                                                  : "no inspections file has anything");
    }
    return ds;
}
