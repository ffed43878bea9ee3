/* stripe_event.h: Stripe's webhook events (POST /stripe/hooks, as medusa-payment-stripe 6.0.11's
 * route and subscriber): verified, recorded once per event id, then dispatched. */
#ifndef DOMAIN_STRIPE_EVENT_H
#define DOMAIN_STRIPE_EVENT_H
#include <stddef.h>

#include "core/ctx.h"
#include "db/stripe_event.h"
#include "pay/stripe_webhook.h"

/* Verifies payload against the Stripe-Signature header with stripe_webhook_secret (300 s
 * tolerance), parses the event, records it (db_stripe_event_record, its own short transaction)
 * and, unless it was processed before, dispatches it and marks it processed when dispatch handled
 * it. json_body: the request's Content-Type is application/json (Medusa's route reads the raw
 * body only then). Returns 0 (answer 200), 1 with *webhook_error set to the plugin's 400 text
 * ("Webhook Error: ..."; nothing was changed), or -1 with the error recorded. */
int stripe_event_receive(struct ctx *c, const char *signature, const char *payload, size_t len,
                         int json_body, const char **webhook_error);

/* What an event does (the plugin's handlePaymentHook), run once per event id. *outcome: what was
 * done ("ignored", "logged", ...), or NULL when the event's handling is not done and it must stay
 * unprocessed (handled again at its next delivery). 0, or -1 with the error recorded (the
 * webhook then answers an error and Stripe delivers again).
 * payment_intent.succeeded and payment_intent.amount_capturable_updated complete the cart
 * (metadata.resource_id) in one transaction unless it has its order, with the event's signed
 * PaymentIntent as the provider's verdict (it must be the cart's selected session's intent, for
 * the cart's total); succeeded also captures the order's payment once. payment_failed logs as
 * the plugin does; other types are "ignored". Outcomes: completed, pending, short_of_stock,
 * ignored, logged. */
int stripe_event_dispatch(struct ctx *c, const struct stripe_hook_event *ev, const char **outcome);

#endif
