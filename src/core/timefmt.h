/* timefmt.h: timestamps as Medusa writes them, ISO-8601 UTC with milliseconds. */
#ifndef CORE_TIMEFMT_H
#define CORE_TIMEFMT_H
#include <stddef.h>
#include <stdint.h>

#define TIMEFMT_LEN 25 /* "2024-05-01T10:20:30.123Z" + NUL */

/* Milliseconds since the epoch, wall clock. */
int64_t timefmt_now_ms(void);
/* Formats ms since the epoch as "YYYY-MM-DDTHH:MM:SS.mmmZ" into out (>= TIMEFMT_LEN). */
char *timefmt_iso(char *out, size_t outlen, int64_t ms);
/* Parses what JavaScript's new Date(s) accepts for the forms Medusa clients send (ISO dates with or
 * without time/zone, a bare year) into ms; 0 on success, -1 if not a date. */
int timefmt_parse(const char *s, int64_t *ms);

/* A date-range filter (created_at[gt]=... in a query, store.md §1.3): bounds in ms. */
struct datefilter {
    int has_lt, has_gt, has_lte, has_gte;
    int64_t lt, gt, lte, gte;
};

#endif
