/* stripe_event.h: the SQL of stripe_event, the record of verified Stripe webhook events (issue 16):
 * one row per Stripe event id, so a repeated delivery is recognised. */
#ifndef DB_STRIPE_EVENT_H
#define DB_STRIPE_EVENT_H
#include <stdint.h>

#include "core/ctx.h"

/* A verified event as recorded. Strings borrowed from the caller. */
struct stripe_event {
    const char *id;          /* evt_... */
    const char *type;        /* payment_intent.succeeded, ... */
    const char *object_id;   /* data.object.id, or NULL */
    const char *resource_id; /* data.object.metadata.resource_id, or NULL */
    int livemode;
    int64_t created;
    const char *payload; /* the body as received */
};

enum stripe_event_state {
    STRIPE_EVENT_NEW = 0,   /* first delivery: recorded now */
    STRIPE_EVENT_PENDING,   /* delivered before, not processed yet: one more delivery counted */
    STRIPE_EVENT_PROCESSED, /* delivered before and processed: one more delivery counted */
};

/* Inserts ev, or counts one more delivery of a known id (its stored payload and type are kept:
 * the first verified delivery is the record). Sets *state. Needs a transaction. 0 or -1. */
int db_stripe_event_record(struct ctx *c, const struct stripe_event *ev,
                           enum stripe_event_state *state);
/* Marks event id processed now with outcome, unless it is already. 0 or -1. */
int db_stripe_event_processed(struct ctx *c, const char *id, const char *outcome);

#endif
