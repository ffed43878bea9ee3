/* swaps.c: the Admin API's swaps (Medusa v1's admin order swap routes): create, process the
 * payment, fulfil, ship, cancel a fulfillment, cancel; store-created swaps are processed the same
 * way. Each answers {order} as the admin order routes do (admin_order_send). Rules live in
 * domain/swaps.c. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "domain/swaps.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static int array_len(struct json_object *v)
{
    return v && json_object_is_type(v, json_type_array) ? (int)json_object_array_length(v) : 0;
}

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

/* AdminPostOrdersOrderSwapsReq */
static int create_validate(struct req *r)
{
    static const struct vparam params[] = {
        {"return_items", V_ARRAY, V_CHECKED},
        {"return_shipping", V_NESTED, V_OPTIONAL},
        {"sales_channel_id", V_STRING, V_OPTIONAL},
        {"additional_items", V_ARRAY, V_OPTIONAL},
        {"custom_shipping_options", V_ARRAY, V_OPTIONAL},
        {"no_notification", V_BOOL, V_OPTIONAL},
        {"return_location_id", V_STRING, V_OPTIONAL},
        {"allow_backorder", V_BOOL, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam return_params[] = {
        {"item_id", V_STRING, V_CHECKED},
        {"quantity", V_POSITIVE_INT, V_CHECKED},
        {"reason_id", V_STRING, V_OPTIONAL},
        {"note", V_STRING, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam extra_params[] = {
        {"variant_id", V_STRING, V_CHECKED},
        {"quantity", V_POSITIVE_INT, V_CHECKED},
        {NULL, 0, 0},
    };
    static const struct vparam custom_params[] = {
        {"option_id", V_STRING, V_CHECKED},
        {"price", V_AMOUNT, V_CHECKED},
        {NULL, 0, 0},
    };
    static const struct vparam shipping_params[] = {
        {"option_id", V_STRING, V_CHECKED},
        {"price", V_AMOUNT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *b = r->json, *items = json_get(b, "return_items"), *ret;
    struct sbuf msgs = SBUF_INIT;
    validate_msgs(b, params, 0, &msgs);
    if (!items || (json_object_is_type(items, json_type_array) && !array_len(items)))
        validate_msg(&msgs, "return_items should not be empty");
    validate_nested_each(&msgs, b, "return_items", return_params);
    validate_nested_each(&msgs, b, "additional_items", extra_params);
    validate_nested_each(&msgs, b, "custom_shipping_options", custom_params);
    if ((ret = json_get(b, "return_shipping")) && json_object_is_type(ret, json_type_object))
        validate_msgs(ret, shipping_params, 0, &msgs);
    return validate_done(r, &msgs);
}

/* POST /admin/orders/:id/swaps */
int admin_orders_swaps_create(struct req *r)
{
    struct json_object *b = r->json, *ret = json_get(b, "return_shipping"), *v;
    struct json_object *items = json_get(b, "return_items"),
                       *extra = json_get(b, "additional_items"),
                       *custom = json_get(b, "custom_shipping_options");
    struct return_line *rl;
    struct swap_item *xi, *co;
    struct swap_request in;
    const char *id;
    if (query_ok(r) < 0 || create_validate(r) < 0)
        return -1;
    memset(&in, 0, sizeof(in));
    in.order_id = req_param(r, "id");
    in.nreturn_items = array_len(items);
    rl = arena_calloc(&r->c.arena, sizeof(*rl) * (size_t)(in.nreturn_items ? in.nreturn_items : 1));
    for (int i = 0; i < in.nreturn_items; i++) {
        struct json_object *it = json_object_array_get_idx(items, (size_t)i);
        rl[i].item_id = json_get_str_opt(it, "item_id");
        rl[i].quantity = v_int(it, "quantity", 0);
        rl[i].reason_id = json_get_str_opt(it, "reason_id");
        rl[i].note = json_get_str_opt(it, "note");
    }
    in.return_items = rl;
    in.nadditional_items = array_len(extra);
    xi = arena_calloc(&r->c.arena,
                      sizeof(*xi) * (size_t)(in.nadditional_items ? in.nadditional_items : 1));
    for (int i = 0; i < in.nadditional_items; i++) {
        struct json_object *it = json_object_array_get_idx(extra, (size_t)i);
        xi[i].variant_id = json_get_str_opt(it, "variant_id");
        xi[i].quantity = v_int(it, "quantity", 0);
    }
    in.additional_items = xi;
    in.ncustom_options = array_len(custom);
    co = arena_calloc(&r->c.arena,
                      sizeof(*co) * (size_t)(in.ncustom_options ? in.ncustom_options : 1));
    for (int i = 0; i < in.ncustom_options; i++) {
        struct json_object *it = json_object_array_get_idx(custom, (size_t)i);
        co[i].variant_id = json_get_str_opt(it, "option_id");
        co[i].quantity = v_int(it, "price", 0);
    }
    in.custom_options = co;
    in.return_option_id = ret ? json_get_str_opt(ret, "option_id") : NULL;
    in.admin = 1;
    in.no_notification = nn_of(b);
    in.allow_backorder = (v = json_get(b, "allow_backorder")) ? json_object_get_boolean(v) : 1;
    if (swap_create(&r->c, &in, NULL, &id) < 0)
        return -1;
    return admin_order_send(r, in.order_id);
}

/* POST /admin/orders/:id/swaps/:swap_id/process-payment */
int admin_orders_swaps_process_payment(struct req *r)
{
    if (query_ok(r) < 0 ||
        swap_process_payment(&r->c, req_param(r, "id"), req_param(r, "swap_id")) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}

/* POST /admin/orders/:id/swaps/:swap_id/fulfillments */
int admin_orders_swaps_fulfill(struct req *r)
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
    if (swap_fulfill(&r->c, req_param(r, "id"), req_param(r, "swap_id"), nn_of(r->json),
                     md ? json_text(md, NULL) : NULL) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}

/* POST /admin/orders/:id/swaps/:swap_id/shipments */
int admin_orders_swaps_ship(struct req *r)
{
    static const struct vparam params[] = {
        {"fulfillment_id", V_STRING, V_CHECKED},
        {"tracking_numbers", V_STRARRAY, V_OPTIONAL},
        {"no_notification", V_BOOL, V_OPTIONAL},
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
    if (swap_ship(&r->c, req_param(r, "id"), req_param(r, "swap_id"), json_object_get_string(v),
                  numbers, n) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}

/* POST /admin/orders/:id/swaps/:swap_id/fulfillments/:fulfillment_id/cancel */
int admin_orders_swaps_cancel_fulfillment(struct req *r)
{
    if (query_ok(r) < 0 ||
        swap_cancel_fulfillment(&r->c, req_param(r, "id"), req_param(r, "swap_id"),
                                req_param(r, "fulfillment_id")) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}

/* POST /admin/orders/:id/swaps/:swap_id/cancel */
int admin_orders_swaps_cancel(struct req *r)
{
    if (query_ok(r) < 0 || swap_cancel_paid(&r->c, req_param(r, "id"), req_param(r, "swap_id")) < 0)
        return -1;
    return admin_order_send(r, req_param(r, "id"));
}
