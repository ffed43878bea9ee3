/* stripe_event.c: the SQL of stripe_event (stripe_event.h). */
#include "db/stripe_event.h"

#include "core/timefmt.h"
#include "db/internal.h"

int db_stripe_event_record(struct ctx *c, const struct stripe_event *ev,
                           enum stripe_event_state *state)
{
    char now[TIMEFMT_LEN];
    struct db_stmt *st = db_prep(
        c,
        "INSERT INTO stripe_event (id, type, object_id, resource_id, livemode, created, payload, "
        "received_at, last_received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
        "ON CONFLICT (id) DO UPDATE SET deliveries = stripe_event.deliveries + 1, "
        "last_received_at = excluded.last_received_at "
        "RETURNING deliveries, processed_at IS NOT NULL",
        "ssssiiss", ev->id, ev->type, ev->object_id, ev->resource_id, (int64_t)ev->livemode,
        ev->created, ev->payload,
        timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms()));
    int rc;
    if (!st)
        return -1;
    if ((rc = db_one_row(c, st)) != 0) {
        db_reset(st);
        return rc < 0 ? -1 : err_set(c, ERR_DATABASE, "stripe_event: no row returned");
    }
    if (db_col_int64(st, 0) == 1)
        *state = STRIPE_EVENT_NEW;
    else
        *state = db_col_int(st, 1) ? STRIPE_EVENT_PROCESSED : STRIPE_EVENT_PENDING;
    /* RETURNING's statement finishes the write only when stepped to the end. */
    while ((rc = db_step(c, st)) == DB_ROW)
        ;
    db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}

int db_stripe_event_processed(struct ctx *c, const char *id, const char *outcome)
{
    char now[TIMEFMT_LEN];
    return db_execf(c,
                    "UPDATE stripe_event SET processed_at = ?2, outcome = ?3 "
                    "WHERE id = ?1 AND processed_at IS NULL",
                    "sss", id, timefmt_iso(now, sizeof(now), timefmt_now_ms()), outcome);
}
