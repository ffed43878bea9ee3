/* order.c: the SQL of the customer's order routes (order.h). */
#include "db/order.h"

#include <assert.h>

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/timefmt.h"
#include "db/entities.h"
#include "db/internal.h"

static void where_in(struct ctx *c, struct gquery *q, const char *frag, const char *const *v, int n)
{
    if (n)
        gq_where_list(c, q, frag, v, n);
}

int db_orders_query(struct ctx *c, struct gquery *q, const struct gsel *sel, const struct listf *lf,
                    const struct order_filter *of)
{
    if (gq_list(c, q, &ent_order, sel, lf) < 0)
        return -1;
    if (of->customer_id)
        gq_where_text(q, "%c.customer_id = ?", of->customer_id);
    if (of->id)
        gq_where_text(q, "%c.id = ?", of->id);
    if (of->display_id)
        gq_where_text(q, "CAST(%c.display_id AS TEXT) = ?", of->display_id);
    if (of->cart_id)
        gq_where_text(q, "%c.cart_id = ?", of->cart_id);
    if (of->email)
        gq_where_text(q, "lower(%c.email) = lower(?)", of->email);
    if (of->region_id)
        gq_where_text(q, "%c.region_id = ?", of->region_id);
    if (of->currency_code)
        gq_where_text(q, "%c.currency_code = ?", of->currency_code);
    if (of->tax_rate)
        gq_where_text(q, "CAST(%c.tax_rate AS TEXT) = ?", of->tax_rate);
    where_in(c, q, "%c.status IN (SELECT value FROM json_each(?))", of->status, of->nstatus);
    where_in(c, q, "%c.fulfillment_status IN (SELECT value FROM json_each(?))",
             of->fulfillment_status, of->nfulfillment_status);
    where_in(c, q, "%c.payment_status IN (SELECT value FROM json_each(?))", of->payment_status,
             of->npayment_status);
    where_in(c, q, "%c.region_id IN (SELECT value FROM json_each(?))", of->region_ids,
             of->nregion_ids);
    where_in(c, q, "%c.sales_channel_id IN (SELECT value FROM json_each(?))", of->sales_channel_ids,
             of->nsales_channel_ids);
    gq_where_dates(c, q, "canceled_at", &of->canceled_at);
    if (of->q) {
        /* Only orders with both a customer and a shipping address match a search (the inner
         * joins of OrderService.listAndCount). */
        const char *like = arena_printf(&c->arena, "%%%s%%", of->q);
        gq_where_text(
            q,
            "EXISTS (SELECT 1 FROM customer cu JOIN address sa ON sa.id = "
            "%c.shipping_address_id WHERE cu.id = %c.customer_id AND (sa.first_name LIKE ? "
            "OR %c.email LIKE ? OR CAST(%c.display_id AS TEXT) LIKE ? OR cu.first_name "
            "LIKE ? OR cu.last_name LIKE ? OR cu.phone LIKE ?))",
            like);
        for (int i = 0; i < 5; i++)
            gq_bind_text(q, like);
    }
    return 0;
}

int db_orders_lookup(struct ctx *c, struct gquery *q, const struct gsel *sel, double display_id,
                     const char *email)
{
    struct listf f = {0};
    char num[64];
    f.limit = 2; /* exactly one match answers; two are a miss, as in Medusa */
    if (gq_list(c, q, &ent_order, sel, &f) < 0)
        return -1;
    snprintf(num, sizeof(num), "%.17g", display_id);
    gq_where_text(q, "%c.display_id = CAST(? AS REAL)", arena_strdup(&c->arena, num));
    gq_where_text(q, "lower(%c.email) = lower(?)", email);
    return 0;
}

