/* claims.c: SQL of claims and refunds (claims.h). */
#include "db/claims.h"

#include <stdlib.h>
#include <string.h>

#include "core/sbuf.h"

#include "db/internal.h"

#define NOW DB_NOW

int db_claim_order(struct ctx *c, const char *order_id, struct claim_order_info *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, status, region_id, shipping_address_id, "
                                 "coalesce(no_notification, -1) FROM \"order\" WHERE id = ?1",
                                 "s", order_id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->status = db_col_dup(c, st, 1);
    out->region_id = db_col_dup(c, st, 2);
    out->shipping_address_id = db_col_dup(c, st, 3);
    out->no_notification = db_col_int(st, 4);
    db_reset(st);
    return 0;
}

int db_claim_line(struct ctx *c, const char *item_id, struct claim_line_row *out)
{
    struct db_stmt *st = db_prep(
        c,
        "SELECT li.id, li.variant_id, coalesce(li.order_id, s.order_id, co.order_id), "
        "li.quantity, coalesce(li.fulfilled_quantity, 0), coalesce(li.shipped_quantity, 0), "
        "(o.canceled_at IS NOT NULL OR s.canceled_at IS NOT NULL OR co.canceled_at IS NOT NULL) "
        "FROM line_item li LEFT JOIN \"order\" o ON o.id = li.order_id LEFT JOIN swap s ON s.id = "
        "li.swap_id LEFT JOIN claim_order co ON co.id = li.claim_order_id WHERE li.id = ?1",
        "s", item_id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->variant_id = db_col_dup(c, st, 1);
    out->order_id = db_col_dup(c, st, 2);
    out->quantity = db_col_int64(st, 3);
    out->fulfilled_quantity = db_col_int64(st, 4);
    out->shipped_quantity = db_col_int64(st, 5);
    out->canceled = db_col_int(st, 6);
    db_reset(st);
    return 0;
}

int db_claimed_quantity(struct ctx *c, const char *item_id, int64_t *out)
{
    const char *v = db_one_text(c,
                                "SELECT total(ci.quantity) FROM claim_item ci JOIN claim_order co "
                                "ON co.id = ci.claim_order_id WHERE ci.item_id = ?1 AND "
                                "ci.deleted_at IS NULL AND co.canceled_at IS NULL",
                                "s", item_id);
    if (!v)
        return c->err.type ? -1 : (*out = 0, 0);
    *out = (int64_t)strtod(v, NULL);
    return 0;
}

int db_claim_get(struct ctx *c, const char *id, struct claim_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, order_id, type, payment_status, fulfillment_status, "
                                 "canceled_at, refund_amount, coalesce(no_notification, -1) FROM "
                                 "claim_order WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->order_id = db_col_dup(c, st, 1);
    out->type = db_col_dup(c, st, 2);
    out->payment_status = db_col_dup(c, st, 3);
    out->fulfillment_status = db_col_dup(c, st, 4);
    out->canceled_at = db_col_dup(c, st, 5);
    out->has_refund_amount = !db_col_null(st, 6);
    out->refund_amount = db_col_int64(st, 6);
    out->no_notification = db_col_int(st, 7);
    db_reset(st);
    return 0;
}

const char *db_claim_insert(struct ctx *c, const char *order_id, const char *type, int has_refund,
                            int64_t refund_amount, const char *address_id, int no_notification,
                            const char *metadata, const char *idempotency_key)
{
    const char *id = db_new_id(c, "claim");
    if (db_execf(c,
                 "INSERT INTO claim_order (id, payment_status, fulfillment_status, type, order_id, "
                 "shipping_address_id, refund_amount, no_notification, idempotency_key, metadata, "
                 "created_at, updated_at) VALUES (?1, CASE ?3 WHEN 'refund' THEN 'not_refunded' "
                 "ELSE 'na' END, 'not_fulfilled', ?3, ?2, ?4, CASE WHEN ?5 THEN ?6 END, CASE WHEN "
                 "?7 >= 0 THEN ?7 END, ?8, ?9, " NOW ", " NOW ")",
                 "ssssbiiss", id, order_id, type, address_id, has_refund, refund_amount,
                 (int64_t)no_notification, idempotency_key, metadata) < 0)
        return NULL;
    return id;
}

int db_claim_set(struct ctx *c, const char *id, const char *column, const char *value)
{
    static const char *const cols[] = {"payment_status", "fulfillment_status", "metadata", NULL};
    const char *const *col = cols;
    while (*col && strcmp(*col, column))
        col++;
    if (!*col)
        return err_set(c, ERR_UNKNOWN, "db_claim_set: column '%s'", column);
    return db_execf(
        c,
        !strcmp(column, "payment_status")
            ? "UPDATE claim_order SET payment_status = ?2, updated_at = " NOW " WHERE id = ?1"
        : !strcmp(column, "fulfillment_status")
            ? "UPDATE claim_order SET fulfillment_status = ?2, updated_at = " NOW " WHERE id = ?1"
            : "UPDATE claim_order SET metadata = ?2, updated_at = " NOW " WHERE id = ?1",
        "ss", id, value);
}

int db_claim_set_canceled(struct ctx *c, const char *id)
{
    return db_execf(c,
                    "UPDATE claim_order SET fulfillment_status = 'canceled', canceled_at = " NOW
                    ", updated_at = " NOW " WHERE id = ?1",
                    "s", id);
}

int db_claim_set_no_notification(struct ctx *c, const char *id, int no_notification)
{
    return db_execf(
        c, "UPDATE claim_order SET no_notification = ?2, updated_at = " NOW " WHERE id = ?1", "sb",
        id, no_notification);
}

int db_claim_cancel_blockers(struct ctx *c, const char *id, int64_t n[2])
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT (SELECT count(*) FROM fulfillment WHERE claim_order_id = ?1 "
                "AND canceled_at IS NULL), (SELECT count(*) FROM \"return\" WHERE "
                "claim_order_id = ?1 AND status != 'canceled')",
                "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc < 0 ? -1 : 0;
    n[0] = db_col_int64(st, 0);
    n[1] = db_col_int64(st, 1);
    db_reset(st);
    return 0;
}

const char *db_claim_item_insert(struct ctx *c, const char *claim_id, const char *item_id,
                                 const char *variant_id, const char *reason, const char *note,
                                 int64_t quantity, const char *metadata)
{
    const char *id = db_new_id(c, "citm");
    if (db_execf(c,
                 "INSERT INTO claim_item (id, claim_order_id, item_id, variant_id, reason, note, "
                 "quantity, metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                 "?8, " NOW ", " NOW ")",
                 "ssssssis", id, claim_id, item_id, variant_id, reason, note, quantity,
                 metadata) < 0)
        return NULL;
    return id;
}

