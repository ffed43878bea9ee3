/* order_claim.c: guest order claims (order_claim.h; store.md §4.3). */
#include "domain/order_claim.h"

#include <string.h>

#include <json-c/json.h>

#include "core/conf.h"
#include "core/json.h"
#include "core/sbuf.h"
#include "db/customer.h"
#include "db/event.h"
#include "db/order.h"
#include "domain/auth.h"

#define INVALID_TOKEN "Invalid or expired order claim token"

/* A digest of who owns the orders now (id, customer, e-mail of each, in db_orders_brief's
 * order): part of the token, so that the claim it grants applies once. */
static const char *owner_state(struct ctx *c, struct json_object *orders)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    for (size_t i = 0; i < json_object_array_length(orders); i++) {
        struct json_object *o = json_object_array_get_idx(orders, i);
        const char *parts[] = {json_get_str_opt(o, "id"), json_get_str_opt(o, "customer_id"),
                               json_get_str_opt(o, "email")};
        for (int k = 0; k < 3; k++) {
            const char *p = parts[k] ? parts[k] : "";
            crypto_hash_sha256_update(&st, (const unsigned char *)p, strlen(p) + 1);
        }
    }
    crypto_hash_sha256_final(&st, h);
    return auth_b64url(&c->arena, h, sizeof(h));
}

/* The orders among ids (a json-c array of strings). */
static struct json_object *orders_of(struct ctx *c, struct json_object *ids)
{
    size_t len;
    return db_orders_brief(c, arena_strdup(&c->arena, json_text(ids, &len)));
}

static int emit_token(struct ctx *c, const char *customer_id, const char *email,
                      struct json_object *group)
{
    const char *secret = c->conf->jwt_secret;
    struct json_object *claims = json_own(&c->arena, json_object_new_object());
    struct json_object *ev = json_own(&c->arena, json_object_new_object());
    struct json_object *ids = json_object_new_array();
    int64_t now = c->now_ms / 1000;
    size_t len;
    for (size_t i = 0; i < json_object_array_length(group); i++)
        json_object_array_add(ids, json_object_new_string(json_get_str_opt(
                                       json_object_array_get_idx(group, i), "id")));
    json_set_str(claims, "claimingCustomerId", customer_id);
    json_set(claims, "orders", ids);
    json_set_str(claims, "owner_state", owner_state(c, group));
    json_set_int(claims, "iat", now);
    json_set_int(claims, "exp", now + AUTH_CLAIM_TOKEN_TTL);
    json_set_str(ev, "old_email", email);
    json_set_str(ev, "new_customer_id", customer_id);
    json_set(ev, "orders", json_share(ids));
    json_set_str(ev, "token",
                 auth_jwt_sign(&c->arena, json_text(claims, &len), secret, strlen(secret)));
    return db_event_add(c, "order-update-token.created", json_text(ev, &len));
}

int order_claim_request(struct ctx *c, const char *customer_id, const char *const *order_ids, int n)
{
    struct customer_row cu;
    struct json_object *ids = json_own(&c->arena, json_object_new_array()), *orders, *groups;
    int rc;
    if ((rc = db_customer_load(c, customer_id, &cu)) <= 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found", customer_id);
    if (!cu.has_account)
        return err_set(c, ERR_UNAUTHORIZED, "Customer does not have an account");
    for (int i = 0; i < n; i++)
        json_object_array_add(ids, json_object_new_string(order_ids[i]));
    if (!(orders = orders_of(c, ids)))
        return -1;
    /* One token per e-mail the orders were placed with, in order of first appearance. */
    groups = json_own(&c->arena, json_object_new_object());
    for (size_t i = 0; i < json_object_array_length(orders); i++) {
        struct json_object *o = json_object_array_get_idx(orders, i), *g;
        const char *email = json_get_str_opt(o, "email");
        if (!(g = json_get(groups, email))) {
            g = json_object_new_array();
            json_object_object_add(groups, email, g);
        }
        json_object_array_add(g, json_share(o));
    }
    json_object_object_foreach(groups, email, group)
    {
        if (emit_token(c, customer_id, email, group) < 0)
            return -1;
    }
    return 0;
}

int order_claim_confirm(struct ctx *c, const char *token)
{
    const char *secret = c->conf->jwt_secret, *claimer, *state;
    struct json_object *claims, *ids, *orders;
    struct customer_row cu;
    size_t len;
    int rc;
    if (auth_jwt_verify(&c->arena, token, secret, strlen(secret), c->now_ms / 1000,
                        AUTH_CLAIM_TOKEN_TTL, &claims) != AUTH_JWT_OK ||
        !(claimer = json_get_str_opt(claims, "claimingCustomerId")) ||
        !(ids = json_get(claims, "orders")) || !json_object_is_type(ids, json_type_array) ||
        !(state = json_get_str_opt(claims, "owner_state")))
        return err_set(c, ERR_UNAUTHORIZED, INVALID_TOKEN);
    if (!(orders = orders_of(c, ids)))
        return -1;
    /* The orders changed hands since the token was made: it was used, or is stale. */
    if (strcmp(owner_state(c, orders), state))
        return err_set(c, ERR_UNAUTHORIZED, INVALID_TOKEN);
    if ((rc = db_customer_load(c, claimer, &cu)) <= 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found", claimer);
    for (size_t i = 0; i < json_object_array_length(orders); i++) {
        struct json_object *o = json_object_array_get_idx(orders, i);
        struct json_object *ev = json_own(&c->arena, json_object_new_object());
        const char *status = json_get_str_opt(o, "status"), *id = json_get_str_opt(o, "id");
        if (status && !strcmp(status, "canceled"))
            return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be updated");
        if (db_order_set_customer(c, id, cu.id, cu.email) < 0)
            return -1;
        json_set_str(ev, "id", id);
        json_set(ev, "no_notification", json_share(json_get(o, "no_notification")));
        if (db_event_add(c, "order.updated", json_text(ev, &len)) < 0)
            return -1;
    }
    return 0;
}
