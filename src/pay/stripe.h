/* stripe.h: the Stripe API client and the provider on top of it, as medusa-payment-stripe 6.0.11
 * (Medusa v1's plugin) behaves. Two levels:
 *   stripe_<object>_<verb>(): one Stripe API call each (Customers, PaymentIntents, Refunds,
 *     Balance); a Stripe object (json-c, arena-owned) or NULL with *e filled; nothing recorded.
 *   stripe_provider_<verb>(): the plugin's methods (initiatePayment, updatePayment, ...): they
 *     recover where the plugin recovers and otherwise record Medusa's error, as Medusa's
 *     PaymentProviderService renders the plugin's error: invalid_data (400), the plugin's message,
 *     Stripe's error code as `code`.
 * Every call refuses to run inside a database transaction (a slow network must never hold the
 * SQLite write lock): call Stripe, then open the transaction that stores the result. */
#ifndef PAY_STRIPE_H
#define PAY_STRIPE_H
#include <stdint.h>

#include "core/ctx.h"

struct json_object;
struct https_response;

/* The API version every call pins (Stripe-Version), as medusa-payment-stripe 6 does. */
#define STRIPE_API_VERSION "2022-11-15"
/* Largest answer accepted from Stripe (a PaymentIntent is ~2 kB). */
#define STRIPE_MAX_RESPONSE (1024 * 1024)
/* All attempts of one call end before nginx's fastcgi_read_timeout (60 s) would cut the answer. */
#define STRIPE_DEADLINE_MS 45000

/* A failed call: Stripe's error object, or why Stripe was not reached. Strings in the arena. */
struct stripe_error {
    int status;               /* HTTP status; 0 when no answer came back */
    const char *type;         /* card_error, invalid_request_error, api_error, idempotency_error,
                                 ...; "api_connection_error" when not reached */
    const char *code;         /* e.g. card_declined, resource_missing; NULL when none */
    const char *decline_code; /* card errors; NULL when none */
    const char *message;      /* Stripe's message (for the log, never sent to a client) */
    const char *param;
    const char *request_id;             /* Request-Id header, "" when none */
    struct json_object *payment_intent; /* error.payment_intent when Stripe sends it */
    int attempts;
};

/* What a PaymentIntent's status means for Medusa's payment session (the plugin's
 * getPaymentStatus). */
enum stripe_session_status {
    STRIPE_SESSION_PENDING =
        0, /* requires_payment_method, requires_confirmation, processing, ... */
    STRIPE_SESSION_REQUIRES_MORE, /* requires_action */
    STRIPE_SESSION_AUTHORIZED,    /* requires_capture, succeeded */
    STRIPE_SESSION_CANCELED,      /* canceled */
};

/* ---- pure ------------------------------------------------------------------------------- */

/* The session status of a PaymentIntent status string (NULL → pending). */
enum stripe_session_status stripe_status_map(const char *pi_status);
/* Medusa's PaymentSessionStatus value: "pending", "requires_more", "authorized", "canceled". */
const char *stripe_status_name(enum stripe_session_status s);
/* Reads an error answer (status, body) into e: Stripe's {"error":{...}}; a body that is not one
 * becomes type api_error with a generic message. Strings are copied into arena a. */
void stripe_error_parse(struct arena *a, int status, const char *body, struct stripe_error *e);
/* Records Medusa's error for a failed plugin operation `op` (one of the STRIPE_OP_* messages):
 * invalid_data with Stripe's code; when Stripe was not reached the message adds stripe-node's
 * connection text ("An error occurred with our connection to Stripe. ..."). Returns -1. */
int stripe_error_record(struct ctx *c, const char *op, const struct stripe_error *e);

/* The plugin's messages (medusa-payment-stripe 6.0.11, core/stripe-base.js). */
#define STRIPE_OP_CUSTOMER "An error occurred in initiatePayment when creating a Stripe customer"
#define STRIPE_OP_INITIATE                                                                         \
    "An error occurred in InitiatePayment during the creation of the stripe payment intent"
#define STRIPE_OP_UPDATE "An error occurred in updatePayment"
#define STRIPE_OP_UPDATE_CUSTOMER                                                                  \
    "An error occurred in updatePayment during the initiate of the new payment for the new "       \
    "customer"
#define STRIPE_OP_CANCEL   "An error occurred in cancelPayment"
#define STRIPE_OP_CAPTURE  "An error occurred in capturePayment"
#define STRIPE_OP_REFUND   "An error occurred in refundPayment"
#define STRIPE_OP_RETRIEVE "An error occurred in retrievePayment"

