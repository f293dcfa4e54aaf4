/* staging.h: private to src/publish/: the staging folder of one build and
 * the swap that publishes it (see staging.c for the guarantees). */
#ifndef SENDPACK_PUBLISH_STAGING_H
#define SENDPACK_PUBLISH_STAGING_H

#include <stdbool.h>
#include <sys/types.h>
#include "sendpack/diag.h"

/* out_dir without trailing slashes (a symbolic link replaced by the folder
 * it names, so that the link survives the swap), or NULL with a usage error (exit 2)
 * when it cannot be a publication folder ("", ".", "..", "/", a file, or a
 * non-empty folder that is not a previous publication, i.e. has no
 * manifest.json with a sendpack schema). Caller g_free()s. */
char *sp_staging_target(const char *out_dir, sp_diags *diags);

/* 0, or 2 with an error listing them when target is a previous publication
 * holding files its manifest.json does not list (a user's own, which the
 * swap would delete), unless replace_unlisted. */
int sp_staging_check_unlisted(const char *target, bool replace_unlisted, sp_diags *diags);

/* Hold the target folder for this build: an exclusive flock(2) on the
 * folder itself, so a second build into the same target at the same time
 * stops (returns 1 with an error) instead of racing this one. *fd is the
 * lock to pass to sp_staging_unlock, or -1 when there is nothing to lock
 * (the target does not exist yet) or the file system has no locks.
 * Returns 0 or 1. */
int sp_staging_lock(const char *target, int *fd, sp_diags *diags);
void sp_staging_unlock(int fd);

/* Create "<target>.staging-<pid>-<token>" with its run marker (and the target's parent folder). Returns
 * the path, or NULL with an error. */
char *sp_staging_begin(const char *target, sp_diags *diags);

/* Put staging in place of target atomically, then remove the previous
 * publication. step is called with 0 after the swap and 1 after the
 * removal (for the build's step hooks). Returns 0, or 1 with an error and
 * staging removed. */
int sp_staging_publish(const char *staging, const char *target,
                       void (*step)(void *user, int which), void *user, sp_diags *diags);

/* The worker processes (--jobs) writing into the staging folder now
 * (none: n = 0): an interrupted build kills them before removing it. */
void sp_staging_workers(const pid_t *pids, size_t n);

/* Remove the staging folder after a failure. */
void sp_staging_discard(const char *staging);

#endif
