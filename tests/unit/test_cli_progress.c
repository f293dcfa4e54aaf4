/* test_cli_progress.c: progress lines ("areas 57/149") appear only for a
 * step that has run over a second, are redrawn in place with \r at most ten
 * times a second, end with a newline, and never appear when disabled (a
 * pipe or --quiet). Time is set in the struct, not waited for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../src/cli/cli.h"

/* Run fn with stderr captured; returns what it wrote. */
static char *capture(void (*fn)(sp_cli_progress *), sp_cli_progress *p)
{
    fflush(stderr);
    FILE *tmp = tmpfile();
    int saved = dup(STDERR_FILENO);
    dup2(fileno(tmp), STDERR_FILENO);
    fn(p);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    long n = ftell(tmp);
    rewind(tmp);
    char *buf = g_malloc0((gsize)n + 1);
    if (n > 0)
        assert_int_equal(fread(buf, 1, (size_t)n, tmp), (size_t)n);
    fclose(tmp);
    return buf;
}

static void areas_57(sp_cli_progress *p) { sp_cli_progress_update(p, "areas", 57, 149); }
static void areas_58(sp_cli_progress *p) { sp_cli_progress_update(p, "areas", 58, 149); }
static void areas_all(sp_cli_progress *p) { sp_cli_progress_update(p, "areas", 149, 149); }
static void charts_1(sp_cli_progress *p) { sp_cli_progress_update(p, "charts", 1, 8); }

static void test_short_step_is_silent(void **state)
{
    (void)state;
    sp_cli_progress p;
    sp_cli_progress_init(&p, false);
    p.enabled = true; /* as on a terminal */
    char *out = capture(areas_57, &p);
    assert_string_equal(out, ""); /* the step has only just started */
    g_free(out);
    out = capture(areas_all, &p);
    assert_string_equal(out, ""); /* and finished within a second */
    g_free(out);
}

static void test_long_step_redrawn_in_place(void **state)
{
    (void)state;
    sp_cli_progress p;
    sp_cli_progress_init(&p, false);
    p.enabled = true;
    g_free(capture(areas_57, &p));
    p.started -= 2 * G_USEC_PER_SEC; /* the step has run for two seconds */
    char *out = capture(areas_57, &p);
    assert_string_equal(out, "\rareas 57/149");
    g_free(out);
    out = capture(areas_58, &p); /* within a tenth of a second: not redrawn */
    assert_string_equal(out, "");
    g_free(out);
    p.last_drawn -= G_USEC_PER_SEC;
    out = capture(areas_58, &p);
    assert_string_equal(out, "\rareas 58/149");
    g_free(out);
    out = capture(areas_all, &p); /* the last one always, then a newline */
    assert_string_equal(out, "\rareas 149/149\n");
    g_free(out);
    out = capture(charts_1, &p); /* a new step starts its own second */
    assert_string_equal(out, "");
    g_free(out);
}

static void test_disabled_prints_nothing(void **state)
{
    (void)state;
    sp_cli_progress p;
    sp_cli_progress_init(&p, true); /* --quiet */
    assert_false(p.enabled);
    p.started = g_get_monotonic_time() - 5 * G_USEC_PER_SEC;
    char *out = capture(areas_57, &p);
    assert_string_equal(out, "");
    g_free(out);
    /* stderr here is not a terminal (CTest captures it): disabled too */
    sp_cli_progress_init(&p, false);
    assert_int_equal(p.enabled, isatty(STDERR_FILENO) != 0);
}

static void end_now(sp_cli_progress *p) { sp_cli_progress_end(p); }

static void test_end_closes_the_line(void **state)
{
    (void)state;
    sp_cli_progress p;
    sp_cli_progress_init(&p, false);
    p.enabled = true;
    g_free(capture(areas_57, &p));
    p.started -= 2 * G_USEC_PER_SEC;
    g_free(capture(areas_57, &p));
    char *out = capture(end_now, &p); /* e.g. the step failed half-way */
    assert_string_equal(out, "\n");
    g_free(out);
    out = capture(end_now, &p);
    assert_string_equal(out, "");
    g_free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_step_is_silent),
        cmocka_unit_test(test_long_step_redrawn_in_place),
        cmocka_unit_test(test_disabled_prints_nothing),
        cmocka_unit_test(test_end_closes_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
