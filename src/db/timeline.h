/* timeline.h: SQL of an order's timeline: the team's notes and the notifications the event hook
 * sent (Medusa's note and notification tables). domain/timeline.c holds the rules. */
#ifndef DB_TIMELINE_H
#define DB_TIMELINE_H
#include <stdint.h>

#include "core/ctx.h"

/* A new note; its id (arena) or NULL. metadata is a JSON text. */
const char *db_note_insert(struct ctx *c, const char *resource_id, const char *resource_type,
                           const char *value, const char *author_id, const char *metadata);
/* 1 when note id is live, 0 when not, -1 on error. */
int db_note_live(struct ctx *c, const char *id);
int db_note_set_value(struct ctx *c, const char *id, const char *value);
/* Soft-deletes the note (deleted_at now). */
int db_note_delete(struct ctx *c, const char *id);

/* A notification as stored. */
struct notification_row {
    const char *id, *event_name, *resource_type, *resource_id, *customer_id, *to, *data, *parent_id,
        *provider_id;
};
/* Records a notification; its id (arena) or NULL. */
const char *db_notification_insert(struct ctx *c, const struct notification_row *n);
/* The notification id into *out (arena). 0, 1 when there is none, -1 on error. */
int db_notification_get(struct ctx *c, const char *id, struct notification_row *out);

#endif
