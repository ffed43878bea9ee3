/* returns.c: SQL of return requests (returns.h). */
#include "db/returns.h"

#include <json-c/json.h>

#include "core/json.h"
#include "core/ulid.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/internal.h"

#define NOW DB_NOW

int db_return_line_item(struct ctx *c, const char *id, int *canceled)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT (o.canceled_at IS NOT NULL OR s.canceled_at IS NOT NULL OR "
                "co.canceled_at IS NOT NULL) FROM line_item li "
                "LEFT JOIN \"order\" o ON o.id = li.order_id "
                "LEFT JOIN swap s ON s.id = li.swap_id "
                "LEFT JOIN claim_order co ON co.id = li.claim_order_id "
                "WHERE li.id = ?1",
                "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0)
        *canceled = db_col_int(st, 0);
    return rc;
}

int db_return_item_pending(struct ctx *c, const char *item_id, int64_t *quantity)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT coalesce(sum(ri.quantity), 0) FROM return_item ri JOIN "
                                 "\"return\" r ON r.id = ri.return_id WHERE ri.item_id = ?1 AND "
                                 "r.status <> 'canceled'",
                                 "s", item_id);
    int rc = db_one_row(c, st);
    if (rc)
        return -1;
    *quantity = db_col_int64(st, 0);
    db_reset(st);
    return 0;
}

int db_return_order_exists(struct ctx *c, const char *id)
{
    return db_exists(c, "SELECT 1 FROM \"order\" WHERE id = ?1", "s", id);
}

int db_return_reason_has_children(struct ctx *c, const char *id)
{
    return db_exists(c,
                     "SELECT 1 FROM return_reason WHERE parent_return_reason_id = ?1 "
                     "AND deleted_at IS NULL LIMIT 1",
                     "s", id);
}

int db_return_option(struct ctx *c, const char *id, struct return_option *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, provider_id, data, coalesce(amount, 0) FROM "
                                 "shipping_option WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->provider_id = db_col_dup(c, st, 1);
    out->data = db_col_dup(c, st, 2);
    out->amount = db_col_int64(st, 3);
    return 0;
}

const char *db_return_insert(struct ctx *c, const char *order_id, const char *swap_id,
                             const char *idempotency_key)
{
    const char *id = db_new_id(c, "ret");
    if (db_execf(c,
                 "INSERT INTO \"return\" (id, status, order_id, swap_id, no_notification, "
                 "refund_amount, idempotency_key, created_at, updated_at) VALUES (?1, 'requested', "
                 "CASE WHEN ?3 IS NULL THEN ?2 END, ?3, CASE WHEN ?3 IS NOT NULL THEN TRUE END, 0, "
                 "?4, " NOW ", " NOW ")",
                 "ssss", id, order_id, swap_id, idempotency_key) < 0)
        return NULL;
    return id;
}

int db_return_link_claim(struct ctx *c, const char *return_id, const char *claim_id)
{
    return db_execf(c, "UPDATE \"return\" SET claim_order_id = ?2 WHERE id = ?1", "ss", return_id,
                    claim_id);
}

int db_return_item_insert(struct ctx *c, const char *return_id, const char *item_id,
                          int64_t quantity, const char *reason_id, const char *note,
                          const char *metadata)
{
    return db_execf(c,
                    "INSERT INTO return_item (return_id, item_id, quantity, is_requested, "
                    "requested_quantity, reason_id, note, metadata) VALUES (?1, ?2, ?3, 1, ?3, "
                    "?4, ?5, ?6)",
                    "ssisss", return_id, item_id, quantity, reason_id, note, metadata);
}

const char *db_return_method_insert(struct ctx *c, const char *return_id, const char *option_id,
                                    int64_t price)
{
    const char *id = db_new_id(c, "sm");
    if (db_execf(c,
                 "INSERT INTO shipping_method (id, shipping_option_id, return_id, price, data) "
                 "VALUES (?1, ?2, ?3, ?4, '{}')",
                 "sssi", id, option_id, return_id, price) < 0)
        return NULL;
    return id;
}

int db_return_method_tax_line(struct ctx *c, const char *method_id, double rate, const char *name,
                              const char *code)
{
    return db_execf(c,
                    "INSERT INTO shipping_method_tax_line (id, rate, name, code, "
                    "shipping_method_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, " NOW
                    ", " NOW ")",
                    "sdsss", db_new_id(c, "smtl"), rate, name, code, method_id);
}

