/* event.h: the event outbox (event_outbox; store.md §1.12). Events Medusa would put on its bus are
 * written in the same transaction as the change that causes them, so an event exists exactly when
 * its change was committed. Operators read and consume them with `medusa-fcgi events`, or let the
 * supervisor run the configured event_hook for each (src/events.c). */
#ifndef DB_EVENT_H
#define DB_EVENT_H
#include <stdint.h>

#include "core/ctx.h"

/* Appends event name with payload data_json (a JSON text) to the outbox. 0 or -1. */
int db_event_add(struct ctx *c, const char *name, const char *data_json);
/* The same with Medusa's most common payload, {"id": id}. */
int db_event_id(struct ctx *c, const char *name, const char *id);
/* The same with {"key": "value", ..., "no_notification": nn}: kv holds key, value pairs and ends
 * with NULL (a pair whose value is NULL is left out); nn is 1 (true), 0 (false), -1 (null) or
 * DB_EVENT_NO_NN (no such key). */
#define DB_EVENT_NO_NN (-2)
int db_event_notify(struct ctx *c, const char *name, const char *const *kv, int nn);

struct event_row {
    int64_t id;
    const char *name, *data, *created_at, *consumed_at; /* valid during the callback only */
};

/* Calls fn for the events after after_id in id order (pending ones only unless all), at most
 * limit (< 0: no limit); stops early when fn returns non-zero and returns that value. -1 on a
 * database error. */
int db_events_each(struct ctx *c, int all, int64_t after_id, int64_t limit,
                   int (*fn)(void *ud, const struct event_row *e), void *ud);
/* Marks event id consumed now; 1 if it was pending, 0 if it was already consumed, -1 on error. */
int db_event_consume(struct ctx *c, int64_t id);

#endif
