/* checkout.c: SQL of payment sessions, completion into orders, and idempotency keys (cart.h). */
#include "db/checkout.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "core/timefmt.h"
#include "core/ulid.h"
#include "db/gift_card.h"
#include "db/internal.h"

#define NOW     DB_NOW
#define NOW_FMT "strftime('%%Y-%%m-%%dT%%H:%%M:%%fZ','now')" /* NOW inside a printf format */

/* ---- payment sessions ------------------------------------------------------------------- */

int db_cart_sessions(struct ctx *c, const char *cart_id, struct session_row **out, int *n)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, provider_id, status, data, is_selected, is_initiated, "
                                 "amount FROM payment_session WHERE cart_id = ?1 "
                                 "ORDER BY created_at, id",
                                 "s", cart_id);
    struct session_row *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        v[k].id = db_col_dup(c, st, 0);
        v[k].provider_id = db_col_dup(c, st, 1);
        v[k].status = db_col_dup(c, st, 2);
        v[k].data = db_col_dup(c, st, 3);
        v[k].is_selected = db_col_int(st, 4);
        v[k].is_initiated = db_col_int(st, 5);
        v[k].amount = db_col_int64(st, 6);
        k++;
    }
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

int db_payment_session_insert(struct ctx *c, const char *cart_id, const char *provider_id,
                              int selected, int initiated, const char *status, const char *data,
                              int64_t amount)
{
    /* Unselected sessions hold NULL, not false (unique (cart_id, is_selected)). */
    return db_execf(c,
                    "INSERT INTO payment_session (id, cart_id, provider_id, is_selected, "
                    "is_initiated, status, data, amount, created_at, updated_at) VALUES (?1, ?2, "
                    "?3, CASE WHEN ?4 THEN TRUE END, ?5, ?6, ?7, ?8, " NOW ", " NOW ")",
                    "sssbbssi", db_new_id(c, "ps"), cart_id, provider_id, selected, initiated,
                    status, data, amount);
}

int db_payment_session_update(struct ctx *c, const char *id, int selected, int initiated,
                              const char *status, const char *data, int64_t amount)
{
    return db_execf(c,
                    "UPDATE payment_session SET is_selected = CASE WHEN ?2 THEN TRUE END, "
                    "is_initiated = ?3, status = ?4, data = ?5, amount = ?6, updated_at = " NOW
                    " WHERE id = ?1",
                    "sbbssi", id, selected, initiated, status, data, amount);
}

int db_payment_session_delete(struct ctx *c, const char *id)
{
    return db_execf(c, "DELETE FROM payment_session WHERE id = ?1", "s", id);
}

int db_cart_sessions_clear(struct ctx *c, const char *cart_id)
{
    return db_execf(c, "DELETE FROM payment_session WHERE cart_id = ?1", "s", cart_id);
}

int db_payment_session_authorize(struct ctx *c, const char *id, const char *now)
{
    return db_execf(c,
                    "UPDATE payment_session SET status = 'authorized', data = "
                    "json_set(data, '$.status', 'authorized'), payment_authorized_at = ?2, "
                    "updated_at = ?2 WHERE id = ?1",
                    "ss", id, now);
}

/* ---- completion ------------------------------------------------------------------------- */

int db_item_tax_lines_set(struct ctx *c, const char *item_id, const struct tax_line_row *t, int n)
{
    for (int k = 0; k < n; k++)
        if (db_execf(c,
                     "INSERT INTO line_item_tax_line (id, rate, name, code, item_id, created_at, "
                     "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, " NOW ", " NOW ") "
                     "ON CONFLICT (item_id, code) DO UPDATE SET rate = excluded.rate, "
                     "name = excluded.name, updated_at = excluded.updated_at",
                     "sdsss", db_new_id(c, "litl"), t[k].rate, t[k].name, t[k].code, item_id) < 0)
            return -1;
    return 0;
}

int db_method_tax_lines_set(struct ctx *c, const char *method_id, const struct tax_line_row *t,
                            int n)
{
    for (int k = 0; k < n; k++)
        if (db_execf(c,
                     "INSERT INTO shipping_method_tax_line (id, rate, name, code, "
                     "shipping_method_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, " NOW
                     ", " NOW ") ON CONFLICT (shipping_method_id, code) DO UPDATE "
                     "SET rate = excluded.rate, name = excluded.name",
                     "sdsss", db_new_id(c, "smtl"), t[k].rate, t[k].name, t[k].code, method_id) < 0)
            return -1;
    return 0;
}