int db_return_finish(struct ctx *c, const char *id, int64_t refund_amount,
                     const char *shipping_data)
{
    return db_execf(
        c,
        "UPDATE \"return\" SET refund_amount = ?2, shipping_data = ?3, updated_at = " NOW
        " WHERE id = ?1",
        "sis", id, refund_amount, shipping_data);
}

struct json_object *db_return_json(struct ctx *c, const char *id)
{
    static const char *const rels[] = {"items", "items.reason", NULL};
    struct gsel *sel = gsel_build(c, &ent_return, NULL, rels);
    struct json_object *row = NULL;
    struct gquery q;
    int rc;
    gq_init(c, &q, &ent_return, sel);
    gq_where_text(&q, "%c.id = ?", id);
    if ((rc = gq_run_row(c, &q, &row)) == 1)
        err_set(c, ERR_NOT_FOUND, "Return with id %s was not found", id);
    return rc ? NULL : row;
}

/* ---- receiving and canceling ------------------------------------------------------------------
 */

int db_return_head(struct ctx *c, const char *id, struct return_head *out)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT id, status, order_id, swap_id, claim_order_id, refund_amount, "
                "no_notification FROM \"return\" WHERE id = ?1",
                "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->status = db_col_dup(c, st, 1);
    out->order_id = db_col_dup(c, st, 2);
    out->swap_id = db_col_dup(c, st, 3);
    out->claim_order_id = db_col_dup(c, st, 4);
    out->refund_amount = db_col_int64(st, 5);
    out->no_notification = db_col_null(st, 6) ? -1 : db_col_int(st, 6);
    db_reset(st);
    return 0;
}

int db_return_items(struct ctx *c, const char *return_id, struct return_item_row **out, int *n)
{
    struct db_stmt *st =
        db_prep(c, "SELECT item_id, quantity FROM return_item WHERE return_id = ?1 ORDER BY rowid",
                "s", return_id);
    struct return_item_row *v = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        v[k].item_id = db_col_dup(c, st, 0);
        v[k].quantity = db_col_int64(st, 1);
        k++;
    }
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

int db_return_item_received(struct ctx *c, const char *return_id, const char *item_id,
                            int64_t received)
{
    return db_execf(
        c,
        "INSERT INTO return_item (return_id, item_id, quantity, is_requested, "
        "received_quantity, metadata) VALUES (?1, ?2, ?3, 0, ?3, '{}') "
        "ON CONFLICT (return_id, item_id) DO UPDATE SET requested_quantity = "
        "return_item.quantity, is_requested = (return_item.quantity = excluded.quantity), "
        "quantity = excluded.quantity, received_quantity = excluded.quantity",
        "ssi", return_id, item_id, received);
}

int db_return_set_received(struct ctx *c, const char *id, int64_t refund_amount)
{
    return db_execf(c,
                    "UPDATE \"return\" SET status = 'received', received_at = " NOW
                    ", refund_amount = ?2, updated_at = " NOW " WHERE id = ?1",
                    "si", id, refund_amount);
}

int db_return_set_canceled(struct ctx *c, const char *id)
{
    return db_execf(c,
                    "UPDATE \"return\" SET status = 'canceled', updated_at = " NOW " WHERE id = ?1",
                    "s", id);
}

int db_item_returned(struct ctx *c, const char *item_id, int64_t n)
{
    if (db_execf(c,
                 "UPDATE line_item SET returned_quantity = coalesce(returned_quantity, 0) + ?2, "
                 "updated_at = " NOW " WHERE id = ?1",
                 "si", item_id, n) < 0)
        return -1;
    return db_execf(c,
                    "UPDATE product_variant SET inventory_quantity = inventory_quantity + ?2, "
                    "updated_at = " NOW " WHERE id = (SELECT variant_id FROM line_item WHERE id = "
                    "?1) AND manage_inventory = 1",
                    "si", item_id, n);
}

int db_order_all_returned(struct ctx *c, const char *order_id)
{
    int rc =
        db_exists(c,
                  "SELECT 1 FROM line_item WHERE order_id = ?1 AND coalesce(returned_quantity, "
                  "0) <> quantity",
                  "s", order_id);
    return rc < 0 ? -1 : !rc;
}

int db_return_set_no_notification(struct ctx *c, const char *id, int no_notification)
{
    return db_execf(c, "UPDATE \"return\" SET no_notification = ?2 WHERE id = ?1", "si", id,
                    (int64_t)no_notification);
}
