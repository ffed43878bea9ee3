/* request.c: the whole life of one request (STYLE.md §2): CORS, who is asking, route, the row's
 * flags, the handler, the transaction of a write route, the answer cache, the error rendered once,
 * one log line. The one place that ties the edge (http/) to the fronts and the database; the
 * transports (http/fcgi.c) only read requests and write answers. */
#include "request.h"

#include <stdint.h>
#include <string.h>
#include <sys/time.h>

#include "core/conf.h"
#include "core/log.h"
#include "core/timefmt.h"
#include "db/db.h"
#include "front/auth.h"
#include "http/cache.h"
#include "http/cors.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static int64_t now_us(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000000 + tv.tv_usec;
}

static int run_handler(void *r)
{
    return ((struct req *)r)->route->fn(r);
}

/* A cacheable route reads one snapshot (db_read). */
static int run_read(struct req *r)
{
    return db_read(&r->c, run_handler, r);
}

/* A cacheable GET: answered from the worker's cache while the database is unchanged and the
 * entry is young (http/cache.h); a 200 the handler builds is kept. */
static int run_cached(struct req *r)
{
    const struct conf *cf = r->c.conf;
    struct sbuf *key = &r->body_out;
    uint64_t stamp;
    const char *hit;
    size_t len;
    int rc;
    /* Session holders may see customer-group prices: never from or into the shared cache. */
    if (!r->cache || cf->cache_ttl_ms <= 0 || r->authorization || r->c.customer_id ||
        (r->cookie && strstr(r->cookie, "connect.sid=")))
        return run_read(r);
    stamp = db_change_stamp(r->c.db);
    sbuf_reset(key);
    sbuf_addf(key, "%s %s?%s\n%s\n", r->method, r->path, r->query,
              r->publishable_key ? r->publishable_key : "");
    if (r->body)
        sbuf_add(key, r->body, r->body_len);
    if ((hit = cache_get(r->cache, key->buf, key->len, stamp, r->c.now_ms, cf->cache_ttl_ms, &len)))
        return resp_json_text(r, 200, hit, len);
    char *k = arena_strndup(&r->c.arena, key->buf, key->len);
    size_t klen = key->len;
    rc = run_read(r);
    if (rc == 0 && r->status == 200 && r->outbuf.len >= r->body_off)
        cache_put(r->cache, k, klen, stamp, r->c.now_ms, r->outbuf.buf + r->body_off,
                  r->outbuf.len - r->body_off);
    return rc;
}

static int run(struct req *r)
{
    const struct route *rt;

    if (cors_apply(r))
        return 0;
    /* The customer is known before any handler and before the answer cache (store.md §1.8). */
    auth_resolve(r);
    switch (router_match(r, r->method, r->path)) {
    case ROUTER_FOUND:
        break;
    default:
        /* Medusa's customers and admin routers check auth before they fall through (store.md §3).
         */
        if (auth_gate_refuses(r))
            return err_set(&r->c, ERR_HTTP_UNAUTHORIZED, "Unauthorized");
        /* Express answers "Cannot GET /x"; we keep its words in Medusa's error body. */
        return err_set(&r->c, ERR_NOT_FOUND, "Cannot %s %s", r->method, r->path);
    }
    rt = r->route;
    if (req_parse_query(r) < 0)
        return -1;
    if ((rt->flags & F_BODY) && req_parse_body(r) < 0)
        return -1;
    if ((rt->flags & F_CUSTOMER) && !r->c.customer_id)
        return err_set(&r->c, ERR_HTTP_UNAUTHORIZED, "Unauthorized");
    if ((rt->flags & F_ADMIN) && !r->c.user_id)
        return err_set(&r->c, ERR_HTTP_UNAUTHORIZED, "Unauthorized");
    if (rt->flags & F_CACHE)
        return run_cached(r);
    if (!(rt->flags & F_WRITE))
        return rt->fn(r);
    /* The route's handler runs in one write transaction: committed on 0, rolled back on -1. */
    return db_tx(&r->c, run_handler, r);
}

size_t req_body_limit(struct req *r)
{
    size_t max = r->c.conf->max_body;
    /* Routing again in run() finds the same row. */
    if (router_match(r, r->method, r->path) == ROUTER_FOUND && (r->route->flags & F_UPLOAD))
        max = r->c.conf->max_upload;
    r->route = NULL;
    r->nparams = 0;
    return max;
}

void req_handle(struct req *r)
{
    int64_t t0 = now_us();
    r->c.now_ms = timefmt_now_ms();
    if (run(r) < 0 || !r->responded) {
        /* A failure after the answer was built (a failed commit) replaces the answer. */
        r->responded = 0;
        err_render(r);
    }
    db_request_end(r->c.db);
    if (r->out.write(r->out.io, r->outbuf.buf, r->outbuf.len) < 0)
        log_warn("client went away before the %d answer to %s %s", r->status, r->method, r->path);
    log_info("%s %s %d %lldus", r->method, r->path, r->status, (long long)(now_us() - t0));
}
