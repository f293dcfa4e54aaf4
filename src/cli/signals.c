/* signals.c: an interrupted build leaves no staging folder behind.
 *
 * Design choice: instead of doing work inside an asynchronous signal
 * handler (where almost nothing is safe), SIGINT, SIGTERM and SIGHUP are
 * blocked in every thread and one small thread waits for them with
 * sigwait(); it removes the staging folder through sp_publish_cancel() in
 * ordinary code, then restores the default action and re-raises the signal
 * so the process ends the way the sender expects. SIGXFSZ is ignored, so a
 * file-size limit (ulimit -f) turns into a write error with a message. */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sendpack/publish.h"

static sigset_t watched;

static gpointer wait_for_signal(gpointer data)
{
    int sig = 0;
    if (sigwait(&watched, &sig) != 0)
        return NULL;
    bool too_late = sp_publish_cancel();
    fprintf(stderr, "sendpack: interrupted (%s); %s\n",
            sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP",
            too_late ? "the new publication is in place" : "the previous publication is untouched");
    fflush(stderr);
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
    return NULL;
}

void sp_cli_signals_install(void)
{
    signal(SIGXFSZ, SIG_IGN);
    sigemptyset(&watched);
    sigaddset(&watched, SIGINT);
    sigaddset(&watched, SIGTERM);
    sigaddset(&watched, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &watched, NULL);
    GThread *t = g_thread_new("signals", wait_for_signal, NULL);
    g_thread_unref(t);
}
