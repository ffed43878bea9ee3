/* stripe_webhook.h: Stripe's webhook signatures (Stripe-Signature: t=TIMESTAMP,v1=HEX[,v1=...]),
 * checked as stripe-node's webhooks.constructEvent does: HMAC-SHA256 of "TIMESTAMP.PAYLOAD" keyed
 * with the endpoint's whole secret ("whsec_..."), any v1 entry may match, compared in constant
 * time, then the timestamp must be at most `tolerance` seconds old. Pure: no I/O, no clock. The
 * verified payload is read into the event here too. */
#ifndef PAY_STRIPE_WEBHOOK_H
#define PAY_STRIPE_WEBHOOK_H
#include <stddef.h>
#include <stdint.h>

struct arena;

#define STRIPE_WEBHOOK_TOLERANCE 300 /* seconds, stripe-node's DEFAULT_TOLERANCE */

enum stripe_sig {
    STRIPE_SIG_OK = 0,
    STRIPE_SIG_NO_PAYLOAD, /* empty body */
    STRIPE_SIG_NO_HEADER,  /* no or empty Stripe-Signature */
    STRIPE_SIG_BAD_HEADER, /* no t=TIMESTAMP */
    STRIPE_SIG_NO_V1,      /* no v1= entry */
    STRIPE_SIG_MISMATCH,   /* no v1 entry matches */
    STRIPE_SIG_STALE,      /* a match, but older than the tolerance */
};

/* Checks header against payload (len bytes) with secret at now (seconds since the epoch). The
 * signature is checked before the age, as stripe-node does; a timestamp in the future is
 * accepted, as stripe-node does. */
enum stripe_sig stripe_webhook_verify(const char *secret, const char *header, const char *payload,
                                      size_t len, int64_t now, int64_t tolerance);
/* stripe-node's message for a result (what Medusa's plugin answers after "Webhook Error: "). */
const char *stripe_webhook_message(enum stripe_sig r);
/* The header Stripe would send for payload at timestamp t (tests, stripe-check); into out
 * (at least 96 bytes). Returns out. */
char *stripe_webhook_sign(char *out, size_t outlen, const char *secret, const char *payload,
                          size_t len, int64_t t);
/* A verified event as its handler reads it (strings from the parse's arena). */
struct stripe_hook_event {
    const char *id;   /* evt_..., or NULL */
    const char *type; /* payment_intent.succeeded, ..., or NULL */
    int livemode;
    int64_t created;
    int has_object;            /* data.object is an object (a PaymentIntent): */
    const char *object_id;     /* its id, or NULL */
    const char *resource_id;   /* its metadata.resource_id, or NULL */
    const char *object_status; /* its status, or NULL */
    const char *object_data;   /* it, as JSON text */
    const char *failure;       /* its last_payment_error.message, or NULL */
};
/* JSON.parse of a verified payload into ev: 0, or -1 when it is not JSON, with *at the position
 * where parsing stopped. An object without id or type parses (ev->id or ev->type NULL). */
int stripe_webhook_event(struct arena *a, const char *payload, size_t len,
                         struct stripe_hook_event *ev, size_t *at);

#endif
