/* test_workers.c: tasks shared between processes (src/publish/workers.h):
 * with an order that puts a long task first, several processes take it
 * first, every task runs once, and the problems still come in task order,
 * the same as one process running them 0..n-1; this process's own work
 * (meanwhile) runs while the workers do, once, and its result counts, and
 * it is told when the tasks have ended; a task's long report does not hold
 * its process up while another works; the checksums of the files a worker
 * wrote reach this process, for the manifest (files.h); a worker shares
 * none of the pages its parent's heap had freed, and its first allocations
 * past its parent's heap come on a huge page, not 4 KB at a time. */
#define _GNU_SOURCE /* mincore */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "../../src/publish/files.h"
#include "../../src/publish/workers.h"
#include "sendpack/heap.h"

/* Each task appends its number to a log as it starts (O_APPEND: one write
 * each, whole), leaves a warning naming it; task 0 takes a while. */
static int task(void *user, size_t t, sp_diags *diags)
{
    const char *log = user;
    int fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);
    char line[16];
    int n = snprintf(line, sizeof line, "%zu\n", t);
    assert_true(fd >= 0 && write(fd, line, (size_t)n) == n);
    close(fd);
    if (t == 0)
        g_usleep(100 * 1000);
    sp_diags_warning(diags, "t", 0, 0, "task %zu", t);
    return 0;
}

static void run(int jobs, const size_t *order, char **started, char **problems)
{
    char *dir = g_dir_make_tmp("sendpack-workers-XXXXXX", NULL);
    char *log = g_build_filename(dir, "log", NULL);
    sp_diags d = {0};
    assert_int_equal(sp_tasks_run(4, order, jobs, task, log, NULL, &d), 0);
    GString *p = g_string_new(NULL);
    for (size_t i = 0; i < d.n; i++)
        g_string_append_printf(p, "%s;", d.items[i].message);
    *problems = g_string_free(p, FALSE);
    assert_true(g_file_get_contents(log, started, NULL, NULL));
    g_unlink(log);
    g_rmdir(dir);
    g_free(log);
    g_free(dir);
    sp_diags_free(&d);
}

static void test_long_task_first_problems_in_task_order(void **state)
{
    (void)state;
    const size_t order[] = {3, 0, 1, 2};
    char *started = NULL, *problems = NULL;
    run(2, order, &started, &problems);
    /* task 3 was taken first; task 1 waits for a process to be free */
    char *three = strstr(started, "3\n"), *one = strstr(started, "1\n");
    assert_non_null(three);
    assert_non_null(one);
    assert_true(three < one);
    char **lines = g_strsplit(g_strstrip(started), "\n", -1);
    assert_int_equal(g_strv_length(lines), 4); /* each task once */
    g_strfreev(lines);
    assert_string_equal(problems, "task 0;task 1;task 2;task 3;");
    g_free(started);
    g_free(problems);

    /* one process: 0..n-1, the same problems */
    run(1, order, &started, &problems);
    assert_string_equal(started, "0\n1\n2\n3\n");
    assert_string_equal(problems, "task 0;task 1;task 2;task 3;");
    g_free(started);
    g_free(problems);
}

/* Task 0 waits (up to 10 s) for the mark meanwhile leaves: with workers
 * it appears at once, since meanwhile runs beside them. */
typedef struct {
    char *mark;
    int patience; /* tries, 10 ms apart */
    int calls, rc;
    pid_t pid;
} waiting;

static int wait_for_mark(void *user, size_t t, sp_diags *diags)
{
    waiting *w = user;
    if (t == 0) {
        for (int i = 0; i < w->patience && !g_file_test(w->mark, G_FILE_TEST_EXISTS); i++)
            g_usleep(10 * 1000);
        if (!g_file_test(w->mark, G_FILE_TEST_EXISTS))
            sp_diags_error(diags, "t", 0, 0, "task 0 ran without meanwhile");
    }
    return 0;
}

static int leave_mark(void *user)
{
    waiting *w = user;
    w->calls++;
    w->pid = getpid();
    assert_true(g_file_set_contents(w->mark, "m", 1, NULL));
    return w->rc;
}

