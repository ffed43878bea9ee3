/* orders.c: the Admin API's order operations (Medusa v1 admin orders routes): capture, create a
 * fulfillment, create a shipment, cancel. Each answers {order} read back with Medusa's default
 * admin fields and relations and its totals (the store's order view and order_totals). Rules live
 * in domain/order.c. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/customer.h"
#include "domain/order.h"
#include "front/order_view.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* Every order column: Medusa selects defaultAdminOrdersFields (no billing_address_id,
 * shipping_address_id, idempotency_key, external_id), but the admin spec's Order requires them,
 * and the contract wins. The relations are defaultAdminOrdersRelations plus sales_channel (the
 * flag is on). */
static const char *const admin_order_relations[] = {
    "billing_address",
    "claims",
    "claims.additional_items",
    "claims.additional_items.variant",
    "claims.claim_items",
    "claims.claim_items.images",
    "claims.claim_items.item",
    "claims.fulfillments",
    "claims.fulfillments.tracking_links",
    "claims.return_order",
    "claims.return_order.shipping_method",
    "claims.return_order.shipping_method.tax_lines",
    "claims.shipping_address",
    "claims.shipping_methods",
    "customer",
    "discounts",
    "discounts.rule",
    "fulfillments",
    "fulfillments.items",
    "fulfillments.tracking_links",
    "gift_card_transactions",
    "gift_cards",
    "items",
    "payments",
    "refunds",
    "region",
    "returns",
    "returns.items",
    "returns.items.reason",
    "returns.shipping_method",
    "returns.shipping_method.shipping_option",
    "returns.shipping_method.tax_lines",
    "shipping_address",
    "shipping_methods",
    "shipping_methods.shipping_option",
    "shipping_methods.tax_lines",
    "swaps",
    "swaps.additional_items",
    "swaps.additional_items.variant",
    "swaps.fulfillments",
    "swaps.fulfillments.tracking_links",
    "swaps.payment",
    "swaps.return_order",
    "swaps.return_order.shipping_method",
    "swaps.return_order.shipping_method.shipping_option",
    "swaps.return_order.shipping_method.tax_lines",
    "swaps.shipping_address",
    "swaps.shipping_methods",
    "swaps.shipping_methods.shipping_option",
    "swaps.shipping_methods.tax_lines",
    "sales_channel",
    NULL,
};

static const struct listq_spec admin_order_spec = {
    .default_relations = admin_order_relations,
};

static const struct vparam find_params[] = {
    {"expand", V_STRING, V_OPTIONAL},
    {"fields", V_STRING, V_OPTIONAL},
    {NULL, 0, 0},
};

/* FindParams of the query (checked before anything runs, as transformQuery does). */
static int find_read(struct req *r, struct listq *lq)
{
    return validate(r, r->qs, find_params, 1) < 0 || listq_parse(r, &admin_order_spec, lq) < 0 ? -1
                                                                                               : 0;
}

/* retrieveWithTotals + cleanResponseData(order, []): the order with its totals, without
 * raw_discount_total; returnable_items is an include of every admin order route
 * (transformIncludesOptions). */
static int send_order(struct req *r, const char *id, const struct listq *lq)
{
    const struct order_shape shape = {NULL, NULL, 0, listq_has_relation(lq, "returnable_items")};
    struct sbuf *b = resp_body(r);
    sbuf_adds(b, "{\"order\":");
    if (order_view_one(r, id, lq, &shape, b) < 0)
        return -1;
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}

int admin_order_send(struct req *r, const char *id)
{
    struct listq lq;
    if (find_read(r, &lq) < 0)
        return -1;
    return send_order(r, id, &lq);
}

/* GET /admin/orders: every customer's orders, 50 a page, with the admin order relations. */
int admin_orders_list(struct req *r)
{
    static const struct listq_spec spec = {
        .default_limit = 50,
        .is_list = 1,
        .default_relations = admin_order_relations,
    };
    return order_list_send(r, &spec, NULL);
}

