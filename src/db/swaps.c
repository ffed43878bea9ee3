/* swaps.c: SQL of swaps (swaps.h). */
#include "db/swaps.h"

#include "db/address.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/internal.h"

#define NOW DB_NOW

int db_swap_order(struct ctx *c, const char *order_id, struct swap_order *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, payment_status, fulfillment_status, region_id FROM "
                                 "\"order\" WHERE id = ?1",
                                 "s", order_id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->payment_status = db_col_dup(c, st, 1);
    out->fulfillment_status = db_col_dup(c, st, 2);
    out->region_id = db_col_dup(c, st, 3);
    db_reset(st);
    return 0;
}

const char *db_swap_insert(struct ctx *c, const char *order_id, const char *idempotency_key)
{
    const char *id = db_new_id(c, "swap");
    if (db_execf(c,
                 "INSERT INTO swap (id, fulfillment_status, payment_status, order_id, "
                 "no_notification, allow_backorder, idempotency_key, created_at, updated_at) "
                 "VALUES (?1, 'not_fulfilled', 'not_paid', ?2, 1, 0, ?3, " NOW ", " NOW ")",
                 "sss", id, order_id, idempotency_key) < 0)
        return NULL;
    return id;
}

int db_swap_item_attach(struct ctx *c, const char *swap_id, const char *line_id)
{
    return db_execf(c, "UPDATE line_item SET swap_id = ?2 WHERE id = ?1", "ss", line_id, swap_id);
}

const char *db_swap_cart_insert(struct ctx *c, const char *swap_id, const char *order_id)
{
    const char *id = db_new_id(c, "cart"), *billing, *shipping;
    /* The cart gets copies of the order's addresses: a change to the swap cart's address must
     * not rewrite the order's (issue #12). */
    billing =
        db_one_text(c, "SELECT billing_address_id FROM \"order\" WHERE id = ?1", "s", order_id);
    if ((billing && !(billing = db_address_copy(c, billing))) || c->err.type)
        return NULL;
    shipping =
        db_one_text(c, "SELECT shipping_address_id FROM \"order\" WHERE id = ?1", "s", order_id);
    if ((shipping && !(shipping = db_address_copy(c, shipping))) || c->err.type)
        return NULL;
    /* A customer's cart takes the customer's e-mail (CartService.create). */
    if (db_execf(c,
                 "INSERT INTO cart (id, type, email, billing_address_id, shipping_address_id, "
                 "region_id, customer_id, sales_channel_id, context, metadata, created_at, "
                 "updated_at) SELECT ?1, 'swap', coalesce(cu.email, o.email), ?4, ?5, "
                 "o.region_id, o.customer_id, o.sales_channel_id, '{}', "
                 "json_object('swap_id', ?2, 'parent_order_id', o.id), " NOW ", " NOW
                 " FROM \"order\" o LEFT JOIN customer cu ON cu.id = o.customer_id WHERE o.id = ?3",
                 "sssss", id, swap_id, order_id, billing, shipping) < 0)
        return NULL;
    if (db_execf(c,
                 "INSERT INTO cart_discounts (cart_id, discount_id) SELECT ?1, od.discount_id FROM "
                 "order_discounts od JOIN discount d ON d.id = od.discount_id JOIN discount_rule "
                 "r ON r.id = d.rule_id WHERE od.order_id = ?2 AND r.type != 'free_shipping'",
                 "ss", id, order_id) < 0 ||
        db_execf(c, "UPDATE line_item SET cart_id = ?2 WHERE swap_id = ?1", "ss", swap_id, id) <
            0 ||
        db_execf(c, "UPDATE swap SET cart_id = ?2, updated_at = " NOW " WHERE id = ?1", "ss",
                 swap_id, id) < 0)
        return NULL;
    return id;
}

