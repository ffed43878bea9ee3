/* order_edit.c: SQL of order edits (order_edit.h). */
#include "db/order_edit.h"

#include <json-c/json.h>
#include <string.h>

#include "db/entities.h"
#include "db/graph.h"
#include "db/internal.h"

/* The status rule of ent_order_edit (store.md §9): the last timestamp set wins. */
#define STATUS                                                                                     \
    "CASE WHEN canceled_at IS NOT NULL THEN 'canceled' WHEN confirmed_at IS NOT NULL THEN "        \
    "'confirmed' WHEN declined_at IS NOT NULL THEN 'declined' WHEN requested_at IS NOT NULL THEN " \
    "'requested' ELSE 'created' END"

int db_order_edit_get(struct ctx *c, const char *id, struct order_edit_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, order_id, " STATUS ", payment_collection_id, "
                                 "requested_at FROM order_edit WHERE id = ?1",
                                 "s", id);
    int rc;
    if (!st)
        return -1;
    rc = db_step(c, st);
    if (rc != DB_ROW)
        return rc == DB_DONE ? 1 : -1;
    out->id = db_col_dup(c, st, 0);
    out->order_id = db_col_dup(c, st, 1);
    out->status = db_col_dup(c, st, 2);
    out->payment_collection_id = db_col_dup(c, st, 3);
    out->requested_at = db_col_dup(c, st, 4);
    return 0;
}

int db_order_edit_decline(struct ctx *c, const char *id, const char *reason, const char *by,
                          const char *now)
{
    return db_execf(c,
                    "UPDATE order_edit SET declined_at = ?4, declined_reason = ?2, "
                    "declined_by = ?3, updated_at = ?4 WHERE id = ?1",
                    "ssss", id, reason, by, now);
}

/* Per managed variant of the order or the edit: the units the edit's lines hold less those the
 * order's lines hold now (?1 the order, ?2 the edit). */
#define EDIT_STOCK_DELTA                                                                           \
    "(coalesce((SELECT sum(quantity) FROM line_item WHERE order_edit_id = ?2 AND variant_id = "    \
    "product_variant.id), 0) - coalesce((SELECT sum(quantity) FROM line_item WHERE order_id = ?1 " \
    "AND (order_edit_id IS NULL OR order_edit_id != ?2) AND variant_id = product_variant.id), 0))"
#define EDIT_STOCK_VARIANTS                                                                        \
    "manage_inventory = 1 AND id IN (SELECT variant_id FROM line_item WHERE order_edit_id = ?2 "   \
    "UNION SELECT variant_id FROM line_item WHERE order_id = ?1)"

const char *db_order_edit_stock_short(struct ctx *c, const struct order_edit_row *e)
{
    return db_one_text(c,
                       "SELECT id FROM product_variant WHERE " EDIT_STOCK_VARIANTS
                       " AND allow_backorder = 0 AND " EDIT_STOCK_DELTA
                       " > 0 AND inventory_quantity - " EDIT_STOCK_DELTA " < 0 ORDER BY id LIMIT 1",
                       "ss", e->order_id, e->id);
}

int db_order_edit_confirm(struct ctx *c, const struct order_edit_row *e, const char *by,
                          const char *now)
{
    /* Stock follows the edit: added units are taken, removed ones come back (a cancel gives back
     * what the order's lines hold then, so this keeps stock moving once). */
    if (db_execf(
            c,
            "UPDATE product_variant SET inventory_quantity = inventory_quantity - " EDIT_STOCK_DELTA
            ", updated_at = ?3 WHERE " EDIT_STOCK_VARIANTS,
            "sss", e->order_id, e->id, now) < 0)
        return -1;
    if (db_execf(c,
                 "UPDATE order_edit SET confirmed_at = ?3, confirmed_by = ?2, updated_at = ?3 "
                 "WHERE id = ?1",
                 "sss", e->id, by, now) < 0 ||
        db_execf(c,
                 "UPDATE line_item SET order_id = NULL, updated_at = ?3 WHERE order_id = ?1 AND "
                 "(order_edit_id IS NULL OR order_edit_id != ?2)",
                 "sss", e->order_id, e->id, now) < 0)
        return -1;
    return db_execf(c,
                    "UPDATE line_item SET order_id = ?1, updated_at = ?3 WHERE order_edit_id = ?2",
                    "sss", e->order_id, e->id, now);
}

int db_order_edit_payments_relink(struct ctx *c, const char *paycol_id, const char *order_id)
{
    return db_execf(c,
                    "UPDATE payment SET order_id = ?2 WHERE id IN (SELECT payment_id FROM "
                    "payment_collection_payments WHERE payment_collection_id = ?1)",
                    "ss", paycol_id, order_id);
}