/* GET /admin/orders/:id */
int admin_orders_get(struct req *r)
{
    struct listq lq;
    if (find_read(r, &lq) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}

/* POST /admin/orders/:id/capture */
int admin_orders_capture(struct req *r)
{
    struct listq lq;
    if (find_read(r, &lq) < 0 || order_capture_paid(&r->c, req_param(r, "id")) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}

/* optionalBooleanMapper.get(v): only the strings "true"/"false" give a boolean; a JSON boolean
 * (and anything else) maps to undefined, i.e. not given (Medusa's quirk). */
static int mapped_bool(struct json_object *v)
{
    const char *s;
    if (!v || !json_object_is_type(v, json_type_string))
        return -1;
    s = json_object_get_string(v);
    return !strcmp(s, "true") ? 1 : !strcmp(s, "false") ? 0 : -1;
}

/* POST /admin/orders/:id/fulfillment (AdminPostOrdersOrderFulfillmentsReq) */
int admin_orders_fulfill(struct req *r)
{
    static const struct vparam params[] = {
        {"items", V_ARRAY, V_CHECKED},
        {"location_id", V_STRING, V_OPTIONAL},
        {"no_notification", V_ANY, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct vparam item_params[] = {
        {"item_id", V_STRING, V_CHECKED},
        {"quantity", V_INT, V_CHECKED},
        {NULL, 0, 0},
    };
    struct json_object *items = json_get(r->json, "items"), *md;
    struct sbuf msgs = SBUF_INIT;
    struct fulfill_line *lines;
    struct listq lq;
    size_t n =
        items && json_object_is_type(items, json_type_array) ? json_object_array_length(items) : 0;

    validate_msgs(r->json, params, 0, &msgs);
    if (!items || !json_object_is_type(items, json_type_array))
        sbuf_addf(&msgs, "%snested property items must be either object or array",
                  msgs.len ? ", " : "");
    for (size_t i = 0; i < n; i++) {
        struct json_object *it = json_object_array_get_idx(items, i);
        if (!it || !json_object_is_type(it, json_type_object)) {
            sbuf_addf(&msgs, "%snested property items must be either object or array",
                      msgs.len ? ", " : "");
            continue;
        }
        validate_msgs(it, item_params, 0, &msgs);
        /* IsNotEmpty after each type check */
        const char *iid = json_get_str_opt(it, "item_id");
        if (!json_get(it, "item_id") || (iid && !*iid))
            sbuf_addf(&msgs, "%sitem_id should not be empty", msgs.len ? ", " : "");
        if (!json_get(it, "quantity"))
            sbuf_addf(&msgs, "%squantity should not be empty", msgs.len ? ", " : "");
    }
    if (validate_done(r, &msgs) < 0 || find_read(r, &lq) < 0)
        return -1;
    lines = arena_alloc(&r->c.arena, sizeof(*lines) * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        struct json_object *it = json_object_array_get_idx(items, i);
        lines[i].item_id = json_get_str_opt(it, "item_id");
        lines[i].quantity = (int64_t)json_object_get_double(json_get(it, "quantity"));
    }
    md = json_get(r->json, "metadata");
    if (order_fulfill(&r->c, req_param(r, "id"), lines, (int)n,
                      mapped_bool(json_get(r->json, "no_notification")),
                      md && !json_object_is_type(md, json_type_null) ? json_text(md, NULL) : NULL) <
        0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}

/* POST /admin/orders/:id/shipment (AdminPostOrdersOrderShipmentReq), and the same as
 * POST /admin/orders/:id/fulfillment/:fulfillment_id/shipments, the path the issue names: the
 * fulfillment in the path wins over one in the body. */
int admin_orders_ship(struct req *r)
{
    static const struct vparam params[] = {
        {"fulfillment_id", V_STRING, V_CHECKED},
        {"tracking_numbers", V_STRARRAY, V_OPTIONAL},
        {"no_notification", V_BOOL, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *v, *nn;
    struct sbuf msgs = SBUF_INIT;
    const char **numbers;
    struct listq lq;
    int n;

    if (req_param(r, "fulfillment_id"))
        json_set_str(r->json, "fulfillment_id", req_param(r, "fulfillment_id"));
    v = json_get(r->json, "fulfillment_id");

    validate_msgs(r->json, params, 0, &msgs);
    if (!v || (json_object_is_type(v, json_type_string) && !*json_object_get_string(v)))
        sbuf_addf(&msgs, "%sfulfillment_id should not be empty", msgs.len ? ", " : "");
    if (validate_done(r, &msgs) < 0 || find_read(r, &lq) < 0)
        return -1;
    numbers = v_strs(r, r->json, "tracking_numbers", &n);
    nn = json_get(r->json, "no_notification");
    if (order_ship(&r->c, req_param(r, "id"), json_object_get_string(v), numbers, n,
                   nn && json_object_is_type(nn, json_type_boolean) ? json_object_get_boolean(nn)
                                                                    : -1) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}

/* POST /admin/orders/:id/cancel */
int admin_orders_cancel(struct req *r)
{
    struct listq lq;
    if (find_read(r, &lq) < 0 || order_cancel_paid(&r->c, req_param(r, "id")) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}

/* POST /admin/orders/:id/refund (AdminPostOrdersOrderRefundsReq): amount an integer, reason one of
 * RefundReason's values, note, no_notification; no transaction here: the provider (Stripe)
 * refunds first, outside the write lock (order_refund). */
int admin_orders_refund(struct req *r)
{
    static const struct vparam body_params[] = {{"amount", V_INT, 1},
                                                {"reason", V_STRING, 1},
                                                {"note", V_STRING, 0},
                                                {"no_notification", V_BOOL, 0},
                                                {NULL, 0, 0}};
    static const char *const reasons[] = {"discount", "return", "swap", "claim", "other", NULL};
    struct order_refund_in in;
    const char *refund_id = NULL, *reason;
    struct json_object *nn;
    struct listq lq;
    int ok = 0;
    if (find_read(r, &lq) < 0 || validate(r, r->json, body_params, 0) < 0)
        return -1;
    memset(&in, 0, sizeof(in));
    in.amount = json_object_get_int64(json_get(r->json, "amount"));
    if (in.amount <= 0)
        return err_set(&r->c, ERR_INVALID_DATA, "amount must be a positive integer");
    reason = v_str(r->json, "reason");
    for (int i = 0; reasons[i]; i++)
        ok |= !strcmp(reason, reasons[i]);
    if (!ok)
        return err_set(&r->c, ERR_INVALID_DATA,
                       "reason must be one of the following values: discount, return, swap, "
                       "claim, other");
    in.reason = reason;
    in.note = v_str(r->json, "note");
    nn = json_get(r->json, "no_notification");
    in.no_notification = nn ? json_object_get_boolean(nn) : -1;
    in.idem = r->idempotency_key;
    in.refund_id = &refund_id;
    if (order_refund(&r->c, req_param(r, "id"), &in) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}

/* An address of the update body (AddressPayload) into a, as the order's rows take it. */
static void address_in(struct req *r, const char *name, struct order_address_in *a)
{
    struct json_object *v = json_get(r->json, name);
    memset(a, 0, sizeof(*a));
    if (!v || !json_object_is_type(v, json_type_object))
        return;
    a->fields = address_json(&r->c, v, &a->metadata, &a->metadata_given);
    a->country_code = json_get_str_opt(v, "country_code");
}

/* POST /admin/orders/:id (AdminPostOrdersOrderReq). */
int admin_orders_update(struct req *r)
{
    static const struct vparam params[] = {
        {"email", V_EMAIL, V_OPTIONAL},
        {"billing_address", V_ANY, V_OPTIONAL},
        {"shipping_address", V_ANY, V_OPTIONAL},
        {"items", V_ARRAY, V_OPTIONAL},
        {"region", V_STRING, V_OPTIONAL},
        {"discounts", V_ARRAY, V_OPTIONAL},
        {"customer_id", V_STRING, V_OPTIONAL},
        {"payment_method", V_OBJECT, V_OPTIONAL},
        {"shipping_method", V_ARRAY, V_OPTIONAL},
        {"no_notification", V_BOOL, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const char *const addresses[] = {"billing_address", "shipping_address", NULL};
    struct order_update_in in;
    struct json_object *nn;
    struct listq lq;
    if (validate(r, r->json, params, 0) < 0 || find_read(r, &lq) < 0)
        return -1;
    for (const char *const *a = addresses; *a; a++) {
        struct json_object *v = json_get(r->json, *a);
        if (v && !json_object_is_type(v, json_type_null) &&
            (!json_object_is_type(v, json_type_object) || !address_payload_ok(v)))
            return err_set(&r->c, ERR_INVALID_DATA,
                           "nested property %s must be either object or array", *a);
    }
    memset(&in, 0, sizeof(in));
    in.email = v_str(r->json, "email");
    in.customer_id = v_str(r->json, "customer_id");
    nn = json_get(r->json, "no_notification");
    in.no_notification_true = nn && json_object_get_boolean(nn);
    in.has_items_or_payment = json_get(r->json, "items") || json_get(r->json, "payment_method");
    address_in(r, "billing_address", &in.billing);
    address_in(r, "shipping_address", &in.shipping);
    if (order_update(&r->c, req_param(r, "id"), &in) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}

/* POST /admin/orders/:id/archive */
int admin_orders_archive(struct req *r)
{
    struct listq lq;
    if (find_read(r, &lq) < 0 || order_archive(&r->c, req_param(r, "id")) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}

/* POST /admin/orders/:id/complete */
int admin_orders_complete(struct req *r)
{
    struct listq lq;
    if (find_read(r, &lq) < 0 || order_complete(&r->c, req_param(r, "id")) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}

/* POST /admin/orders/:id/fulfillments/:fulfillment_id/cancel */
int admin_orders_cancel_fulfillment(struct req *r)
{
    struct listq lq;
    if (find_read(r, &lq) < 0 ||
        order_cancel_fulfillment(&r->c, req_param(r, "id"), req_param(r, "fulfillment_id")) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq);
}
