/* collections.c: GET /store/collections and /store/collections/:id (store.md §5.6). No
 * fields/expand/order here: Medusa's DTO rejects them. */
#include "db/catalog.h"
#include "db/entities.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const struct vparam list_params[] = {
    {"handle", V_STRARRAY, 0},
    {"limit", V_INT, 0},
    {"offset", V_INT, 0},
    {"created_at", V_DATEFILTER, 0},
    {"updated_at", V_DATEFILTER, 0},
    {NULL, 0, 0},
};

/* GET /store/collections */
int store_collections_list(struct req *r)
{
    struct ctx *c = &r->c;
    struct listf f = {0};
    struct gquery q;
    const char **handles;
    int n;
    if (validate(r, r->qs, list_params, 1) < 0)
        return -1;
    f.limit = v_int(r->qs, "limit", 10);
    f.offset = v_int(r->qs, "offset", 0);
    v_datefilter(r->qs, "created_at", &f.created_at);
    v_datefilter(r->qs, "updated_at", &f.updated_at);
    if (gq_list(c, &q, &ent_product_collection, gsel_cols(c, &ent_product_collection), &f) < 0)
        return -1;
    handles = v_strs(r, r->qs, "handle", &n);
    catalog_collections_handles(c, &q, handles, n);
    return page_list(r, "collections", &q, 1);
}

/* GET /store/collections/:id: the query string is not read at all. */
int store_collections_get(struct req *r)
{
    struct ctx *c = &r->c;
    struct listf f = {.limit = 1};
    struct gquery q;
    const char *id = req_param(r, "id");
    int rc;
    f.id = id;
    if (gq_list(c, &q, &ent_product_collection, gsel_cols(c, &ent_product_collection), &f) < 0)
        return -1;
    if ((rc = page_row(r, "collection", &q)) == 1)
        return err_set(c, ERR_NOT_FOUND, "Product collection with id: %s was not found", id);
    return rc;
}