static void test_meanwhile_beside_the_workers(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("sendpack-meanwhile-XXXXXX", NULL);
    waiting w = {g_build_filename(dir, "mark", NULL), 1000, 0, 0, 0};
    sp_meanwhile m = {leave_mark, &w, NULL};
    sp_diags d = {0};
    assert_int_equal(sp_tasks_run(3, NULL, 2, wait_for_mark, &w, &m, &d), 0);
    assert_int_equal(d.n, 0); /* task 0 saw the mark: meanwhile ran beside it */
    assert_int_equal(w.calls, 1);
    assert_int_equal(w.pid, getpid());
    g_unlink(w.mark);

    /* its failure is the run's */
    w.rc = 2;
    assert_int_equal(sp_tasks_run(3, NULL, 2, wait_for_mark, &w, &m, &d), 2);
    assert_int_equal(w.calls, 2);
    g_unlink(w.mark);

    /* one process: the tasks, then meanwhile (task 0 waits in vain) */
    w.rc = 0;
    w.patience = 5;
    assert_int_equal(sp_tasks_run(1, NULL, 1, wait_for_mark, &w, &m, &d), 0);
    assert_int_equal(w.calls, 3);
    assert_int_equal(d.n, 1);
    assert_string_equal(d.items[0].message, "task 0 ran without meanwhile");
    g_unlink(w.mark);
    g_rmdir(dir);
    g_free(w.mark);
    g_free(dir);
    sp_diags_free(&d);
}

/* Tasks 0 and 1 each leave a report longer than a pipe holds; tasks 2
 * and 3 each leave a mark and wait (up to 10 s) for the other's. Two
 * processes meet there only if neither is held writing its report while
 * this process reads the other's. */
static int long_reports(void *user, size_t t, sp_diags *diags)
{
    const char *dir = user;
    if (t < 2) {
        char *line = g_strnfill(1000, 'x');
        for (int i = 0; i < 100; i++)
            sp_diags_warning(diags, "t", i, 0, "%s", line);
        g_free(line);
        return 0;
    }
    char mine[32], theirs[32];
    snprintf(mine, sizeof mine, "m%zu", t);
    snprintf(theirs, sizeof theirs, "m%zu", 5 - t);
    char *p = g_build_filename(dir, mine, NULL), *q = g_build_filename(dir, theirs, NULL);
    assert_true(g_file_set_contents(p, "", 0, NULL));
    for (int i = 0; i < 1000 && !g_file_test(q, G_FILE_TEST_EXISTS); i++)
        g_usleep(10 * 1000);
    if (!g_file_test(q, G_FILE_TEST_EXISTS))
        sp_diags_error(diags, "t", 0, 0, "task %zu waited in vain", t);
    g_free(p);
    g_free(q);
    return 0;
}

static void test_long_reports_hold_no_process(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("sendpack-reports-XXXXXX", NULL);
    sp_diags d = {0};
    assert_int_equal(sp_tasks_run(4, NULL, 2, long_reports, dir, NULL, &d), 0);
    assert_int_equal(d.n, 200);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 0);
    assert_int_equal(strlen(d.items[199].message), 1000);
    assert_int_equal(d.items[199].line, 99);
    sp_diags_free(&d);
    char *p = g_build_filename(dir, "m2", NULL), *q = g_build_filename(dir, "m3", NULL);
    g_unlink(p);
    g_unlink(q);
    g_rmdir(dir);
    g_free(p);
    g_free(q);
    g_free(dir);
}

/* meanwhile waits (up to 10 s) to be told the tasks have ended, and checks
 * that each task's file is there by then. */
typedef struct {
    char *dir;
    GMutex lock;
    GCond cond;
    int told, n_tasks;
    bool all_there; /* when told */
} ending;

static int task_file(void *user, size_t t, sp_diags *diags)
{
    (void)diags;
    ending *e = user;
    char name[32];
    snprintf(name, sizeof name, "t%zu", t);
    char *p = g_build_filename(e->dir, name, NULL);
    assert_true(g_file_set_contents(p, "", 0, NULL));
    g_free(p);
    return 0;
}

static void told_ended(void *user)
{
    ending *e = user;
    g_mutex_lock(&e->lock);
    e->told++;
    e->all_there = true;
    for (int t = 0; t < e->n_tasks; t++) {
        char name[32];
        snprintf(name, sizeof name, "t%d", t);
        char *p = g_build_filename(e->dir, name, NULL);
        e->all_there = e->all_there && g_file_test(p, G_FILE_TEST_EXISTS);
        g_unlink(p);
        g_free(p);
    }
    g_cond_signal(&e->cond);
    g_mutex_unlock(&e->lock);
}

static int wait_to_be_told(void *user)
{
    ending *e = user;
    gint64 until = g_get_monotonic_time() + 10 * G_TIME_SPAN_SECOND;
    g_mutex_lock(&e->lock);
    while (!e->told && g_cond_wait_until(&e->cond, &e->lock, until))
        ;
    int rc = e->told ? 0 : 1;
    g_mutex_unlock(&e->lock);
    return rc;
}

