/* customers.c: /store/customers: registration, the logged-in customer's profile, addresses,
 * orders and payment methods, and password reset (store.md §3). Every /me route works on
 * r->c.customer_id only, so one customer never reaches another's data. */
#include "store/customers.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
#include "db/address.h"
#include "db/customer.h"
#include "db/db.h"
#include "db/entities.h"
#include "db/order.h"
#include "domain/auth.h"
#include "domain/customer.h"
#include "front/auth.h"
#include "front/order_view.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

int customers_send(struct req *r, const char *id, enum customer_view v)
{
    static const char *const me[] = {"shipping_addresses", "billing_address", NULL};
    static const char *const auth[] = {"orders", "orders.items", "shipping_addresses", NULL};
    static const char *const none[] = {NULL};
    struct gquery q;
    int rc;
    gq_init(&r->c, &q, &ent_customer,
            gsel_build(&r->c, &ent_customer, NULL,
                       v == CUSTOMER_VIEW_ME     ? me
                       : v == CUSTOMER_VIEW_AUTH ? auth
                                                 : none));
    gq_where_eq(&r->c, &q, "id", id);
    if ((rc = page_row(r, "customer", &q)) == 1)
        return err_set(&r->c, ERR_NOT_FOUND, "Customer with id: %s was not found", id);
    return rc;
}

/* The writes of the routes that hash a new password first (argon2id takes tens of milliseconds,
 * never under the write lock), run by db_tx(). */
struct pw_write {
    struct req *r;
    const char *email, *hash;
    const char *old_id, *old_hash; /* the password reset's customer and the hash it replaces */
    char id[ULID_ID_MAX];          /* the new customer's */
};

/* Registration logs the new customer in (Medusa sets the session's customer_id). */
static int create_write(void *arg)
{
    struct pw_write *w = arg;
    struct req *r = w->r;
    if (customer_create(&r->c, w->email, v_str(r->json, "first_name"), v_str(r->json, "last_name"),
                        v_str(r->json, "phone"), w->hash, w->id) < 0)
        return -1;
    return auth_session_start(r, w->id, NULL);
}

/* POST /store/customers */
int store_customers_create(struct req *r)
{
    static const struct vparam params[] = {
        {"first_name", V_STRING, V_OPTIONAL}, {"last_name", V_STRING, V_OPTIONAL},
        {"email", V_EMAIL, V_CHECKED},        {"password", V_STRING, V_CHECKED},
        {"phone", V_STRING, V_OPTIONAL},      {NULL, 0, 0},
    };
    struct pw_write w = {.r = r};
    if (validate(r, r->json, params, 0) < 0 ||
        auth_password_new(r, v_str(r->json, "password"), 0, &w.hash) < 0)
        return -1;
    w.email = customer_email(&r->c, v_str(r->json, "email"));
    if (db_tx(&r->c, create_write, &w) < 0)
        return -1;
    return customers_send(r, w.id, CUSTOMER_VIEW_ME);
}

/* GET /store/customers/me */
int store_customers_me(struct req *r)
{
    return customers_send(r, r->c.customer_id, CUSTOMER_VIEW_ME);
}

static const struct vparam address_payload[] = {
    {"first_name", V_STRING, V_OPTIONAL},   {"last_name", V_STRING, V_OPTIONAL},
    {"phone", V_STRING, V_OPTIONAL},        {"metadata", V_OBJECT, V_OPTIONAL},
    {"company", V_STRING, V_OPTIONAL},      {"address_1", V_STRING, V_OPTIONAL},
    {"address_2", V_STRING, V_OPTIONAL},    {"city", V_STRING, V_OPTIONAL},
    {"country_code", V_STRING, V_OPTIONAL}, {"province", V_STRING, V_OPTIONAL},
    {"postal_code", V_STRING, V_OPTIONAL},  {NULL, 0, 0},
};

/* JavaScript's String(v) for the scalars and arrays a client can send. */
static void js_string(struct sbuf *sb, struct json_object *v)
{
    size_t len;
    switch (json_object_get_type(v)) {
    case json_type_null:
        sbuf_adds(sb, "null");
        break;
    case json_type_object:
        sbuf_adds(sb, "[object Object]");
        break;
    case json_type_array:
        for (size_t i = 0; i < json_object_array_length(v); i++) {
            struct json_object *e = json_object_array_get_idx(v, i);
            if (i)
                sbuf_addc(sb, ',');
            if (e)
                js_string(sb, e);
        }
        break;
    case json_type_string:
        sbuf_adds(sb, json_object_get_string(v));
        break;
    default:
        sbuf_adds(sb, json_text(v, &len));
    }
}