struct json_object *db_orders_brief(struct ctx *c, const char *ids_json)
{
    struct db_stmt *st =
        db_sql(c, "SELECT json_object('id', id, 'email', email, 'customer_id', "
                  "customer_id, 'status', status, 'no_notification', CASE WHEN "
                  "no_notification IS NULL THEN NULL WHEN no_notification THEN "
                  "json('true') ELSE json('false') END) FROM \"order\" WHERE id IN "
                  "(SELECT value FROM json_each(?1)) ORDER BY created_at, id");
    struct json_object *arr;
    int rc;
    if (!st)
        return NULL;
    db_bind_text(st, 1, ids_json);
    arr = json_own(&c->arena, json_object_new_array());
    while ((rc = db_step(c, st)) == DB_ROW)
        json_object_array_add(arr, json_tokener_parse(db_col_text(st, 0)));
    return rc == DB_DONE ? arr : NULL;
}

int db_order_set_customer(struct ctx *c, const char *id, const char *customer_id, const char *email)
{
    struct db_stmt *st =
        db_sql(c, "UPDATE \"order\" SET customer_id = ?2, email = ?3, updated_at = "
                  "?4 WHERE id = ?1");
    char now[TIMEFMT_LEN];
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, customer_id);
    db_bind_text(st, 3, email);
    db_bind_text(st, 4, timefmt_iso(now, sizeof(now), c->now_ms));
    return db_run(c, st);
}

/* ---- the Admin API's order operations ---------------------------------------------------- */

/* no_notification as 1, 0, or -1 for null. */
static int nn_col(struct db_stmt *st, int i)
{
    return db_col_null(st, i) ? -1 : db_col_int(st, i) != 0;
}

