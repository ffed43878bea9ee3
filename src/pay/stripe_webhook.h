/* stripe_webhook.h: Stripe's webhook signatures (Stripe-Signature: t=TIMESTAMP,v1=HEX[,v1=...]),
 * checked as stripe-node's webhooks.constructEvent does: HMAC-SHA256 of "TIMESTAMP.PAYLOAD" keyed
 * with the endpoint's whole secret ("whsec_..."), any v1 entry may match, compared in constant
 * time, then the timestamp must be at most `tolerance` seconds old. Pure: no I/O, no clock. */
#ifndef PAY_STRIPE_WEBHOOK_H
#define PAY_STRIPE_WEBHOOK_H
#include <stddef.h>
#include <stdint.h>

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

#endif
