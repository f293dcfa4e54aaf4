/* workers.h: private to src/publish/: run a list of independent tasks
 * (renderers, or parts of one) in several processes (--jobs). */
#ifndef SENDPACK_PUBLISH_WORKERS_H
#define SENDPACK_PUBLISH_WORKERS_H

#include <stddef.h>
#include "sendpack/diag.h"

/* One task: writes its files and appends its problems to diags; returns 0,
 * 1 (could not write) or 2 (bad input). */
typedef int (*sp_task_fn)(void *user, size_t task, sp_diags *diags);

/* Work for this process while the tasks run (may be NULL): it returns 0,
 * 1 or 2 like a task and keeps its own problems. tasks_ended (may be
 * NULL) is called once every task has ended (before fn when they run
 * here), for work fn keeps doing only while they run. */
typedef struct sp_meanwhile {
    int (*fn)(void *user);
    void *user;
    void (*tasks_ended)(void *user);
} sp_meanwhile;

/* Run tasks 0..n-1. With jobs <= 1 they run here, in order, stopping at
 * the first that fails. Otherwise jobs child processes (never more than
 * n) each take the next task not yet taken, in the order given by start
 * (a permutation of 0..n-1; NULL: 0..n-1), until none is left or one has
 * failed. Either way each task's problems are appended to diags in task
 * order (never start's), whichever process ran it. meanwhile (may be
 * NULL) runs in a thread of this process once the children are started,
 * instead of this process waiting idle, or after the tasks when they run
 * here. Returns 0, else 2 if a task (or meanwhile) returned 2, else 1
 * (also when a process could not be started or died). */
int sp_tasks_run(size_t n, const size_t *start, int jobs, sp_task_fn fn, void *user,
                 const sp_meanwhile *meanwhile, sp_diags *diags);

/* The number of processors this process may use (at least 1). */
int sp_tasks_processors(void);

/* The processes a build uses: the --jobs setting when given (> 0), else one
 * per processor, at most SP_JOBS_MAX. */
int sp_tasks_jobs(int setting);

#endif