int db_order_head(struct ctx *c, const char *id, struct order_head *out)
{
    struct db_stmt *st = db_prep(
        c,
        "SELECT id, status, no_notification, payment_status, fulfillment_status, region_id, "
        "billing_address_id, shipping_address_id FROM \"order\" WHERE id = ?1",
        "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->status = db_col_dup(c, st, 1);
    out->no_notification = nn_col(st, 2);
    out->payment_status = db_col_dup(c, st, 3);
    out->fulfillment_status = db_col_dup(c, st, 4);
    out->region_id = db_col_dup(c, st, 5);
    out->billing_address_id = db_col_dup(c, st, 6);
    out->shipping_address_id = db_col_dup(c, st, 7);
    db_reset(st);
    return 0;
}

#define ORDER_SET(col) "UPDATE \"order\" SET " col " = ?2, updated_at = " DB_NOW " WHERE id = ?1"
int db_order_set(struct ctx *c, const char *id, const char *column, const char *value)
{
    static const struct {
        const char *col, *sql;
    } sets[] = {
        {"email", ORDER_SET("email")},
        {"customer_id", ORDER_SET("customer_id")},
        {"billing_address_id", ORDER_SET("billing_address_id")},
        {"shipping_address_id", ORDER_SET("shipping_address_id")},
        {"status", ORDER_SET("status")},
        {"no_notification", ORDER_SET("no_notification")},
    };
    for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
        if (!strcmp(sets[i].col, column))
            return db_execf(c, sets[i].sql, "ss", id, value);
    assert(!"an order column db_order_set writes");
    return err_set(c, ERR_DATABASE, "unknown order column %s", column);
}

int db_order_payments_capture(struct ctx *c, const char *order_id, int *uncaptured)
{
    struct db_stmt *st;
    if (db_execf(c,
                 "UPDATE payment SET captured_at = " DB_NOW ", data = CASE provider_id WHEN "
                 "'manual' THEN '{\"status\":\"captured\"}' ELSE data END, updated_at = " DB_NOW
                 " WHERE order_id = ?1 AND captured_at IS NULL",
                 "s", order_id) < 0)
        return -1;
    st = db_prep(c, "SELECT count(*) FROM payment WHERE order_id = ?1 AND captured_at IS NULL", "s",
                 order_id);
    if (db_one_row(c, st))
        return -1;
    *uncaptured = db_col_int(st, 0);
    db_reset(st);
    return 0;
}

int db_order_payments_cancel(struct ctx *c, const char *order_id)
{
    return db_execf(c,
                    "UPDATE payment SET canceled_at = " DB_NOW ", data = CASE provider_id WHEN "
                    "'manual' THEN '{\"status\":\"canceled\"}' ELSE data END, updated_at = " DB_NOW
                    " WHERE order_id = ?1",
                    "s", order_id);
}

int db_order_set_status(struct ctx *c, const char *id, const char *column, const char *value)
{
    if (!strcmp(column, "payment_status"))
        return db_execf(
            c, "UPDATE \"order\" SET payment_status = ?2, updated_at = " DB_NOW " WHERE id = ?1",
            "ss", id, value);
    return db_execf(
        c, "UPDATE \"order\" SET fulfillment_status = ?2, updated_at = " DB_NOW " WHERE id = ?1",
        "ss", id, value);
}

int db_order_set_canceled(struct ctx *c, const char *id)
{
    return db_execf(c,
                    "UPDATE \"order\" SET status = 'canceled', fulfillment_status = 'canceled', "
                    "payment_status = 'canceled', canceled_at = " DB_NOW ", updated_at = " DB_NOW
                    " WHERE id = ?1",
                    "s", id);
}

int db_order_cancel_blockers(struct ctx *c, const char *id, int64_t n[5])
{
    struct db_stmt *st = db_prep(
        c,
        "SELECT (SELECT count(*) FROM refund WHERE order_id = ?1), (SELECT count(*) FROM "
        "fulfillment WHERE order_id = ?1 AND canceled_at IS NULL), (SELECT count(*) FROM "
        "\"return\" WHERE order_id = ?1 AND status <> 'canceled'), (SELECT count(*) FROM swap "
        "WHERE order_id = ?1 AND canceled_at IS NULL AND deleted_at IS NULL), (SELECT count(*) "
        "FROM claim_order WHERE order_id = ?1 AND canceled_at IS NULL AND deleted_at IS NULL)",
        "s", id);
    if (db_one_row(c, st))
        return -1;
    for (int i = 0; i < 5; i++)
        n[i] = db_col_int64(st, i);
    db_reset(st);
    return 0;
}

int db_order_restock(struct ctx *c, const char *id)
{
    return db_execf(c,
                    "UPDATE product_variant SET inventory_quantity = inventory_quantity + (SELECT "
                    "sum(li.quantity) FROM line_item li WHERE li.order_id = ?1 AND li.variant_id = "
                    "product_variant.id), updated_at = " DB_NOW " WHERE manage_inventory = 1 AND "
                    "id IN (SELECT variant_id FROM line_item WHERE order_id = ?1)",
                    "s", id);
}

int db_items_read(struct ctx *c, struct db_stmt *st, struct order_item_row **out, int *n)
{
    struct order_item_row *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        v[k].id = db_col_dup(c, st, 0);
        v[k].variant_id = db_col_dup(c, st, 1);
        v[k].quantity = db_col_int64(st, 2);
        v[k].has_fulfilled = !db_col_null(st, 3);
        v[k].fulfilled_quantity = db_col_int64(st, 3);
        v[k].has_shipped = !db_col_null(st, 4);
        v[k].shipped_quantity = db_col_int64(st, 4);
        v[k].profile_id = db_col_dup(c, st, 5);
        k++;
    }
    db_reset(st);
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

int db_order_items(struct ctx *c, const char *order_id, struct order_item_row **out, int *n)
{
    return db_items_read(
        c,
        db_prep(c, DB_ITEM_SELECT "WHERE li.order_id = ?1 ORDER BY li.created_at, li.id", "s",
                order_id),
        out, n);
}

int db_methods_read(struct ctx *c, struct db_stmt *st, struct order_method_row **out, int *n)
{
    struct order_method_row *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        v[k].id = db_col_dup(c, st, 0);
        v[k].provider_id = db_col_dup(c, st, 1);
        v[k].profile_id = db_col_dup(c, st, 2);
        k++;
    }
    db_reset(st);
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

int db_order_methods(struct ctx *c, const char *order_id, struct order_method_row **out, int *n)
{
    return db_methods_read(
        c, db_prep(c, DB_METHOD_SELECT "WHERE m.order_id = ?1 ORDER BY m.id", "s", order_id), out,
        n);
}

int db_line_item_set_quantity(struct ctx *c, const char *item_id, const char *column, int64_t q)
{
    if (!strcmp(column, "shipped_quantity"))
        return db_execf(
            c, "UPDATE line_item SET shipped_quantity = ?2, updated_at = " DB_NOW " WHERE id = ?1",
            "si", item_id, q);
    return db_execf(
        c, "UPDATE line_item SET fulfilled_quantity = ?2, updated_at = " DB_NOW " WHERE id = ?1",
        "si", item_id, q);
}

const char *db_fulfillment_insert(struct ctx *c, const char *order_id, const char *provider_id,
                                  int no_notification, const char *metadata)
{
    const char *id = db_new_id(c, "ful");
    if (db_execf(c,
                 "INSERT INTO fulfillment (id, order_id, provider_id, no_notification, data, "
                 "metadata, created_at, updated_at) VALUES (?1, ?2, ?3, CASE WHEN ?4 >= 0 THEN ?4 "
                 "END, '{}', ?5, " DB_NOW ", " DB_NOW ")",
                 "sssis", id, order_id, provider_id, (int64_t)no_notification, metadata) < 0)
        return NULL;
    return id;
}

const char *db_fulfillment_insert_for(struct ctx *c, const char *owner_col, const char *owner_id,
                                      const char *provider_id, int no_notification,
                                      const char *metadata)
{
    const char *id = db_new_id(c, "ful");
    int swap = !strcmp(owner_col, "swap_id");
    if (db_execf(
            c,
            "INSERT INTO fulfillment (id, claim_order_id, swap_id, provider_id, "
            "no_notification, data, metadata, created_at, updated_at) VALUES (?1, CASE WHEN "
            "?6 THEN NULL ELSE ?2 END, CASE WHEN ?6 THEN ?2 END, ?3, CASE WHEN ?4 >= 0 THEN ?4 "
            "END, '{}', ?5, " DB_NOW ", " DB_NOW ")",
            "sssisb", id, owner_id, provider_id, (int64_t)no_notification, metadata, swap) < 0)
        return NULL;
    return id;
}

int db_fulfillment_cancel(struct ctx *c, const char *id)
{
    if (db_execf(c,
                 "UPDATE line_item SET fulfilled_quantity = fulfilled_quantity - (SELECT "
                 "fi.quantity FROM fulfillment_item fi WHERE fi.fulfillment_id = ?1 AND fi.item_id "
                 "= line_item.id), updated_at = " DB_NOW " WHERE id IN (SELECT item_id FROM "
                 "fulfillment_item WHERE fulfillment_id = ?1)",
                 "s", id) < 0)
        return -1;
    return db_execf(
        c, "UPDATE fulfillment SET canceled_at = " DB_NOW ", updated_at = " DB_NOW " WHERE id = ?1",
        "s", id);
}

int db_fulfillment_item_insert(struct ctx *c, const char *fulfillment_id, const char *item_id,
                               int64_t quantity)
{
    return db_execf(c,
                    "INSERT INTO fulfillment_item (fulfillment_id, item_id, quantity) VALUES (?1, "
                    "?2, ?3) ON CONFLICT (fulfillment_id, item_id) DO UPDATE SET quantity = "
                    "fulfillment_item.quantity + excluded.quantity",
                    "ssi", fulfillment_id, item_id, quantity);
}

int db_fulfillment_get(struct ctx *c, const char *id, struct fulfillment_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT f.id, f.order_id, f.canceled_at, f.no_notification, "
                                 "fi.item_id, fi.quantity, f.claim_order_id, f.swap_id, "
                                 "f.shipped_at FROM fulfillment f LEFT JOIN "
                                 "fulfillment_item fi ON fi.fulfillment_id = f.id WHERE f.id = ?1",
                                 "s", id);
    int rc, found = 0;
    if (!st)
        return -1;
    memset(out, 0, sizeof(*out));
    while ((rc = db_step(c, st)) == DB_ROW) {
        if (!found++) {
            out->id = db_col_dup(c, st, 0);
            out->order_id = db_col_dup(c, st, 1);
            out->canceled_at = db_col_dup(c, st, 2);
            out->no_notification = nn_col(st, 3);
            out->claim_order_id = db_col_dup(c, st, 6);
            out->swap_id = db_col_dup(c, st, 7);
            out->shipped_at = db_col_dup(c, st, 8);
        }
        if (db_col_null(st, 4))
            continue;
        out->items = arena_grow(&c->arena, out->items, out->nitems, sizeof(*out->items));
        out->items[out->nitems].item_id = db_col_dup(c, st, 4);
        out->items[out->nitems].quantity = db_col_int64(st, 5);
        out->nitems++;
    }
    db_reset(st);
    if (rc != DB_DONE)
        return -1;
    return found ? 0 : 1;
}