int db_cart_tax_lines_drop(struct ctx *c, const char *cart_id)
{
    if (db_execf(c,
                 "DELETE FROM line_item_tax_line WHERE item_id IN (SELECT id FROM line_item WHERE "
                 "cart_id = ?1 AND is_return = 0)",
                 "s", cart_id) < 0)
        return -1;
    return db_execf(c,
                    "DELETE FROM shipping_method_tax_line WHERE shipping_method_id IN (SELECT id "
                    "FROM shipping_method WHERE cart_id = ?1)",
                    "s", cart_id);
}

const char *db_payment_insert(struct ctx *c, const char *cart_id, int64_t amount,
                              const char *currency, const char *provider, const char *data)
{
    const char *id = db_new_id(c, "pay");
    if (db_execf(c,
                 "INSERT INTO payment (id, cart_id, amount, currency_code, provider_id, data, "
                 "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " NOW ", " NOW ")",
                 "ssisss", id, cart_id, amount, currency, provider, data) < 0)
        return NULL;
    return id;
}

int db_payment_cancel(struct ctx *c, const char *payment_id, const char *now)
{
    return db_execf(c,
                    "UPDATE payment SET canceled_at = ?2, data = json_set(data, '$.status', "
                    "'canceled'), updated_at = ?2 WHERE id = ?1",
                    "ss", payment_id, now);
}

const char *db_order_for_cart(struct ctx *c, const char *cart_id)
{
    return db_one_text(c, "SELECT id FROM \"order\" WHERE cart_id = ?1", "s", cart_id);
}

const char *db_order_create(struct ctx *c, const struct cart_row *cart, const char *currency,
                            const char *payment_id)
{
    const char *id = db_new_id(c, "order");
    struct db_stmt *st;
    int64_t display_id;
    /* display_id: one global sequence, bumped inside the completion transaction. */
    if (db_execf(c,
                 "INSERT INTO app_counter (name, value) VALUES ('order_display_id', 1) "
                 "ON CONFLICT (name) DO UPDATE SET value = app_counter.value + 1",
                 "") < 0)
        return NULL;
    st = db_prep(c, "SELECT value FROM app_counter WHERE name = 'order_display_id'", "");
    if (db_one_row(c, st))
        return NULL;
    display_id = db_col_int64(st, 0);
    db_reset(st);
    if (db_execf(c,
                 "INSERT INTO \"order\" (id, status, fulfillment_status, payment_status, "
                 "display_id, cart_id, customer_id, email, billing_address_id, "
                 "shipping_address_id, region_id, currency_code, sales_channel_id, metadata, "
                 "created_at, updated_at) SELECT ?1, 'pending', 'not_fulfilled', 'awaiting', ?2, "
                 "id, customer_id, email, billing_address_id, shipping_address_id, region_id, ?3, "
                 "sales_channel_id, coalesce(metadata, '{}'), " NOW ", " NOW " FROM cart WHERE "
                 "id = ?4",
                 "siss", id, display_id, currency, cart->id) < 0)
        return NULL;
    if (db_execf(c,
                 "INSERT INTO order_discounts (order_id, discount_id) SELECT ?1, discount_id FROM "
                 "cart_discounts WHERE cart_id = ?2",
                 "ss", id, cart->id) < 0 ||
        db_execf(c,
                 "INSERT INTO order_gift_cards (order_id, gift_card_id) SELECT ?1, gift_card_id "
                 "FROM cart_gift_cards WHERE cart_id = ?2",
                 "ss", id, cart->id) < 0 ||
        db_execf(c, "UPDATE line_item SET order_id = ?1 WHERE cart_id = ?2", "ss", id, cart->id) <
            0 ||
        db_execf(c, "UPDATE shipping_method SET order_id = ?1 WHERE cart_id = ?2", "ss", id,
                 cart->id) < 0)
        return NULL;
    if (payment_id &&
        db_execf(c, "UPDATE payment SET order_id = ?1 WHERE id = ?2", "ss", id, payment_id) < 0)
        return NULL;
    if (db_execf(c, "UPDATE cart SET completed_at = " NOW ", updated_at = " NOW " WHERE id = ?1",
                 "s", cart->id) < 0)
        return NULL;
    return id;
}

