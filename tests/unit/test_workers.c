/* test_workers.c: tasks shared between processes (src/publish/workers.h):
 * with an order that puts a long task first, several processes take it
 * first, every task runs once, and the problems still come in task order,
 * the same as one process running them 0..n-1; this process's own work
 * (meanwhile) runs while the workers do, once, and its result counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../src/publish/workers.h"

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
    sp_meanwhile m = {leave_mark, &w};
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_task_first_problems_in_task_order),
        cmocka_unit_test(test_meanwhile_beside_the_workers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
