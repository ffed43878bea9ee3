/* fuzz_router.c: libFuzzer target for http/router.c: any method and path bytes (split at the
 * first NUL; no NUL means GET) must match a route or fail cleanly, and captured parameters must
 * be NUL-terminated strings no longer than the path. */
#include "core/arena.h"
#include "http/req.h"
#include "http/router.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *method = "GET", *path;
    const uint8_t *nul = memchr(data, 0, size);
    struct req r;
    req_init(&r);
    if (nul) {
        method = arena_strndup(&r.c.arena, (const char *)data, (size_t)(nul - data));
        path = arena_strndup(&r.c.arena, (const char *)nul + 1, size - (size_t)(nul - data) - 1);
    } else {
        path = arena_strndup(&r.c.arena, (const char *)data, size);
    }
    if (router_match(&r, method, path) == ROUTER_FOUND) {
        if (!r.route || r.nparams < 0 || r.nparams > REQ_MAX_PARAMS)
            abort();
        for (int i = 0; i < r.nparams; i++) {
            if (strlen(r.param[i]) > strlen(path) || !*r.param_name[i])
                abort();
            if (req_param(&r, r.param_name[i]) == NULL)
                abort();
        }
    }
    req_release(&r);
    return 0;
}