int db_fulfillment_ship(struct ctx *c, const char *id, const char *const *numbers, int n,
                        int no_notification)
{
    if (db_execf(c,
                 "UPDATE fulfillment SET shipped_at = " DB_NOW ", no_notification = CASE WHEN ?2 "
                 ">= 0 THEN ?2 ELSE no_notification END, updated_at = " DB_NOW " WHERE id = ?1",
                 "si", id, (int64_t)no_notification) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_execf(c,
                     "INSERT INTO tracking_link (id, tracking_number, fulfillment_id, created_at, "
                     "updated_at) VALUES (?1, ?2, ?3, " DB_NOW ", " DB_NOW ")",
                     "sss", db_new_id(c, "tlink"), numbers[i], id) < 0)
            return -1;
    return 0;
}

/* The payments of the prepared statement st (one owner), oldest first. */
static int payments_read(struct ctx *c, struct db_stmt *st, struct order_payment_row **out, int *n)
{
    struct order_payment_row *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        v[k].id = db_col_dup(c, st, 0);
        v[k].provider_id = db_col_dup(c, st, 1);
        v[k].data = db_col_dup(c, st, 2);
        v[k].captured_at = db_col_dup(c, st, 3);
        v[k].canceled_at = db_col_dup(c, st, 4);
        v[k].amount = db_col_int64(st, 5);
        v[k].amount_refunded = db_col_int64(st, 6);
        k++;
    }
    db_reset(st);
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

