/* figures_table.h (private to src/stats): adding records to the table. */
#ifndef SENDPACK_FIGURES_TABLE_H
#define SENDPACK_FIGURES_TABLE_H

#include <glib.h>
#include "sendpack/figures.h"

sp_figure *sp_figures_add(sp_figures *f, const char *id, sp_unit unit, double value,
                          const char *label, const char *definition,
                          const char *source, const char *filter);
/* value = k / n, with numerator, denominator and the Wilson 95% interval. */
sp_figure *sp_figures_add_share(sp_figures *f, const char *id, double k, double n,
                                const char *label, const char *definition,
                                const char *source, const char *filter);

/* s as a quoted JSON string (NULL: ""), appended to o. */
void sp_json_string(GString *o, const char *s);

#endif