struct json_object *db_order_edit_json(struct ctx *c, const char *id, struct gsel *sel)
{
    struct json_object *row = NULL;
    struct gquery q;
    int rc;
    gq_init(c, &q, &ent_order_edit, sel);
    gq_where_text(&q, "%c.id = ?", id);
    if ((rc = gq_run_row(c, &q, &row)) == 1)
        err_set(c, ERR_NOT_FOUND, "Order edit with id %s was not found", id);
    return rc ? NULL : row;
}

/* ---- the admin's side ---------------------------------------------------------------------- */

int db_order_edit_order(struct ctx *c, const char *order_id, struct order_edit_order *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, region_id, currency_code, customer_id FROM \"order\" "
                                 "WHERE id = ?1",
                                 "s", order_id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->region_id = db_col_dup(c, st, 1);
    out->currency_code = db_col_dup(c, st, 2);
    out->customer_id = db_col_dup(c, st, 3);
    return 0;
}

const char *db_order_edit_active(struct ctx *c, const char *order_id)
{
    return db_one_text(c,
                       "SELECT id FROM order_edit WHERE order_id = ?1 AND confirmed_at IS NULL AND "
                       "canceled_at IS NULL AND declined_at IS NULL LIMIT 1",
                       "s", order_id);
}

const char *db_order_edit_insert(struct ctx *c, const char *order_id, const char *internal_note,
                                 const char *created_by)
{
    const char *id = db_new_id(c, "oe");
    if (db_execf(c,
                 "INSERT INTO order_edit (id, order_id, internal_note, created_by) "
                 "VALUES (?1, ?2, ?3, ?4)",
                 "ssss", id, order_id, internal_note, created_by) < 0)
        return NULL;
    return id;
}

/* The ids selected by sql (one text parameter), as an arena array. */
static int ids_where(struct ctx *c, const char *sql, const char *param, const char ***out, int *n)
{
    struct db_stmt *st = db_prep(c, sql, "s", param);
    const char **v = NULL;
    int rc, cap = 0;
    *n = 0;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        if (*n == cap) {
            const char **g = arena_alloc(&c->arena, sizeof(*g) * (size_t)(cap = cap ? cap * 2 : 8));
            if (*n)
                memcpy(g, v, sizeof(*g) * (size_t)*n);
            v = g;
        }
        v[(*n)++] = db_col_dup(c, st, 0);
    }
    db_reset(st);
    *out = v;
    return rc == DB_DONE ? 0 : -1;
}

