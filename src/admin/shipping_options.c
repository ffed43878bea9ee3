/* shipping_options.c: /admin/shipping-options: create, list, read, update, delete (Medusa's
 * shipping-option routes and ShippingOptionService). The price and requirement rules are
 * domain/shipping_option.c's; the rows db/shipping_option.c's. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/product_admin.h"
#include "db/shipping_option.h"
#include "domain/shipping_option.h"
#include "front/shipping_option_view.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const struct vparam create_params[] = {
    {"name", V_STRING, V_CHECKED},
    {"region_id", V_STRING, V_CHECKED},
    {"provider_id", V_STRING, V_CHECKED},
    {"profile_id", V_STRING, V_OPTIONAL},
    {"data", V_OBJECT, V_CHECKED},
    {"price_type", V_ANY, V_OPTIONAL},
    {"amount", V_NUMBER, V_OPTIONAL},
    {"requirements", V_ARRAY, V_OPTIONAL},
    {"admin_only", V_ANY, V_OPTIONAL},
    {"is_return", V_ANY, V_OPTIONAL},
    {"metadata", V_OBJECT, V_OPTIONAL},
    {"includes_tax", V_BOOL, V_OPTIONAL},
    {NULL, 0, 0},
};
static const struct vparam requirement_params[] = {
    {"type", V_ANY, V_OPTIONAL},
    {"amount", V_NUMBER, V_CHECKED},
    {NULL, 0, 0},
};
static const char *const price_types[] = {"flat_rate", "calculated", NULL};
static const char *const requirement_types[] = {"min_subtotal", "max_subtotal", NULL};

/* JavaScript's Boolean(v), as class-transformer's @Type(() => Boolean) converts. */
static int js_truthy(struct json_object *v)
{
    switch (v ? json_object_get_type(v) : json_type_null) {
    case json_type_null:
        return 0;
    case json_type_boolean:
        return json_object_get_boolean(v);
    case json_type_int:
    case json_type_double:
        return json_object_get_double(v) != 0;
    case json_type_string:
        return json_object_get_string_len(v) > 0;
    default:
        return 1;
    }
}

/* The DTO: unknown properties, types, the price type enum and each requirement. */
static int check_body(struct req *r, struct json_object *reqs)
{
    struct sbuf msgs = SBUF_INIT;
    validate_msgs(r->json, create_params, 0, &msgs);
    validate_enum(r->json, "price_type", price_types,
                  "Invalid price type, must be one of \"flat_rate\" or \"calculated\"", V_CHECKED,
                  &msgs);
    for (size_t i = 0;
         reqs && json_object_is_type(reqs, json_type_array) && i < json_object_array_length(reqs);
         i++) {
        struct json_object *e = json_object_array_get_idx(reqs, i);
        if (!e || !json_object_is_type(e, json_type_object)) {
            if (msgs.len)
                sbuf_adds(&msgs, ", ");
            sbuf_addf(&msgs, "nested property requirements must be either object or array");
            continue;
        }
        validate_msgs(e, requirement_params, 0, &msgs);
        validate_enum(e, "type", requirement_types,
                      "Invalid option type, must be one of \"min_subtotal\" or \"max_subtotal\"",
                      V_CHECKED, &msgs);
    }
    return validate_done(r, &msgs);
}

