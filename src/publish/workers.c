/* workers.c: independent tasks shared between processes (workers.h), for
 * `--jobs N`.
 *
 * Design choice: processes (fork), not threads. Each renderer already
 * writes its own files into the staging folder, so a child needs nothing
 * back but its problems and its files' checksums (for the manifest);
 * Pango, fontconfig and cairo keep global caches that are not made for
 * several threads (and their teardown raced in threads before), while a
 * forked child simply exits with _exit(). The children take tasks in the
 * caller's order (build.c: the largest first) from a counter in shared
 * memory, so a long task started first does not leave the other processes
 * idle, and send each task's return code, problems and sums back through a
 * pipe, which the parent reads from every pipe at once (poll); the parent
 * puts the problems in task order, so what is printed and what
 * manifest.json lists never depends on which process ran what. A child
 * dies with its parent (PR_SET_PDEATHSIG), and an interrupted build kills
 * the children before it removes the staging folder (staging.c). */
#define _GNU_SOURCE /* prctl */
#include "workers.h"

#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "sendpack/heap.h"
#include "sendpack/settings.h"
#include <unistd.h>

#include "files.h"
#include "staging.h"

typedef struct {
    size_t next; /* the next task to take (atomic) */
    int failed;  /* a task failed: take no more (atomic) */
} shared_state;

int sp_tasks_processors(void)
{
    int n = (int)g_get_num_processors();
    return n > 0 ? n : 1;
}

static int worst(int a, int b)
{
    return a == 2 || b == 2 ? 2 : a || b ? 1 : 0;
}

/* --- the pipe's records: task, rc, then each problem ------------------------ */

static void put_i32(GByteArray *b, int32_t v) { g_byte_array_append(b, (const guint8 *)&v, 4); }

static void put_str(GByteArray *b, const char *s)
{
    put_i32(b, s ? (int32_t)strlen(s) : -1);
    if (s)
        g_byte_array_append(b, (const guint8 *)s, (guint)strlen(s));
}

static void put_i64(GByteArray *b, int64_t v) { g_byte_array_append(b, (const guint8 *)&v, 8); }

typedef struct {
    GByteArray *b;
    int32_t n;
} sums_out;

static void put_sum(void *user, const char *path, const sp_file_noted *n)
{
    sums_out *o = user;
    GByteArray *b = o->b;
    o->n++;
    put_str(b, path);
    put_str(b, n->hex);
    put_i64(b, (int64_t)n->size);
    put_i64(b, (int64_t)n->dev);
    put_i64(b, (int64_t)n->ino);
    put_i64(b, n->mtime_sec);
    put_i64(b, n->mtime_nsec);
}

/* A task's record: its number, return code and problems, then the sums of
 * the files it wrote (files.h), so the manifest need not read them back. */
static void put_task(GByteArray *b, size_t task, int rc, const sp_diags *d)
{
    put_i32(b, (int32_t)task);
    put_i32(b, rc);
    put_i32(b, (int32_t)d->n);
    for (size_t i = 0; i < d->n; i++) {
        const sp_diag *x = &d->items[i];
        put_i32(b, (int32_t)x->level);
        put_i32(b, x->line);
        put_i32(b, x->column);
        put_i32(b, x->cell);
        put_str(b, x->file);
        put_str(b, x->message);
    }
    guint at = b->len;
    put_i32(b, 0); /* the number of sums, filled in below */
    sums_out o = {b, 0};
    sp_file_sums_drain(put_sum, &o);
    memcpy(b->data + at, &o.n, 4);
}

typedef struct {
    const guint8 *p, *end;
    bool bad;
} reader;

/* The next n bytes into v (left as it is, and the reader bad, when fewer
 * are left). */
static void get_raw(reader *r, void *v, size_t n)
{
    if ((size_t)(r->end - r->p) < n) {
        r->bad = true;
        return;
    }
    memcpy(v, r->p, n);
    r->p += n;
}

static int32_t get_i32(reader *r)
{
    int32_t v = 0;
    get_raw(r, &v, sizeof v);
    return v;
}

static int64_t get_i64(reader *r)
{
    int64_t v = 0;
    get_raw(r, &v, sizeof v);
    return v;
}

static char *get_str(reader *r)
{
    int32_t n = get_i32(r);
    if (n < 0 || r->bad)
        return NULL;
    if (r->end - r->p < n) {
        r->bad = true;
        return NULL;
    }
    char *s = g_strndup((const char *)r->p, (gsize)n);
    r->p += n;
    return s;
}

typedef struct {
    int rc;       /* -1: not run */
    sp_diags diags;
} result;