int db_claim_item_of(struct ctx *c, const char *claim_id, const char *claim_item_id)
{
    int rc = db_exists(c,
                       "SELECT 1 FROM claim_item WHERE id = ?1 AND claim_order_id = ?2 AND "
                       "deleted_at IS NULL",
                       "ss", claim_item_id, claim_id);
    return rc < 0 ? -1 : !rc;
}

int db_claim_item_update(struct ctx *c, const char *id, const char *reason, const char *note,
                         const char *metadata)
{
    return db_execf(c,
                    "UPDATE claim_item SET reason = coalesce(?2, reason), note = coalesce(?3, "
                    "note), metadata = coalesce(?4, metadata), updated_at = " NOW " WHERE id = ?1",
                    "ssss", id, reason, note, metadata);
}

int db_claim_image_add(struct ctx *c, const char *claim_item_id, const char *url)
{
    return db_execf(c,
                    "INSERT INTO claim_image (id, claim_item_id, url, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, " NOW ", " NOW ")",
                    "sss", db_new_id(c, "cimg"), claim_item_id, url);
}

int db_claim_images_keep(struct ctx *c, const char *claim_item_id, const char *const *keep, int n)
{
    struct sbuf ids = SBUF_INIT;
    int rc;
    sbuf_adds(&ids, "[");
    for (int i = 0; i < n; i++)
        sbuf_addf(&ids, "%s\"%s\"", i ? "," : "", keep[i]);
    sbuf_adds(&ids, "]");
    rc = db_execf(c,
                  "UPDATE claim_image SET deleted_at = " NOW ", updated_at = " NOW
                  " WHERE claim_item_id = ?1 AND deleted_at IS NULL AND id NOT IN (SELECT value "
                  "FROM json_each(?2))",
                  "ss", claim_item_id, ids.buf);
    sbuf_release(&ids);
    return rc;
}

