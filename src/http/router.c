/* router.c: matches a decoded path against routes.def, segment by segment; ":name" captures one
 * segment. A linear scan: the table is small and this costs well under a microsecond. */
#include "http/router.h"

#include <string.h>

#include "core/arena.h"
#include "http/req.h"

const struct route routes[] = {
#define ROUTE(m, p, fn, fl) {m, p, fn, #fn, fl},
#include "http/routes.def"
#undef ROUTE
};
const int routes_count = (int)(sizeof(routes) / sizeof(routes[0]));

/* Matches pattern against path; on success records captures into r (when r is non-NULL). */
static int match(struct req *r, const char *pat, const char *path)
{
    int n = 0;
    while (*pat && *path) {
        if (*pat != '/' || *path != '/')
            return 0;
        pat++;
        path++;
        const char *pe = strchr(pat, '/'), *se = strchr(path, '/');
        size_t pl = pe ? (size_t)(pe - pat) : strlen(pat);
        size_t sl = se ? (size_t)(se - path) : strlen(path);
        if (*pat == ':') {
            if (sl == 0 || n >= REQ_MAX_PARAMS)
                return 0;
            if (r) {
                r->param_name[n] = arena_strndup(&r->c.arena, pat + 1, pl - 1);
                r->param[n] = arena_strndup(&r->c.arena, path, sl);
            }
            n++;
        } else if (pl != sl || memcmp(pat, path, pl)) {
            return 0;
        }
        pat += pl;
        path += sl;
    }
    /* A trailing slash on the request is tolerated, as Express does. */
    if (!*pat && (!*path || !strcmp(path, "/"))) {
        if (r)
            r->nparams = n;
        return 1;
    }
    return 0;
}

enum router_result router_match(struct req *r, const char *method, const char *path)
{
    int path_seen = 0;
    if (!strcmp(method, "HEAD"))
        method = "GET";
    for (int i = 0; i < routes_count; i++) {
        if (!match(NULL, routes[i].pattern, path))
            continue;
        path_seen = 1;
        if (strcmp(routes[i].method, method))
            continue;
        match(r, routes[i].pattern, path);
        r->route = &routes[i];
        return ROUTER_FOUND;
    }
    return path_seen ? ROUTER_NO_METHOD : ROUTER_NO_PATH;
}