static void test_meanwhile_told_when_tasks_end(void **state)
{
    (void)state;
    ending e = {g_dir_make_tmp("sendpack-ending-XXXXXX", NULL), {0}, {0}, 0, 3, false};
    g_mutex_init(&e.lock);
    g_cond_init(&e.cond);
    sp_meanwhile m = {wait_to_be_told, &e, told_ended};
    for (int jobs = 2; jobs >= 1; jobs--) {
        sp_diags d = {0};
        e.told = 0;
        e.all_there = false;
        assert_int_equal(sp_tasks_run(3, NULL, jobs, task_file, &e, &m, &d), 0);
        assert_int_equal(e.told, 1);
        assert_true(e.all_there);
        sp_diags_free(&d);
    }
    g_mutex_clear(&e.lock);
    g_cond_clear(&e.cond);
    g_rmdir(e.dir);
    g_free(e.dir);
}

/* Each task writes a file with sp_file_write while the sums are watched. */
static int write_page(void *user, size_t t, sp_diags *diags)
{
    const char *dir = user;
    char name[32], text[64];
    snprintf(name, sizeof name, "page%zu", t);
    snprintf(text, sizeof text, "page %zu of the worker's", t);
    char *p = g_build_filename(dir, name, NULL);
    int rc = sp_file_write(p, text, strlen(text), diags);
    g_free(p);
    return rc;
}

static void test_worker_files_sums_reach_the_parent(void **state)
{
    (void)state;
    char *dir = g_dir_make_tmp("sendpack-sums-XXXXXX", NULL);
    sp_diags d = {0};
    sp_file_sums_watch(true);
    assert_int_equal(sp_tasks_run(4, NULL, 2, write_page, dir, NULL, &d), 0);
    sp_file_sums_watch(false);
    char *kept[4], *paths[4];
    for (int t = 0; t < 4; t++) {
        char name[32];
        snprintf(name, sizeof name, "page%d", t);
        char *p = paths[t] = g_build_filename(dir, name, NULL);
        size_t size = 0;
        kept[t] = sp_file_sha256(p, &size, &d);
        /* the same bytes with other words, the file's size and time kept:
         * only a sum sent by the worker can still be the first text's */
        struct stat st;
        assert_int_equal(stat(p, &st), 0);
        char *text = NULL;
        assert_true(g_file_get_contents(p, &text, NULL, NULL));
        assert_int_equal(size, strlen(text));
        text[0] = 'P';
        int fd = open(p, O_WRONLY);
        assert_true(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
        struct timespec times[2] = {st.st_atim, st.st_mtim};
        assert_int_equal(futimens(fd, times), 0);
        close(fd);
        char *again = sp_file_sha256(p, NULL, &d);
        assert_string_equal(kept[t], again);
        g_free(again);
        g_free(text);
    }
    sp_file_sha256_forget();
    for (int t = 0; t < 4; t++) {
        char *read = sp_file_sha256(paths[t], NULL, &d);
        assert_string_not_equal(kept[t], read); /* read back: the new words */
        g_free(read);
        g_free(kept[t]);
        g_unlink(paths[t]);
        g_free(paths[t]);
    }
    assert_int_equal(d.n, 0);
    g_rmdir(dir);
    g_free(dir);
}

#if !defined(__SANITIZE_ADDRESS__)
/* Pages [from, to) of the parent's heap that it filled and then freed. */
typedef struct {
    uintptr_t from[2], to[2];
} freed_heap;

/* In a worker: how many of those pages are still present (shared with the
 * parent, so a write there would copy them). */
static int count_shared(void *user, size_t t, sp_diags *diags)
{
    const freed_heap *f = user;
    for (int k = 0; k < 2; k++) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE), n = (f->to[k] - f->from[k]) / page, held = 0;
        unsigned char *v = g_malloc(n);
        if (mincore((void *)f->from[k], f->to[k] - f->from[k], v) != 0)
            n = 0;
        for (size_t i = 0; i < n; i++)
            held += v[i] & 1;
        g_free(v);
        if (n == 0 || held > n / 20) {
            sp_diags_error(diags, NULL, 0, 0, "task %zu: %zu of %zu pages of the parent's freed %s "
                           "still shared", t, held, n, k ? "heap top" : "chunk");
            return 1;
        }
    }
    return 0;
}
#endif

/* A worker does not share the pages its parent's heap had freed: the
 * parent's free chunks and the free top of its heap are given back in each
 * worker, so writing there makes a fresh page instead of copying the
 * parent's, a fault with a TLB flush for every 4 KB (the national pack's
 * workers took 2,660 such copies). Only glibc's allocator is looked at:
 * the sanitizers bring their own, so this skips under them, and
 * scripts/test also runs it in a release build. */
