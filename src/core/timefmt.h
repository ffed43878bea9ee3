/* timefmt.h: timestamps as Medusa writes them, ISO-8601 UTC with milliseconds. */
#ifndef CORE_TIMEFMT_H
#define CORE_TIMEFMT_H
#include <stddef.h>
#include <stdint.h>

#define TIMEFMT_LEN 25 /* "2024-05-01T10:20:30.123Z" + NUL */
/* The instants with a four-digit year, 0000-01-01 to 9999-12-31: the ones timefmt_iso writes in
 * the form that sorts as text (the database compares dates so). */
#define TIMEFMT_MIN_MS (-62167219200000LL)
#define TIMEFMT_MAX_MS 253402300799999LL

/* Milliseconds since the epoch, wall clock. */
int64_t timefmt_now_ms(void);
/* Formats ms since the epoch as "YYYY-MM-DDTHH:MM:SS.mmmZ" into out (>= TIMEFMT_LEN). */
char *timefmt_iso(char *out, size_t outlen, int64_t ms);
/* Parses what JavaScript's new Date(s) accepts for the forms Medusa clients send (ISO dates with or
 * without time/zone, a bare year) into ms; 0 on success, -1 if not a date. */
int timefmt_parse(const char *s, int64_t *ms);

/* ms plus an ISO 8601 duration ("P1Y2M3W4DT5H6M7S", integers) as the iso8601-duration package's
 * toSeconds adds it to a date: years, months (a day past the month's end rolls over, as
 * JavaScript's setMonth), days, hours, minutes, seconds, then weeks, in UTC. 0 with *out set, -1
 * if dur is not such a duration. */
int timefmt_add_duration(int64_t ms, const char *dur, int64_t *out);

/* A date-range filter (created_at[gt]=... in a query, store.md §1.3): bounds in ms. */
struct datefilter {
    int has_lt, has_gt, has_lte, has_gte;
    int64_t lt, gt, lte, gte;
};

#endif