int db_claim_tag_add(struct ctx *c, const char *claim_item_id, const char *value)
{
    const char *tag = db_one_text(
        c, "SELECT id FROM claim_tag WHERE value = ?1 AND deleted_at IS NULL ORDER BY created_at",
        "s", value);
    if (!tag) {
        if (c->err.type)
            return -1;
        tag = db_new_id(c, "ctag");
        if (db_execf(
                c,
                "INSERT INTO claim_tag (id, value, created_at, updated_at) VALUES (?1, ?2, " NOW
                ", " NOW ")",
                "ss", tag, value) < 0)
            return -1;
    }
    return db_execf(c, "INSERT OR IGNORE INTO claim_item_tags (item_id, tag_id) VALUES (?1, ?2)",
                    "ss", claim_item_id, tag);
}

int db_claim_tag_link(struct ctx *c, const char *claim_item_id, const char *tag_id)
{
    int rc =
        db_exists(c, "SELECT 1 FROM claim_tag WHERE id = ?1 AND deleted_at IS NULL", "s", tag_id);
    if (rc <= 0)
        return rc < 0 ? -1 : 1;
    return db_execf(c, "INSERT OR IGNORE INTO claim_item_tags (item_id, tag_id) VALUES (?1, ?2)",
                    "ss", claim_item_id, tag_id);
}

int db_claim_tags_clear(struct ctx *c, const char *claim_item_id)
{
    return db_execf(c, "DELETE FROM claim_item_tags WHERE item_id = ?1", "s", claim_item_id);
}

int db_claim_line_attach(struct ctx *c, const char *claim_id, const char *line_id)
{
    return db_execf(c, "UPDATE line_item SET claim_order_id = ?2 WHERE id = ?1", "ss", line_id,
                    claim_id);
}

int db_claim_method_add(struct ctx *c, const char *claim_id, const char *option_id, int64_t price,
                        const char *data)
{
    return db_execf(c,
                    "INSERT INTO shipping_method (id, shipping_option_id, claim_order_id, price, "
                    "data) VALUES (?1, ?2, ?3, ?4, ?5)",
                    "sssis", db_new_id(c, "sm"), option_id, claim_id, price, data);
}

int db_claim_items(struct ctx *c, const char *claim_id, struct order_item_row **out, int *n)
{
    return db_owned_items(c, 0, claim_id, out, n);
}

int db_owned_items(struct ctx *c, int swap, const char *owner_id, struct order_item_row **out,
                   int *n)
{
    /* One statement per owner, each on its column's index (a CASE over both scans the table). */
    static const char *const sql[2] = {
        DB_ITEM_SELECT "WHERE li.claim_order_id = ?1 AND li.is_return = 0 ORDER BY li.created_at, "
                       "li.id",
        DB_ITEM_SELECT "WHERE li.swap_id = ?1 AND li.is_return = 0 ORDER BY li.created_at, li.id",
    };
    return db_items_read(c, db_prep(c, sql[swap != 0], "s", owner_id), out, n);
}

int db_claim_methods(struct ctx *c, const char *claim_id, struct order_method_row **out, int *n)
{
    return db_owned_methods(c, 0, claim_id, out, n);
}

int db_owned_methods(struct ctx *c, int swap, const char *owner_id, struct order_method_row **out,
                     int *n)
{
    static const char *const sql[2] = {
        DB_METHOD_SELECT "WHERE m.claim_order_id = ?1 ORDER BY m.id",
        DB_METHOD_SELECT "WHERE m.swap_id = ?1 ORDER BY m.id",
    };
    return db_methods_read(c, db_prep(c, sql[swap != 0], "s", owner_id), out, n);
}