/* A message split on "," as Medusa's IsType does, into a JSON array. */
static struct json_object *split_msgs(const char *msg)
{
    struct json_object *arr = json_object_new_array();
    while (*msg) {
        const char *comma = strchr(msg, ',');
        size_t n = comma ? (size_t)(comma - msg) : strlen(msg);
        if (n)
            json_object_array_add(arr, json_object_new_string_len(msg, (int)n));
        if (!comma)
            break;
        msg = comma + 1;
    }
    return arr;
}

/* billing_address is IsType([AddressPayload, String]): when it is neither, Medusa's validator
 * throws one error whose message is a JSON text (store.md §1.3), and no other message. */
static int billing_address_check(struct req *r)
{
    struct json_object *v = json_get(r->json, "billing_address"), *err, *details;
    struct sbuf s = SBUF_INIT, a = SBUF_INIT;
    size_t len;
    if (!v || json_object_is_type(v, json_type_string))
        return 0;
    if (json_object_is_type(v, json_type_object)) {
        validate_msgs(v, address_payload, 0, &a);
        if (!a.len)
            return 0;
    } else {
        sbuf_adds(&a, "an unknown value was passed to the validate function");
    }
    sbuf_adds(&s, "String validation failed: ");
    js_string(&s, v);
    sbuf_adds(&s, " is not a string");
    err = json_own(&r->c.arena, json_object_new_object());
    details = json_object_new_object();
    json_set_str(err, "message", "billing_address must be one of: AddressPayload,String");
    /* The String check fails synchronously, so its entry comes first. */
    json_set(details, "String", split_msgs(s.buf));
    json_set(details, "AddressPayload", split_msgs(a.buf));
    json_set(err, "details", details);
    sbuf_release(&s);
    sbuf_release(&a);
    return err_set(&r->c, ERR_INVALID_DATA, "%s", json_text(err, &len));
}

static int update_write(void *arg)
{
    struct pw_write *w = arg;
    return customer_update(&w->r->c, w->r->c.customer_id, w->r->json, w->hash);
}

/* POST /store/customers/me */
int store_customers_update(struct req *r)
{
    static const struct vparam params[] = {
        {"billing_address", V_ANY, V_OPTIONAL}, {"first_name", V_STRING, V_OPTIONAL},
        {"last_name", V_STRING, V_OPTIONAL},    {"password", V_STRING, V_OPTIONAL},
        {"phone", V_STRING, V_OPTIONAL},        {"email", V_EMAIL, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},     {NULL, 0, 0},
    };
    struct pw_write w = {.r = r};
    if (billing_address_check(r) < 0 || validate(r, r->json, params, 0) < 0 ||
        auth_password_new(r, v_str(r->json, "password"), 0, &w.hash) < 0 ||
        db_tx(&r->c, update_write, &w) < 0)
        return -1;
    return customers_send(r, r->c.customer_id, CUSTOMER_VIEW_ME);
}

/* POST /store/customers/me/addresses */
int store_customers_add_address(struct req *r)
{
    static const struct vparam params[] = {{"address", V_NESTED, V_CHECKED}, {NULL, 0, 0}};
    static const struct vparam create_payload[] = {
        {"first_name", V_STRING, V_CHECKED},   {"last_name", V_STRING, V_CHECKED},
        {"phone", V_STRING, V_OPTIONAL},       {"metadata", V_ANY, V_OPTIONAL},
        {"company", V_STRING, V_OPTIONAL},     {"address_1", V_STRING, V_CHECKED},
        {"address_2", V_STRING, V_OPTIONAL},   {"city", V_STRING, V_CHECKED},
        {"country_code", V_STRING, V_CHECKED}, {"province", V_STRING, V_OPTIONAL},
        {"postal_code", V_STRING, V_CHECKED},  {NULL, 0, 0},
    };
    struct sbuf msgs = SBUF_INIT;
    struct json_object *a = json_get(r->json, "address");
    validate_msgs(r->json, params, 0, &msgs);
    if (a && json_object_is_type(a, json_type_object))
        validate_msgs(a, create_payload, 0, &msgs);
    if (validate_done(r, &msgs) < 0 || customer_add_address(&r->c, r->c.customer_id, a) < 0)
        return -1;
    return customers_send(r, r->c.customer_id, CUSTOMER_VIEW_ME);
}

