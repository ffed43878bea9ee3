/* event.c: the SQL of event_outbox (event.h). */
#include "db/event.h"

#include <stdint.h>

#include "core/sbuf.h"
#include "core/timefmt.h"
#include "db/internal.h"

int db_event_add(struct ctx *c, const char *name, const char *data_json)
{
    struct db_stmt *st = db_sql(c, "INSERT INTO event_outbox (name, data, created_at) "
                                   "VALUES (?1, json(?2), ?3)");
    char now[TIMEFMT_LEN];
    if (!st)
        return -1;
    db_bind_text(st, 1, name);
    db_bind_text(st, 2, data_json);
    db_bind_text(st, 3, timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms()));
    return db_run(c, st);
}

int db_event_id(struct ctx *c, const char *name, const char *id)
{
    /* {"id":ID} written here: PostgreSQL's json_build_object spells it {"id" : ID}. */
    struct sbuf data = SBUF_INIT;
    int rc;
    sbuf_adds(&data, "{\"id\":");
    sbuf_add_json_str(&data, id);
    sbuf_addc(&data, '}');
    rc = db_event_add(c, name, data.buf);
    sbuf_release(&data);
    return rc;
}

int db_event_notify(struct ctx *c, const char *name, const char *const *kv, int nn)
{
    struct sbuf b = SBUF_INIT;
    int rc, first = 1;
    sbuf_addc(&b, '{');
    for (; kv[0]; kv += 2) {
        if (!kv[1])
            continue;
        if (!first)
            sbuf_addc(&b, ',');
        first = 0;
        sbuf_add_json_str(&b, kv[0]);
        sbuf_addc(&b, ':');
        sbuf_add_json_str(&b, kv[1]);
    }
    if (nn != DB_EVENT_NO_NN) {
        sbuf_adds(&b, first ? "\"no_notification\":" : ",\"no_notification\":");
        sbuf_adds(&b, nn < 0 ? "null" : nn ? "true" : "false");
    }
    sbuf_addc(&b, '}');
    rc = db_event_add(c, name, b.buf);
    sbuf_release(&b);
    return rc;
}

int db_events_each(struct ctx *c, int all, int64_t after_id, int64_t limit,
                   int (*fn)(void *ud, const struct event_row *e), void *ud)
{
    struct db_stmt *st =
        db_sql(c, "SELECT id, name, data, created_at, consumed_at FROM event_outbox "
                  "WHERE id > ?1 AND (?2 OR consumed_at IS NULL) ORDER BY id "
                  "LIMIT ?3");
    struct event_row e;
    int rc, stop = 0;
    if (!st)
        return -1;
    db_bind_int(st, 1, after_id);
    db_bind_int(st, 2, all != 0);
    db_bind_int(st, 3, limit < 0 ? INT64_MAX : limit); /* PostgreSQL refuses LIMIT -1 */
    while (!stop && (rc = db_step(c, st)) == DB_ROW) {
        e.id = db_col_int64(st, 0);
        e.name = db_col_text(st, 1);
        e.data = db_col_text(st, 2);
        e.created_at = db_col_text(st, 3);
        e.consumed_at = db_col_text(st, 4);
        stop = fn(ud, &e);
    }
    db_reset(st);
    if (stop)
        return stop;
    return rc == DB_DONE ? 0 : -1;
}

int db_event_consume(struct ctx *c, int64_t id)
{
    struct db_stmt *st = db_sql(c, "UPDATE event_outbox SET consumed_at = ?2 WHERE id = ?1 AND "
                                   "consumed_at IS NULL");
    char now[TIMEFMT_LEN];
    if (!st)
        return -1;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, timefmt_iso(now, sizeof(now), timefmt_now_ms()));
    if (db_run(c, st) < 0)
        return -1;
    return drv_changes(c->db) > 0;
}
