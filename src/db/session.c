/* session.c: the SQL of store_session (session.h). Expired rows are swept on each login, so the
 * table stays as small as the number of live sessions. */
#include "db/session.h"

#include "core/timefmt.h"
#include "db/internal.h"

const char *db_session_customer(struct ctx *c, const char *key, int64_t now_ms)
{
    sqlite3_stmt *st = db_sql(c, "SELECT customer_id FROM store_session WHERE id = ?1 AND "
                                 "expires_at > ?2 AND customer_id IS NOT NULL");
    char now[TIMEFMT_LEN];
    const char *customer = NULL;
    if (!st)
        return NULL;
    db_bind_text(st, 1, key);
    db_bind_text(st, 2, timefmt_iso(now, sizeof(now), now_ms));
    if (db_step(c, st) == SQLITE_ROW)
        customer = arena_strdup(&c->arena, db_col_text(st, 0));
    /* Not left on its row: that read transaction would make a later BEGIN IMMEDIATE fail on a
     * stale snapshot (login and registration write after this lookup). */
    sqlite3_reset(st);
    return customer;
}

int db_session_insert(struct ctx *c, const char *key, const char *customer_id, int64_t now_ms,
                      int64_t expires_ms)
{
    sqlite3_stmt *sweep = db_sql(c, "DELETE FROM store_session WHERE expires_at <= ?1");
    sqlite3_stmt *ins;
    char now[TIMEFMT_LEN], exp[TIMEFMT_LEN];
    timefmt_iso(now, sizeof(now), now_ms);
    timefmt_iso(exp, sizeof(exp), expires_ms);
    if (!sweep)
        return -1;
    db_bind_text(sweep, 1, now);
    if (db_run(c, sweep) < 0)
        return -1;
    if (!(ins = db_sql(c, "INSERT INTO store_session (id, customer_id, data, expires_at, "
                          "created_at, updated_at) VALUES (?1, ?2, '{}', ?3, ?4, ?4)")))
        return -1;
    db_bind_text(ins, 1, key);
    db_bind_text(ins, 2, customer_id);
    db_bind_text(ins, 3, exp);
    db_bind_text(ins, 4, now);
    return db_run(c, ins);
}

int db_session_delete(struct ctx *c, const char *key)
{
    sqlite3_stmt *st = db_sql(c, "DELETE FROM store_session WHERE id = ?1");
    if (!st)
        return -1;
    db_bind_text(st, 1, key);
    return db_run(c, st);
}
