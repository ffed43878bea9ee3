/* product_variants.c: a product's variants and options from the Admin API
 * (POST/DELETE /admin/products/:id/variants[/:variant_id],
 * /admin/products/:id/options[/:option_id], Medusa v1's create-variant.ts ... delete-option.ts).
 * Rules in domain/product.c; every answer carries the product as GET /admin/products/:id does. */
#include <json-c/json.h>

#include "admin/products.h"
#include "core/json.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/validate.h"

/* The variant update takes PriceSelectionParams in the query (they do not change the answer:
 * the product's admin pricing). */
static int price_query_check(struct req *r)
{
    static const struct vparam params[] = {
        {"cart_id", V_STRING, V_OPTIONAL},       {"region_id", V_STRING, V_OPTIONAL},
        {"currency_code", V_STRING, V_OPTIONAL}, {"expand", V_STRING, V_OPTIONAL},
        {"fields", V_STRING, V_OPTIONAL},        {NULL, 0, 0},
    };
    return validate(r, r->qs, params, 1);
}

static int variant_body(struct req *r, enum variant_dto dto, struct variant_input *v)
{
    struct sbuf msgs = SBUF_INIT;
    admin_variant_check(&msgs, r->json, dto);
    if (validate_done(r, &msgs) < 0)
        return -1;
    admin_variant_read(r, r->json, v);
    return 0;
}

/* {<key>: id, object, deleted: true, product} */
static int send_deleted(struct req *r, const char *key, const char *id, const char *object)
{
    struct json_object *product = admin_product_json(r, req_param(r, "id")), *o;
    if (!product)
        return -1;
    o = json_object_new_object();
    json_set_str(o, key, id);
    json_set_str(o, "object", object);
    json_set_bool(o, "deleted", 1);
    json_set(o, "product", json_share(product));
    return resp_json(r, 200, o);
}

/* The option DTOs: AdminPostProductsProductOptionsReq / ...OptionsOption, {title} only. */
static int option_body(struct req *r)
{
    static const struct vparam params[] = {{"title", V_STRING, V_CHECKED}, {NULL, 0, 0}};
    return validate(r, r->json, params, 0);
}

/* POST /admin/products/:id/variants */
int admin_products_variant_create(struct req *r)
{
    struct variant_input v;
    const char *id = req_param(r, "id");
    if (variant_body(r, VARIANT_DTO_CREATE, &v) < 0 || product_variant_create(&r->c, id, &v) < 0)
        return -1;
    return admin_product_send(r, id);
}

/* POST /admin/products/:id/variants/:variant_id */
int admin_products_variant_update(struct req *r)
{
    struct variant_input v;
    const char *id = req_param(r, "id");
    if (price_query_check(r) < 0 || variant_body(r, VARIANT_DTO_UPDATE, &v) < 0)
        return -1;
    v.id = req_param(r, "variant_id");
    if (product_variant_update(&r->c, id, &v) < 0)
        return -1;
    return admin_product_send(r, id);
}

/* DELETE /admin/products/:id/variants/:variant_id */
int admin_products_variant_delete(struct req *r)
{
    const char *vid = req_param(r, "variant_id");
    if (product_variant_delete(&r->c, req_param(r, "id"), vid) < 0)
        return -1;
    return send_deleted(r, "variant_id", vid, "product-variant");
}

/* POST /admin/products/:id/options */
int admin_products_option_create(struct req *r)
{
    const char *id = req_param(r, "id");
    if (option_body(r) < 0 || product_option_add(&r->c, id, v_str(r->json, "title")) < 0)
        return -1;
    return admin_product_send(r, id);
}

/* POST /admin/products/:id/options/:option_id */
int admin_products_option_update(struct req *r)
{
    const char *id = req_param(r, "id");
    if (option_body(r) < 0 ||
        product_option_update(&r->c, id, req_param(r, "option_id"), v_str(r->json, "title")) < 0)
        return -1;
    return admin_product_send(r, id);
}

/* DELETE /admin/products/:id/options/:option_id */
int admin_products_option_delete(struct req *r)
{
    const char *oid = req_param(r, "option_id");
    if (product_option_delete(&r->c, req_param(r, "id"), oid) < 0)
        return -1;
    return send_deleted(r, "option_id", oid, "option");
}
