/* return_reasons.c: GET /store/return-reasons and /:id (store.md §6.1). Neither reads the query
 * string (Medusa validates nothing there). */
#include "db/catalog.h"
#include "db/entities.h"
#include "front/page.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* GET /store/return-reasons: the top-level reasons with their children, unpaginated. */
int store_return_reasons_list(struct req *r)
{
    struct ctx *c = &r->c;
    struct listf f = {.limit = -1};
    struct gquery q;
    if (gq_list(c, &q, &ent_return_reason, catalog_return_reason_sel(c), &f) < 0)
        return -1;
    catalog_return_reasons_top(&q);
    return page_list(r, "return_reasons", &q, 0);
}

/* GET /store/return-reasons/:id: any live reason, parent or child. */
int store_return_reasons_get(struct req *r)
{
    struct ctx *c = &r->c;
    struct listf f = {.limit = 1};
    struct gquery q;
    const char *id = req_param(r, "id");
    int rc;
    f.id = id;
    if (gq_list(c, &q, &ent_return_reason, catalog_return_reason_sel(c), &f) < 0)
        return -1;
    if ((rc = page_row(r, "return_reason", &q)) == 1)
        return err_set(c, ERR_NOT_FOUND, "Return Reason with id: %s was not found.", id);
    return rc;
}
