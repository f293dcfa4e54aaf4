/* chart_csv.c: the numbers a chart draws, as CSV rows or as the rows
 * themselves (chart_row). Numbers are written as the shortest decimal that
 * reads back the same (format.h), so a reader can check them against the
 * figures table. */
#include "chart_frame.h"

#include <math.h>
#include <string.h>

#include "sendpack/csv_write.h"
#include "sendpack/format.h"

void chart_row(chart_data *out, size_t n, const char *const *fields)
{
    if (out->csv)
        sp_csv_row(out->csv, n, fields);
    if (out->rows) {
        char **row = g_new(char *, n + 1);
        for (size_t i = 0; i < n; i++)
            row[i] = g_strdup(fields[i] ? fields[i] : "");
        row[n] = NULL;
        g_ptr_array_add(out->rows, row);
    }
}

const char *chart_csv_num(double v, char *buf, size_t n)
{
    if (isnan(v)) {
        g_strlcpy(buf, "", n);
        return buf;
    }
    return sp_fmt_number(v, buf, n);
}
