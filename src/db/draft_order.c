/* draft_order.c: SQL of draft orders (draft_order.h). */
#include "db/draft_order.h"

#include "db/graph.h"
#include "db/internal.h"

#define NOW DB_NOW

const char *db_draft_insert(struct ctx *c, const char *cart_id, int no_notification_order,
                            const char *idempotency_key)
{
    const char *id = db_new_id(c, "dorder"), *display;
    /* display_id: the draft sequence, bumped inside the creating transaction. */
    if (db_execf(c,
                 "INSERT INTO app_counter (name, value) VALUES ('draft_order_display_id', 1) "
                 "ON CONFLICT (name) DO UPDATE SET value = app_counter.value + 1",
                 "") < 0 ||
        !(display = db_one_text(
              c, "SELECT value FROM app_counter WHERE name = 'draft_order_display_id'", "")))
        return NULL;
    if (db_execf(c,
                 "INSERT INTO draft_order (id, status, display_id, cart_id, no_notification_order, "
                 "idempotency_key, created_at, updated_at) VALUES (?1, 'open', CAST(?2 AS "
                 "INTEGER), ?3, CASE WHEN ?4 < 0 THEN NULL ELSE ?4 END, ?5, " NOW ", " NOW ")",
                 "sssis", id, display, cart_id, (int64_t)no_notification_order,
                 idempotency_key) < 0)
        return NULL;
    return id;
}

int db_draft_get(struct ctx *c, const char *id, struct draft_row *out)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT id, status, cart_id, order_id, coalesce(no_notification_order, "
                "-1) FROM draft_order WHERE id = ?1",
                "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->status = db_col_dup(c, st, 1);
    out->cart_id = db_col_dup(c, st, 2);
    out->order_id = db_col_dup(c, st, 3);
    out->no_notification_order = db_col_int(st, 4);
    db_reset(st);
    return 0;
}

const char *db_draft_by_cart(struct ctx *c, const char *cart_id)
{
    return db_one_text(c, "SELECT id FROM draft_order WHERE cart_id = ?1", "s", cart_id);
}

int db_draft_set_no_notification(struct ctx *c, const char *id, int no_notification_order)
{
    return db_execf(
        c, "UPDATE draft_order SET no_notification_order = ?2, updated_at = " NOW " WHERE id = ?1",
        "sb", id, no_notification_order);
}

int db_draft_complete(struct ctx *c, const char *id, const char *order_id)
{
    if (db_execf(c,
                 "UPDATE draft_order SET status = 'completed', completed_at = " NOW
                 ", order_id = ?2, updated_at = " NOW " WHERE id = ?1",
                 "ss", id, order_id) < 0)
        return -1;
    return db_execf(
        c,
        "UPDATE \"order\" SET draft_order_id = CAST(?1 AS TEXT), no_notification = (SELECT "
        "no_notification_order FROM draft_order WHERE id = CAST(?1 AS TEXT)) "
        "WHERE id = ?2",
        "ss", id, order_id);
}

int db_draft_delete(struct ctx *c, const char *id)
{
    /* The order a completed draft made keeps its rows; only the link goes. */
    if (db_execf(c, "UPDATE \"order\" SET draft_order_id = NULL WHERE draft_order_id = ?1", "s",
                 id) < 0)
        return -1;
    return db_execf(c, "DELETE FROM draft_order WHERE id = ?1", "s", id);
}

void db_draft_where_q(struct ctx *c, struct gquery *q, const char *text)
{
    (void)c;
    gq_where(q, "(%c.cart_id IN (SELECT id FROM cart WHERE email LIKE '%' || ? || '%') OR "
                "CAST(%c.display_id AS TEXT) LIKE '%' || ? || '%')");
    gq_bind_text(q, text);
    gq_bind_text(q, text);
}

int db_custom_option_set(struct ctx *c, const char *cart_id, const char *option_id, int64_t price)
{
    return db_execf(c,
                    "INSERT INTO custom_shipping_option (id, price, shipping_option_id, cart_id, "
                    "metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, '{}', " NOW ", " NOW
                    ") ON CONFLICT (shipping_option_id, cart_id) DO UPDATE SET price = ?2, "
                    "updated_at = " NOW,
                    "siss", db_new_id(c, "cso"), price, option_id, cart_id);
}
