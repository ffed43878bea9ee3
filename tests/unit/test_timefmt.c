/* test_timefmt.c: core/timefmt.c against the values JavaScript's Date gives (store.md §1.3 date
 * filters, §1.7 timestamps); every expected number below was checked with node's Date. */
#include "core/timefmt.h"
#include "tap.h"

static void fmt_is(int64_t ms, const char *want)
{
    char buf[TIMEFMT_LEN], name[80];
    snprintf(name, sizeof(name), "format %lld", (long long)ms);
    is_str(timefmt_iso(buf, sizeof(buf), ms), want, name);
}

static void parse_is(const char *s, int64_t want)
{
    int64_t ms = -42;
    char name[80];
    snprintf(name, sizeof(name), "parse '%s'", s);
    if (ok(timefmt_parse(s, &ms) == 0, "%s accepted", name))
        is_int(ms, want, name);
}

static void parse_rejects(const char *s)
{
    int64_t ms = 7;
    ok(timefmt_parse(s, &ms) == -1 && ms == 7, "parse rejects '%s'", s ? s : "NULL");
}

/* ISO durations added as iso8601-duration's toSeconds does (values from node, setUTC*). */
static void duration_is(const char *from, const char *dur, const char *want)
{
    char buf[TIMEFMT_LEN], name[80];
    int64_t ms = 0, out = 0;
    snprintf(name, sizeof(name), "%s + %s", from, dur);
    timefmt_parse(from, &ms);
    if (ok(timefmt_add_duration(ms, dur, &out) == 0, "%s accepted", name))
        is_str(timefmt_iso(buf, sizeof(buf), out), want, name);
}

int main(void)
{
    char small[8];
    int64_t now = timefmt_now_ms(), ms;

    fmt_is(0, "1970-01-01T00:00:00.000Z");
    fmt_is(1714558830123, "2024-05-01T10:20:30.123Z");
    fmt_is(1709164800000, "2024-02-29T00:00:00.000Z");
    fmt_is(951782400000, "2000-02-29T00:00:00.000Z");
    fmt_is(951782400000 - 1, "2000-02-28T23:59:59.999Z");
    fmt_is(-2203891200000, "1900-03-01T00:00:00.000Z");
    fmt_is(4107542400000 - 86400000, "2100-02-28T00:00:00.000Z");
    fmt_is(1735689599999, "2024-12-31T23:59:59.999Z");
    fmt_is(-1, "1969-12-31T23:59:59.999Z");
    fmt_is(253402300799999, "9999-12-31T23:59:59.999Z");
    is_str(timefmt_iso(small, sizeof(small), 0), "1970-01", "format truncates to outlen");

    parse_is("2023", 1672531200000);
    parse_is("2023-01", 1672531200000);
    parse_is("2023-01-01", 1672531200000);
    parse_is("2024-05-01T10:20:30.123Z", 1714558830123);
    parse_is("2024-05-01T10:20:30.1234Z", 1714558830123);
    parse_is("2024-05-01T12:20:30+02:00", 1714558830000);
    parse_is("2024-05-01T12:20:30+0200", 1714558830000);
    parse_is("2024-05-01T10:00:00+23:59", 1714471260000);
    parse_is("2024-05-01T10:20Z", 1714558800000);
    parse_is("2024-02-29", 1709164800000);
    parse_is("2023-02-29", 1677628800000); /* V8 rolls over to March 1 */
    parse_is("2023-02-30", 1677715200000);
    parse_is("2023-04-31", 1682899200000);
    parse_is("2024-05-01T24:00:00Z", 1714608000000);
    parse_is("1970-01-01T00:00:00.000Z", 0);
    parse_is("1969-12-31T23:59:59.999Z", -1);
    parse_is("0000-01-01T00:00:00.000Z", TIMEFMT_MIN_MS);
    parse_is("9999-12-31T23:59:59.999Z", TIMEFMT_MAX_MS);
    fmt_is(TIMEFMT_MIN_MS, "0000-01-01T00:00:00.000Z");
    fmt_is(TIMEFMT_MAX_MS, "9999-12-31T23:59:59.999Z");

    parse_rejects("abc");
    parse_rejects("2023-13-01");
    parse_rejects("2023-00-01");
    parse_rejects("2023-01-00");
    parse_rejects("2023-02-32");
    parse_rejects("1700000000"); /* Unix seconds are the caller's fall-back, store.md §1.3 */
    parse_rejects("");
    parse_rejects(NULL);
    parse_rejects("202");
    parse_rejects("2024-05-01T");
    parse_rejects("2024-05-01T10");
    parse_rejects("2024-05-01T10:20:30.Z");
    parse_rejects("2024-05-01T24:30:00Z");
    parse_rejects("2024-05-01T24:00:01Z");
    parse_rejects("2024-05-01T10:00:00+24:00");
    parse_rejects("2024-05-01T10:00:00+02:60");
    parse_rejects("2024-05-01T12:20:30+02");
    parse_rejects("2024-05-01T12:20:30+02:");
    parse_rejects("2024-05-01T10:20:30Zjunk");

    duration_is("2023-01-31T10:00:00.000Z", "P1M", "2023-03-03T10:00:00.000Z");
    duration_is("2024-02-29T00:00:00.000Z", "P1Y", "2025-03-01T00:00:00.000Z");
    duration_is("2024-05-01T10:20:30.123Z", "P1Y2M3W4DT5H6M7S", "2025-07-26T15:26:37.123Z");
    duration_is("2024-12-31T23:00:00.000Z", "PT2H", "2025-01-01T01:00:00.000Z");
    duration_is("2024-11-15T00:00:00.000Z", "P14M", "2026-01-15T00:00:00.000Z");
    ok(timefmt_add_duration(0, "P", &ms) == -1, "duration P alone is refused");
    ok(timefmt_add_duration(0, "PT", &ms) == -1, "duration PT is refused");
    ok(timefmt_add_duration(0, "P1H", &ms) == -1, "hours need the T");
    ok(timefmt_add_duration(0, "P1D2Y", &ms) == -1, "units out of order are refused");
    ok(timefmt_add_duration(0, "1D", &ms) == -1, "a duration starts with P");

    ok(now > 1700000000000 && now < 4102444800000, "now_ms is a plausible wall clock");
    ok(timefmt_parse("2024-05-01T10:20:30.123Z", &ms) == 0 && timefmt_iso(small, 0, ms) == small,
       "format with outlen 0 writes nothing and returns out");
    return done_testing();
}
