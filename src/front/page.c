/* page.c: answers straight from the graph loader (db/graph.h): the rows read plainly and written
 * once into the body, never parsed again. It writes through http/resp.h like every handler. */
#include "front/page.h"

#include "core/sbuf.h"
#include "db/graph.h"
#include "http/req.h"
#include "http/resp.h"

/* q's rows read plainly and written once (db/graph.c's row loader: fewer instructions than
 * SQLite building each row's JSON, by a quarter on GET /store/regions), comma-separated. */
static int write_rows(struct req *r, const struct gquery *q, struct sbuf *b, int *count)
{
    struct gnode **rows;
    int n;
    if (gq_run_nodes(&r->c, q, &rows, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (i)
            sbuf_addc(b, ',');
        gnode_write(b, rows[i], NULL);
    }
    if (count)
        *count = n;
    return 0;
}

int page_list(struct req *r, const char *key, const struct gquery *q, int with_count)
{
    struct sbuf *b = resp_body(r);
    int64_t count = 0;
    if (with_count && (count = gq_count(&r->c, q)) < 0)
        return -1;
    sbuf_addf(b, "{\"%s\":[", key);
    if (write_rows(r, q, b, NULL) < 0)
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
    if (write_rows(r, q, b, &n) < 0)
        return -1;
    if (n == 0)
        return 1;
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}