/* Read one child's records into results; false when they are cut short. */
static bool read_records(const GByteArray *buf, result *res, size_t n)
{
    reader r = {buf->data, buf->data + buf->len, false};
    while (r.p < r.end && !r.bad) {
        int32_t task = get_i32(&r), rc = get_i32(&r), nd = get_i32(&r);
        if (r.bad || task < 0 || (size_t)task >= n || nd < 0)
            return false;
        res[task].rc = rc;
        for (int32_t i = 0; i < nd && !r.bad; i++) {
            int32_t level = get_i32(&r), line = get_i32(&r), col = get_i32(&r), cell = get_i32(&r);
            char *file = get_str(&r), *msg = get_str(&r);
            if (!r.bad) {
                sp_diags_add(&res[task].diags, level ? SP_DIAG_WARNING : SP_DIAG_ERROR, file, line,
                             col, "%s", msg ? msg : "");
                res[task].diags.items[res[task].diags.n - 1].cell = cell != 0;
            }
            g_free(file);
            g_free(msg);
        }
        int32_t ns = get_i32(&r);
        for (int32_t i = 0; i < ns && !r.bad; i++) {
            char *path = get_str(&r), *hex = get_str(&r);
            sp_file_noted sum = {0}; /* one field after the other, in the order sent */
            sum.size = (uint64_t)get_i64(&r);
            sum.dev = (uint64_t)get_i64(&r);
            sum.ino = (uint64_t)get_i64(&r);
            sum.mtime_sec = get_i64(&r);
            sum.mtime_nsec = get_i64(&r);
            if (!r.bad && path && hex && strlen(hex) < sizeof sum.hex) {
                memcpy(sum.hex, hex, strlen(hex) + 1);
                sp_file_sums_add(path, &sum);
            }
            g_free(path);
            g_free(hex);
        }
    }
    return !r.bad;
}

static bool write_all(int fd, const guint8 *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* --- the child -------------------------------------------------------------- */

static G_NORETURN void child(shared_state *sh, int fd, pid_t parent, size_t n,
                             const size_t *start, sp_task_fn fn, void *user)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) /* the parent died before the line above */
        _exit(1);
    sp_file_sha256_forget(); /* the parent's sums, not this process's to send */
    sp_heap_unshare();
    for (;;) {
        if (__atomic_load_n(&sh->failed, __ATOMIC_SEQ_CST))
            break;
        size_t k = __atomic_fetch_add(&sh->next, 1, __ATOMIC_SEQ_CST);
        if (k >= n)
            break;
        size_t t = start ? start[k] : k;
        sp_diags d = {0};
        int rc = fn(user, t, &d);
        if (rc)
            __atomic_store_n(&sh->failed, 1, __ATOMIC_SEQ_CST);
        GByteArray *b = g_byte_array_new();
        put_task(b, t, rc, &d);
        bool ok = write_all(fd, b->data, b->len);
        g_byte_array_free(b, TRUE);
        sp_diags_free(&d);
        if (!ok)
            _exit(1);
    }
    _exit(0);
}

/* --- the parent ------------------------------------------------------------- */

/* Read fd to its end into buf, closing it. */
static void read_to_end(int fd, GByteArray *buf)
{
    guint8 chunk[65536];
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        g_byte_array_append(buf, chunk, (guint)r);
    }
    close(fd);
}

/* What each started child (pids[w] != 0) sent through fds[w], read from
 * all of them as it comes, each to its end; the pipes are closed. */
static GByteArray **read_pipes(const int *fds, const pid_t *pids, size_t nw)
{
    GByteArray **bufs = g_new0(GByteArray *, nw);
    struct pollfd *pf = g_new0(struct pollfd, nw);
    size_t *who = g_new0(size_t, nw);
    bool *open_ = g_new0(bool, nw);
    size_t left = 0;
    for (size_t w = 0; w < nw && pids[w]; w++) {
        bufs[w] = g_byte_array_new();
        open_[w] = true;
        left++;
    }
    guint8 chunk[65536];
    while (left > 0) {
        nfds_t k = 0;
        for (size_t w = 0; w < nw; w++)
            if (open_[w]) {
                pf[k] = (struct pollfd){.fd = fds[w], .events = POLLIN};
                who[k++] = w;
            }
        if (poll(pf, k, -1) < 0) {
            if (errno == EINTR)
                continue;
            break; /* read the rest one pipe after the other */
        }
        for (nfds_t i = 0; i < k; i++) {
            if (!pf[i].revents)
                continue;
            size_t w = who[i];
            ssize_t r = read(fds[w], chunk, sizeof chunk);
            if (r > 0) {
                g_byte_array_append(bufs[w], chunk, (guint)r);
            } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
                close(fds[w]);
                open_[w] = false;
                left--;
            }
        }
    }
    for (size_t w = 0; w < nw; w++)
        if (open_[w])
            read_to_end(fds[w], bufs[w]);
    g_free(pf);
    g_free(who);
    g_free(open_);
    return bufs;
}

static int run_here(size_t n, sp_task_fn fn, void *user, sp_diags *diags)
{
    for (size_t t = 0; t < n; t++) {
        int rc = fn(user, t, diags);
        if (rc)
            return rc;
    }
    return 0;
}

