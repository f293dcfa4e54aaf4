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
#include <stddef.h>
#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

typedef int (*loader)(sp_dataset *ds, const char *path, sp_diags *diags);

/* After every file is read: SEN2 codes that match no area are warned of. */
static void sen2_after(sp_dataset *ds, sp_diags *diags)
{
    sp_sen2_check_join(ds, diags);
}

/* After every file is read: DSG rows get their area codes from the old/new
 * code pairs of the areas file and of a SEN2 file. */
static void dsg_after(sp_dataset *ds, sp_diags *diags)
{
    size_t na, ns;
    sp_code_pair *a = sp_code_pairs_from_areas(ds, &na), *s = sp_code_pairs_from_sen2(ds, &ns);
    a = g_renew(sp_code_pair, a, na + ns + 1);
    memcpy(a + na, s, ns * sizeof *s);
    sp_dsg_join(ds, a, na + ns, diags);
    g_free(a);
    g_free(s);
}

/* The loader registry: one line per data source, in the order sp_load reads
 * them (so the order of records and of sp_dataset.inputs). source is the
 * key of the source's breakdown in the stats registry (SOURCES in
 * src/stats/sources.c, same names, same order); schemas are the header rows
 * that tell its files apart in a data folder, is_file a test by content for
 * sources without one header row (a workbook); slot is its one file in
 * sp_inputs, or, when 0, list and count are its list of files; own_sheets:
 * the loader picks its sheets itself (--sheet does not apply); after runs
 * once every source is read, when this one had files (joins that need the
 * areas). ARCHITECTURE.md "How to add a data source" walks through adding
 * a line. */
static const struct load_entry {
    const char *source;
    const sp_schema *schemas[2];
    loader load;
    size_t slot, list, count;
    bool (*is_file)(const char *path);
    const char *what; /* what an is_file file is, for validate's list */
    bool own_sheets;
    void (*after)(sp_dataset *ds, sp_diags *diags);
} LOADERS[] = {
    {"inspections", {&sp_schema_inspections_2016, &sp_schema_inspections_2023}, sp_load_inspections,
     0, offsetof(sp_inputs, inspections), offsetof(sp_inputs, n_inspections), NULL, NULL, false, NULL},
    {"funding", {&sp_schema_funding}, sp_load_funding, offsetof(sp_inputs, funding), 0, 0, NULL, NULL,
     false, NULL},
    {"interventions", {&sp_schema_interventions}, sp_load_interventions,
     offsetof(sp_inputs, interventions), 0, 0, NULL, NULL, false, NULL},
    {"sen2", {&sp_schema_sen2}, sp_load_sen2, offsetof(sp_inputs, sen2), 0, 0, NULL, NULL,
     false, sen2_after},
    {"dsg", {NULL}, sp_load_dsg, 0, offsetof(sp_inputs, dsg), offsetof(sp_inputs, n_dsg),
     sp_dsg_is_file, "dedicated schools grant allocations", true, dsg_after},
    {"areas", {&sp_schema_areas}, sp_load_areas, offsetof(sp_inputs, areas), 0, 0, NULL, NULL, false,
     NULL},
};

/* The list of files of a list entry (slot 0). */
static char ***list_of(sp_inputs *in, const struct load_entry *e)
{
    return (char ***)(void *)((char *)in + e->list);
}

static size_t *count_of(sp_inputs *in, const struct load_entry *e)
{
    return (size_t *)(void *)((char *)in + e->count);
}

static size_t count_in(const sp_inputs *in, const struct load_entry *e)
{
    return *(const size_t *)(const void *)((const char *)in + e->count);
}

static const char *list_file(const sp_inputs *in, const struct load_entry *e, size_t i)
{
    return (*(char **const *)(const void *)((const char *)in + e->list))[i];
}

static void list_add(sp_inputs *in, const struct load_entry *e, char *path)
{
    char ***list = list_of(in, e);
    size_t *n = count_of(in, e);
    *list = g_renew(char *, *list, *n + 1);
    (*list)[(*n)++] = path;
}

const char *sp_load_source(size_t i)
{
    return i < G_N_ELEMENTS(LOADERS) ? LOADERS[i].source : NULL;
}

/* The single file of entry e in in. */
static char **slot_of(sp_inputs *in, const struct load_entry *e)
{
    return (char **)(void *)((char *)in + e->slot);
}

static const char *file_of(const sp_inputs *in, const struct load_entry *e)
{
    return *(char *const *)(const void *)((const char *)in + e->slot);
}

static int by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The registry entry whose file the one at path is, by its content and
 * header row (NULL when none; *schema: the header it has); a spreadsheet
 * that cannot be read gives its errors to diags. */
