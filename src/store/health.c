/* health.c: GET /health → 200 "OK" as text, like Medusa's (store.md §1.1). It also proves the
 * database answers, so a load balancer never routes to a worker that cannot serve. */
#include "db/db.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

int front_health(struct req *r)
{
    if (db_schema_version(r->c.db) < 0)
        return err_set(&r->c, ERR_DATABASE, "The database is unavailable. Try again later.");
    return resp_text(r, 200, "OK");
}
