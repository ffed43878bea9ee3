/* session.c: the SQL of store_session (session.h). Expired rows are swept on each login, so the
 * table stays as small as the number of live sessions. */
#include "db/session.h"

#include "core/timefmt.h"
#include "db/internal.h"

int db_session_get(struct ctx *c, const char *key, int64_t now_ms, struct session_holders *out)
{
    struct db_stmt *st = db_sql(
        c, "SELECT s.customer_id, u.id FROM store_session s LEFT JOIN \"user\" u ON "
           "u.id = s.user_id AND u.deleted_at IS NULL WHERE s.id = ?1 AND s.expires_at > ?2");
    char now[TIMEFMT_LEN];
    int rc;
    out->customer_id = out->user_id = NULL;
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, timefmt_iso(now, sizeof(now), now_ms));
    rc = db_step(c, st);
    if (rc == DB_ROW) {
        out->customer_id = db_col_text(st, 0) ? arena_strdup(&c->arena, db_col_text(st, 0)) : NULL;
        out->user_id = db_col_text(st, 1) ? arena_strdup(&c->arena, db_col_text(st, 1)) : NULL;
    }
    /* Not left on its row: that read transaction would make a later BEGIN IMMEDIATE fail on a
     * stale snapshot (login and registration write after this lookup). */
    db_reset(st);
    if (rc != DB_ROW && rc != DB_DONE)
        return -1;
    return out->customer_id || out->user_id;
}

int db_session_insert(struct ctx *c, const char *key, const struct session_holders *s,
                      int64_t now_ms, int64_t expires_ms)
{
    struct db_stmt *sweep = db_sql(c, "DELETE FROM store_session WHERE expires_at <= ?1");
    struct db_stmt *ins;
    char now[TIMEFMT_LEN], exp[TIMEFMT_LEN];
    timefmt_iso(now, sizeof(now), now_ms);
    timefmt_iso(exp, sizeof(exp), expires_ms);
    if (!sweep)
        return -1;
    db_bind_text(sweep, 1, now);
    if (db_run(c, sweep) < 0)
        return -1;
    if (!(ins = db_sql(c, "INSERT INTO store_session (id, customer_id, user_id, data, expires_at, "
                          "created_at, updated_at) VALUES (?1, ?2, ?3, '{}', ?4, ?5, ?5)")))
        return -1;
    db_bind_text(ins, 1, key);
    db_bind_text(ins, 2, s->customer_id);
    db_bind_text(ins, 3, s->user_id);
    db_bind_text(ins, 4, exp);
    db_bind_text(ins, 5, now);
    return db_run(c, ins);
}

int db_session_update(struct ctx *c, const char *key, const struct session_holders *s)
{
    struct db_stmt *st = db_sql(c, "UPDATE store_session SET customer_id = ?2, user_id = ?3, "
                                   "updated_at = " DB_NOW " WHERE id = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, s->customer_id);
    db_bind_text(st, 3, s->user_id);
    return db_run(c, st);
}

int db_session_delete(struct ctx *c, const char *key)
{
    struct db_stmt *st = db_sql(c, "DELETE FROM store_session WHERE id = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    return db_run(c, st);
}
