/* publish.h: one publication run, from inputs to a complete out/ folder.
 *
 * sp_publish_build() loads the inputs, computes the figures table, runs every
 * renderer into a staging folder beside the target ("<out>.staging-<pid>"),
 * writes figures.json, figures.csv, revisions.csv and manifest.json, flushes
 * everything to disk and only then swaps the staging folder into place. A
 * failure at any step (bad input, a write error, a signal) leaves the
 * previous publication untouched and no staging folder behind.
 *
 * Revisions compare this run's figures.json with a previous publication's:
 * figures whose value changed, new figures and removed figures. The briefing
 * reads them (sp_context.revisions) for its "What changed since the last
 * publication" section; `sendpack diff` prints them; build writes them to
 * revisions.csv. */
#ifndef SENDPACK_PUBLISH_H
#define SENDPACK_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include "sendpack/context.h"
#include "sendpack/date.h"
#include "sendpack/diag.h"
#include "sendpack/figures.h"
#include "sendpack/load.h"
#include "sendpack/model.h"
#include "sendpack/revisions.h"

/* ---- revisions --------------------------------------------------------- */

/* sp_revisions_compare (revisions.h) on two files, or two publication
 * folders (their figures.json): `sendpack diff OLD NEW`. */
sp_revisions *sp_revisions_read(const char *old_path, const char *new_path,
                                sp_diags *diags);

/* ---- manifest ---------------------------------------------------------- */

/* manifest.json for the publication in dir: sendpack version, the config
 * used (file, its SHA-256, the effective settings), each input (path,
 * kind, SHA-256, size, rows from ds->inputs), each template read (path,
 * SHA-256, size: briefing.md with the briefing, area-profile.md with the
 * profiles), each file under dir (relative
 * path, SHA-256, size; sorted by path; manifest.json itself and .gitkeep
 * left out), the as-at date and the warnings in diags. No timestamps and no
 * output folder name, so two builds of the same inputs give the same bytes.
 * With a config (s->config_path), every path is written relative to the
 * config's folder and the config by its file name, so the same set-up gives
 * the same manifest on any machine; without one, paths are as given.
 * Returns NULL with an error in errors when a file cannot be read.
 * n_outputs (may be NULL) is set to the number of files it lists. */
char *sp_manifest_json(const sp_settings *s, const sp_dataset *ds, sp_date as_at,
                       const char *dir, const sp_diags *warnings, sp_diags *errors,
                       size_t *n_outputs);

/* ---- integrity: what may be published ---------------------------------- */

/* Check loaded data against the settings before anything is written:
 *   - fictional fixture data (sp_dataset_fictional) mixed with real data,
 *     or with s->illustrative false (stated official), is an error;
 *   - an as-at date after s->today is an error; one before every inspection
 *     is an error unless s->allow_empty (then a warning); one after the
 *     latest publication in the data is a warning;
 *   - a file none of whose records counts at the as-at date (s->as_at,
 *     else sp_dataset_latest): a DSG workbook published after it, a SEN2
 *     file with no calendar year ended by then, inspections all published
 *     later (when some other inspection counts), interventions all started
 *     later; a warning each, naming the file and the date that would count
 *     it.
 * Returns 0, or 2 with an error per problem in diags. build, figures and
 * validate all run it. */
int sp_publish_check_data(const sp_settings *s, const sp_dataset *ds, sp_diags *diags);

/* ---- the build --------------------------------------------------------- */

/* The numbered steps of a build, reported to hooks->step after each one
 * (steps skipped because an output is switched off are still reported, so
 * the numbers never change). Tests use them to stop a build at step K. */
typedef enum {
    SP_STEP_LOADED = 1,      /* inputs read and checked */
    SP_STEP_FIGURES,         /* figures table computed, previous compared */
    SP_STEP_STAGING,         /* staging folder created */
    SP_STEP_CHARTS,
    SP_STEP_BRIEFING,
    SP_STEP_PROFILES,
    SP_STEP_WORKBOOK,
    SP_STEP_FIGURE_FILES,    /* figures.json, figures.csv, revisions.csv */
    SP_STEP_MANIFEST,        /* manifest.json written, every file fsynced */
    SP_STEP_SWAPPED,         /* new publication in place, old one not yet removed */
    SP_STEP_DONE,            /* old publication removed */
    SP_STEP_N = SP_STEP_DONE
} sp_build_step;

const char *sp_build_step_name(sp_build_step step);

typedef struct sp_build_hooks {
    sp_progress_fn progress;   /* passed to renderers as ctx.progress */
    void *progress_user;
    void (*step)(void *user, sp_build_step step); /* after each step; may be NULL */
    void *step_user;
    /* after each renderer task (workers.h), with step_user, in the process
     * that ran it: what it made and its wall time; may be NULL */
    void (*task)(void *user, const char *name, double ms);
    /* the process exits right after the build (the command line): the
     * loaded data and the figures are left to the exit, still reachable,
     * rather than freed one allocation at a time (0.2 s at x100, seconds
     * at x1000) */
    bool exiting;
} sp_build_hooks;

typedef struct sp_build_result {
    size_t n_files;   /* files in the new publication */
    sp_date as_at;    /* the as-at date used */
    bool revisions;   /* revisions.csv written; then the counts below */
    size_t n_changed, n_new, n_removed;
} sp_build_result;

/* Build the publication described by s from in into s->out_dir. The
 * templates it needs must exist, and the loaded data must pass
 * sp_publish_check_data, before anything is written. Warnings and
 * errors go into diags. Returns 0 on success; 2 for bad input (nothing is
 * written: no staging folder, the target untouched); 1 for any other failure
 * (write error, read-only or full target), also leaving the target untouched.
 * hooks and result may be NULL. */
int sp_publish_build(const sp_settings *s, const sp_inputs *in,
                     const sp_build_hooks *hooks, sp_build_result *result,
                     sp_diags *diags);

/* Remove what a crashed run left beside out_dir: "<out>.staging-<pid>" and
 * "<out>.old-<pid>" folders whose process is no longer running. When out_dir
 * itself is missing and such an old folder exists, it is the previous
 * publication caught mid-swap: it is renamed back into place. Returns 0, or
 * 1 with a diag. Called by sp_publish_build before it starts. */
int sp_publish_cleanup_stale(const char *out_dir, sp_diags *diags);

/* Cancel the build in progress: remove its staging folder unless the new
 * publication is already in place. Safe to call from another thread (the
 * CLI's signal thread) while sp_publish_build runs; the build then fails.
 * Returns true when it came too late: the new publication had already been
 * swapped into place (only the old one's removal was cut short). */
bool sp_publish_cancel(void);

/* What build would refuse before its work, for validate: the workbook's
 * limits (when s asks for a workbook). Returns 0, or 2 with one error per
 * problem. */
int sp_publish_check_limits(const sp_settings *s, const sp_dataset *ds, sp_diags *diags);

#endif