/* The first column of every row of sql (one text parameter), arena-owned, NULL-terminated. */
static const char **column_list(struct ctx *c, const char *sql, const char *param)
{
    struct db_stmt *st = db_prep(c, sql, "s", param);
    const char **v;
    size_t n = 0, cap = 8;
    int rc;
    if (!st)
        return NULL;
    v = arena_alloc(&c->arena, sizeof(*v) * cap);
    while ((rc = db_step(c, st)) == DB_ROW) {
        if (n + 1 == cap) {
            const char **w = arena_alloc(&c->arena, sizeof(*w) * cap * 2);
            memcpy(w, v, sizeof(*v) * n);
            v = w;
            cap *= 2;
        }
        v[n++] = db_col_dup(c, st, 0);
    }
    db_reset(st);
    if (rc < 0)
        return NULL;
    v[n] = NULL;
    return v;
}

/* Copies the tax lines of line item `from` (or, method set, of shipping method `from`) to
 * line item `to`. */
static int copy_tax_lines(struct ctx *c, const char *from, const char *to, int method)
{
    const char **ids = column_list(c,
                                   method ? "SELECT id FROM shipping_method_tax_line WHERE "
                                            "shipping_method_id = ?1 ORDER BY created_at, id"
                                          : "SELECT id FROM line_item_tax_line WHERE item_id = "
                                            "?1 ORDER BY created_at, id",
                                   from);
    if (!ids)
        return -1;
    for (; *ids; ids++)
        if (db_execf(c,
                     method ? "INSERT INTO line_item_tax_line (id, rate, name, code, item_id, "
                              "metadata, created_at, updated_at) SELECT ?1, rate, name, code, ?2, "
                              "metadata, " NOW ", " NOW
                              " FROM shipping_method_tax_line WHERE id = ?3"
                            : "INSERT INTO line_item_tax_line (id, rate, name, code, item_id, "
                              "metadata, created_at, updated_at) SELECT ?1, rate, name, code, ?2, "
                              "metadata, " NOW ", " NOW " FROM line_item_tax_line WHERE id = ?3",
                     "sss", db_new_id(c, "litl"), to, *ids) < 0)
            return -1;
    return 0;
}

static int return_shipping_line(struct ctx *c, const char *return_id, const char *cart_id)
{
    const char **methods =
        column_list(c, "SELECT id FROM shipping_method WHERE return_id = ?1", return_id);
    const char *line;
    if (!methods)
        return -1;
    if (!*methods)
        return 0;
    line = db_new_id(c, "item");
    if (db_execf(c,
                 "INSERT INTO line_item (id, cart_id, title, is_return, has_shipping, "
                 "allow_discounts, unit_price, quantity, created_at, updated_at) SELECT ?1, ?2, "
                 "'Return shipping', 1, 1, 0, price, 1, " NOW ", " NOW
                 " FROM shipping_method WHERE id = ?3",
                 "sss", line, cart_id, methods[0]) < 0)
        return -1;
    return copy_tax_lines(c, methods[0], line, 1);
}

int db_swap_cart_return_lines(struct ctx *c, const char *return_id, const char *cart_id)
{
    const char **items;
    if (return_shipping_line(c, return_id, cart_id) < 0)
        return -1;
    items = column_list(c, "SELECT item_id FROM return_item WHERE return_id = ?1 ORDER BY rowid",
                        return_id);
    if (!items)
        return -1;
    for (; *items; items++) {
        const char *line = db_new_id(c, "item"), **adj;
        if (db_execf(c,
                     "INSERT INTO line_item (id, cart_id, thumbnail, is_return, title, variant_id, "
                     "product_id, unit_price, quantity, allow_discounts, includes_tax, metadata, "
                     "created_at, updated_at) SELECT ?1, ?2, li.thumbnail, 1, li.title, "
                     "li.variant_id, li.product_id, -li.unit_price, ri.quantity, "
                     "li.allow_discounts, li.includes_tax, li.metadata, " NOW ", " NOW
                     " FROM line_item li JOIN return_item ri ON ri.item_id = li.id AND "
                     "ri.return_id = ?3 WHERE li.id = ?4",
                     "ssss", line, cart_id, return_id, *items) < 0 ||
            copy_tax_lines(c, *items, line, 0) < 0)
            return -1;
        adj = column_list(
            c, "SELECT id FROM line_item_adjustment WHERE item_id = ?1 ORDER BY rowid", *items);
        if (!adj)
            return -1;
        for (; *adj; adj++)
            if (db_execf(c,
                         "INSERT INTO line_item_adjustment (id, item_id, description, "
                         "discount_id, amount, metadata) SELECT ?1, ?2, description, "
                         "discount_id, -amount, metadata FROM line_item_adjustment WHERE id = ?3",
                         "sss", db_new_id(c, "lia"), line, *adj) < 0)
                return -1;
    }
    return 0;
}