#define PAYMENT_SELECT                                                                             \
    "SELECT id, provider_id, data, captured_at, canceled_at, amount, amount_refunded FROM "        \
    "payment "

int db_order_payments(struct ctx *c, const char *order_id, struct order_payment_row **out, int *n)
{
    return payments_read(
        c, db_prep(c, PAYMENT_SELECT "WHERE order_id = ?1 ORDER BY created_at, id", "s", order_id),
        out, n);
}

int db_swap_payment(struct ctx *c, const char *swap_id, struct order_payment_row *out)
{
    struct order_payment_row *v;
    int n;
    if (payments_read(c, db_prep(c, PAYMENT_SELECT "WHERE swap_id = ?1", "s", swap_id), &v, &n) < 0)
        return -1;
    if (!n)
        return 1;
    *out = v[0];
    return 0;
}

int db_payment_set_data(struct ctx *c, const char *payment_id, const char *data)
{
    return db_execf(c, "UPDATE payment SET data = ?2, updated_at = " DB_NOW " WHERE id = ?1", "ss",
                    payment_id, data);
}

int db_order_paid(struct ctx *c, const char *order_id, int64_t *paid, int64_t *refunded)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT (SELECT coalesce(sum(amount), 0) FROM payment WHERE "
                                 "order_id = ?1 AND canceled_at IS NULL), (SELECT "
                                 "coalesce(sum(amount), 0) FROM refund WHERE order_id = ?1)",
                                 "s", order_id);
    if (db_one_row(c, st))
        return -1;
    *paid = db_col_int64(st, 0);
    *refunded = db_col_int64(st, 1);
    db_reset(st);
    return 0;
}