static void test_worker_heap_not_shared(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    skip();
#else
    /* the heap as sendpack's main() sets it: large blocks on it, kept */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    enum { SIZE = 4 << 20, EDGE = 64 << 10 };
    char *chunk = malloc(SIZE), *keep = malloc(64), *top = malloc(SIZE);
    assert_true(chunk && keep && top);
    for (size_t i = 0; i < SIZE; i += 512) { /* present in this process (volatile: */
        ((volatile char *)chunk)[i] = 1;       /* a store before free() is not dropped) */
        ((volatile char *)top)[i] = 1;
    }
    freed_heap f;
    char *blocks[2] = {chunk, top};
    for (int k = 0; k < 2; k++) {
        f.from[k] = ((uintptr_t)blocks[k] + EDGE) & ~(uintptr_t)(EDGE - 1);
        f.to[k] = ((uintptr_t)blocks[k] + SIZE - EDGE) & ~(uintptr_t)(EDGE - 1);
    }
    free(chunk); /* a free chunk below `keep` */
    free(top);   /* back into the top of the heap */
    sp_diags d = {0};
    int rc = sp_tasks_run(2, NULL, 2, count_shared, &f, NULL, &d);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "%s\n", d.items[i].message);
    assert_int_equal(rc, 0);
    sp_diags_free(&d);
    free(keep);
#endif
}

#if !defined(__SANITIZE_ADDRESS__)
/* In a worker: the page faults of writing 6 MB it has just allocated (from
 * the top of its heap), one byte in every 4 KB: on huge pages, a fault for
 * each 2 MB at most. */
static int count_faults(void *user, size_t t, sp_diags *diags)
{
    (void)user;
    enum { SIZE = 6 << 20 };
    struct rusage before, after;
    char *p = malloc(SIZE);
    getrusage(RUSAGE_SELF, &before);
    for (size_t i = 0; i < SIZE; i += 4096)
        ((volatile char *)p)[i] = 1;
    getrusage(RUSAGE_SELF, &after);
    long faults = after.ru_minflt - before.ru_minflt;
    free(p);
    if (faults > 16) {
        sp_diags_error(diags, NULL, 0, 0, "task %zu: %ld page faults to write 6 MB of new heap "
                       "(1,536 would be one a 4 KB page)", t, faults);
        return 1;
    }
    return 0;
}

/* Whether the kernel makes huge pages, and collapses a range into one when
 * asked (MADV_COLLAPSE, Linux 6.1), tried on 2 MB of this process's own. */
static bool huge_pages_collapse(void)
{
    char *mode = NULL;
    bool never = !g_file_get_contents("/sys/kernel/mm/transparent_hugepage/enabled", &mode,
                                      NULL, NULL) || strstr(mode, "[never]");
    g_free(mode);
    if (never)
        return false;
    enum { HUGE = 2 << 20, COLLAPSE = 25 };
    char *map = mmap(NULL, 2 * HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return false;
    char *huge = (char *)(((uintptr_t)map + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
    huge[0] = 1;
    bool ok = madvise(huge, HUGE, COLLAPSE) == 0;
    munmap(map, 2 * HUGE);
    return ok;
}
#endif

/* A worker's first allocations past what its parent's heap held come on
 * a huge page: giving back the parent's free top split the huge page the
 * top began in, and the worker then took a 4 KB fault for each page it
 * wrote there (some 400 a worker in the national pack). Run in a process
 * of its own, whose heap is set up as sendpack's main() sets it, since
 * that is for good; skipped where the kernel has no huge pages or cannot
 * collapse a range into one, or the machine is too small for sendpack to
 * ask for them, and under the sanitizers (their own allocator;
 * scripts/test also runs it in a release build). */
static void test_worker_top_on_huge_page(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    skip();
#else
    if (!huge_pages_collapse())
        skip(); /* no huge pages, or a kernel before 6.1: the top comes 4 KB at a time */
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) { /* no cmocka here: its asserts belong to the parent */
        sp_heap_setup();
        enum { DATA = 6 << 20 };
        char *data = malloc(DATA);
        if (!data || !sp_heap_marked_huge(data + DATA - 64, 64))
            _exit(77); /* too small a machine: no huge pages asked for */
        memset(data, 1, DATA); /* the parent's heap in use; its free top begins after */
        sp_diags d = {0};
        int rc = sp_tasks_run(2, NULL, 2, count_faults, NULL, NULL, &d);
        for (size_t i = 0; i < d.n; i++)
            fprintf(stderr, "%s\n", d.items[i].message);
        _exit(rc ? 1 : 0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77)
        skip();
    assert_int_equal(WEXITSTATUS(status), 0);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        /* first: memory the tests after it map 4 KB at a time stays so */
        cmocka_unit_test(test_worker_top_on_huge_page),
        cmocka_unit_test(test_long_task_first_problems_in_task_order),
        cmocka_unit_test(test_meanwhile_beside_the_workers),
        cmocka_unit_test(test_long_reports_hold_no_process),
        cmocka_unit_test(test_meanwhile_told_when_tasks_end),
        cmocka_unit_test(test_worker_files_sums_reach_the_parent),
        cmocka_unit_test(test_worker_heap_not_shared),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
