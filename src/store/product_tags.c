/* product_tags.c: GET /store/product-tags (store.md §5.7): id, value, created_at, updated_at of
 * every live tag, used by a product or not. No fields/expand; order only by those columns. */
#include "db/catalog.h"
#include "db/entities.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "http/validate.h"

static const char *const tag_fields[] = {"id", "value", "created_at", "updated_at", NULL};

static const struct listq_spec spec = {
    .default_limit = 20,
    .is_list = 1,
    .allowed_fields = tag_fields,
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

/* GET /store/product-tags */
int store_product_tags_list(struct req *r)
{
    struct ctx *c = &r->c;
    struct listq lq;
    struct listf f;
    struct value_filter vf;
    struct gquery q;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (gq_list(c, &q, &ent_product_tag, catalog_value_sel(c, &ent_product_tag), &f) < 0)
        return -1;
    v_strfilter(r, r->qs, "id", &vf.id);
    v_strfilter(r, r->qs, "value", &vf.value);
    vf.q = v_str(r->qs, "q");
    vf.discount_condition_id = v_str(r->qs, "discount_condition_id");
    catalog_value_filter(c, &q, &vf);
    return resp_page(r, "product_tags", &q, 1);
}