const char *db_refund_insert(struct ctx *c, const char *order_id, const char *payment_id,
                             int64_t amount, const char *reason, const char *note)
{
    const char *id = db_new_id(c, "ref");
    if (db_execf(c,
                 "INSERT INTO refund (id, order_id, payment_id, amount, reason, note, created_at, "
                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " DB_NOW ", " DB_NOW ")",
                 "sssiss", id, order_id, payment_id, amount, reason, note) < 0 ||
        (payment_id && db_execf(c,
                                "UPDATE payment SET amount_refunded = amount_refunded + ?2, "
                                "updated_at = " DB_NOW " WHERE id = ?1",
                                "si", payment_id, amount) < 0))
        return NULL;
    return id;
}

/* ---- the order export ------------------------------------------------------------------------ */

int db_orders_export_page(struct ctx *c, const char *before_created, const char *before_id,
                          int limit, struct order_export_row **out, int *n)
{
    struct db_stmt *st = db_prep(
        c,
        "SELECT o.id, o.status, o.created_at, o.fulfillment_status, o.payment_status, "
        "o.currency_code, o.region_id, o.display_id, cu.first_name, cu.last_name, cu.email, cu.id, "
        "a.address_1, a.address_2, a.country_code, a.city, a.postal_code, sc.name, sc.description "
        "FROM \"order\" o LEFT JOIN customer cu ON cu.id = o.customer_id "
        "LEFT JOIN address a ON a.id = o.shipping_address_id "
        "LEFT JOIN sales_channel sc ON sc.id = o.sales_channel_id "
        "WHERE ?1 IS NULL OR o.created_at < ?1 OR (o.created_at = ?1 AND o.id < ?2) "
        "ORDER BY o.created_at DESC, o.id DESC LIMIT ?3",
        "ssi", before_created, before_id, (int64_t)limit);
    struct order_export_row *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        struct order_export_row *r;
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        r = &v[k++];
        r->id = db_col_dup(c, st, 0);
        r->status = db_col_dup(c, st, 1);
        r->created_at = db_col_dup(c, st, 2);
        r->fulfillment_status = db_col_dup(c, st, 3);
        r->payment_status = db_col_dup(c, st, 4);
        r->currency_code = db_col_dup(c, st, 5);
        r->region_id = db_col_dup(c, st, 6);
        r->display_id = db_col_int64(st, 7);
        r->customer_first_name = db_col_dup(c, st, 8);
        r->customer_last_name = db_col_dup(c, st, 9);
        r->customer_email = db_col_dup(c, st, 10);
        r->customer_id = db_col_dup(c, st, 11);
        r->address_1 = db_col_dup(c, st, 12);
        r->address_2 = db_col_dup(c, st, 13);
        r->country_code = db_col_dup(c, st, 14);
        r->city = db_col_dup(c, st, 15);
        r->postal_code = db_col_dup(c, st, 16);
        r->channel_name = db_col_dup(c, st, 17);
        r->channel_description = db_col_dup(c, st, 18);
    }
    db_reset(st);
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

int64_t db_orders_count(struct ctx *c)
{
    struct db_stmt *st = db_prep(c, "SELECT count(*) FROM \"order\"", "");
    int64_t n;
    if (db_one_row(c, st))
        return -1;
    n = db_col_int64(st, 0);
    db_reset(st);
    return n;
}
