/* load.h: read the published CSV files into an sp_dataset.
 *
 * Every problem is appended to diags with file, line and column; loading goes
 * on past a bad cell so that one run reports them all. A load succeeded when
 * sp_diags_count(diags, SP_DIAG_ERROR) is 0. Warnings (unknown column,
 * weaknesses that do not add up) do not stop a run. Each file's problems are
 * in file order. Rows with an error are left out of the dataset.
 *
 * Beyond single cells, sp_load checks rows against each other: an area may
 * appear once per framework across all inspections files (the same file
 * named twice is read once, with one error); a revisit must fit its
 * inspection (dates in order, outcome and date together, WSoA areas only).
 * README.md "Inputs" lists every rule. */
#ifndef SENDPACK_LOAD_H
#define SENDPACK_LOAD_H

#include "sendpack/diag.h"
#include "sendpack/model.h"

typedef struct sp_inputs {
    char **inspections; size_t n_inspections; /* one or more files */
    char *funding;        /* may be NULL */
    char *interventions;  /* may be NULL */
    char *areas;          /* may be NULL */
    char *sen2;           /* DfE SEN2 (EES tidy CSV, ODS or XLSX); may be NULL */
    char **dsg; size_t n_dsg; /* dedicated schools grant allocations files (ODS), any number */
    char *hexmap;         /* a HexJSON hex map layout; may be NULL */
    char *sheet;          /* --sheet: the sheet of every spreadsheet input; may be NULL */
    char **recognised; size_t n_recognised; /* by sp_inputs_from_dir: "file: what" */
} sp_inputs;

/* Fill inputs from a data folder, each file (CSV, ODS or XLSX, in name
 * order) recognised by its content and header row, whatever its name:
 * every inspections table, and the first funding, interventions and areas
 * file. Appends to lists already set; fills funding, interventions and
 * areas only when not set. A data-like file (a spreadsheet, or a name
 * ending .csv) of no known kind gets a warning. Each file used is said in
 * in->recognised ("file: 2016-2022 framework inspections"). Returns 0, or
 * -1 with a diag if dir cannot be read. */
int sp_inputs_from_dir(sp_inputs *in, const char *dir, sp_diags *diags);
void sp_inputs_clear(sp_inputs *in);

/* Load every file named in inputs. Returns a dataset (never NULL) that holds
 * whatever loaded; check diags for errors. */
sp_dataset *sp_load(const sp_inputs *in, sp_diags *diags);

/* The data sources the loaders read, in order: "inspections", "funding",
 * ...; NULL past the last. Each is also the key of its breakdown in the
 * stats registry (sp_breakdown_source in figures.h). */
const char *sp_load_source(size_t i);

/* Single files, appending to ds (used by sp_load and by tests). Return the
 * number of errors added. */
int sp_load_inspections(sp_dataset *ds, const char *path, sp_diags *diags);
int sp_load_funding(sp_dataset *ds, const char *path, sp_diags *diags);
int sp_load_interventions(sp_dataset *ds, const char *path, sp_diags *diags);
int sp_load_areas(sp_dataset *ds, const char *path, sp_diags *diags);
int sp_load_sen2(sp_dataset *ds, const char *path, sp_diags *diags);

/* Warn about each SEN2 local-authority code that matches no area of the
 * inspections or areas lookup (one warning per code naming the area and its
 * years): the join is by new_la_code only (README "SEN2"). sp_load calls it. */
void sp_sen2_check_join(const sp_dataset *ds, sp_diags *diags);
/* A DfE dedicated schools grant allocations workbook (src/load/dsg.c): one
 * financial year (from its titles) and its local authority rows. */
int sp_load_dsg(sp_dataset *ds, const char *path, sp_diags *diags);
/* Whether path is a spreadsheet with an "Allocations summary" sheet. */
bool sp_dsg_is_file(const char *path);

/* An old 3-digit LA code and the 9-character code it became. */
typedef struct sp_code_pair {
    const char *old_code; /* "202" */
    const char *code;     /* "E09000007" */
} sp_code_pair;
/* The pairs in the areas lookup (rows with an old_la_code); g_free the
 * array, the strings belong to ds. */
sp_code_pair *sp_code_pairs_from_areas(const sp_dataset *ds, size_t *n);
/* The new_la_code/old_la_code pairs of the SEN2 rows (one per row, repeats
 * included); g_free the array, the strings belong to ds. */
sp_code_pair *sp_code_pairs_from_sen2(const sp_dataset *ds, size_t *n);
/* Set each DSG row's la_code from pairs (of several pairs of one old code,
 * the one whose new code an inspection uses, else the first),
 * else by its name when exactly one area or inspection has it (one warning
 * lists those); each authority matched by neither is a warning naming it.
 * sp_load calls it with the areas file's pairs once everything is read. */
void sp_dsg_join(sp_dataset *ds, const sp_code_pair *pairs, size_t n, sp_diags *diags);
/* A HexJSON layout (layout odd-r, even-r, odd-q or even-q; hexes keyed by
 * area code, each with whole-number q and r, at distinct places) into
 * ds->hexmap; errors name the file and the line of the hex. */
int sp_load_hexjson(sp_dataset *ds, const char *path, sp_diags *diags);
/* A warning for each area of the inspections that has no hex in
 * ds->hexmap (nothing when there is no layout). sp_load calls it. */
void sp_hexmap_check(const sp_dataset *ds, sp_diags *diags);

#endif
