/* carts.c: the 16 /store/carts operations (checkout.md §2), GET /store/shipping-options/:cart_id
 * (store.md §6.3). Every cart answer is cart_view_json() (front/cart_view.c): default relations,
 * totals relations, totals.
 */
#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/db.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/swaps.h"
#include "domain/cart.h"
#include "front/catalog_common.h"
#include "front/order_view.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/cart_input.h"
#include "front/cart_view.h"
#include "store/idem.h"

static const struct vparam query_params[] = {
    {"expand", V_STRING, 0},
    {"fields", V_STRING, 0},
    {NULL, 0, 0},
};

/* Every cart route validates its query against {expand, fields} (checkout.md §1.2). */
static int query_ok(struct req *r)
{
    return validate(r, r->qs, query_params, 1);
}

/* {"cart": <view>} (with `also` = the same cart under a second key, for POST
 * /payment-sessions) onto b. */
static int cart_body(struct req *r, struct sbuf *b, const char *id, const char *const *relations,
                     const char *const *fields, int force_taxes, const char *also)
{
    size_t at;
    sbuf_adds(b, "{\"cart\":");
    at = b->len;
    if (cart_view_text(&r->c, id, relations, fields, force_taxes, b) < 0)
        return -1;
    if (also) {
        size_t end = b->len;
        sbuf_add(b, ",\"", 2);
        sbuf_adds(b, also);
        sbuf_add(b, "\":", 2);
        sbuf_grow(b, end - at);
        sbuf_add(b, b->buf + at, end - at);
    }
    sbuf_addc(b, '}');
    return 0;
}

static int send_cart(struct req *r, const char *id, const char *const *relations,
                     const char *const *fields, int force_taxes, const char *also)
{
    struct sbuf *b = resp_body(r);
    /* The change is done: the write lock is let go before the answer is built, so other
     * workers write while this one reads (the view is read in its own snapshot). */
    if (db_commit(&r->c) < 0 || cart_body(r, b, id, relations, fields, force_taxes, also) < 0)
        return -1;
    return resp_body_send(r, 200);
}

/* ---- idempotency keys (checkout.md §1.7; store/idem.c) ------------------------------------ */

/* A cart answer stored on the key. */
static int idem_finish_cart(struct req *r, struct idem *im, const char *id,
                            const char *const *relations, int force_taxes, const char *also)
{
    struct sbuf *b = resp_body(r);
    if (cart_body(r, b, id, relations, NULL, force_taxes, also) < 0)
        return -1;
    return idem_finish(r, im, 200, arena_strndup(&r->c.arena, b->buf, b->len));
}

/* ---- routes ------------------------------------------------------------------------------- */

/* POST /store/carts */
int store_carts_create(struct req *r)
{
    static const struct vparam body_params[] = {
        {"region_id", V_STRING, 0}, {"country_code", V_STRING, 0},     {"items", V_ARRAY, 0},
        {"context", V_ANY, 0},      {"sales_channel_id", V_STRING, 0}, {NULL, 0, 0},
    };
    struct cart_new in;
    struct strlist scope;
    struct json_object *items;
    const char *id;
    int has_key;
    if (query_ok(r) < 0 || validate(r, r->json, body_params, 0) < 0)
        return -1;
    memset(&in, 0, sizeof(in));
    items = json_get(r->json, "items");
    for (size_t i = 0; items && i < json_object_array_length(items); i++) {
        struct json_object *it = json_object_array_get_idx(items, i), *q;
        if (!json_object_is_type(it, json_type_object))
            return err_set(&r->c, ERR_INVALID_DATA,
                           "nested property items must be either object or array");
        if (!json_get_str_opt(it, "variant_id"))
            return err_set(&r->c, ERR_INVALID_DATA, "variant_id must be a string");
        if (!(q = json_get(it, "quantity")) || json_object_is_type(q, json_type_null))
            return err_set(&r->c, ERR_INVALID_DATA, "quantity should not be empty");
        if (!json_object_is_type(q, json_type_int))
            return err_set(&r->c, ERR_INVALID_DATA, "quantity must be an integer number");
    }
    if (catalog_pk_scope(r, &has_key, &scope) < 0)
        return -1;
    in.region_id = v_str(r->json, "region_id");
    in.country_code = v_str(r->json, "country_code");
    in.sales_channel_id = v_str(r->json, "sales_channel_id");
    in.nitems = items ? (int)json_object_array_length(items) : 0;
    if (in.nitems) {
        struct cart_item_in *v = arena_calloc(&r->c.arena, sizeof(*v) * (size_t)in.nitems);
        for (int i = 0; i < in.nitems; i++) {
            struct json_object *it = json_object_array_get_idx(items, (size_t)i);
            v[i].variant_id = json_get_str_opt(it, "variant_id");
            v[i].quantity = json_object_get_int64(json_get(it, "quantity"));
        }
        in.items = v;
    }
    in.context = json_get(r->json, "context");
    in.ip = r->remote_addr;
    in.user_agent = r->user_agent;
    in.has_key = has_key && scope.n;
    in.key_channels = scope.v;
    in.nkey_channels = scope.n;
    if (cart_create(&r->c, &in, &id) < 0)
        return -1;
    return send_cart(r, id, NULL, NULL, 0, NULL);
}

