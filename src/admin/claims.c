/* claims.c: the Admin API's claims (Medusa v1's admin order claim routes): create, update,
 * fulfil, ship, cancel a fulfillment, cancel. Each answers {order} as the admin order routes do
 * (admin_order_send), its claims with their items, images, additional items, fulfillments and
 * return. Rules live in domain/claims.c. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/db.h"
#include "domain/claims.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const reasons[] = {"missing_item", "wrong_item", "production_failure", "other",
                                      NULL};

static int array_len(struct json_object *v)
{
    return v && json_object_is_type(v, json_type_array) ? (int)json_object_array_length(v) : 0;
}

/* The query of every claim route: FindParams (expand, fields) for the order answer. */
static int query_ok(struct req *r)
{
    static const struct vparam params[] = {
        {"expand", V_STRING, V_OPTIONAL},
        {"fields", V_STRING, V_OPTIONAL},
        {NULL, 0, 0},
    };
    return validate(r, r->qs, params, 1);
}

static int nn_of(struct json_object *body)
{
    struct json_object *v = json_get(body, "no_notification");
    return v && json_object_is_type(v, json_type_boolean) ? json_object_get_boolean(v) : -1;
}

/* AdminPostOrdersOrderClaimsReq, checked as class-validator does. */
static int create_validate(struct req *r)
{
    static const struct vparam params[] = {
        {"type", V_ANY, V_OPTIONAL},
        {"claim_items", V_ARRAY, V_CHECKED},
        {"return_shipping", V_NESTED, V_OPTIONAL},
        {"additional_items", V_ARRAY, V_OPTIONAL},
        {"shipping_methods", V_ARRAY, V_OPTIONAL},
        {"refund_amount", V_AMOUNT, V_OPTIONAL},
        {"shipping_address", V_OBJECT, V_OPTIONAL},
        {"no_notification", V_BOOL, V_OPTIONAL},
        {"return_location_id", V_STRING, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam item_params[] = {
        {"item_id", V_STRING, V_CHECKED},
        {"quantity", V_POSITIVE_INT, V_CHECKED},
        {"note", V_STRING, V_OPTIONAL},
        {"reason", V_ANY, V_OPTIONAL},
        {"tags", V_STRINGS, V_OPTIONAL},
        {"images", V_STRINGS, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam extra_params[] = {
        {"variant_id", V_STRING, V_CHECKED},
        {"quantity", V_POSITIVE_INT, V_CHECKED},
        {NULL, 0, 0},
    };
    static const struct vparam method_params[] = {
        {"id", V_STRING, V_OPTIONAL},
        {"option_id", V_STRING, V_OPTIONAL},
        {"price", V_AMOUNT, V_OPTIONAL},
        {"data", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam return_params[] = {
        {"option_id", V_STRING, V_OPTIONAL},
        {"price", V_AMOUNT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const char *const types[] = {"refund", "replace", NULL};
    struct json_object *b = r->json, *items = json_get(b, "claim_items"), *ret;
    struct sbuf msgs = SBUF_INIT;
    validate_msgs(b, params, 0, &msgs);
    validate_enum(b, "type", types, NULL, V_CHECKED, &msgs);
    if (!json_get(b, "type"))
        validate_msg(&msgs, "type should not be empty");
    if (!items || (json_object_is_type(items, json_type_array) && !array_len(items)))
        validate_msg(&msgs, "claim_items should not be empty");
    validate_nested_each(&msgs, b, "claim_items", item_params);
    for (int i = 0; i < array_len(items); i++) {
        struct json_object *it = json_object_array_get_idx(items, (size_t)i);
        if (json_object_is_type(it, json_type_object))
            validate_enum(it, "reason", reasons, NULL, V_OPTIONAL, &msgs);
    }
    validate_nested_each(&msgs, b, "additional_items", extra_params);
    validate_nested_each(&msgs, b, "shipping_methods", method_params);
    if ((ret = json_get(b, "return_shipping")) && json_object_is_type(ret, json_type_object))
        validate_msgs(ret, return_params, 0, &msgs);
    return validate_done(r, &msgs);
}

static const char **strings(struct req *r, struct json_object *arr, int *n)
{
    const char **v;
    *n = array_len(arr);
    v = arena_calloc(&r->c.arena, sizeof(*v) * (size_t)(*n ? *n : 1));
    for (int i = 0; i < *n; i++)
        v[i] = json_object_get_string(json_object_array_get_idx(arr, (size_t)i));
    return v;
}

/* The shipping methods of a body to add: those naming an option (an existing method given by id
 * stays the claim's). */
static const struct claim_method_in *methods_of(struct req *r, struct json_object *arr, int *n)
{
    int len = array_len(arr);
    struct claim_method_in *mi = arena_calloc(&r->c.arena, sizeof(*mi) * (size_t)(len ? len : 1));
    *n = 0;
    for (int i = 0; i < len; i++) {
        struct json_object *m = json_object_array_get_idx(arr, (size_t)i);
        if (!json_get_str_opt(m, "option_id"))
            continue;
        mi[*n].option_id = json_get_str_opt(m, "option_id");
        mi[*n].has_price = json_get(m, "price") != NULL;
        mi[*n].price = v_int(m, "price", 0);
        mi[*n].data = json_obj_text(json_get(m, "data"));
        (*n)++;
    }
    return mi;
}

/* A claim item's tags or images in an update body: {id} or {text_key: text} each; *n < 0 (and
 * NULL) when arr is not an array (left alone). */
static const struct claim_ref_in *refs_of(struct req *r, struct json_object *arr,
                                          const char *text_key, int *n)
{
    struct claim_ref_in *v;
    if (!arr || !json_object_is_type(arr, json_type_array)) {
        *n = -1;
        return NULL;
    }
    *n = array_len(arr);
    v = arena_calloc(&r->c.arena, sizeof(*v) * (size_t)(*n + 1));
    for (int k = 0; k < *n; k++) {
        struct json_object *o = json_object_array_get_idx(arr, (size_t)k);
        v[k].id = json_get_str_opt(o, "id");
        v[k].text = json_get_str_opt(o, text_key);
    }
    return v;
}

/* The claim items of an update body (validated): tags and images only when given as arrays. */
static const struct claim_item_update_in *item_updates_of(struct req *r, struct json_object *arr,
                                                          int *n)
{
    struct claim_item_update_in *u;
    *n = array_len(arr);
    u = arena_calloc(&r->c.arena, sizeof(*u) * (size_t)(*n ? *n : 1));
    for (int i = 0; i < *n; i++) {
        struct json_object *it = json_object_array_get_idx(arr, (size_t)i);
        u[i].id = json_get_str_opt(it, "id");
        u[i].reason = json_get_str_opt(it, "reason");
        u[i].note = json_get_str_opt(it, "note");
        u[i].metadata = json_obj_text(json_get(it, "metadata"));
        u[i].tags = refs_of(r, json_get(it, "tags"), "value", &u[i].ntags);
        u[i].images = refs_of(r, json_get(it, "images"), "url", &u[i].nimages);
    }
    return u;
}

/* The claim is written in a transaction of its own; a refund claim's refund goes through the
 * order's payment provider after it (claim_process_refund), with no transaction open. */
struct create_tx {
    struct ctx *c;
    const struct claim_new *in;
    const char *id;
};

static int create_write(void *arg)
{
    struct create_tx *t = arg;
    return claim_create(t->c, t->in, &t->id);
}

/* POST /admin/orders/:id/claims */
int admin_orders_claims_create(struct req *r)
{
    struct json_object *b = r->json, *items = json_get(b, "claim_items"),
                       *extra = json_get(b, "additional_items"),
                       *methods = json_get(b, "shipping_methods"), *ret, *v;
    struct claim_item_in *ci;
    struct claim_extra_in *xi;
    struct claim_new in;
    if (query_ok(r) < 0 || create_validate(r) < 0)
        return -1;
    memset(&in, 0, sizeof(in));
    in.order_id = req_param(r, "id");
    in.type = json_get_str_opt(b, "type");
    in.nitems = array_len(items);
    ci = arena_calloc(&r->c.arena, sizeof(*ci) * (size_t)(in.nitems ? in.nitems : 1));
    for (int i = 0; i < in.nitems; i++) {
        struct json_object *it = json_object_array_get_idx(items, (size_t)i);
        ci[i].item_id = json_get_str_opt(it, "item_id");
        ci[i].quantity = v_int(it, "quantity", 0);
        ci[i].reason = json_get_str_opt(it, "reason");
        ci[i].note = json_get_str_opt(it, "note");
        ci[i].tags = strings(r, json_get(it, "tags"), &ci[i].ntags);
        ci[i].images = strings(r, json_get(it, "images"), &ci[i].nimages);
    }
    in.items = ci;
    in.nextra = array_len(extra);
    xi = arena_calloc(&r->c.arena, sizeof(*xi) * (size_t)(in.nextra ? in.nextra : 1));
    for (int i = 0; i < in.nextra; i++) {
        struct json_object *it = json_object_array_get_idx(extra, (size_t)i);
        xi[i].variant_id = json_get_str_opt(it, "variant_id");
        xi[i].quantity = v_int(it, "quantity", 0);
    }
    in.extra = xi;
    in.methods = methods_of(r, methods, &in.nmethods);
    in.return_option_id =
        (ret = json_get(b, "return_shipping")) ? json_get_str_opt(ret, "option_id") : NULL;
    in.has_refund_amount = json_get(b, "refund_amount") != NULL;
    in.refund_amount = v_int(b, "refund_amount", 0);
    in.shipping_address = json_get(b, "shipping_address");
    in.no_notification = nn_of(b);
    in.metadata = (v = json_get(b, "metadata")) ? json_text(v, NULL) : NULL;
    struct create_tx t = {&r->c, &in, NULL};
    if (db_tx(&r->c, create_write, &t) < 0 ||
        (!strcmp(in.type, "refund") && claim_process_refund(&r->c, t.id) < 0))
        return -1;
    return admin_order_send(r, in.order_id);
}

/* POST /admin/orders/:id/claims/:claim_id (AdminPostOrdersOrderClaimsClaimReq) */
int admin_orders_claims_update(struct req *r)
{
    static const struct vparam params[] = {
        {"claim_items", V_ARRAY, V_OPTIONAL},
        {"shipping_methods", V_ARRAY, V_OPTIONAL},
        {"no_notification", V_BOOL, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam item_params[] = {
        {"id", V_STRING, V_CHECKED},
        {"note", V_STRING, V_OPTIONAL},
        {"reason", V_ANY, V_OPTIONAL},
        {"images", V_ARRAY, V_OPTIONAL},
        {"tags", V_ARRAY, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam method_params[] = {
        {"id", V_STRING, V_OPTIONAL},
        {"option_id", V_STRING, V_OPTIONAL},
        {"price", V_AMOUNT, V_OPTIONAL},
        {"data", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *items = json_get(r->json, "claim_items");
    struct sbuf msgs = SBUF_INIT;
    validate_msgs(r->json, params, 0, &msgs);
    validate_nested_each(&msgs, r->json, "claim_items", item_params);
    for (int i = 0; i < array_len(items); i++) {
        struct json_object *it = json_object_array_get_idx(items, (size_t)i);
        if (json_object_is_type(it, json_type_object))
            validate_enum(it, "reason", reasons, NULL, V_OPTIONAL, &msgs);
    }
    validate_nested_each(&msgs, r->json, "shipping_methods", method_params);
    if (query_ok(r) < 0 || validate_done(r, &msgs) < 0)
        return -1;
    struct json_object *nn = json_get(r->json, "no_notification");
    struct claim_update_in in;
    in.items = item_updates_of(r, items, &in.nitems);
    in.methods = methods_of(r, json_get(r->json, "shipping_methods"), &in.nmethods);
    in.no_notification = nn ? json_object_get_boolean(nn) : -1;
    in.metadata = json_obj_text(json_get(r->json, "metadata"));
    if (claim_update(&r->c, req_param(r, "id"), req_param(r, "claim_id"), &in) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}

/* POST /admin/orders/:id/claims/:claim_id/fulfillments */
int admin_orders_claims_fulfill(struct req *r)
{
    static const struct vparam params[] = {
        {"metadata", V_OBJECT, V_OPTIONAL},
        {"no_notification", V_BOOL, V_OPTIONAL},
        {"location_id", V_STRING, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *md;
    if (query_ok(r) < 0 || validate(r, r->json, params, 0) < 0)
        return -1;
    md = json_get(r->json, "metadata");
    if (claim_fulfill(&r->c, req_param(r, "id"), req_param(r, "claim_id"), nn_of(r->json),
                      md ? json_text(md, NULL) : NULL) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}

/* POST /admin/orders/:id/claims/:claim_id/shipments */
int admin_orders_claims_ship(struct req *r)
{
    static const struct vparam params[] = {
        {"fulfillment_id", V_STRING, V_CHECKED},
        {"tracking_numbers", V_STRARRAY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *v = json_get(r->json, "fulfillment_id");
    struct sbuf msgs = SBUF_INIT;
    const char **numbers;
    int n;
    validate_msgs(r->json, params, 0, &msgs);
    if (!v || (json_object_is_type(v, json_type_string) && !*json_object_get_string(v)))
        validate_msg(&msgs, "fulfillment_id should not be empty");
    if (query_ok(r) < 0 || validate_done(r, &msgs) < 0)
        return -1;
    numbers = v_strs(r, r->json, "tracking_numbers", &n);
    if (claim_ship(&r->c, req_param(r, "id"), req_param(r, "claim_id"), json_object_get_string(v),
                   numbers, n) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}

/* POST /admin/orders/:id/claims/:claim_id/fulfillments/:fulfillment_id/cancel */
int admin_orders_claims_cancel_fulfillment(struct req *r)
{
    if (query_ok(r) < 0 ||
        claim_cancel_fulfillment(&r->c, req_param(r, "id"), req_param(r, "claim_id"),
                                 req_param(r, "fulfillment_id")) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}

/* POST /admin/orders/:id/claims/:claim_id/cancel */
int admin_orders_claims_cancel(struct req *r)
{
    if (query_ok(r) < 0 || claim_cancel(&r->c, req_param(r, "id"), req_param(r, "claim_id")) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}
