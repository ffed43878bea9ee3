/* test_ulid.c: core/ulid.c, Medusa's "prefix_ULID" ids (store.md §1.7): the ulid spec's vector,
 * Crockford's alphabet, prefixes, and time order. */
#include "core/ulid.h"
#include "tap.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

static int crockford_only(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!s[i] || !strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", s[i]))
            return 0;
    return 1;
}

int main(void)
{
    static const unsigned char zero[10],
        ones[10] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    static const unsigned char seq[10] = {0x01, 0x23, 0x45, 0x67, 0x89,
                                          0xab, 0xcd, 0xef, 0x01, 0x23};
    char a[ULID_ID_MAX], b[ULID_ID_MAX], small[10];
    struct timespec ts = {0, 2000000};
    int i, ordered = 1, distinct = 1;

    if (sodium_init() < 0)
        return 1;
    is_str(ulid_make_at(a, sizeof(a), NULL, 1469918176385ull, zero), "01ARYZ6S410000000000000000",
           "spec vector, ms 1469918176385, zero randomness");
    is_str(ulid_make_at(a, sizeof(a), "", 0, zero), "00000000000000000000000000",
           "empty prefix is a bare ULID");
    is_str(ulid_make_at(a, sizeof(a), NULL, 281474976710655ull, ones), "7ZZZZZZZZZZZZZZZZZZZZZZZZZ",
           "largest 48-bit time, all-ones randomness");
    /* the 80 bits 0x0123456789abcdef0123 in 5-bit groups, most significant first */
    is_str(ulid_make_at(a, sizeof(a), NULL, 0, seq), "000000000004HMASW9NF6YY093",
           "randomness is one 80-bit big-endian number");
    is_str(ulid_make_at(a, sizeof(a), "cart", 1469918176385ull, zero),
           "cart_01ARYZ6S410000000000000000", "prefix form");
    is_str(ulid_make_at(small, sizeof(small), "cart", 0, zero), "cart_0000",
           "truncated to outlen, NUL-terminated");

    ulid_make(a, sizeof(a), "cart");
    is_int((int64_t)strlen(a), 5 + ULID_LEN, "cart_ + 26 chars");
    ok(strncmp(a, "cart_", 5) == 0, "random id has the prefix");
    ok(crockford_only(a + 5, ULID_LEN), "random id uses Crockford's alphabet only");
    ulid_make(b, sizeof(b), NULL);
    is_int((int64_t)strlen(b), ULID_LEN, "bare ULID is 26 chars");
    ok(crockford_only(b, ULID_LEN), "bare ULID uses Crockford's alphabet only");

    for (i = 0; i < 20; i++) {
        ulid_make(a, sizeof(a), "ord");
        nanosleep(&ts, NULL);
        ulid_make(b, sizeof(b), "ord");
        if (strcmp(a, b) >= 0)
            ordered = 0;
        if (strcmp(a + 4 + 10, b + 4 + 10) == 0)
            distinct = 0;
    }
    ok(ordered, "ids made 2 ms apart sort in time order");
    ok(distinct, "random parts differ");
    ok(strcmp(ulid_make_at(a, sizeof(a), NULL, 1, ones),
              ulid_make_at(b, sizeof(b), NULL, 2, zero)) < 0,
       "time dominates randomness in sort order");
    return done_testing();
}