int db_swap_by_cart(struct ctx *c, const char *cart_id, struct swap_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, order_id, canceled_at, confirmed_at, allow_backorder, "
                                 "coalesce(no_notification, -1) FROM swap WHERE cart_id = ?1 AND "
                                 "deleted_at IS NULL",
                                 "s", cart_id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->order_id = db_col_dup(c, st, 1);
    out->canceled_at = db_col_dup(c, st, 2);
    out->confirmed_at = db_col_dup(c, st, 3);
    out->allow_backorder = db_col_int(st, 4);
    out->no_notification = db_col_int(st, 5);
    db_reset(st);
    return 0;
}

int db_swap_confirm(struct ctx *c, const struct swap_row *s, const char *cart_id,
                    int64_t difference_due, const char *payment_id, const char *payment_status,
                    const char *now)
{
    if (db_execf(c,
                 "UPDATE swap SET difference_due = ?2, shipping_address_id = (SELECT "
                 "shipping_address_id FROM cart WHERE id = ?3), confirmed_at = ?4, payment_status "
                 "= ?5, updated_at = ?4 WHERE id = ?1",
                 "sisss", s->id, difference_due, cart_id, now, payment_status) < 0 ||
        db_execf(c, "UPDATE shipping_method SET swap_id = ?2 WHERE cart_id = ?1", "ss", cart_id,
                 s->id) < 0)
        return -1;
    if (payment_id && db_execf(c,
                               "UPDATE payment SET swap_id = ?2, order_id = ?3, updated_at = ?4 "
                               "WHERE id = ?1",
                               "ssss", payment_id, s->id, s->order_id, now) < 0)
        return -1;
    return db_execf(c, "UPDATE cart SET completed_at = ?2, updated_at = ?2 WHERE id = ?1", "ss",
                    cart_id, now);
}

int db_swap_get(struct ctx *c, const char *id, struct swap_admin_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, order_id, payment_status, fulfillment_status, "
                                 "confirmed_at, canceled_at, cart_id, difference_due, "
                                 "coalesce(no_notification, -1) FROM swap WHERE id = ?1 AND "
                                 "deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->order_id = db_col_dup(c, st, 1);
    out->payment_status = db_col_dup(c, st, 2);
    out->fulfillment_status = db_col_dup(c, st, 3);
    out->confirmed_at = db_col_dup(c, st, 4);
    out->canceled_at = db_col_dup(c, st, 5);
    out->cart_id = db_col_dup(c, st, 6);
    out->has_difference = !db_col_null(st, 7);
    out->difference_due = db_col_int64(st, 7);
    out->no_notification = db_col_int(st, 8);
    db_reset(st);
    return 0;
}

int db_swap_set_flags(struct ctx *c, const char *id, int no_notification, int allow_backorder)
{
    return db_execf(c,
                    "UPDATE swap SET no_notification = CASE WHEN ?2 < 0 THEN NULL ELSE "
                    "?2 END, allow_backorder = ?3 WHERE id = ?1",
                    "sib", id, (int64_t)no_notification, allow_backorder);
}

