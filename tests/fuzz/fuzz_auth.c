/* fuzz_auth.c: libFuzzer target for the credentials a client sends (domain/auth.c): any bytes as
 * a bearer token and as a connect.sid cookie value must verify or be refused cleanly. The first
 * byte picks the maximum age, so the iat checks run too. */
#include "core/arena.h"
#include "domain/auth.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    struct arena a;
    struct json_object *claims;
    char *text;
    if (!ready) {
        if (sodium_init() < 0)
            return 0;
        ready = 1;
    }
    if (size < 1)
        return 0;
    arena_init(&a);
    text = arena_strndup(&a, (const char *)data + 1, size - 1);
    (void)auth_jwt_verify(&a, text, "supersecret", 11, 1700000000, data[0] & 1 ? 900 : 0, &claims);
    (void)auth_jwt_shaped(text);
    (void)auth_cookie_unsign(&a, text, strlen(text), "supersecret");
    arena_release(&a);
    return 0;
}
