/* variants.c: GET /admin/variants and /admin/variants/:id (Medusa v1's AdminGetVariantsParams,
 * setAdminVariantPricing): every live variant with its product, prices and options, priced for
 * the query's cart, region or currency and the customer_id it names (price lists included). */
#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/validate.h"
#include "front/catalog_common.h"

static const char *const variant_relations[] = {"product", "prices", "options", NULL};

/* The pricing context of the query: cart_id, region_id, currency_code and customer_id. */
static int price_rows(struct req *r, struct json_object *rows)
{
    struct price_context pc;
    if (catalog_price_context(r, &pc) < 0)
        return -1;
    pc.customer_id = v_str(r->qs, "customer_id");
    return catalog_price_json(&r->c, rows, &pc, 0);
}

/* GET /admin/variants: 20 a page. */
int admin_variants_list(struct req *r)
{
    static const struct vparam params[] = {
        {"cart_id", V_STRING, 0},
        {"region_id", V_STRING, 0},
        {"currency_code", V_STRING, 0},
        {"customer_id", V_STRING, 0},
        {"q", V_STRING, 0},
        {"limit", V_INT, 0},
        {"offset", V_INT, 0},
        {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},
        {"id", V_STR_OR_ARRAY, 0},
        {"title", V_STR_OR_ARRAY, 0},
        {"inventory_quantity", V_ANY, 0},
        {"order", V_STRING, 0},
        {"manage_inventory", V_BOOLSTR, 0},
        {"allow_backorder", V_BOOLSTR, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {NULL, 0, 0},
    };
    static const struct listq_spec spec = {
        .default_limit = 20, .is_list = 1, .default_relations = variant_relations};
    struct ctx *c = &r->c;
    struct variant_filter vf;
    struct listq lq;
    struct listf lf;
    struct gquery q;
    struct json_object *rows;
    int64_t count;
    int b;

    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    memset(&vf, 0, sizeof(vf));
    if (catalog_inventory_filter(r, &vf) < 0)
        return -1;
    vf.ids.v = v_strs(r, r->qs, "id", &vf.ids.n);
    vf.titles.v = v_strs(r, r->qs, "title", &vf.titles.n);
    vf.q = v_str(r->qs, "q");
    if ((b = v_boolstr(r->qs, "manage_inventory")) == 0 || b == 1)
        vf.has_manage_inventory = 1, vf.manage_inventory = b;
    if ((b = v_boolstr(r->qs, "allow_backorder")) == 0 || b == 1)
        vf.has_allow_backorder = 1, vf.allow_backorder = b;
    listq_listf(r, &lq, &lf);
    if (db_variants_query(c, &q, gsel_build(c, &ent_product_variant, lq.fields, lq.relations), &lf,
                          &vf) < 0 ||
        (count = gq_count(c, &q)) < 0 || !(rows = gq_run_json(c, &q)) || price_rows(r, rows) < 0)
        return -1;
    return catalog_send(r, "variants", rows, 1, count, lq.offset, lq.limit);
}

/* GET /admin/variants/:id */
int admin_variants_get(struct req *r)
{
    static const struct vparam params[] = {
        {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},
        {NULL, 0, 0},
    };
    static const struct listq_spec spec = {.default_relations = variant_relations};
    const char *id = req_param(r, "id");
    struct listq lq;
    struct listf lf = {.id = id, .limit = 1};
    struct variant_filter vf;
    struct gquery q;
    struct json_object *rows;

    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    memset(&vf, 0, sizeof(vf));
    if (db_variants_query(&r->c, &q,
                          gsel_build(&r->c, &ent_product_variant, lq.fields, lq.relations), &lf,
                          &vf) < 0 ||
        !(rows = gq_run_json(&r->c, &q)))
        return -1;
    if (json_object_array_length(rows) == 0)
        return err_set(&r->c, ERR_NOT_FOUND, "Variant with id: %s was not found", id);
    if (price_rows(r, rows) < 0)
        return -1;
    return catalog_send(r, "variant", rows, 0, -1, 0, 0);
}
