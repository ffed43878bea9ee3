/* returns.c: returns from the Admin API: POST /admin/orders/:id/return (request, and receive at
 * once), GET /admin/returns, POST /admin/returns/:id/receive and /cancel. Rules in
 * domain/returns.c; a refund goes through the order's payment provider (domain/order.c's
 * order_refund), which is called with no transaction open: these routes run their own. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/db.h"
#include "db/entities.h"
#include "db/order.h"
#include "domain/order.h"
#include "domain/returns.h"
#include "front/returns.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* After a receive that owes the customer money: the provider refunds it (reason "return"). When
 * it cannot, the order is left requiring action (the merchant refunds from the order page) and
 * the provider's error answers. */
struct action_tx {
    struct ctx *c;
    const char *order_id;
};

static int set_requires_action(void *arg)
{
    struct action_tx *a = arg;
    return db_order_set_status(a->c, a->order_id, "fulfillment_status", "requires_action");
}

static int refund_after(struct req *r, const char *order_id, int64_t amount)
{
    struct order_refund_in in;
    const char *refund_id = NULL;
    struct err e;
    if (!order_id || amount <= 0)
        return 0;
    memset(&in, 0, sizeof(in));
    in.amount = amount;
    in.reason = "return";
    in.no_notification = -1;
    in.idem = r->idempotency_key;
    in.refund_id = &refund_id;
    if (order_refund(&r->c, order_id, &in) == 0)
        return 0;
    e = r->c.err;
    err_clear(&r->c);
    struct action_tx a = {&r->c, order_id};
    db_tx(&r->c, set_requires_action, &a);
    r->c.err = e;
    return -1;
}

/* ---- POST /admin/orders/:id/return ------------------------------------------------------------
 */

struct request_tx {
    struct req *r;
    struct return_request in;
    const struct return_received *recv;
    int nrecv, receive_now;
    const char *id, *order_id;
    int64_t to_refund;
};

static int request_write(void *arg)
{
    struct request_tx *t = arg;
    if (return_create(&t->r->c, &t->in, NULL, &t->id) < 0)
        return -1;
    if (!t->receive_now)
        return 0;
    return return_receive(&t->r->c, t->id, t->recv, t->nrecv, t->in.has_refund, t->in.refund,
                          &t->to_refund, &t->order_id);
}

/* The received lines of items (validated): item_id and quantity. */
static const struct return_received *received_read(struct req *r, struct json_object *items, int *n)
{
    size_t k =
        items && json_object_is_type(items, json_type_array) ? json_object_array_length(items) : 0;
    struct return_received *v = arena_alloc(&r->c.arena, sizeof(*v) * (k ? k : 1));
    for (size_t i = 0; i < k; i++) {
        struct json_object *it = json_object_array_get_idx(items, i);
        v[i].item_id = json_get_str_opt(it, "item_id");
        v[i].quantity = quantity_read(it);
    }
    *n = (int)k;
    return v;
}