static const struct load_entry *kind_of(const char *path, const sp_schema **schema,
                                        sp_diags *diags)
{
    const sp_schema *all[2 * G_N_ELEMENTS(LOADERS)];
    size_t n = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(LOADERS); i++)
        for (size_t k = 0; k < 2 && LOADERS[i].schemas[k]; k++)
            all[n++] = LOADERS[i].schemas[k];
    sp_diags quiet = {0};
    sp_csv_table t;
    sp_source src = {0};
    sp_header h;
    /* A text file's header is nearly always in its first lines: read those
     * (the rows they give are the whole file's first rows, so the header
     * found is the same), and all of it only when they hold none. */
    bool text = g_file_test(path, G_FILE_TEST_IS_REGULAR) && sp_sheet_sniff(path) == SP_FORMAT_TEXT;
    if (text) {
        sp_csv_read_head(&t, path, 256 * 1024, &quiet);
        sp_header_find(&h, &t, all, n, path, &quiet);
        if (!h.schema && t.partial) {
            sp_csv_clear(&t);
            sp_diags_free(&quiet);
            quiet = (sp_diags){0};
            text = false;
        }
    }
    if (!text) {
        sp_table_open(&t, &src, path, all, n, &quiet);
        sp_header_find(&h, &t, all, n, src.where, &quiet);
    }
    if (!h.schema && sp_sheet_sniff(path) != SP_FORMAT_TEXT)
        for (size_t i = 0; i < quiet.n; i++)
            if (quiet.items[i].level == SP_DIAG_ERROR && quiet.items[i].line == 0)
                sp_diags_error(diags, quiet.items[i].file, 0, 0, "%s", quiet.items[i].message);
    sp_csv_clear(&t);
    sp_source_clear(&src);
    sp_diags_free(&quiet);
    *schema = h.schema;
    for (size_t i = 0; h.schema && i < G_N_ELEMENTS(LOADERS); i++)
        for (size_t k = 0; k < 2; k++)
            if (LOADERS[i].schemas[k] == h.schema)
                return &LOADERS[i];
    return NULL;
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
        if (!data_like || g_str_has_suffix(path, ".meta.csv"))
            continue; /* README.md, publication.ini; EES metadata, read beside its data */
        const struct load_entry *by_content = NULL;
        for (size_t k = 0; k < G_N_ELEMENTS(LOADERS) && !by_content; k++)
            if (LOADERS[k].is_file && LOADERS[k].is_file(path))
                by_content = &LOADERS[k];
        if (by_content) {
            recognised(in, path, by_content->what);
            list_add(in, by_content, g_strdup(path));
            continue;
        }
        const sp_schema *s = NULL;
        const struct load_entry *le = kind_of(path, &s, diags);
        char *mine = g_strdup(path);
        if (!le) {
            GString *kinds = g_string_new("");
            size_t n_tables = 0, k_table = 0;
            for (size_t k = 0; k < G_N_ELEMENTS(LOADERS); k++)
                n_tables += LOADERS[k].schemas[0] != NULL;
            for (size_t k = 0; k < G_N_ELEMENTS(LOADERS); k++) {
                if (!LOADERS[k].schemas[0])
                    continue; /* told by content (a workbook), not by a header row */
                g_string_append_printf(kinds, "%s%s", k_table == 0 ? ""
                                       : k_table + 1 < n_tables ? ", " : " or ",
                                       LOADERS[k].source);
                k_table++;
            }
            sp_diags_warning(diags, path, 0, 0, "not read: no header row of an %s table",
                             kinds->str);
            g_string_free(kinds, TRUE);
            g_free(mine);
        } else if (!le->slot) {
            recognised(in, mine, s->what);
            list_add(in, le, mine);
        } else {
            take(in, slot_of(in, le), mine, s, diags);
        }
    }
    g_ptr_array_free(names, TRUE);
    return 0;
}

void sp_inputs_clear(sp_inputs *in)
{
    for (size_t i = 0; i < G_N_ELEMENTS(LOADERS); i++) {
        if (LOADERS[i].slot) {
            g_free(*slot_of(in, &LOADERS[i]));
            continue;
        }
        for (size_t k = 0; k < count_in(in, &LOADERS[i]); k++)
            g_free((*list_of(in, &LOADERS[i]))[k]);
        g_free(*list_of(in, &LOADERS[i]));
    }
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
    for (size_t k = 0; k < G_N_ELEMENTS(LOADERS); k++) {
        const struct load_entry *e = &LOADERS[k];
        if (!e->slot) {
            for (size_t i = 0; i < count_in(in, e); i++) {
                if (e->load == sp_load_inspections && named_before(in, i, diags))
                    continue; /* read twice, every area would count twice */
                if (e->own_sheets)
                    e->load(ds, list_file(in, e, i), diags);
                else
                    load_one(in, ds, e->load, list_file(in, e, i), diags);
            }
        } else if (file_of(in, e)) {
            load_one(in, ds, e->load, file_of(in, e), diags);
        }
    }
    /* joins that need every source read (the areas among them) */
    for (size_t k = 0; k < G_N_ELEMENTS(LOADERS); k++)
        if (LOADERS[k].after && (LOADERS[k].slot ? file_of(in, &LOADERS[k]) != NULL
                                                 : count_in(in, &LOADERS[k]) > 0))
            LOADERS[k].after(ds, diags);
    /* the hex map is a layout for the charts, not a source of figures */
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
