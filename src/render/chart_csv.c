/* chart_csv.c: the numbers a chart draws, as CSV rows (sp_csv_row).
 * Numbers are written as the shortest decimal that reads back the same
 * (format.h), so a reader can check them against the figures table. */
#include "chart_frame.h"

#include <math.h>
#include <string.h>

#include "sendpack/format.h"

const char *chart_csv_num(double v, char *buf, size_t n)
{
    if (isnan(v)) {
        g_strlcpy(buf, "", n);
        return buf;
    }
    return sp_fmt_number(v, buf, n);
}