int db_swap_set_status(struct ctx *c, const char *id, const char *column, const char *value)
{
    if (!strcmp(column, "payment_status"))
        return db_execf(c,
                        "UPDATE swap SET payment_status = ?2, updated_at = " NOW " WHERE id = ?1",
                        "ss", id, value);
    return db_execf(c,
                    "UPDATE swap SET fulfillment_status = ?2, updated_at = " NOW " WHERE id = ?1",
                    "ss", id, value);
}

int db_swap_payment_capture(struct ctx *c, const char *swap_id)
{
    return db_execf(c,
                    "UPDATE payment SET captured_at = " NOW ", data = CASE provider_id WHEN "
                    "'manual' THEN '{\"status\":\"captured\"}' ELSE data END, updated_at = " NOW
                    " WHERE swap_id = ?1 AND captured_at IS NULL AND canceled_at IS NULL",
                    "s", swap_id);
}

int db_swap_set_canceled(struct ctx *c, const char *id)
{
    if (db_execf(c,
                 "UPDATE payment SET canceled_at = " NOW ", data = CASE provider_id WHEN 'manual' "
                 "THEN '{\"status\":\"canceled\"}' ELSE data END, updated_at = " NOW
                 " WHERE swap_id = ?1 AND canceled_at IS NULL",
                 "s", id) < 0)
        return -1;
    return db_execf(c,
                    "UPDATE swap SET canceled_at = " NOW ", fulfillment_status = 'canceled', "
                    "payment_status = 'canceled', updated_at = " NOW " WHERE id = ?1",
                    "s", id);
}

int db_swap_cancel_blockers(struct ctx *c, const char *id, int64_t n[2])
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT (SELECT count(*) FROM fulfillment WHERE swap_id = ?1 AND "
                                 "canceled_at IS NULL), (SELECT count(*) FROM \"return\" WHERE "
                                 "swap_id = ?1 AND status != 'canceled')",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc < 0 ? -1 : 0;
    n[0] = db_col_int64(st, 0);
    n[1] = db_col_int64(st, 1);
    db_reset(st);
    return 0;
}

struct json_object *db_swap_json(struct ctx *c, const char *id, const char *cart_id,
                                 enum swap_view view)
{
    /* defaultStoreSwapFields and defaultStoreSwapRelations of Medusa's store swap routes; a
     * return's items and a fulfillment's items are eager in Medusa's models. */
    static const char *const created_fields[] = {"id",
                                                 "fulfillment_status",
                                                 "payment_status",
                                                 "order_id",
                                                 "difference_due",
                                                 "shipping_address_id",
                                                 "cart_id",
                                                 "confirmed_at",
                                                 "created_at",
                                                 "updated_at",
                                                 "deleted_at",
                                                 "metadata",
                                                 "idempotency_key",
                                                 NULL};
    static const char *const store_rels[] = {"order",
                                             "additional_items",
                                             "additional_items.variant",
                                             "return_order",
                                             "return_order.items",
                                             "return_order.shipping_method",
                                             "return_order.shipping_method.shipping_option",
                                             "fulfillments",
                                             "fulfillments.items",
                                             "payment",
                                             "shipping_address",
                                             "shipping_methods",
                                             "shipping_methods.shipping_option",
                                             "cart",
                                             NULL};
    static const char *const completed_rels[] = {"shipping_address", NULL};
    struct gsel *sel = gsel_build(c, &ent_swap, view == SWAP_VIEW_CREATED ? created_fields : NULL,
                                  view == SWAP_VIEW_CART_COMPLETED ? completed_rels : store_rels);
    struct json_object *row = NULL;
    struct gquery q;
    int rc;
    gq_init(c, &q, &ent_swap, sel);
    if (id)
        gq_where_text(&q, "%c.id = ?", id);
    else
        gq_where_text(&q, "%c.cart_id = ?", cart_id);
    if ((rc = gq_run_row(c, &q, &row)) == 1)
        err_set(c, ERR_NOT_FOUND, "Swap was not found");
    return rc ? NULL : row;
}
