/* page.c: answers straight from the graph loader (db/graph.h): the rows SQLite built as JSON text
 * are spliced into the body, never parsed again. It writes through http/resp.h like every
 * handler. */
#include "front/page.h"

#include "core/sbuf.h"
#include "db/graph.h"
#include "http/req.h"
#include "http/resp.h"

int page_list(struct req *r, const char *key, const struct gquery *q, int with_count)
{
    struct sbuf *b = resp_body(r);
    int64_t count = 0;
    if (with_count && (count = gq_count(&r->c, q)) < 0)
        return -1;
    sbuf_addf(b, "{\"%s\":[", key);
    if (gq_run(&r->c, q, b, NULL) < 0)
        return -1;
    sbuf_addc(b, ']');
    if (with_count)
        sbuf_addf(b, ",\"count\":%lld,\"offset\":%lld,\"limit\":%lld", (long long)count,
                  (long long)q->offset, (long long)q->limit);
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}

int page_row(struct req *r, const char *key, const struct gquery *q)
{
    struct sbuf *b = resp_body(r);
    int n = 0;
    sbuf_addf(b, "{\"%s\":", key);
    if (gq_run(&r->c, q, b, &n) < 0)
        return -1;
    if (n == 0)
        return 1;
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}
