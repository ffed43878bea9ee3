/* timeline.h: an order's timeline as Medusa v1's NoteService and NotificationService keep it:
 * the team's notes (author = the admin user) and the notifications sent for events, with their
 * resends. Each runs inside the caller's transaction and records Medusa's error on failure. */
#ifndef DOMAIN_TIMELINE_H
#define DOMAIN_TIMELINE_H
#include "core/ctx.h"

/* NoteService.create: metadata {}; note.created. The new id, or NULL. */
const char *note_create(struct ctx *c, const char *resource_id, const char *resource_type,
                        const char *value, const char *author_id);
/* NoteService.retrieve's check: 0, or Medusa's 404 "Note with id: ID was not found." */
int note_must_exist(struct ctx *c, const char *id);
/* NoteService.update (the value) and delete (soft); Medusa's 404 for a note that is not there. */
int note_update(struct ctx *c, const char *id, const char *value);
int note_delete(struct ctx *c, const char *id);

/* NotificationService.resend: a child notification (parent_id = id) to `to` or the original
 * recipient, with the original data, delivered again by the event dispatcher through the event
 * hook (outbox event notification.resend {id: the child's id}). Medusa's 404 for an unknown id. */
int notification_resend(struct ctx *c, const char *id, const char *to);

/* What the event dispatcher records when the event hook, handling event name with payload data
 * (a JSON text), answered {"to": ..., "data": ...} (hook_out, a JSON text, or NULL): a
 * notification of resource_type = the event name's first part, resource_id = data.id,
 * customer_id = data.customer_id. Nothing when the hook said nothing or the payload has
 * no_notification true (Medusa's handleEvent). 0 or -1. */
int notification_record(struct ctx *c, const char *name, const char *data, const char *hook_out);

#endif