/* POST /admin/shipping-options */
int admin_shipping_options_create(struct req *r)
{
    static const char *const rels[] = {"region", "profile", "requirements", NULL};
    struct json_object *reqs = json_get(r->json, "requirements"), *amount;
    struct so_new o = {0};
    struct so_requirement *rq = NULL;
    struct gquery q;
    const char *id;
    int rc;
    size_t len;
    if (check_body(r, reqs) < 0)
        return -1;
    o.name = v_str(r->json, "name");
    o.region_id = v_str(r->json, "region_id");
    o.provider_id = v_str(r->json, "provider_id");
    o.price_type = v_str(r->json, "price_type");
    o.data = json_text(json_get(r->json, "data"), &len);
    o.metadata =
        json_get(r->json, "metadata") ? json_text(json_get(r->json, "metadata"), &len) : NULL;
    if ((amount = json_get(r->json, "amount"))) {
        o.has_amount = 1;
        o.amount = (int64_t)json_object_get_double(amount);
    }
    o.admin_only = js_truthy(json_get(r->json, "admin_only"));
    o.is_return = js_truthy(json_get(r->json, "is_return"));
    o.includes_tax = js_truthy(json_get(r->json, "includes_tax"));
    if (reqs && json_object_is_type(reqs, json_type_array) &&
        (o.nreqs = (int)json_object_array_length(reqs))) {
        rq = arena_alloc(&r->c.arena, sizeof(*rq) * (size_t)o.nreqs);
        for (int i = 0; i < o.nreqs; i++) {
            struct json_object *e = json_object_array_get_idx(reqs, (size_t)i);
            rq[i].type = json_get_str_opt(e, "type");
            rq[i].amount = (int64_t)json_object_get_double(json_get(e, "amount"));
        }
        o.reqs = rq;
    }
    /* Only the manual provider is installed, and it calculates nothing. */
    if (shipping_option_check_price(&r->c, o.price_type, &o.has_amount, &o.amount, 0) < 0)
        return -1;
    if ((o.profile_id = v_str(r->json, "profile_id"))) {
        if ((rc = db_shipping_profile_exists(&r->c, o.profile_id)) <= 0)
            return rc < 0 ? -1
                          : err_set(&r->c, ERR_NOT_FOUND, "Profile with id: %s was not found",
                                    o.profile_id);
    } else if (!(o.profile_id = db_shipping_profile_of_type(&r->c, "default"))) {
        return -1;
    }
    if ((rc = db_row_exists(&r->c, "region", o.region_id)) <= 0)
        return rc < 0
                   ? -1
                   : err_set(&r->c, ERR_NOT_FOUND, "Region with id: %s was not found", o.region_id);
    if ((rc = db_region_has_fulfillment_provider(&r->c, o.region_id, o.provider_id)) <= 0)
        return rc < 0 ? -1
                      : err_set(&r->c, ERR_INVALID_DATA,
                                "The fulfillment provider is not available in the provided region");
    if (shipping_option_check_requirements(&r->c, rq, o.nreqs) < 0)
        return -1;
    if (!(id = db_shipping_option_insert(&r->c, &o)))
        return -1;
    gq_init(&r->c, &q, &ent_shipping_option, gsel_build(&r->c, &ent_shipping_option, NULL, rels));
    gq_where_eq(&r->c, &q, "id", id);
    return page_row(r, "shipping_option", &q) == 0 ? 0 : -1;
}

static const char *const option_relations[] = {"region", "profile", "requirements", NULL};

/* GET /admin/shipping-options/:id */
int admin_shipping_options_get(struct req *r)
{
    return admin_one_send(r, "shipping_option", &ent_shipping_option,
                          gsel_build(&r->c, &ent_shipping_option, NULL, option_relations),
                          req_param(r, "id"), "Shipping Option with ");
}

/* optionalBooleanMapper: "true"/"false" filter, "null" matches nothing (the columns are never
 * null), anything else is ignored without an error. */
static void bool_filter(struct req *r, struct gquery *q, const char *param, const char *col)
{
    int b = v_boolstr(r->qs, param);
    if (b == 0 || b == 1)
        gq_where_eq_int(&r->c, q, col, b);
    else if (b == -2)
        gq_where_none(q);
}

static int list_filter(struct req *r, struct gquery *q)
{
    admin_filter_in(r, q, "id", "id");
    admin_filter_eq(r, q, "name", "name");
    admin_filter_eq(r, q, "region_id", "region_id");
    bool_filter(r, q, "is_return", "is_return");
    bool_filter(r, q, "admin_only", "admin_only");
    admin_filter_dates(r, q);
    return 0;
}

