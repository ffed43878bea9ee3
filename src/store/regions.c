/* regions.c: GET /store/regions and /store/regions/:id (store.md §5.9). */
#include "db/entities.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const region_relations[] = {"countries", "payment_providers",
                                               "fulfillment_providers", "currency", NULL};

static const struct listq_spec list_spec = {
    .default_limit = 100,
    .is_list = 1,
    .allowed_relations = region_relations,
    .default_relations = region_relations,
};
static const struct listq_spec get_spec = {
    .default_limit = 100,
    .allowed_relations = region_relations,
    .default_relations = region_relations,
};

/* The list and the retrieve share one DTO (the retrieve tolerates limit/offset too). */
static const struct vparam params[] = {
    {"limit", V_INT, 0},
    {"offset", V_INT, 0},
    {"order", V_STRING, 0},
    {"fields", V_STRING, 0},
    {"expand", V_STRING, 0},
    {"created_at", V_DATEFILTER, 0},
    {"updated_at", V_DATEFILTER, 0},
    {NULL, 0, 0},
};

/* GET /store/regions */
int store_regions_list(struct req *r)
{
    struct listq lq;
    struct listf f;
    struct gquery q;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &list_spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (gq_list(&r->c, &q, &ent_region, gsel_build(&r->c, &ent_region, lq.fields, lq.relations),
                &f) < 0)
        return -1;
    return page_list(r, "regions", &q, 1);
}

/* GET /store/regions/:id */
int store_regions_get(struct req *r)
{
    struct listq lq;
    struct listf f;
    struct gquery q;
    const char *id = req_param(r, "id");
    int rc;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &get_spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    f.id = id;
    f.limit = 1;
    f.offset = 0;
    f.order = NULL;
    if (gq_list(&r->c, &q, &ent_region, gsel_build(&r->c, &ent_region, lq.fields, lq.relations),
                &f) < 0)
        return -1;
    if ((rc = page_row(r, "region", &q)) == 1)
        return err_set(&r->c, ERR_NOT_FOUND, "Region with %s was not found", id);
    return rc;
}
