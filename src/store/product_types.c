/* product_types.c: GET /store/product-types (store.md §5.7): id, value, created_at, updated_at of
 * every live type, used by a product or not. No fields/expand; order by any column of the type
 * (an unknown one is 400 "Order field x is not valid", where Medusa fails in the database). */
#include "db/catalog.h"
#include "db/entities.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "http/validate.h"

static const struct listq_spec spec = {
    .default_limit = 20,
    .is_list = 1,
};

/* Medusa's DTO: its own properties, then the pagination it extends (class-validator order). */
static const struct vparam params[] = {
    {"id", V_STRFILTER, 0},
    {"q", V_STRING, 0},
    {"value", V_STRFILTER, 0},
    {"created_at", V_DATEFILTER, 0},
    {"updated_at", V_DATEFILTER, 0},
    {"order", V_STRING, 0},
    {"discount_condition_id", V_STRING, 0},
    {"offset", V_NUMBER, 0},
    {"limit", V_NUMBER, 0},
    {NULL, 0, 0},
};

/* GET /store/product-types */
int store_product_types_list(struct req *r)
{
    struct ctx *c = &r->c;
    struct listq lq;
    struct listf f;
    struct value_filter vf;
    struct gquery q;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (gq_list(c, &q, &ent_product_type, catalog_value_sel(c, &ent_product_type), &f) < 0)
        return -1;
    v_strfilter(r, r->qs, "id", &vf.id);
    v_strfilter(r, r->qs, "value", &vf.value);
    vf.q = v_str(r->qs, "q");
    vf.discount_condition_id = v_str(r->qs, "discount_condition_id");
    catalog_value_filter(c, &q, &vf);
    return resp_page(r, "product_types", &q, 1);
}