/* The rates shipping_option_price() reads. */
static void with_tax_rates(struct ctx *c, struct gsel *sel)
{
    gsel_add_col(c, sel, "tax_rates");
}

/* GET /admin/shipping-options: 50 a page, admin-only and return ones too unless filtered, each
 * priced as Medusa's pricing service does (tax_rates, tax_amount, price_incl_tax). */
int admin_shipping_options_list(struct req *r)
{
    static const struct vparam filters[] = {
        {"id", V_STR_OR_ARRAY, 0},
        {"name", V_STRING, 0},
        {"region_id", V_STRING, 0},
        {"is_return", V_ANY, 0},
        {"admin_only", V_ANY, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"deleted_at", V_DATEFILTER, 0},
        {NULL, 0, 0},
    };
    static const struct admin_list l = {
        "shipping_options", &ent_shipping_option, option_relations, 50, "name", 1};
    static const struct admin_list_more more = {filters, list_filter, with_tax_rates,
                                                shipping_option_price};
    return admin_list_send_with(r, &l, &more);
}

/* AdminPostShippingOptionsOptionReq: requirements is required (no IsOptional), each
 * {id?, type, amount}; region, provider, data and is_return are no properties of it. */
static int update_check(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_OPTIONAL},
        {"amount", V_NUMBER, V_OPTIONAL},
        {"price_type", V_ANY, V_OPTIONAL},
        {"requirements", V_ARRAY, V_CHECKED},
        {"admin_only", V_BOOL, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam req_params[] = {
        {"id", V_STRING, V_OPTIONAL},
        {"type", V_STRING, V_CHECKED},
        {"amount", V_NUMBER, V_CHECKED},
        {NULL, 0, 0},
    };
    static const struct venum price_enum[] = {
        {"price_type", price_types,
         "Invalid price type, must be one of \"flat_rate\" or \"calculated\""},
        {NULL, NULL, NULL}};
    struct sbuf msgs = SBUF_INIT;
    validate_msgs_enums(r->json, params, price_enum, &msgs);
    validate_nested_each(&msgs, r->json, "requirements", req_params);
    return validate_done(r, &msgs);
}

/* POST /admin/shipping-options/:id */
int admin_shipping_options_update(struct req *r)
{
    struct json_object *reqs, *v;
    struct so_requirement_update *rq;
    struct so_update u = {0};
    const char *id = req_param(r, "id");
    if (update_check(r) < 0)
        return -1;
    u.name = v_str(r->json, "name");
    u.price_type = v_str(r->json, "price_type");
    if (json_object_object_get_ex(r->json, "amount", &v)) {
        u.has_amount = 1;
        u.amount_null = v == NULL;
        u.amount = v ? (int64_t)json_object_get_double(v) : 0;
    }
    u.admin_only = (v = json_get(r->json, "admin_only")) ? json_object_get_boolean(v) : -1;
    u.metadata = json_get(r->json, "metadata");
    reqs = json_get(r->json, "requirements");
    u.nreqs = (int)json_object_array_length(reqs);
    rq = arena_alloc(&r->c.arena, sizeof(*rq) * (size_t)(u.nreqs ? u.nreqs : 1));
    for (int i = 0; i < u.nreqs; i++) {
        struct json_object *e = json_object_array_get_idx(reqs, (size_t)i);
        rq[i].id = json_get_str_opt(e, "id");
        rq[i].r.type = json_get_str_opt(e, "type");
        rq[i].r.amount = (int64_t)json_object_get_double(json_get(e, "amount"));
    }
    u.reqs = rq;
    if (shipping_option_update(&r->c, id, &u) < 0)
        return -1;
    return admin_one_send(r, "shipping_option", &ent_shipping_option,
                          gsel_build(&r->c, &ent_shipping_option, NULL, option_relations), id,
                          "Shipping Option with ");
}

/* DELETE /admin/shipping-options/:id: idempotent, as Medusa's. */
int admin_shipping_options_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (shipping_option_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "shipping-option");
}