/* Copies the tax lines and adjustments of item from onto item to, each with a new id. */
static int clone_item_children(struct ctx *c, const char *from, const char *to)
{
    const char **ids;
    int n;
    if (ids_where(c, "SELECT id FROM line_item_tax_line WHERE item_id = ?1 ORDER BY rowid", from,
                  &ids, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_execf(c,
                     "INSERT INTO line_item_tax_line (id, rate, name, code, item_id, metadata, "
                     "created_at, updated_at) SELECT ?1, rate, name, code, ?2, metadata, "
                     "created_at, updated_at FROM line_item_tax_line WHERE id = ?3",
                     "sss", db_new_id(c, "litl"), to, ids[i]) < 0)
            return -1;
    if (ids_where(c, "SELECT id FROM line_item_adjustment WHERE item_id = ?1 ORDER BY rowid", from,
                  &ids, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_execf(c,
                     "INSERT INTO line_item_adjustment (id, item_id, description, discount_id, "
                     "amount, metadata) SELECT ?1, ?2, description, discount_id, amount, metadata "
                     "FROM line_item_adjustment WHERE id = ?3",
                     "sss", db_new_id(c, "lia"), to, ids[i]) < 0)
            return -1;
    return 0;
}

int db_order_edit_clone_items(struct ctx *c, const char *edit_id, const char *order_id)
{
    const char **ids;
    int n;
    if (ids_where(c, "SELECT id FROM line_item WHERE order_id = ?1 ORDER BY created_at, id",
                  order_id, &ids, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        const char *id = db_new_id(c, "item");
        if (db_execf(c,
                     "INSERT INTO line_item (id, original_item_id, order_edit_id, title, "
                     "description, thumbnail, is_return, is_giftcard, should_merge, "
                     "allow_discounts, has_shipping, unit_price, variant_id, product_id, "
                     "quantity, fulfilled_quantity, returned_quantity, shipped_quantity, "
                     "includes_tax, metadata, created_at, updated_at) SELECT ?1, id, ?2, title, "
                     "description, thumbnail, is_return, is_giftcard, should_merge, "
                     "allow_discounts, has_shipping, unit_price, variant_id, product_id, "
                     "quantity, fulfilled_quantity, returned_quantity, shipped_quantity, "
                     "includes_tax, metadata, created_at, updated_at FROM line_item WHERE id = ?3",
                     "sss", id, edit_id, ids[i]) < 0 ||
            clone_item_children(c, ids[i], id) < 0)
            return -1;
    }
    return 0;
}

int db_order_edit_request(struct ctx *c, const char *id, const char *by, const char *now)
{
    return db_execf(c,
                    "UPDATE order_edit SET requested_at = ?3, requested_by = ?2, updated_at = ?3 "
                    "WHERE id = ?1",
                    "sss", id, by, now);
}

int db_order_edit_cancel(struct ctx *c, const char *id, const char *by, const char *now)
{
    return db_execf(c,
                    "UPDATE order_edit SET canceled_at = ?3, canceled_by = ?2, updated_at = ?3 "
                    "WHERE id = ?1",
                    "sss", id, by, now);
}

int db_order_edit_set_paycol(struct ctx *c, const char *id, const char *paycol_id)
{
    return db_execf(c,
                    "UPDATE order_edit SET payment_collection_id = ?2, updated_at = " DB_NOW
                    " WHERE id = ?1",
                    "ss", id, paycol_id);
}

int db_order_edit_line(struct ctx *c, const char *item_id, struct order_edit_line *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, order_edit_id, original_item_id, "
                                 "coalesce(returned_quantity, 0) FROM line_item WHERE id = ?1",
                                 "s", item_id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->order_edit_id = db_col_dup(c, st, 1);
    out->original_item_id = db_col_dup(c, st, 2);
    out->returned_quantity = db_col_int64(st, 3);
    db_reset(st);
    return 0;
}

int db_order_edit_line_quantity(struct ctx *c, const char *item_id, int64_t quantity)
{
    return db_execf(c, "UPDATE line_item SET quantity = ?2, updated_at = " DB_NOW " WHERE id = ?1",
                    "si", item_id, quantity);
}

int db_order_edit_line_adopt(struct ctx *c, const char *item_id, const char *edit_id)
{
    return db_execf(c, "UPDATE line_item SET order_edit_id = ?2, has_shipping = NULL WHERE id = ?1",
                    "ss", item_id, edit_id);
}

const char *db_order_edit_change_insert(struct ctx *c, const char *edit_id, const char *type,
                                        const char *original_id, const char *line_id)
{
    const char *id = db_new_id(c, "oic");
    if (db_execf(c,
                 "INSERT INTO order_item_change (id, type, order_edit_id, original_line_item_id, "
                 "line_item_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                 "sssss", id, type, edit_id, original_id, line_id) < 0)
        return NULL;
    return id;
}

const char *db_order_edit_change_of_line(struct ctx *c, const char *item_id)
{
    return db_one_text(c, "SELECT id FROM order_item_change WHERE line_item_id = ?1", "s", item_id);
}

int db_order_edit_change_delete(struct ctx *c, const char *change_id)
{
    return db_execf(c, "DELETE FROM order_item_change WHERE id = ?1", "s", change_id);
}

int db_order_edit_change_count(struct ctx *c, const char *edit_id)
{
    struct db_stmt *st =
        db_prep(c, "SELECT count(*) FROM order_item_change WHERE order_edit_id = ?1", "s", edit_id);
    int rc = db_one_row(c, st);
    return rc ? -1 : db_col_int(st, 0);
}

int db_order_edit_set_note(struct ctx *c, const char *id, const char *internal_note)
{
    return db_execf(
        c, "UPDATE order_edit SET internal_note = ?2, updated_at = " DB_NOW " WHERE id = ?1", "ss",
        id, internal_note);
}

int db_order_edit_delete(struct ctx *c, const char *id, const char ***changes, int *n)
{
    if (ids_where(c, "SELECT id FROM order_item_change WHERE order_edit_id = ?1", id, changes, n) <
            0 ||
        db_execf(c, "DELETE FROM order_item_change WHERE order_edit_id = ?1", "s", id) < 0 ||
        db_execf(c, "DELETE FROM line_item WHERE order_edit_id = ?1", "s", id) < 0)
        return -1;
    return db_execf(c, "DELETE FROM order_edit WHERE id = ?1", "s", id);
}

int db_order_edit_change_get(struct ctx *c, const char *id, struct order_edit_change *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, order_edit_id, line_item_id FROM order_item_change "
                                 "WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->order_edit_id = db_col_dup(c, st, 1);
    out->line_item_id = db_col_dup(c, st, 2);
    return 0;
}

int db_order_edits_query(struct ctx *c, struct gquery *q, const struct gsel *sel,
                         const struct listf *lf, const char *text, const char *order_id)
{
    if (gq_list(c, q, &ent_order_edit, sel, lf) < 0)
        return -1;
    /* ILIKE '%q%' (SQLite's LIKE ignores ASCII case) */
    if (text)
        gq_where_text(q, "%c.internal_note LIKE ?", arena_printf(&c->arena, "%%%s%%", text));
    if (order_id)
        gq_where_text(q, "%c.order_id = ?", order_id);
    return 0;
}
