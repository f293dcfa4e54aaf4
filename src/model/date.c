/* date.c: YYYYMMDD dates: parsing the published spellings, calendar checks,
 * and conversions for spreadsheets and PDF metadata. No locale, no time zone. */
#include "sendpack/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const MONTHS[] = {"January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December"};

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool sp_date_valid(int y, int m, int d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
        return false;
    int dm = days[m - 1] + (m == 2 && leap(y));
    return d <= dm;
}

sp_date sp_date_make(int y, int m, int d) { return (sp_date)(y * 10000 + m * 100 + d); }

/* Read exactly n digits at *p. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

bool sp_date_parse(const char *s, sp_date *out)
{
    if (!s)
        return false;
    while (*s == ' ' || *s == '\t')
        s++;
    const char *p = s;
    int y, m, d;
    bool ok = false;
    if (strlen(p) >= 10 && isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
        (p[2] == '/')) {
        ok = digits(&p, 2, &d) && *p++ == '/' && digits(&p, 2, &m) && *p++ == '/' &&
             digits(&p, 4, &y);
    } else if (strlen(p) >= 10 && (p[4] == '-' || p[4] == '/')) {
        char sep = p[4];
        ok = digits(&p, 4, &y) && *p++ == sep && digits(&p, 2, &m) && *p++ == sep &&
             digits(&p, 2, &d);
    }
    if (!ok)
        return false;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p != '\0' || !sp_date_valid(y, m, d))
        return false;
    *out = sp_date_make(y, m, d);
    return true;
}

bool sp_date_parse_as_at(const char *s, sp_date *out)
{
    sp_date d;
    if (!sp_date_parse(s, &d) || SP_DATE_YEAR(d) < SP_AS_AT_FIRST_YEAR ||
        SP_DATE_YEAR(d) > SP_AS_AT_LAST_YEAR)
        return false;
    *out = d;
    return true;
}

void sp_date_iso(sp_date d, char *buf, size_t n)
{
    snprintf(buf, n, "%04d-%02d-%02d", SP_DATE_YEAR(d), SP_DATE_MONTH(d), SP_DATE_DAY(d));
}

void sp_date_long(sp_date d, char *buf, size_t n)
{
    int m = SP_DATE_MONTH(d);
    if (m < 1 || m > 12) {
        snprintf(buf, n, "%s", "");
        return;
    }
    snprintf(buf, n, "%d %s %d", SP_DATE_DAY(d), MONTHS[m - 1], SP_DATE_YEAR(d));
}

/* Days from civil date (Howard Hinnant's algorithm). */
int64_t sp_date_days(sp_date dt)
{
    int64_t y = SP_DATE_YEAR(dt), m = SP_DATE_MONTH(dt), d = SP_DATE_DAY(dt);
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

double sp_date_serial(sp_date d) { return (double)(sp_date_days(d) + 25569); }

int64_t sp_date_epoch(sp_date d) { return sp_date_days(d) * 86400; }

sp_date sp_date_from_epoch(int64_t t)
{
    int64_t z = (t >= 0 ? t : t - 86399) / 86400 + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp + (mp < 10 ? 3 : -9);
    return sp_date_make((int)(y + (m <= 2)), (int)m, (int)d);
}
