/* orders.c: the store's order routes (store.md §4): an order by id or by its cart, the lookup by
 * display id and e-mail, and claiming guest orders. */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/entities.h"
#include "db/order.h"
#include "domain/order_claim.h"
#include "front/order_view.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const struct listq_spec get_spec = {
    .allowed_fields = order_allowed_fields,
    .allowed_relations = order_allowed_relations,
    .default_fields = order_default_fields,
    .default_relations = order_default_relations,
};

static const struct vparam get_params[] = {
    {"expand", V_STRING, V_OPTIONAL},
    {"fields", V_STRING, V_OPTIONAL},
    {NULL, 0, 0},
};

/* One order by id with its totals; subset (the by-id view) or not (the by-cart view). */
static int send_order(struct req *r, const char *id, const struct listq *lq, int subset)
{
    const struct order_shape shape = {subset ? lq : NULL, &get_spec, 0, 0};
    struct sbuf *b = resp_body(r);
    sbuf_adds(b, "{\"order\":");
    if (order_view_one(r, id, lq, &shape, b) < 0)
        return -1;
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}

/* GET /store/orders/:id: no ownership check, as Medusa (anyone with the id). */
int store_orders_get(struct req *r)
{
    struct listq lq;
    if (validate(r, r->qs, get_params, 1) < 0 || listq_parse(r, &get_spec, &lq) < 0)
        return -1;
    return send_order(r, req_param(r, "id"), &lq, 1);
}

/* GET /store/orders/cart/:cart_id: the order made from a cart, not subset. */
int store_orders_by_cart(struct req *r)
{
    const char *cart_id = req_param(r, "cart_id"), *order_id;
    struct listq lq;
    if (validate(r, r->qs, get_params, 1) < 0 || listq_parse(r, &get_spec, &lq) < 0)
        return -1;
    if (!(order_id = db_order_for_cart(&r->c, cart_id)))
        return r->c.err.type
                   ? -1
                   : err_set(&r->c, ERR_NOT_FOUND, "Order with cart id %s was not found", cart_id);
    return send_order(r, order_id, &lq, 0);
}

/* GET /store/orders?display_id=&email=: exactly one match, else the bare 404 "Not Found". */
int store_orders_lookup(struct req *r)
{
    /* FindParams' fields come first (a parent class), then the lookup's own. */
    static const struct vparam params[] = {
        {"expand", V_STRING, V_OPTIONAL},           {"fields", V_STRING, V_OPTIONAL},
        {"display_id", V_NUMBER, V_CHECKED},        {"email", V_EMAIL, V_CHECKED},
        {"shipping_address", V_NESTED, V_OPTIONAL}, {NULL, 0, 0},
    };
    static const struct vparam address[] = {{"postal_code", V_STRING, V_OPTIONAL}, {NULL, 0, 0}};
    static const struct listq_spec spec = {
        .is_list = 1,
        .allowed_fields = order_allowed_fields,
        .allowed_relations = order_allowed_relations,
        .default_fields = order_default_fields,
        .default_relations = order_default_relations,
    };
    struct json_object *sa = json_get(r->qs, "shipping_address");
    struct sbuf msgs = SBUF_INIT;
    struct listq lq;
    struct gquery q;

    validate_msgs(r->qs, params, 1, &msgs);
    if (sa && json_object_is_type(sa, json_type_object))
        validate_msgs(sa, address, 1, &msgs);
    if (validate_done(r, &msgs) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    /* The postal code is validated, then ignored, as Medusa does. */
    const struct order_shape shape = {&lq, &spec, 0, 0};
    struct sbuf *b = resp_body(r);
    int n = 0;
    sbuf_adds(b, "{\"order\":");
    if (db_orders_lookup(&r->c, &q, order_view_select(r, &lq),
                         strtod(v_str(r->qs, "display_id"), NULL), v_str(r->qs, "email")) < 0 ||
        order_view_text(&r->c, &q, &shape, b, &n) < 0)
        return -1;
    if (n != 1)
        return err_set(&r->c, ERR_HTTP_NOT_FOUND, "Not Found");
    sbuf_addc(b, '}');
    return resp_body_send(r, 200);
}

/* POST /store/orders/batch/customer/token: 200 "OK"; the tokens go out as events. */
int store_orders_claim_request(struct req *r)
{
    static const struct vparam params[] = {{"order_ids", V_EACH_STRING, V_CHECKED}, {NULL, 0, 0}};
    const char **ids;
    int n = 0;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    ids = v_strs(r, r->json, "order_ids", &n);
    if (order_claim_request(&r->c, r->c.customer_id, ids, n) < 0)
        return -1;
    return resp_text(r, 200, "OK");
}

/* POST /store/orders/customer/confirm: 200 "OK". */
int store_orders_claim_confirm(struct req *r)
{
    static const struct vparam params[] = {{"token", V_JWT, V_CHECKED}, {NULL, 0, 0}};
    if (validate(r, r->json, params, 0) < 0 ||
        order_claim_confirm(&r->c, v_str(r->json, "token")) < 0)
        return -1;
    return resp_text(r, 200, "OK");
}
