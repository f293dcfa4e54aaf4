/* context.h: what every renderer is handed: the figures table, the view of
 * the records at the as-at date (stats), and the run's settings. Renderers
 * read it; none of them changes it, and none of them sees the raw dataset. */
#ifndef SENDPACK_CONTEXT_H
#define SENDPACK_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include "sendpack/date.h"
#include "sendpack/figures.h"
#include "sendpack/model.h"
#include "sendpack/settings.h"
#include "sendpack/view.h"


/* Called by long steps ("areas", 57, 149); may be NULL. */
typedef void (*sp_progress_fn)(void *user, const char *what, size_t done, size_t total);

struct sp_revisions; /* changes since the previous publication (revisions.h) */

typedef struct sp_context {
    const sp_figures *figs;
    const sp_view *view;       /* the records the figures counted (figs->view) */
    const sp_settings *settings;
    const struct sp_revisions *revisions; /* NULL when no previous publication */
    sp_progress_fn progress;
    void *progress_user;
    const char *area_key;      /* a profile's area (area.<key>.*); NULL elsewhere */
} sp_context;


#endif
