/* ulid.h: Medusa-style ids, "prefix_" + 26-char ULID (48-bit ms time + 80 random bits, Crockford).
 */
#ifndef CORE_ULID_H
#define CORE_ULID_H
#include <stddef.h>
#include <stdint.h>

#define ULID_LEN 26
/* Longest id we make: a prefix of up to 16 chars, '_', the ULID and NUL. */
#define ULID_ID_MAX (16 + 1 + ULID_LEN + 1)

/* Writes "prefix_ULID" (or a bare ULID when prefix is NULL/empty) into out; randomness from
 * libsodium's CSPRNG, time from the wall clock. Returns out. */
char *ulid_make(char *out, size_t outlen, const char *prefix);
/* Same with an explicit time in ms and 10 random bytes (for tests). */
char *ulid_make_at(char *out, size_t outlen, const char *prefix, uint64_t ms,
                   const unsigned char rnd[10]);

#define UUID_LEN 36
/* A random (version 4) UUID, lower-case hex with dashes, from the CSPRNG (idempotency keys). */
char *uuid_v4(char *out, size_t outlen);

#endif
