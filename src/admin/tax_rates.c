/* tax_rates.c: /admin/tax-rates (Medusa's tax-rate routes; rules in domain/tax_rate.c). Every
 * route takes `fields` and `expand` as arrays (IsArray, unlike the other lists): the rate's
 * columns and relations to answer with, by default its own columns and no relation. The counts
 * (product_count, product_type_count, shipping_option_count) come through `fields`. */
#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/tax_rate.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* The query of every route but the list: AdminGetTaxRatesTaxRateParams and its copies. */
static const struct vparam query_params[] = {
    {"expand", V_STRARRAY, V_OPTIONAL},
    {"fields", V_STRARRAY, V_OPTIONAL},
    {NULL, 0, 0},
};

/* An array query parameter as a NULL-terminated list (NULL when absent). */
static const char *const *query_list(struct req *r, const char *name)
{
    int n;
    const char **v = v_strs(r, r->qs, name, &n);
    const char **out;
    if (!json_get(r->qs, name))
        return NULL;
    out = arena_alloc(&r->c.arena, sizeof(*out) * (size_t)(n + 2));
    for (int i = 0; i < n; i++)
        out[i] = v[i];
    out[n] = NULL;
    out[n + 1] = NULL;
    return out;
}

/* Products as the admin shows them, with their shipping profile's id. */
static void product_profiles(struct ctx *c, struct gsel *sel)
{
    struct gsel *products = gsel_rel(sel, "products");
    if (products)
        gsel_add_col(c, products, "profile_id");
}

/* getRetrieveConfig: the given fields (and id), the given relations. */
static int send_rate(struct req *r, const char *id)
{
    const char *const *fields = query_list(r, "fields");
    struct gsel *sel = gsel_build(&r->c, &ent_tax_rate, fields, query_list(r, "expand"));
    if (fields)
        gsel_add_col(&r->c, sel, "id");
    product_profiles(&r->c, sel);
    return admin_one_send(r, "tax_rate", &ent_tax_rate, sel, id, "TaxRate with ");
}

static int list_filter(struct req *r, struct gquery *q)
{
    struct json_object *rate = json_get(r->qs, "rate");
    /* lodash pickBy(identity): empty strings filter nothing. */
    const char *name = v_str(r->qs, "name"), *code = v_str(r->qs, "code");
    admin_filter_in(r, q, "region_id", "region_id");
    if (name && *name)
        gq_where_eq(&r->c, q, "name", name);
    if (code && *code)
        gq_where_eq(&r->c, q, "code", code);
    if (rate && json_object_is_type(rate, json_type_string) && *json_object_get_string(rate)) {
        gq_where_num(&r->c, q, "rate", "=", json_object_get_string(rate));
    } else if (rate && json_object_is_type(rate, json_type_object)) {
        static const char *const ops[][2] = {
            {"lt", "<"}, {"gt", ">"}, {"lte", "<="}, {"gte", ">="}};
        for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
            const char *v = v_str(rate, ops[i][0]);
            if (v)
                gq_where_num(&r->c, q, "rate", ops[i][1], v);
        }
    }
    admin_filter_dates(r, q);
    return 0;
}

/* GET /admin/tax-rates: 50 a page, q on the name. */
int admin_tax_rates_list(struct req *r)
{
    static const struct vparam filters[] = {
        {"region_id", V_STR_OR_ARRAY, 0},
        {"name", V_STRING, 0},
        {"code", V_STRING, 0},
        {"rate", V_NUMFILTER, 0},
        {"expand", V_STRARRAY, 0},
        {"fields", V_STRARRAY, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"deleted_at", V_DATEFILTER, 0},
        {NULL, 0, 0},
    };
    static const struct admin_list l = {"tax_rates", &ent_tax_rate, NULL, 50, "name", 1};
    static const struct admin_list_more more = {filters, list_filter, product_profiles, NULL};
    return admin_list_send_with(r, &l, &more);
}

/* GET /admin/tax-rates/:id */
int admin_tax_rates_get(struct req *r)
{
    if (validate(r, r->qs, query_params, 1) < 0)
        return -1;
    return send_rate(r, req_param(r, "id"));
}

/* The bodies of create (required: code, name, region_id) and update. The link lists are IsArray
 * only: their members are looked up as given. */
static int body_check(struct req *r, int create)
{
    const int need = create ? V_CHECKED : V_OPTIONAL;
    const struct vparam params[] = {
        {"code", V_STRING, need},
        {"name", V_STRING, need},
        {"region_id", V_STRING, need},
        {"rate", V_NUMBER, V_OPTIONAL},
        {"products", V_ARRAY, V_OPTIONAL},
        {"shipping_options", V_ARRAY, V_OPTIONAL},
        {"product_types", V_ARRAY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    return validate(r, r->json, params, 0) < 0 || validate(r, r->qs, query_params, 1) < 0 ? -1 : 0;
}

/* POST /admin/tax-rates */
int admin_tax_rates_create(struct req *r)
{
    const char *id;
    if (body_check(r, 1) < 0 || tax_rate_create(&r->c, r->json, &id) < 0)
        return -1;
    return send_rate(r, id);
}

/* POST /admin/tax-rates/:id */
int admin_tax_rates_update(struct req *r)
{
    const char *id = req_param(r, "id");
    if (body_check(r, 0) < 0 || tax_rate_update(&r->c, id, r->json) < 0)
        return -1;
    return send_rate(r, id);
}

/* DELETE /admin/tax-rates/:id: idempotent, as Medusa's. */
int admin_tax_rates_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (tax_rate_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "tax-rate");
}

/* The batch routes: {<key>: [ids]} (IsArray), added to or removed from the rate's links. */
static int batch(struct req *r, const char *key, char kind, int add)
{
    const struct vparam params[] = {{key, V_ARRAY, V_CHECKED}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    struct json_object *ids;
    if (validate(r, r->json, params, 0) < 0 || validate(r, r->qs, query_params, 1) < 0)
        return -1;
    ids = json_get(r->json, key);
    if ((add ? tax_rate_link(&r->c, kind, id, ids, 0) : tax_rate_unlink(&r->c, kind, id, ids)) < 0)
        return -1;
    return send_rate(r, id);
}

int admin_tax_rates_add_products(struct req *r)
{
    return batch(r, "products", 'p', 1);
}

int admin_tax_rates_remove_products(struct req *r)
{
    return batch(r, "products", 'p', 0);
}

int admin_tax_rates_add_product_types(struct req *r)
{
    return batch(r, "product_types", 't', 1);
}

int admin_tax_rates_remove_product_types(struct req *r)
{
    return batch(r, "product_types", 't', 0);
}

int admin_tax_rates_add_shipping_options(struct req *r)
{
    return batch(r, "shipping_options", 's', 1);
}

int admin_tax_rates_remove_shipping_options(struct req *r)
{
    return batch(r, "shipping_options", 's', 0);
}
