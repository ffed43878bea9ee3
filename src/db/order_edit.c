/* order_edit.c: SQL of order edits (order_edit.h). */
#include "db/order_edit.h"

#include <json-c/json.h>

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
    sqlite3_stmt *st = db_prep(c,
                               "SELECT id, order_id, " STATUS ", payment_collection_id FROM "
                               "order_edit WHERE id = ?1",
                               "s", id);
    int rc;
    if (!st)
        return -1;
    rc = db_step(c, st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? 1 : -1;
    out->id = db_col_dup(c, st, 0);
    out->order_id = db_col_dup(c, st, 1);
    out->status = db_col_dup(c, st, 2);
    out->payment_collection_id = db_col_dup(c, st, 3);
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

int db_order_edit_confirm(struct ctx *c, const struct order_edit_row *e, const char *by,
                          const char *now)
{
    if (db_execf(c,
                 "UPDATE order_edit SET confirmed_at = ?3, confirmed_by = ?2, updated_at = ?3 "
                 "WHERE id = ?1",
                 "sss", e->id, by, now) < 0 ||
        db_execf(c,
                 "UPDATE line_item SET order_id = NULL, updated_at = ?3 WHERE order_id = ?1 AND "
                 "(order_edit_id IS NULL OR order_edit_id != ?2)",
                 "sss", e->order_id, e->id, now) < 0)
        return -1;
    return db_execf(c, "UPDATE line_item SET order_id = ?1, updated_at = ?3 WHERE order_edit_id = ?2",
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
    struct json_object *rows;
    struct gquery q;
    gq_init(c, &q, &ent_order_edit, sel);
    gq_where_text(&q, "%c.id = ?", id);
    if (!(rows = gq_run_json(c, &q)))
        return NULL;
    if (!json_object_array_length(rows)) {
        err_set(c, ERR_NOT_FOUND, "Order edit with id %s was not found", id);
        return NULL;
    }
    return json_object_array_get_idx(rows, 0);
}
