/* progress.c: "areas 57/149" on a terminal while a long step runs.
 *
 * Design choice: the renderers report every item; this layer decides what a
 * person sees. Nothing is drawn unless stderr is a terminal and --quiet is
 * off, and a step is only shown once it has run for a second, so quick runs
 * and logs stay clean. Redraws are limited to ten a second; no colour. */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

void sp_cli_progress_init(sp_cli_progress *p, bool quiet)
{
    *p = (sp_cli_progress){0};
    p->enabled = !quiet && isatty(STDERR_FILENO);
}

void sp_cli_progress_end(sp_cli_progress *p)
{
    if (p->shown)
        fputs("\n", stderr);
    p->shown = false;
    p->what[0] = '\0';
}

void sp_cli_progress_update(void *user, const char *what, size_t done, size_t total)
{
    sp_cli_progress *p = user;
    if (!p || !p->enabled || !what)
        return;
    gint64 now = g_get_monotonic_time();
    if (strncmp(p->what, what, sizeof p->what - 1) != 0) {
        sp_cli_progress_end(p);
        g_strlcpy(p->what, what, sizeof p->what);
        p->started = now;
        p->last_drawn = 0;
    }
    bool finished = total > 0 && done >= total;
    if (now - p->started < G_USEC_PER_SEC)
        return; /* short steps are never shown */
    if (!finished && now - p->last_drawn < G_USEC_PER_SEC / 10)
        return;
    fprintf(stderr, "\r%s %zu/%zu", what, done, total);
    fflush(stderr);
    p->shown = true;
    p->last_drawn = now;
    if (finished)
        sp_cli_progress_end(p);
}