/* GET /store/carts/:id */
int store_carts_get(struct req *r)
{
    static const struct listq_spec spec = {0, 0, NULL, NULL, NULL, NULL};
    struct listq lq;
    const char *id = req_param(r, "id");
    if (query_ok(r) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    if (r->c.customer_id) {
        /* A logged-in reader may claim the cart (cart_claim): a write, in its own transaction. */
        int claimed;
        if (db_begin(&r->c, DB_IMMEDIATE) < 0)
            return -1;
        if (cart_claim(&r->c, id, &claimed) < 0 ||
            (claimed && cart_sessions_resync(&r->c, id, 1) < 0) || db_commit(&r->c) < 0) {
            db_rollback(&r->c);
            return -1;
        }
    }
    return send_cart(r, id, lq.expand_given ? lq.relations : NULL,
                     lq.fields_given ? lq.fields : NULL, 0, NULL);
}

/* POST /store/carts/:id */
int store_carts_update(struct req *r)
{
    static const struct vparam body_params[] = {
        {"region_id", V_STRING, 0},
        {"country_code", V_STRING, 0},
        {"email", V_EMAIL, 0},
        {"billing_address", V_ANY, 0},
        {"shipping_address", V_ANY, 0},
        {"gift_cards", V_ARRAY, 0},
        {"discounts", V_ARRAY, 0},
        {"customer_id", V_STRING, 0},
        {"context", V_ANY, 0},
        {"sales_channel_id", V_STRING, 0},
        {NULL, 0, 0},
    };
    static const char *const addr[] = {"billing_address", "shipping_address", NULL};
    const char *id = req_param(r, "id");
    struct cart_update_in in;
    int region_given;
    if (query_ok(r) < 0 || validate(r, r->json, body_params, 0) < 0)
        return -1;
    for (const char *const *a = addr; *a; a++)
        if (validate_address_or_id(r, r->json, *a, !strcmp(*a, "shipping_address")) < 0)
            return -1;
    cart_update_in_of(&r->c, r->json, &in);
    if (cart_update(&r->c, id, &in, &region_given) < 0)
        return -1;
    if (!region_given && cart_sessions_resync(&r->c, id, 1) < 0)
        return -1;
    return send_cart(r, id, NULL, NULL, 0, NULL);
}

/* POST /store/carts/:id/line-items */
int store_carts_add_line(struct req *r)
{
    /* StorePostCartsCartLineItemsReq: @IsString() and @IsInt() without IsNotEmpty, so an absent
     * value gets the type's message, in the class's order. */
    static const struct vparam body_params[] = {
        {"variant_id", V_STRING, V_CHECKED},
        {"quantity", V_INT, V_CHECKED},
        {"metadata", V_ANY, 0},
        {NULL, 0, 0},
    };
    static const char *const rels[] = {"gift_cards",
                                       "region",
                                       "items",
                                       "items.variant",
                                       "items.adjustments",
                                       "payment",
                                       "shipping_address",
                                       "billing_address",
                                       "region.countries",
                                       "region.payment_providers",
                                       "shipping_methods",
                                       "payment_sessions",
                                       "shipping_methods.shipping_option",
                                       "discounts",
                                       "discounts.rule",
                                       "sales_channel",
                                       "region.tax_rates",
                                       "customer",
                                       NULL};
    const char *id = req_param(r, "id");
    struct idem im;
    if (query_ok(r) < 0 || validate(r, r->json, body_params, 0) < 0 || idem_start(r, NULL, &im) < 0)
        return -1;
    if (im.replayed)
        return 0;
    if (cart_add_line(&r->c, id, v_str(r->json, "variant_id"), v_int(r->json, "quantity", 0),
                      json_get(r->json, "metadata")) < 0 ||
        cart_sessions_resync(&r->c, id, 0) < 0)
        return -1;
    return idem_finish_cart(r, &im, id, rels, 0, NULL);
}

/* POST /store/carts/:id/line-items/:line_id */
int store_carts_update_line(struct req *r)
{
    static const struct vparam body_params[] = {
        {"quantity", V_INT, V_CHECKED},
        {"metadata", V_ANY, 0},
        {NULL, 0, 0},
    };
    const char *id = req_param(r, "id");
    if (query_ok(r) < 0 || validate(r, r->json, body_params, 0) < 0)
        return -1;
    if (cart_update_line(&r->c, id, req_param(r, "line_id"), v_int(r->json, "quantity", 0),
                         json_get(r->json, "metadata")) < 0 ||
        cart_sessions_resync(&r->c, id, 1) < 0)
        return -1;
    return send_cart(r, id, NULL, NULL, 0, NULL);
}

/* DELETE /store/carts/:id/line-items/:line_id */
int store_carts_delete_line(struct req *r)
{
    const char *id = req_param(r, "id");
    if (query_ok(r) < 0 || cart_delete_line(&r->c, id, req_param(r, "line_id")) < 0 ||
        cart_sessions_resync(&r->c, id, 1) < 0)
        return -1;
    return send_cart(r, id, NULL, NULL, 0, NULL);
}

/* DELETE /store/carts/:id/discounts/:code */
int store_carts_delete_discount(struct req *r)
{
    const char *id = req_param(r, "id");
    if (query_ok(r) < 0 || cart_delete_discount(&r->c, id, req_param(r, "code")) < 0 ||
        cart_sessions_resync(&r->c, id, 1) < 0)
        return -1;
    return send_cart(r, id, NULL, NULL, 0, NULL);
}

/* POST /store/carts/:id/shipping-methods */
int store_carts_add_shipping_method(struct req *r)
{
    static const struct vparam body_params[] = {
        {"option_id", V_STRING, 1},
        {"data", V_ANY, 0},
        {NULL, 0, 0},
    };
    const char *id = req_param(r, "id");
    if (query_ok(r) < 0 || validate(r, r->json, body_params, 0) < 0)
        return -1;
    if (cart_add_shipping_method(&r->c, id, v_str(r->json, "option_id"),
                                 json_obj_text(json_get(r->json, "data"))) < 0 ||
        cart_sessions_resync(&r->c, id, 1) < 0)
        return -1;
    return send_cart(r, id, NULL, NULL, 0, NULL);
}

/* ---- routes that may call a payment provider ------------------------------------------------ */

/* A payment provider (Stripe) is never called with the write lock held (issue #16): these routes
 * have no F_WRITE; they run their local writes in one short transaction (pay_tx), call the
 * provider with none open (cart_sessions_provide, cart_payment_verdict), and the domain commits
 * what it answered in another that re-checks the state it read. */
struct pay_step {
    struct req *r;
    const char *id;
    int (*fn)(struct pay_step *);
    struct idem im;
    struct payment_verdict v;
    struct cart_completion done;
};

static int pay_run(void *arg)
{
    struct pay_step *st = arg;
    return st->fn(st);
}

static int pay_tx(struct pay_step *st, int (*fn)(struct pay_step *))
{
    st->fn = fn;
    return db_tx(&st->r->c, pay_run, st);
}

static const char *const sessions_rels[] = {"gift_cards",
                                            "region",
                                            "items",
                                            "items.variant",
                                            "items.adjustments",
                                            "payment",
                                            "shipping_address",
                                            "billing_address",
                                            "region.countries",
                                            "region.payment_providers",
                                            "shipping_methods",
                                            "payment_sessions",
                                            "shipping_methods.shipping_option",
                                            "discounts",
                                            "discounts.rule",
                                            "sales_channel",
                                            "region.tax_rates",
                                            "customer",
                                            NULL};

static int sessions_local(struct pay_step *st)
{
    if (idem_start(st->r, NULL, &st->im) < 0)
        return -1;
    if (st->im.replayed)
        return 0;
    return cart_sessions_sync(&st->r->c, st->id, 1);
}

static int sessions_finish(struct pay_step *st)
{
    return idem_finish_cart(st->r, &st->im, st->id, sessions_rels, 1, "data");
}

/* POST /store/carts/:id/payment-sessions */
int store_carts_create_sessions(struct req *r)
{
    struct pay_step st = {.r = r, .id = req_param(r, "id")};
    if (query_ok(r) < 0 || pay_tx(&st, sessions_local) < 0)
        return -1;
    if (st.im.replayed)
        return 0;
    if (cart_sessions_provide(&r->c, st.id, NULL) < 0)
        return -1;
    return pay_tx(&st, sessions_finish);
}

static int select_local(struct pay_step *st)
{
    return cart_session_select(&st->r->c, st->id, v_str(st->r->json, "provider_id"));
}

/* POST /store/carts/:id/payment-session */
int store_carts_select_session(struct req *r)
{
    static const struct vparam body_params[] = {{"provider_id", V_STRING, 1}, {NULL, 0, 0}};
    struct pay_step st = {.r = r, .id = req_param(r, "id")};
    if (query_ok(r) < 0 || validate(r, r->json, body_params, 0) < 0 ||
        pay_tx(&st, select_local) < 0 || cart_sessions_provide(&r->c, st.id, NULL) < 0)
        return -1;
    return send_cart(r, st.id, NULL, NULL, 0, NULL);
}

static int update_local(struct pay_step *st)
{
    struct json_object *data = json_get(st->r->json, "data"),
                       *inner = data ? json_get(data, "data") : NULL;
    size_t len;
    return cart_session_update(&st->r->c, st->id, req_param(st->r, "provider_id"),
                               inner && json_object_is_type(inner, json_type_object)
                                   ? arena_strdup(&st->r->c.arena, json_text(inner, &len))
                                   : NULL);
}

/* POST /store/carts/:id/payment-sessions/:provider_id */
int store_carts_update_session(struct req *r)
{
    static const struct vparam body_params[] = {{"data", V_OBJECT, 1}, {NULL, 0, 0}};
    struct pay_step st = {.r = r, .id = req_param(r, "id")};
    if (query_ok(r) < 0 || validate(r, r->json, body_params, 0) < 0 ||
        pay_tx(&st, update_local) < 0 || cart_sessions_provide(&r->c, st.id, NULL) < 0)
        return -1;
    return send_cart(r, st.id, NULL, NULL, 0, NULL);
}

/* DELETE /store/carts/:id/payment-sessions/:provider_id */
int store_carts_delete_session(struct req *r)
{
    const char *id = req_param(r, "id");
    if (query_ok(r) < 0 || cart_session_delete(&r->c, id, req_param(r, "provider_id")) < 0)
        return -1;
    return send_cart(r, id, NULL, NULL, 0, NULL);
}

/* POST /store/carts/:id/payment-sessions/:provider_id/refresh */
int store_carts_refresh_session(struct req *r)
{
    static const char *const rels[] = {"region",
                                       "region.countries",
                                       "region.payment_providers",
                                       "shipping_methods",
                                       "payment_sessions",
                                       "shipping_methods.shipping_option",
                                       NULL};
    const char *id = req_param(r, "id");
    if (query_ok(r) < 0 || cart_session_refresh(&r->c, id, req_param(r, "provider_id")) < 0)
        return -1;
    return send_cart(r, id, rels, NULL, 0, NULL);
}

/* POST /store/carts/:id/taxes */
int store_carts_taxes(struct req *r)
{
    static const char *const none[] = {NULL};
    const char *id = req_param(r, "id");
    struct idem im;
    if (query_ok(r) < 0 || idem_start(r, NULL, &im) < 0)
        return -1;
    if (im.replayed)
        return 0;
    if (cart_writable(&r->c, id) < 0)
        return -1;
    return idem_finish_cart(r, &im, id, none, 1, NULL);
}

/* The completion's answer (checkout.md §11): {"type":"order"|"swap","data":...}, or 409 with the
 * variants short of stock. *status receives the status; the text is arena-owned. */
static const char *completion_body(struct req *r, const struct cart_completion *done, int *status)
{
    static const char *const order_rels[] = {"shipping_address", "items", "payments", NULL};
    struct json_object *body = json_own(&r->c.arena, json_object_new_object()), *data;
    *status = 200;
    switch (done->kind) {
    case CART_SHORT_OF_STOCK: {
        struct json_object *errors = json_object_new_array();
        *status = 409;
        for (int i = 0; i < done->nshort; i++) {
            struct json_object *e = json_object_new_object();
            json_set_str(e, "message",
                         arena_printf(&r->c.arena,
                                      "Variant with id: %s does not have the required inventory",
                                      done->short_variants[i]));
            json_set_str(e, "type", "not_allowed");
            json_set_str(e, "code", "insufficient_inventory");
            json_object_array_add(errors, e);
        }
        json_set(body, "errors", errors);
        return json_text(body, NULL);
    }
    case CART_COMPLETED_SWAP:
        if (!(data = db_swap_json(&r->c, done->id, NULL, SWAP_VIEW_CART_COMPLETED)))
            return NULL;
        json_set(body, "data", json_share(data));
        json_set_str(body, "type", "swap");
        return json_text(body, NULL);
    case CART_PAYMENT_PENDING: /* answered by complete_local */
    case CART_COMPLETED_ORDER:
        break;
    }
    struct sbuf b = SBUF_INIT;
    const char *text = NULL;
    sbuf_adds(&b, "{\"data\":");
    if (order_view_full(&r->c, done->id, order_rels, &b) == 0) {
        sbuf_adds(&b, ",\"type\":\"order\"}");
        text = arena_strndup(&r->c.arena, b.buf, b.len);
    }
    sbuf_release(&b);
    return text;
}

static int complete_local(struct pay_step *st)
{
    struct req *r = st->r;
    const char *text;
    int status;
    if (idem_start(r, NULL, &st->im) < 0)
        return -1;
    if (st->im.replayed)
        return 0;
    if (cart_complete(&r->c, st->id, &st->v, &st->done) < 0)
        return -1;
    if (st->done.kind == CART_PAYMENT_PENDING) {
        /* Medusa's answer while the provider has not authorized (the card needs an action or
         * is not confirmed yet): the cart, 200. The key is not finished: the shopper completes
         * again once the payment is done. */
        struct sbuf *b = resp_body(r);
        sbuf_adds(b, "{\"data\":");
        if (cart_view_text(&r->c, st->id, NULL, NULL, 0, b) < 0)
            return -1;
        sbuf_adds(b, ",\"payment_status\":");
        if (st->done.payment_status)
            sbuf_add_json_str(b, st->done.payment_status);
        else
            sbuf_add(b, "null", 4);
        sbuf_adds(b, ",\"type\":\"cart\"}");
        return resp_body_send(r, 200);
    }
    if (!(text = completion_body(r, &st->done, &status)))
        return -1;
    return idem_finish(r, &st->im, status, text);
}

/* POST /store/carts/:id/complete and /complete-cart: a remote provider is asked before the
 * transaction (cart_payment_verdict); the completion re-checks everything inside it, so the
 * storefront's complete and Stripe's webhook complete a cart exactly once. */
int store_carts_complete(struct req *r)
{
    struct pay_step st = {.r = r, .id = req_param(r, "id")};
    if (query_ok(r) < 0 || cart_payment_verdict(&r->c, st.id, &st.v) < 0)
        return -1;
    return pay_tx(&st, complete_local);
}

/* GET /store/shipping-options/:cart_id: the options the cart may use (store.md §6.3) as the
 * general listing shows them, with Medusa's pricing keys (§6.2). */
int store_shipping_options_cart(struct req *r)
{
    static const char *const rels[] = {"requirements", "profile", NULL};
    struct gsel *sel = gsel_build(&r->c, &ent_shipping_option, NULL, rels);
    struct option_scope scope;
    struct json_object *rows, *out;
    struct gquery q;
    struct listf f;
    if (cart_options_scope(&r->c, req_param(r, "cart_id"), &scope) < 0)
        return -1;
    memset(&f, 0, sizeof(f));
    f.limit = -1;
    gsel_add_col(&r->c, sel, "tax_rates");
    if (gq_list(&r->c, &q, &ent_shipping_option, sel, &f) < 0)
        return -1;
    q.order = "%c.created_at, %c.id";
    if (!(rows = gq_run_json(&r->c, &q)))
        return -1;
    out = json_own(&r->c.arena, json_object_new_array());
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        struct json_object *o = json_object_array_get_idx(rows, i), *tr = json_get(o, "tax_rates");
        size_t nr = tr ? json_object_array_length(tr) : 0;
        double *rates = arena_calloc(&r->c.arena, sizeof(*rates) * (nr ? nr : 1));
        int64_t amount, tax;
        int rc = cart_option_offer(&r->c, &scope, json_get_str_opt(o, "id"), &amount);
        if (rc < 0)
            return -1;
        if (!rc)
            continue;
        for (size_t k = 0; k < nr; k++)
            rates[k] = json_object_get_double(json_get(json_object_array_get_idx(tr, k), "rate"));
        tax = cart_option_tax(amount, rates, (int)nr);
        if (rc == 2)
            json_set_int(o, "amount", amount);
        json_set_int(o, "tax_amount", tax);
        json_set_int(o, "price_incl_tax", amount + tax);
        json_object_array_add(out, json_share(o));
    }
    return resp_keyed(r, 200, "shipping_options", out);
}