/* ---- API calls: object or NULL with *e filled (never recorded in c->err, except a call made
 * inside a transaction or without a configured key, which records unexpected_state) --------- */

/* One call: method, path under the API base ("/v1/payment_intents"), form params (a JSON object
 * or NULL), Idempotency-Key (POST only; NULL makes a random one, the same on every retry). */
struct json_object *stripe_call(struct ctx *c, const char *method, const char *path,
                                struct json_object *params, const char *idem,
                                struct stripe_error *e);

struct json_object *stripe_customer_create(struct ctx *c, const char *email, const char *idem,
                                           struct stripe_error *e);

/* PaymentIntent parameters, as the plugin builds them (initiatePayment). */
struct stripe_intent_input {
    int64_t amount;          /* minor units */
    const char *currency;    /* lower-case ISO code */
    const char *resource_id; /* the cart (or payment collection) id: metadata.resource_id */
    const char *customer;    /* cus_..., or NULL */
    const char *description; /* or NULL */
    int capture;             /* capture_method automatic (1) or manual (0) */
    int automatic_payment_methods;
    /* Not sent by the plugin; for stripe-check's test-mode round trip only. */
    const char *payment_method; /* pm_... with confirm=true, or NULL */
};
struct json_object *stripe_intent_create(struct ctx *c, const struct stripe_intent_input *in,
                                         const char *idem, struct stripe_error *e);
struct json_object *stripe_intent_update_amount(struct ctx *c, const char *id, int64_t amount,
                                                const char *idem, struct stripe_error *e);
struct json_object *stripe_intent_retrieve(struct ctx *c, const char *id, struct stripe_error *e);
struct json_object *stripe_intent_capture(struct ctx *c, const char *id, const char *idem,
                                          struct stripe_error *e);
struct json_object *stripe_intent_cancel(struct ctx *c, const char *id, const char *idem,
                                         struct stripe_error *e);
struct json_object *stripe_refund_create(struct ctx *c, const char *intent_id, int64_t amount,
                                         const char *idem, struct stripe_error *e);
struct json_object *stripe_balance_retrieve(struct ctx *c, struct stripe_error *e);

/* ---- the plugin's methods: record Medusa's error on failure ------------------------------ */

/* initiatePayment: a Customer unless customer_stripe_id is given (the Medusa customer's
 * metadata.stripe_id), then a PaymentIntent. *intent: the whole PaymentIntent, which becomes the
 * payment session's data; *new_stripe_id: the Customer made (to store as metadata.stripe_id), or
 * NULL. idem: a prefix for the two Idempotency-Keys (":customer", ":intent"), or NULL. */
struct stripe_session_input {
    int64_t amount;
    const char *currency;
    const char *resource_id;
    const char *email;
    const char *customer_stripe_id;
    const char *description; /* the cart context's payment_description, else the option */
};
int stripe_provider_initiate(struct ctx *c, const struct stripe_session_input *in, const char *idem,
                             struct json_object **intent, const char **new_stripe_id);
/* updatePayment: another customer than the intent's → a new initiate (as the plugin, the old
 * intent is left alone); the same amount → nothing (*intent = NULL, returns 0); else the amount
 * is updated. data: the session's current data (the PaymentIntent). */
int stripe_provider_update(struct ctx *c, const struct stripe_session_input *in,
                           struct json_object *data, const char *idem, struct json_object **intent,
                           const char **new_stripe_id);
/* getPaymentStatus / authorizePayment: retrieves the intent and maps its status. A failed
 * retrieve is not caught by the plugin: unknown_error (500), as Medusa answers. */
int stripe_provider_status(struct ctx *c, struct json_object *data,
                           enum stripe_session_status *status, struct json_object **intent);
/* capturePayment: the captured intent; an intent already succeeded counts as captured. */
struct json_object *stripe_provider_capture(struct ctx *c, struct json_object *data,
                                            const char *idem);
/* cancelPayment / deletePayment: the canceled intent; one already canceled counts. */
struct json_object *stripe_provider_cancel(struct ctx *c, struct json_object *data,
                                           const char *idem);
/* refundPayment: a Refund of amount on the intent. 0 or -1. */
int stripe_provider_refund(struct ctx *c, struct json_object *data, int64_t amount,
                           const char *idem);
/* retrievePayment. */
struct json_object *stripe_provider_retrieve(struct ctx *c, struct json_object *data);

/* The worker's connection to Stripe, made on first use; frees it (worker exit). */
void stripe_release(struct ctx *c);

#endif
