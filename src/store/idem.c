/* idem.c: idempotency keys of the store routes (idem.h). */
#include "store/idem.h"

#include <string.h>

#include "core/sbuf.h"
#include "core/ulid.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* The route's pattern with the request's path parameters in place: the same for every spelling
 * of the path the router accepts (a trailing slash, %-encoding). */
static const char *route_path(struct req *r)
{
    struct sbuf sb = SBUF_INIT;
    const char *p = r->route->pattern, *out;
    while (*p) {
        size_t n = strcspn(p + 1, "/") + 1;
        if (p[1] == ':') {
            const char *v = req_param(r, arena_strndup(&r->c.arena, p + 2, n - 2));
            sbuf_addc(&sb, '/');
            sbuf_adds(&sb, v ? v : "");
        } else {
            sbuf_add(&sb, p, n);
        }
        p += n;
    }
    out = arena_strdup(&r->c.arena, sb.buf ? sb.buf : "/");
    sbuf_release(&sb);
    return out;
}

static int same(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* What a key is bound to beside its method and route: the resource the body names and the
 * shopper (a logged-in customer's id), so a key never replays one shopper's answer to another
 * (issue #12's invariant tester). */
static const char *binding(struct req *r, const char *resource)
{
    if (!r->c.customer_id)
        return resource;
    return arena_printf(&r->c.arena, "%s|%s", resource ? resource : "", r->c.customer_id);
}

int idem_start(struct req *r, const char *resource, struct idem *im)
{
    const char *key = r->idempotency_key, *path = route_path(r);
    resource = binding(r, resource);
    int rc = 1;
    im->replayed = 0;
    if (key && *key && (rc = db_ikey_get(&r->c, key, &im->k)) < 0)
        return -1;
    if (rc == 0 && (!same(im->k.method, r->method) || !same(im->k.path, path) ||
                    !same(im->k.params, resource)))
        return err_set(&r->c, ERR_CONFLICT, "Idempotency key %s was used for another request", key);
    if (rc > 0) {
        char uuid[UUID_LEN + 1];
        if (db_ikey_create(&r->c, arena_strdup(&r->c.arena, uuid_v4(uuid, sizeof(uuid))), r->method,
                           path, resource, &im->k) < 0)
            return -1;
    }
    req_add_header(r, "Idempotency-Key", im->k.key);
    req_add_header(r, "Access-Control-Expose-Headers", "Idempotency-Key");
    if (!strcmp(im->k.recovery_point, "finished")) {
        im->replayed = 1;
        return resp_json_text(r, im->k.response_code ? im->k.response_code : 200,
                              im->k.response_body ? im->k.response_body : "{}",
                              im->k.response_body ? strlen(im->k.response_body) : 2);
    }
    return 0;
}

int idem_finish(struct req *r, struct idem *im, int status, const char *body)
{
    if (db_ikey_advance(&r->c, im->k.id, "finished", status, body) < 0)
        return -1;
    return resp_json_text(r, status, body, strlen(body));
}
