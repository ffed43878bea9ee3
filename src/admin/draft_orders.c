/* draft_orders.c: the Admin API's draft orders (Medusa v1's admin draft-orders routes): list,
 * create, read, update, line items, pay, delete. Each draft answer is {draft_order} with its
 * order and its cart priced by the store's cart view (front/cart_view.c); pay answers the order
 * as the admin order routes do. Rules live in domain/draft_order.c. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/draft_order.h"
#include "front/cart_view.h"
#include "front/cart_input.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* defaultAdminDraftOrdersRelations (the cart is written by the cart view). */
static const char *const draft_relations[] = {"order", "cart", "cart.items",
                                              "cart.items.adjustments", NULL};
/* defaultAdminDraftOrdersCartRelations */
static const char *const cart_relations[] = {"region",
                                             "items",
                                             "items.adjustments",
                                             "payment",
                                             "shipping_address",
                                             "shipping_address.country",
                                             "billing_address",
                                             "billing_address.country",
                                             "region.payment_providers",
                                             "shipping_methods",
                                             "payment_sessions",
                                             "shipping_methods.shipping_option",
                                             "discounts",
                                             "customer",
                                             "discounts.rule",
                                             NULL};

/* {draft_order} with its order and its cart retrieved with totals. */
static int send_draft(struct req *r, const char *id)
{
    static const char *const rels[] = {"order", NULL};
    struct listf f = {.id = id, .limit = 1};
    struct json_object *rows, *d, *cart;
    struct gquery q;
    const char *cart_id;
    if (gq_list(&r->c, &q, &ent_draft_order, gsel_build(&r->c, &ent_draft_order, NULL, rels), &f) <
            0 ||
        !(rows = gq_run_json(&r->c, &q)))
        return -1;
    if (!json_object_array_length(rows))
        return err_set(&r->c, ERR_NOT_FOUND, "Draft order with %s was not found", id);
    d = json_object_array_get_idx(rows, 0);
    cart_id = json_get_str_opt(d, "cart_id");
    if (cart_id) {
        if (!(cart = cart_view_json(&r->c, cart_id, cart_relations, NULL, 0)))
            return -1;
        json_set(d, "cart", json_share(cart));
    } else {
        json_set(d, "cart", NULL);
    }
    return resp_keyed(r, 200, "draft_order", json_share(d));
}

static int filter(struct req *r, struct gquery *q)
{
    const char *text = v_str(r->qs, "q");
    if (text && *text)
        db_draft_where_q(&r->c, q, text);
    admin_filter_dates(r, q);
    return 0;
}

