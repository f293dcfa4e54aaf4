/* cmd_build.c: `sendpack build`: settings from defaults, config and flags,
 * then sp_publish_build(), then problems and a one-line summary on stderr.
 *
 * Design choice: the test-only environment variables
 * SENDPACK_TEST_ABORT_AFTER=K and SENDPACK_TEST_PAUSE_AFTER=K act here,
 * through the build's step hook, so the publish code has no test paths of
 * its own: after step K the process abort()s, or stops until killed, which
 * lets the tests check what a crash or a SIGKILL at any point leaves.
 * SENDPACK_STEP_TIMES=1 prints each step's wall time ("step charts 12.3 ms")
 * on stderr for bench/ (how long each step takes as the data grows). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "sendpack/publish.h"

typedef struct {
    int abort_after;
    int pause_after;
    sp_cli_progress *progress;
    bool times;   /* SENDPACK_STEP_TIMES set */
    gint64 since; /* monotonic clock at the previous step, microseconds */
} step_hooks;

static int env_step(const char *name)
{
    const char *v = getenv(name);
    gint64 n = 0;
    if (!v || !g_ascii_string_to_signed(v, 10, 1, SP_STEP_N, &n, NULL))
        return 0;
    return (int)n;
}

static void on_step(void *user, sp_build_step step)
{
    step_hooks *h = user;
    sp_cli_progress_end(h->progress);
    if (h->times) {
        gint64 now = g_get_monotonic_time();
        fprintf(stderr, "step %s %.1f ms\n", sp_build_step_name(step), (double)(now - h->since) / 1000);
        h->since = now;
    }
    if ((int)step == h->abort_after) {
        fprintf(stderr, "sendpack: test abort after step %d (%s)\n", step, sp_build_step_name(step));
        fflush(stderr);
        abort();
    }
    if ((int)step == h->pause_after) {
        fprintf(stderr, "sendpack: test pause after step %d (%s)\n", step, sp_build_step_name(step));
        fflush(stderr);
        /* Until killed; a forgotten one gives up after ten minutes. */
        for (int i = 0; i < 600; i++)
            g_usleep(G_USEC_PER_SEC);
        abort();
    }
}

static void on_task(void *user, const char *name, double ms)
{
    step_hooks *h = user;
    if (h->times)
        fprintf(stderr, "task %s %.1f ms\n", name, ms);
}

static int run_build(const char *command, int argc, char **argv)
{
    sp_settings s;
    sp_inputs in;
    int rc = sp_cli_setup(command, argc, argv, &s, &in, NULL);
    if (rc != 0)
        return rc < 0 ? SP_EXIT_OK : rc;

    sp_cli_signals_install();
    sp_cli_progress progress;
    sp_cli_progress_init(&progress, s.quiet);
    step_hooks hooks = {env_step("SENDPACK_TEST_ABORT_AFTER"), env_step("SENDPACK_TEST_PAUSE_AFTER"),
                        &progress, getenv("SENDPACK_STEP_TIMES") != NULL, g_get_monotonic_time()};
    /* this process ends after the one build */
    sp_build_hooks bh = {sp_cli_progress_update, &progress, on_step, &hooks, on_task, true};
    sp_build_result result;
    sp_diags d = {0};
    rc = sp_publish_build(&s, &in, &bh, &result, &d);
    sp_cli_progress_end(&progress);
    sp_cli_print_diags(&d);
    if (rc == 0 && !s.quiet) {
        char when[32] = "";
        if (result.as_at)
            sp_date_long(result.as_at, when, sizeof when);
        sp_cli_print(stderr, "sendpack: wrote %zu files to %s%s%s%s\n", result.n_files, s.out_dir,
                *when ? " (as at " : "", when, *when ? ")" : "");
        if (result.revisions)
            fprintf(stderr, "sendpack: since the previous publication: %zu changed, %zu new, "
                            "%zu removed (revisions.csv)\n",
                    result.n_changed, result.n_new, result.n_removed);
    } else if (rc != 0) {
        sp_cli_print(stderr, "sendpack: nothing published; %s is unchanged\n", s.out_dir);
    }
    sp_diags_free(&d);
    sp_inputs_clear(&in);
    sp_settings_clear(&s);
    return rc;
}

int sp_cli_build(int argc, char **argv) { return run_build("build", argc, argv); }

int sp_cli_profiles(int argc, char **argv) { return run_build("profiles", argc, argv); }