/* POST /store/customers/me/addresses/:address_id */
int store_customers_update_address(struct req *r)
{
    if (validate(r, r->json, address_payload, 0) < 0 ||
        customer_update_address(&r->c, r->c.customer_id, req_param(r, "address_id"), r->json) < 0)
        return -1;
    return customers_send(r, r->c.customer_id, CUSTOMER_VIEW_ME);
}

/* DELETE /store/customers/me/addresses/:address_id: another customer's or an unknown address is
 * silently left alone (Medusa's delete is idempotent). */
int store_customers_delete_address(struct req *r)
{
    if (db_address_delete(&r->c, req_param(r, "address_id"), r->c.customer_id) < 0)
        return -1;
    return customers_send(r, r->c.customer_id, CUSTOMER_VIEW_ME);
}

/* GET /store/customers/me/orders */
int store_customers_orders(struct req *r)
{
    static const struct listq_spec spec = {
        .default_limit = 10,
        .is_list = 1,
        .default_fields = order_default_fields,
        .default_relations = order_default_relations,
    };
    return order_list_send(r, &spec, r->c.customer_id);
}

/* GET /store/customers/me/payment-methods: the manual provider saves no methods. */
int store_customers_payment_methods(struct req *r)
{
    struct customer_row cu;
    int rc = db_customer_load(&r->c, r->c.customer_id, &cu);
    if (rc <= 0)
        return rc < 0 ? -1
                      : err_set(&r->c, ERR_NOT_FOUND, "Customer with id: %s was not found",
                                r->c.customer_id);
    static const char none[] = "{\"payment_methods\":[]}";
    return resp_json_text(r, 200, none, sizeof(none) - 1);
}

/* POST /store/customers/password-token: always 204, so it tells nobody which accounts exist. */
int store_customers_password_token(struct req *r)
{
    static const struct vparam params[] = {{"email", V_EMAIL, V_CHECKED}, {NULL, 0, 0}};
    struct customer_row cu;
    int rc;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    rc = db_customer_registered(&r->c, customer_email(&r->c, v_str(r->json, "email")), &cu);
    if (rc < 0 || (rc == 1 && cu.password_hash && customer_password_token(&r->c, &cu) < 0))
        return -1;
    return resp_empty(r, 204);
}

/* The new hash replaces old_hash only if it is still current: 1 when replaced, 0 when not. */
static int reset_write(void *arg)
{
    struct pw_write *w = arg;
    int rc = db_customer_replace_password(&w->r->c, w->old_id, w->old_hash, w->hash);
    if (rc == 1 && customer_event(&w->r->c, "customer.updated", w->old_id) < 0)
        return -1;
    return rc;
}

/* POST /store/customers/password-reset: a forged, expired or used token is the 401 (Medusa
 * answers 500 there). The new hash replaces the one the token was signed with, and only if that
 * one is still current, so a token resets a password once. */
int store_customers_password_reset(struct req *r)
{
    static const struct vparam params[] = {
        {"email", V_EMAIL, V_CHECKED},
        {"token", V_STRING, V_CHECKED},
        {"password", V_STRING, V_CHECKED},
        {NULL, 0, 0},
    };
    struct customer_row cu;
    struct pw_write w = {.r = r};
    int rc;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    rc = db_customer_registered(&r->c, customer_email(&r->c, v_str(r->json, "email")), &cu);
    if (rc < 0)
        return -1;
    if (rc == 0 || !customer_reset_token_valid(&r->c, &cu, v_str(r->json, "token")))
        return err_set(&r->c, ERR_UNAUTHORIZED, "Invalid or expired password reset token");
    if (auth_password_new(r, v_str(r->json, "password"), 0, &w.hash) < 0)
        return -1;
    w.old_id = cu.id;
    w.old_hash = cu.password_hash;
    if ((rc = db_tx(&r->c, reset_write, &w)) < 0)
        return -1;
    if (rc == 0)
        return err_set(&r->c, ERR_UNAUTHORIZED, "Invalid or expired password reset token");
    return customers_send(r, cu.id, CUSTOMER_VIEW_PLAIN);
}
