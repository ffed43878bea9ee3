/* timeline.c: notes and notifications (timeline.h). */
#include "db/timeline.h"

#include "db/internal.h"

const char *db_note_insert(struct ctx *c, const char *resource_id, const char *resource_type,
                           const char *value, const char *author_id, const char *metadata)
{
    const char *id = db_new_id(c, "note");
    if (db_execf(c,
                 "INSERT INTO note (id, value, resource_type, resource_id, author_id, metadata, "
                 "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " DB_NOW ", " DB_NOW ")",
                 "ssssss", id, value, resource_type, resource_id, author_id, metadata) < 0)
        return NULL;
    return id;
}

int db_note_live(struct ctx *c, const char *id)
{
    return db_exists(c, "SELECT 1 FROM note WHERE id = ?1 AND deleted_at IS NULL", "s", id);
}

int db_note_set_value(struct ctx *c, const char *id, const char *value)
{
    return db_execf(c, "UPDATE note SET value = ?2, updated_at = " DB_NOW " WHERE id = ?1", "ss",
                    id, value);
}

int db_note_delete(struct ctx *c, const char *id)
{
    return db_execf(
        c, "UPDATE note SET deleted_at = " DB_NOW ", updated_at = " DB_NOW " WHERE id = ?1", "s",
        id);
}

const char *db_notification_insert(struct ctx *c, const struct notification_row *n)
{
    const char *id = db_new_id(c, "noti");
    if (db_execf(c,
                 "INSERT INTO notification (id, event_name, resource_type, resource_id, "
                 "customer_id, \"to\", data, parent_id, provider_id, created_at, updated_at) "
                 "VALUES (?1, ?2, ?3, ?4, (SELECT id FROM customer WHERE id = ?5), ?6, "
                 "coalesce(?7, '{}'), ?8, ?9, " DB_NOW ", " DB_NOW ")",
                 "sssssssss", id, n->event_name, n->resource_type, n->resource_id, n->customer_id,
                 n->to, n->data, n->parent_id, n->provider_id) < 0)
        return NULL;
    return id;
}

int db_notification_get(struct ctx *c, const char *id, struct notification_row *out)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT id, event_name, resource_type, resource_id, customer_id, "
                "\"to\", data, parent_id, provider_id FROM notification WHERE id = ?1",
                "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->event_name = db_col_dup(c, st, 1);
    out->resource_type = db_col_dup(c, st, 2);
    out->resource_id = db_col_dup(c, st, 3);
    out->customer_id = db_col_dup(c, st, 4);
    out->to = db_col_dup(c, st, 5);
    out->data = db_col_dup(c, st, 6);
    out->parent_id = db_col_dup(c, st, 7);
    out->provider_id = db_col_dup(c, st, 8);
    db_reset(st);
    return 0;
}
