/* provider.h: the one place where a payment is handed to its provider, as Medusa v1's
 * PaymentProviderService dispatches to a plugin: 'manual' (and 'system') keep everything here,
 * 'stripe' calls Stripe (pay/stripe.h, medusa-payment-stripe 6.0.11's methods). Every function may
 * call the network: never call one inside a database transaction (pay/stripe.c refuses); call,
 * then commit what it answered in a short db_tx that re-checks the state it read. Each returns 0,
 * or -1 with Medusa's error recorded (a Stripe failure is invalid_data 400 with Stripe's code). */
#ifndef PAY_PROVIDER_H
#define PAY_PROVIDER_H
#include <stdint.h>

#include "core/ctx.h"

/* 0 when provider_id needs a configuration it lacks (stripe without stripe_api_key: Medusa's
 * unknown provider), else 1 (manual, system, any other registered row, kept locally). */
int payment_provider_enabled(const struct ctx *c, const char *provider_id);
/* 1 when the provider keeps the payment elsewhere (its calls go over the network): stripe. */
int payment_provider_remote(const char *provider_id);

/* A payment session at the provider (initiatePayment / updatePayment). data: the session's data
 * now (JSON text; "{}" or NULL when never initiated at the provider). */
struct pp_session_in {
    const char *provider_id;
    int64_t amount;
    const char *currency;    /* lower-case */
    const char *resource_id; /* the cart id */
    const char *email;
    const char *customer_stripe_id; /* the customer's metadata.stripe_id, or NULL */
    const char *data;
    const char *description; /* the cart context's payment_description, or NULL (the option) */
    const char *idem;        /* Idempotency-Key prefix, or NULL */
};
struct pp_session_out {
    int changed;               /* 0: the provider kept data as it was */
    const char *data;          /* the new data (JSON text: the whole PaymentIntent for stripe) */
    const char *status;        /* the session status this data means */
    const char *new_stripe_id; /* a Stripe customer made (store as metadata.stripe_id), or NULL */
};
int payment_provider_session(struct ctx *c, const struct pp_session_in *in,
                             struct pp_session_out *out);

/* The amount the provider's object (data, JSON text) is for, in minor units: 1 when it has one,
 * 0 when not. */
int payment_provider_amount(struct ctx *c, const char *data, int64_t *amount);
/* authorizePayment / getPaymentStatus: *status "authorized", "requires_more", "pending" or
 * "canceled"; *data the provider's fresh data (JSON text). */
int payment_provider_authorize(struct ctx *c, const char *provider_id, const char *data,
                               const char **status, const char **new_data);
/* capturePayment, cancelPayment: *new_data the payment's data afterwards. */
int payment_provider_capture(struct ctx *c, const char *provider_id, const char *data,
                             const char *idem, const char **new_data);
int payment_provider_cancel(struct ctx *c, const char *provider_id, const char *data,
                            const char *idem, const char **new_data);
/* refundPayment: amount (minor units) back to the payer. */
int payment_provider_refund(struct ctx *c, const char *provider_id, const char *data,
                            int64_t amount, const char *idem);

/* The id of a provider's object in data (the PaymentIntent's "id"), or NULL. */
const char *payment_provider_ref(struct ctx *c, const char *data);

#endif
