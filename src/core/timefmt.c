/* timefmt.c: ISO-8601 formatting and parsing without gmtime()/timegm() (banned: static storage). */
#include "core/timefmt.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

int64_t timefmt_now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), after Howard Hinnant's algorithm. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

char *timefmt_iso(char *out, size_t outlen, int64_t ms)
{
    int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    int64_t rem = ms - days * 86400000;
    int64_t y;
    unsigned mo, d;
    civil_from_days(days, &y, &mo, &d);
    snprintf(out, outlen, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", (int)y, mo, d,
             (int)(rem / 3600000), (int)(rem / 60000 % 60), (int)(rem / 1000 % 60),
             (int)(rem % 1000));
    return out;
}

static int digits(const char **p, int n, int *v)
{
    int i, x = 0;
    for (i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return -1;
        x = x * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *v = x;
    return 0;
}

int timefmt_parse(const char *s, int64_t *ms)
{
    const char *p = s;
    int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, frac = 0, tz = 0;
    if (!s || digits(&p, 4, &y) < 0)
        return -1;
    if (*p == '-') {
        p++;
        if (digits(&p, 2, &mo) < 0)
            return -1;
        if (*p == '-') {
            p++;
            if (digits(&p, 2, &d) < 0)
                return -1;
        }
    }
    if (*p == 'T' || *p == ' ') {
        p++;
        if (digits(&p, 2, &h) < 0 || *p++ != ':' || digits(&p, 2, &mi) < 0)
            return -1;
        if (*p == ':') {
            p++;
            if (digits(&p, 2, &sec) < 0)
                return -1;
            if (*p == '.') {
                int n = 0, scale = 100;
                p++;
                while (isdigit((unsigned char)*p)) {
                    if (n++ < 3) {
                        frac += (*p - '0') * scale;
                        scale /= 10;
                    }
                    p++;
                }
                if (n == 0)
                    return -1;
            }
        }
        if (*p == 'Z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p++ == '-' ? -1 : 1, th, tm = 0;
            if (digits(&p, 2, &th) < 0)
                return -1;
            /* V8 wants the minutes too: "+02" and "+02:" are not dates, "+24:00" neither */
            if (*p == ':')
                p++;
            if (digits(&p, 2, &tm) < 0 || th > 23 || tm > 59)
                return -1;
            tz = sign * (th * 60 + tm);
        }
    }
    /* 24:00 is the next midnight, 24:00:01 is no date (V8); Feb 30 rolls over like V8 does */
    if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || sec > 59 ||
        (h == 24 && (mi || sec || frac)))
        return -1;
    *ms =
        (days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec) * 1000 +
        frac - (int64_t)tz * 60000;
    return 0;
}

int timefmt_add_duration(int64_t ms, const char *dur, int64_t *out)
{
    /* Y M W D, then after T: H M S; each unit at most once, in this order. */
    static const char units[] = "YMWDHMS";
    int64_t v[7] = {0}, days, rem, y;
    unsigned mo, d;
    int next = 0, in_time = 0;
    const char *p = dur;
    if (!p || *p++ != 'P' || !*p)
        return -1;
    while (*p) {
        int64_t n = 0;
        int k, nd = 0;
        if (*p == 'T' && !in_time) {
            in_time = 1;
            next = 4;
            if (!isdigit((unsigned char)*++p))
                return -1;
            continue;
        }
        while (isdigit((unsigned char)*p) && nd < 12)
            n = n * 10 + (*p++ - '0'), nd++;
        if (!nd)
            return -1;
        for (k = next; k < (in_time ? 7 : 4) && units[k] != *p; k++)
            ;
        if (k >= (in_time ? 7 : 4))
            return -1;
        v[k] = n;
        next = k + 1;
        p++;
    }
    days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    rem = ms - days * 86400000;
    civil_from_days(days, &y, &mo, &d);
    y += v[0];
    /* months: carried into years, days past the end roll over in days_from_civil */
    {
        int64_t m0 = (int64_t)mo - 1 + v[1];
        y += m0 / 12;
        mo = (unsigned)(m0 % 12) + 1;
    }
    days = days_from_civil(y, mo, 1) + (int64_t)d - 1 + v[3] + v[2] * 7;
    *out = days * 86400000 + rem + v[4] * 3600000 + v[5] * 60000 + v[6] * 1000;
    return 0;
}