int db_variant_reserve(struct ctx *c, const char *variant_id, int64_t quantity)
{
    return db_execf(c,
                    "UPDATE product_variant SET inventory_quantity = inventory_quantity - ?2, "
                    "updated_at = " NOW " WHERE id = ?1",
                    "si", variant_id, quantity);
}

int db_gift_card_use(struct ctx *c, const char *gift_card_id, const char *order_id,
                     int64_t new_balance, int64_t used, int has_rate, double rate)
{
    if (db_execf(c,
                 "UPDATE gift_card SET balance = ?2, is_disabled = ?3, updated_at = " NOW
                 " WHERE id = ?1",
                 "sib", gift_card_id, new_balance, new_balance == 0) < 0)
        return -1;
    return db_execf(c,
                    "INSERT INTO gift_card_transaction (id, gift_card_id, order_id, amount, "
                    "is_taxable, tax_rate, created_at) VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?5 "
                    "THEN ?6 END, " NOW ")",
                    "sssibd", db_new_id(c, "gct"), gift_card_id, order_id, used, has_rate, rate);
}

int db_gift_card_create(struct ctx *c, const char *code, int64_t value, const char *region_id,
                        const char *order_id, int has_rate, double rate, const char *metadata)
{
    struct gift_card_new g = {.code = code,
                              .region_id = region_id,
                              .order_id = order_id,
                              .has_value = 1,
                              .value = value,
                              .has_tax_rate = has_rate,
                              .tax_rate = rate,
                              .metadata = metadata};
    return db_gift_card_insert(c, &g) ? 0 : -1;
}

int db_discount_count_use(struct ctx *c, const char *order_id)
{
    return db_execf(c,
                    "UPDATE discount SET usage_count = usage_count + 1 WHERE id IN (SELECT "
                    "discount_id FROM order_discounts WHERE order_id = ?1)",
                    "s", order_id);
}

/* ---- idempotency keys ------------------------------------------------------------------- */

static void ikey_read(struct ctx *c, struct db_stmt *st, struct ikey_row *k)
{
    k->id = db_col_dup(c, st, 0);
    k->key = db_col_dup(c, st, 1);
    k->recovery_point = db_col_dup(c, st, 2);
    k->response_code = db_col_int(st, 3);
    k->response_body = db_col_dup(c, st, 4);
    k->method = db_col_dup(c, st, 5);
    k->path = db_col_dup(c, st, 6);
    k->params = db_col_dup(c, st, 7);
}

int db_ikey_get(struct ctx *c, const char *key, struct ikey_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, idempotency_key, recovery_point, response_code, "
                                 "response_body, request_method, request_path, request_params FROM "
                                 "idempotency_key WHERE idempotency_key = ?1",
                                 "s", key);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    ikey_read(c, st, out);
    db_reset(st);
    return 0;
}

int db_ikey_create(struct ctx *c, const char *key, const char *method, const char *path,
                   const char *params, struct ikey_row *out)
{
    out->id = db_new_id(c, "ikey");
    out->key = key;
    out->recovery_point = "started";
    out->response_code = 0;
    out->response_body = NULL;
    out->method = method;
    out->path = path;
    out->params = params;
    return db_execf(c,
                    "INSERT INTO idempotency_key (id, idempotency_key, request_method, "
                    "request_path, request_params, recovery_point, created_at) VALUES (?1, ?2, "
                    "?3, ?4, ?5, 'started', " NOW ")",
                    "sssss", out->id, key, method, path, params);
}

int db_ikey_advance(struct ctx *c, const char *id, const char *point, int code, const char *body)
{
    return db_execf(c,
                    "UPDATE idempotency_key SET recovery_point = ?2, response_code = CASE WHEN ?3 "
                    "> 0 THEN ?3 END, response_body = ?4 WHERE id = ?1",
                    "ssis", id, point, (int64_t)code, body);
}
