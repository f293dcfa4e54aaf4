/* test_load_special.c: inputs that are not plain files: a device is refused
 * at once with one error (it would never end), a pipe is read like a file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sendpack/load.h"

static void test_a_device_is_refused(void **state)
{
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    int errors = sp_load_inspections(ds, "/dev/zero", &d);
    assert_int_equal(errors, 1);
    assert_int_equal(sp_diags_count(&d, SP_DIAG_ERROR), 1);
    char *msg = sp_diag_format(&d.items[0]);
    assert_string_equal(msg, "/dev/zero: expected a CSV file, found a device");
    g_free(msg);
    sp_diags_free(&d);
    sp_dataset_free(ds);
}

static void test_a_pipe_is_read(void **state)
{
    char *dir = g_dir_make_tmp("sp-pipe-XXXXXX", NULL);
    char *fifo = g_build_filename(dir, "inspections.csv", NULL);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(10); /* if the loader never opens the pipe, do not wait for ever */
        FILE *w = fopen(fifo, "w");
        fputs("la_code,area_name,region,inspection_start,inspection_published,wsoa_required\n"
              "X1,Ashcombe,London,2017-01-09,2017-03-01,No\n", w);
        fclose(w);
        _exit(0);
    }
    sp_dataset *ds = sp_dataset_new();
    sp_diags d = {0};
    assert_int_equal(sp_load_inspections(ds, fifo, &d), 0);
    assert_int_equal(ds->n_inspections, 1);
    assert_string_equal(ds->inspections[0].area_name, "Ashcombe");
    sp_diags_free(&d);
    sp_dataset_free(ds);
    g_unlink(fifo);
    g_rmdir(dir);
    g_free(fifo);
    g_free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_device_is_refused),
        cmocka_unit_test(test_a_pipe_is_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