/* GET /admin/draft-orders: 50 a page; q on the cart's e-mail or the display id. */
int admin_draft_orders_list(struct req *r)
{
    static const struct vparam filters[] = {
        {"q", V_STRING, V_OPTIONAL},
        {"created_at", V_DATEFILTER, V_OPTIONAL},
        {"updated_at", V_DATEFILTER, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const struct admin_list l = {
        "draft_orders", &ent_draft_order, draft_relations, 50, NULL, 1};
    static const struct admin_list_more more = {filters, filter, NULL, NULL};
    return admin_list_send_with(r, &l, &more);
}

/* GET /admin/draft-orders/:id */
int admin_draft_orders_get(struct req *r)
{
    return send_draft(r, req_param(r, "id"));
}

static const struct vparam discount_params[] = {
    {"code", V_STRING, V_CHECKED},
    {NULL, 0, 0},
};

/* The items of a validated body as draft items (*n of them). */
static struct draft_item *items_of(struct req *r, struct json_object *list, int *n)
{
    struct draft_item *v;
    *n = list && json_object_is_type(list, json_type_array) ? (int)json_object_array_length(list)
                                                            : 0;
    v = arena_calloc(&r->c.arena, sizeof(*v) * (size_t)(*n ? *n : 1));
    for (int i = 0; i < *n; i++) {
        struct json_object *it = json_object_array_get_idx(list, (size_t)i), *m;
        v[i].variant_id = json_get_str_opt(it, "variant_id");
        v[i].title = json_get_str_opt(it, "title");
        v[i].quantity = v_int(it, "quantity", 0);
        v[i].has_unit_price = json_get(it, "unit_price") != NULL;
        v[i].unit_price = v_int(it, "unit_price", 0);
        v[i].metadata =
            (m = json_get(it, "metadata")) && json_object_is_type(m, json_type_object) ? m : NULL;
    }
    return v;
}

/* POST /admin/draft-orders (AdminPostDraftOrdersReq) */
int admin_draft_orders_create(struct req *r)
{
    static const struct vparam params[] = {
        {"status", V_ANY, V_OPTIONAL},
        {"email", V_EMAIL, V_CHECKED},
        {"billing_address", V_ANY, V_OPTIONAL},
        {"shipping_address", V_ANY, V_OPTIONAL},
        {"items", V_ARRAY, V_OPTIONAL},
        {"region_id", V_STRING, V_CHECKED},
        {"discounts", V_ARRAY, V_OPTIONAL},
        {"customer_id", V_STRING, V_OPTIONAL},
        {"no_notification_order", V_BOOL, V_OPTIONAL},
        {"shipping_methods", V_ARRAY, V_CHECKED},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    static const char *const statuses[] = {"open", "completed", NULL};
    static const struct vparam item_params[] = {
        {"title", V_STRING, V_OPTIONAL},      {"unit_price", V_AMOUNT, V_OPTIONAL},
        {"variant_id", V_STRING, V_OPTIONAL}, {"quantity", V_POSITIVE_INT, V_CHECKED},
        {"metadata", V_OBJECT, V_OPTIONAL},   {NULL, 0, 0},
    };
    static const struct vparam method_params[] = {
        {"option_id", V_STRING, V_CHECKED},
        {"data", V_OBJECT, V_OPTIONAL},
        {"price", V_AMOUNT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *b = r->json, *methods = json_get(b, "shipping_methods"), *v;
    struct sbuf msgs = SBUF_INIT;
    struct draft_new in;
    struct draft_method *dm;
    const char *id;

    validate_msgs(b, params, 0, &msgs);
    validate_enum(b, "status", statuses, NULL, V_OPTIONAL, &msgs);
    validate_nested_each(&msgs, b, "items", item_params);
    validate_nested_each(&msgs, b, "shipping_methods", method_params);
    validate_nested_each(&msgs, b, "discounts", discount_params);
    if ((v = json_get(b, "items")) && json_object_is_type(v, json_type_array) &&
        !json_object_array_length(v))
        validate_msg(&msgs, "items should not be empty");
    if (!methods ||
        (json_object_is_type(methods, json_type_array) && !json_object_array_length(methods)))
        validate_msg(&msgs, "shipping_methods should not be empty");
    if (validate_done(r, &msgs) < 0 || validate_address_or_id(r, b, "billing_address", 0) < 0 ||
        validate_address_or_id(r, b, "shipping_address", 0) < 0)
        return -1;
    memset(&in, 0, sizeof(in));
    in.region_id = json_get_str_opt(b, "region_id");
    cart_update_in_of(&r->c, b, &in.cart);
    in.items = items_of(r, json_get(b, "items"), &in.nitems);
    in.nmethods = (int)json_object_array_length(methods);
    dm = arena_calloc(&r->c.arena, sizeof(*dm) * (size_t)in.nmethods);
    for (int i = 0; i < in.nmethods; i++) {
        struct json_object *m = json_object_array_get_idx(methods, (size_t)i);
        dm[i].option_id = json_get_str_opt(m, "option_id");
        dm[i].data = json_obj_text(json_get(m, "data"));
        dm[i].has_price = json_get(m, "price") != NULL;
        dm[i].price = v_int(m, "price", 0);
    }
    in.methods = dm;
    in.no_notification_order =
        (v = json_get(b, "no_notification_order")) ? json_object_get_boolean(v) : -1;
    in.metadata = json_get(b, "metadata");
    if (draft_create(&r->c, &in, &id) < 0)
        return -1;
    return send_draft(r, id);
}

/* POST /admin/draft-orders/:id (AdminPostDraftOrdersDraftOrderReq) */
int admin_draft_orders_update(struct req *r)
{
    static const struct vparam params[] = {
        {"region_id", V_STRING, V_OPTIONAL},
        {"country_code", V_STRING, V_OPTIONAL},
        {"email", V_EMAIL, V_OPTIONAL},
        {"billing_address", V_ANY, V_OPTIONAL},
        {"shipping_address", V_ANY, V_OPTIONAL},
        {"discounts", V_ARRAY, V_OPTIONAL},
        {"customer_id", V_STRING, V_OPTIONAL},
        {"no_notification_order", V_BOOL, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct sbuf msgs = SBUF_INIT;
    const char *id = req_param(r, "id");
    struct draft_update_in in;
    struct json_object *v;
    validate_msgs(r->json, params, 0, &msgs);
    validate_nested_each(&msgs, r->json, "discounts", discount_params);
    if (validate_done(r, &msgs) < 0 ||
        validate_address_or_id(r, r->json, "billing_address", 0) < 0 ||
        validate_address_or_id(r, r->json, "shipping_address", 0) < 0)
        return -1;
    cart_update_in_of(&r->c, r->json, &in.cart);
    in.no_notification_order =
        (v = json_get(r->json, "no_notification_order")) ? json_object_get_boolean(v) : -1;
    if (draft_update(&r->c, id, &in) < 0)
        return -1;
    return send_draft(r, id);
}

/* POST /admin/draft-orders/:id/line-items (AdminPostDraftOrdersDraftOrderLineItemsReq) */
int admin_draft_orders_add_line(struct req *r)
{
    static const struct vparam params[] = {
        {"title", V_STRING, V_OPTIONAL},      {"unit_price", V_AMOUNT, V_OPTIONAL},
        {"variant_id", V_STRING, V_OPTIONAL}, {"quantity", V_POSITIVE_INT, V_CHECKED},
        {"metadata", V_OBJECT, V_OPTIONAL},   {NULL, 0, 0},
    };
    struct draft_item it;
    struct json_object *m;
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    memset(&it, 0, sizeof(it));
    it.variant_id = json_get_str_opt(r->json, "variant_id");
    it.title = json_get_str_opt(r->json, "title");
    it.quantity = v_int(r->json, "quantity", 0);
    it.has_unit_price = json_get(r->json, "unit_price") != NULL;
    it.unit_price = v_int(r->json, "unit_price", 0);
    it.metadata =
        (m = json_get(r->json, "metadata")) && json_object_is_type(m, json_type_object) ? m : NULL;
    if (draft_line_add(&r->c, id, &it) < 0)
        return -1;
    return send_draft(r, id);
}

/* POST /admin/draft-orders/:id/line-items/:line_id (quantity 0 removes the line) */
int admin_draft_orders_update_line(struct req *r)
{
    static const struct vparam params[] = {
        {"title", V_STRING, V_OPTIONAL},
        {"unit_price", V_AMOUNT, V_OPTIONAL},
        {"quantity", V_INT, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        draft_line_update(&r->c, id, req_param(r, "line_id"), json_get(r->json, "quantity") != NULL,
                          v_int(r->json, "quantity", 0), json_get(r->json, "unit_price") != NULL,
                          v_int(r->json, "unit_price", 0), json_get(r->json, "metadata")) < 0)
        return -1;
    return send_draft(r, id);
}

/* DELETE /admin/draft-orders/:id/line-items/:line_id */
int admin_draft_orders_delete_line(struct req *r)
{
    const char *id = req_param(r, "id");
    if (draft_line_delete(&r->c, id, req_param(r, "line_id")) < 0)
        return -1;
    return send_draft(r, id);
}

/* POST /admin/draft-orders/:id/pay: {order} as the admin order routes answer it. */
int admin_draft_orders_pay(struct req *r)
{
    const char *order_id;
    if (draft_pay(&r->c, req_param(r, "id"), &order_id) < 0)
        return -1;
    return admin_order_send(r, order_id);
}

/* DELETE /admin/draft-orders/:id */
int admin_draft_orders_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (draft_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "draft-order");
}