/* AdminPostOrdersOrderReturnsReq */
int admin_orders_request_return(struct req *r)
{
    static const struct vparam params[] = {
        {"items", V_ARRAY, V_CHECKED},           {"return_shipping", V_NESTED, V_OPTIONAL},
        {"note", V_STRING, V_OPTIONAL},          {"receive_now", V_BOOL, V_OPTIONAL},
        {"no_notification", V_BOOL, V_OPTIONAL}, {"refund", V_AMOUNT, V_OPTIONAL},
        {"location_id", V_STRING, V_OPTIONAL},   {NULL, 0, 0},
    };
    static const struct vparam shipping_params[] = {
        {"option_id", V_STRING, V_CHECKED},
        {"price", V_AMOUNT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *items = json_get(r->json, "items"),
                       *ship = json_get(r->json, "return_shipping"), *v;
    struct sbuf msgs = SBUF_INIT;
    struct request_tx t;
    const char *id = req_param(r, "id");

    validate_msgs(r->json, params, 0, &msgs);
    return_items_check(items, "items", &msgs);
    if (ship && json_object_is_type(ship, json_type_object))
        validate_msgs(ship, shipping_params, 0, &msgs);
    if (validate_done(r, &msgs) < 0)
        return -1;
    memset(&t, 0, sizeof(t));
    t.r = r;
    t.in.order_id = id;
    t.in.items = return_items_read(&r->c, items, &t.in.nitems);
    t.in.admin = 1;
    t.in.no_notification =
        (v = json_get(r->json, "no_notification")) ? json_object_get_boolean(v) : -1;
    if (ship && json_object_is_type(ship, json_type_object)) {
        t.in.option_id = json_get_str_opt(ship, "option_id");
        if ((v = json_get(ship, "price")) && !json_object_is_type(v, json_type_null)) {
            t.in.has_price = 1;
            t.in.price = json_object_get_int64(v);
        }
    }
    if ((v = json_get(r->json, "refund")) && !json_object_is_type(v, json_type_null)) {
        t.in.has_refund = 1;
        t.in.refund = json_object_get_int64(v);
    }
    t.receive_now = (v = json_get(r->json, "receive_now")) && json_object_get_boolean(v);
    t.recv = received_read(r, items, &t.nrecv);
    if (db_tx(&r->c, request_write, &t) < 0 || refund_after(r, t.order_id, t.to_refund) < 0)
        return -1;
    return admin_order_send(r, id);
}

/* ---- GET /admin/returns ---------------------------------------------------------------------- */

int admin_returns_list(struct req *r)
{
    static const char *const relations[] = {"swap", "order", NULL};
    static const struct admin_list l = {"returns", &ent_return, relations, 50, NULL, 1};
    return admin_list_send(r, &l);
}

/* ---- POST /admin/returns/:id/receive ----------------------------------------------------------
 */

struct receive_tx {
    struct req *r;
    const struct return_received *items;
    int n, has_refund;
    int64_t refund, to_refund;
    const char *order_id;
};

static int receive_write(void *arg)
{
    struct receive_tx *t = arg;
    return return_receive(&t->r->c, req_param(t->r, "id"), t->items, t->n, t->has_refund, t->refund,
                          &t->to_refund, &t->order_id);
}

static int send_return(struct req *r, const char *id)
{
    struct gsel *sel = gsel_cols(&r->c, &ent_return);
    gsel_add_rel(&r->c, sel, "swap");
    return admin_one_send(r, "return", &ent_return, sel, id, "Return with id: ");
}

/* AdminPostReturnsReturnReceiveReq */
int admin_returns_receive(struct req *r)
{
    static const struct vparam params[] = {
        {"items", V_ARRAY, V_CHECKED},
        {"refund", V_NUMBER_INT, V_OPTIONAL},
        {"location_id", V_STRING, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct json_object *items = json_get(r->json, "items"), *v;
    struct sbuf msgs = SBUF_INIT;
    struct receive_tx t;
    validate_msgs(r->json, params, 0, &msgs);
    return_items_check(items, "items", &msgs);
    if (validate_done(r, &msgs) < 0)
        return -1;
    memset(&t, 0, sizeof(t));
    t.r = r;
    t.items = received_read(r, items, &t.n);
    if ((v = json_get(r->json, "refund")) && !json_object_is_type(v, json_type_null)) {
        double d = json_object_get_double(v);
        t.has_refund = 1;
        t.refund = d < 0 ? 0 : d > 2147483647 ? 2147483647 : (int64_t)d;
    }
    if (db_tx(&r->c, receive_write, &t) < 0 || refund_after(r, t.order_id, t.to_refund) < 0)
        return -1;
    return send_return(r, req_param(r, "id"));
}

/* POST /admin/returns/:id/cancel: answers the order the return belonged to. */
int admin_returns_cancel(struct req *r)
{
    const char *order_id = NULL;
    if (return_cancel(&r->c, req_param(r, "id"), &order_id) < 0)
        return -1;
    if (!order_id)
        return err_set(&r->c, ERR_NOT_FOUND, "Order with id %s was not found", "");
    return admin_order_send(r, order_id);
}
