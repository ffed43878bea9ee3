/* ulid.c: ids in Medusa's form, prefix + "_" + ULID (store.md §1.7). Never uses rand(). */
#include "core/ulid.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

char *ulid_make_at(char *out, size_t outlen, const char *prefix, uint64_t ms,
                   const unsigned char rnd[10])
{
    char u[ULID_LEN + 1];
    int i;
    /* 10 chars of time (50 bits, top 2 zero), 16 chars of randomness (80 bits). */
    for (i = 9; i >= 0; i--) {
        u[i] = crockford[ms & 31];
        ms >>= 5;
    }
    {
        uint64_t hi = 0, lo = 0;
        for (i = 0; i < 5; i++)
            hi = (hi << 8) | rnd[i];
        for (i = 5; i < 10; i++)
            lo = (lo << 8) | rnd[i];
        for (i = 17; i >= 10; i--) {
            u[i] = crockford[hi & 31];
            hi >>= 5;
        }
        for (i = 25; i >= 18; i--) {
            u[i] = crockford[lo & 31];
            lo >>= 5;
        }
    }
    u[ULID_LEN] = '\0';
    if (prefix && *prefix)
        snprintf(out, outlen, "%s_%s", prefix, u);
    else
        snprintf(out, outlen, "%s", u);
    return out;
}

char *ulid_make(char *out, size_t outlen, const char *prefix)
{
    struct timeval tv;
    unsigned char rnd[10];
    gettimeofday(&tv, NULL);
    randombytes_buf(rnd, sizeof(rnd));
    return ulid_make_at(out, outlen, prefix, (uint64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000, rnd);
}

char *uuid_v4(char *out, size_t outlen)
{
    unsigned char b[16];
    if (outlen < UUID_LEN + 1)
        return NULL;
    randombytes_buf(b, sizeof(b));
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    snprintf(out, outlen, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
    return out;
}
