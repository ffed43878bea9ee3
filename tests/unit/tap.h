/* tap.h: a header-only TAP producer for tests/unit/test_*.c, read by Automake's tap-driver.sh.
 * plan(n) is optional; without it done_testing() prints "1..N" at the end. Everything is static
 * inline so that each test program gets its own copy and unused helpers cause no warnings. */
#ifndef TESTS_TAP_H
#define TESTS_TAP_H
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct tap_state {
    int run, failed, planned;
};

/* The counters live in a function-local static: a header cannot define a variable that every
 * includer may leave unused without a warning. */
static inline struct tap_state *tap_state(void)
{
    static struct tap_state st;
    return &st;
}

static inline void plan(int n)
{
    tap_state()->planned = n;
    printf("1..%d\n", n);
    fflush(stdout);
}

__attribute__((format(printf, 1, 0))) static inline void tap_vdiag(const char *fmt, va_list ap)
{
    printf("# ");
    vprintf(fmt, ap);
    printf("\n");
    fflush(stdout);
}

__attribute__((format(printf, 1, 2))) static inline void diag(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_vdiag(fmt, ap);
    va_end(ap);
}

__attribute__((format(printf, 2, 0))) static inline int tap_vok(int cond, const char *fmt,
                                                                va_list ap)
{
    struct tap_state *st = tap_state();
    st->run++;
    if (!cond)
        st->failed++;
    printf("%sok %d - ", cond ? "" : "not ", st->run);
    vprintf(fmt, ap);
    printf("\n");
    fflush(stdout);
    return cond;
}

/* Returns cond, so a failing check can add a diag(). */
__attribute__((format(printf, 2, 3))) static inline int ok(int cond, const char *fmt, ...)
{
    va_list ap;
    int r;
    va_start(ap, fmt);
    r = tap_vok(cond, fmt, ap);
    va_end(ap);
    return r;
}

static inline int is_int(int64_t got, int64_t want, const char *name)
{
    if (ok(got == want, "%s", name))
        return 1;
    diag("     got: %" PRId64, got);
    diag("expected: %" PRId64, want);
    return 0;
}

/* NULL equals only NULL. */
static inline int is_str(const char *got, const char *want, const char *name)
{
    int same = (!got && !want) || (got && want && strcmp(got, want) == 0);
    if (ok(same, "%s", name))
        return 1;
    diag("     got: %s%s%s", got ? "'" : "", got ? got : "NULL", got ? "'" : "");
    diag("expected: %s%s%s", want ? "'" : "", want ? want : "NULL", want ? "'" : "");
    return 0;
}

/* Prints the plan if none was given; the exit status for main(): 0 only if all passed and the
 * plan, if any, was met. */
static inline int done_testing(void)
{
    struct tap_state *st = tap_state();
    if (!st->planned)
        printf("1..%d\n", st->run);
    else if (st->planned != st->run)
        diag("planned %d tests but ran %d", st->planned, st->run);
    if (st->failed)
        diag("failed %d of %d tests", st->failed, st->run);
    fflush(stdout);
    return st->failed || (st->planned && st->planned != st->run) ? 1 : 0;
}

#endif