static gpointer meanwhile_thread(gpointer p)
{
    const sp_meanwhile *m = p;
    return GINT_TO_POINTER(m->fn(m->user));
}

static void tasks_ended(const sp_meanwhile *m)
{
    if (m && m->tasks_ended)
        m->tasks_ended(m->user);
}

/* The tasks here, then meanwhile's work. */
static int all_here(size_t n, sp_task_fn fn, void *user, const sp_meanwhile *meanwhile,
                    sp_diags *diags)
{
    int rc = run_here(n, fn, user, diags);
    tasks_ended(meanwhile);
    if (!rc && meanwhile)
        rc = meanwhile->fn(meanwhile->user);
    return rc;
}

int sp_tasks_run(size_t n, const size_t *start, int jobs, sp_task_fn fn, void *user,
                 const sp_meanwhile *meanwhile, sp_diags *diags)
{
    if (jobs <= 1 || n <= 1)
        return all_here(n, fn, user, meanwhile, diags);
    size_t nw = MIN((size_t)jobs, n);
    shared_state *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                            -1, 0);
    if (sh == MAP_FAILED)
        return all_here(n, fn, user, meanwhile, diags);
    *sh = (shared_state){0};
    pid_t *pids = g_new0(pid_t, nw);
    int *fds = g_new(int, nw);
    int rc = 0;
    pid_t self = getpid();
    fflush(NULL); /* nothing buffered is written twice */
    for (size_t w = 0; w < nw; w++) {
        int p[2];
        fds[w] = -1;
        if (pipe(p) != 0) {
            sp_diags_error(diags, NULL, 0, 0, "cannot start a worker process: %s", g_strerror(errno));
            rc = 1;
            break;
        }
        pid_t pid = fork();
        if (pid == 0) {
            close(p[0]);
            for (size_t i = 0; i < w; i++)
                close(fds[i]);
            child(sh, p[1], self, n, start, fn, user);
        }
        close(p[1]);
        if (pid < 0) {
            close(p[0]);
            sp_diags_error(diags, NULL, 0, 0, "cannot start a worker process: %s", g_strerror(errno));
            rc = 1;
            break;
        }
        pids[w] = pid;
        fds[w] = p[0];
        sp_staging_workers(pids, w + 1);
    }
    if (rc) /* the ones started stop after their current task */
        __atomic_store_n(&sh->failed, 1, __ATOMIC_SEQ_CST);
    /* this process's own work, in a thread (started only after the last
     * fork: a child must not inherit a lock a thread of ours holds), while
     * this thread collects the children's reports as they come */
    GThread *mt = meanwhile && !rc ? g_thread_try_new("meanwhile", meanwhile_thread,
                                                      (gpointer)meanwhile, NULL)
                                   : NULL;
    if (!mt) /* here, before the reports are read: it must not wait for the tasks */
        tasks_ended(meanwhile);
    int mrc = meanwhile && !rc && !mt ? meanwhile->fn(meanwhile->user) : 0;

    result *res = g_new0(result, n);
    for (size_t t = 0; t < n; t++)
        res[t].rc = -1;
    /* Every pipe at once, to its end: a task's record carries the sums of
     * all the files it wrote, more than a pipe holds, and a child blocked
     * on a full pipe must not wait for the others to finish. */
    GByteArray **bufs = read_pipes(fds, pids, nw);
    for (size_t w = 0; w < nw && pids[w]; w++) {
        GByteArray *buf = bufs[w];
        if (!read_records(buf, res, n)) {
            sp_diags_error(diags, NULL, 0, 0, "a worker process sent a garbled report");
            rc = worst(rc, 1);
        }
        g_byte_array_free(buf, TRUE);
        int status = 0;
        while (waitpid(pids[w], &status, 0) < 0 && errno == EINTR)
            ;
        if (WIFSIGNALED(status)) {
            sp_diags_error(diags, NULL, 0, 0, "a worker process died of signal %d (%s)",
                           WTERMSIG(status), strsignal(WTERMSIG(status)));
            rc = worst(rc, 1);
        } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            sp_diags_error(diags, NULL, 0, 0, "a worker process failed (exit status %d)",
                           WEXITSTATUS(status));
            rc = worst(rc, 1);
        }
    }
    g_free(bufs);
    sp_staging_workers(NULL, 0);
    if (mt) {
        tasks_ended(meanwhile);
        mrc = GPOINTER_TO_INT(g_thread_join(mt));
    }
    for (size_t t = 0; t < n; t++) {
        sp_diags_take(diags, &res[t].diags);
        if (res[t].rc > 0)
            rc = worst(rc, res[t].rc);
    }
    g_free(res);
    g_free(pids);
    g_free(fds);
    munmap(sh, sizeof *sh);
    return worst(rc, mrc);
}

int sp_tasks_jobs(int setting)
{
    return setting > 0 ? setting : MIN(sp_tasks_processors(), SP_JOBS_MAX);
}
