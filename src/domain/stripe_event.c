/* stripe_event.c: Stripe's webhook (medusa-payment-stripe 6.0.11: api/stripe/hooks/route.js,
 * api/utils/utils.js handlePaymentHook). Nothing happens before the signature is verified;
 * nothing happens twice for one event id; no Stripe call runs inside the short transactions here.
 */
#include "domain/stripe_event.h"

#include <string.h>

#include "core/conf.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/cart.h"
#include "domain/order.h"
#include "pay/stripe.h"
#include "pay/stripe_webhook.h"

/* What stripe-node's constructEvent says when the body was not read raw (the plugin's route reads
 * it raw only for Content-Type application/json). */
#define NOT_RAW                                                                                    \
    "Webhook payload must be provided as a string or a Buffer "                                    \
    "(https://nodejs.org/api/buffer.html) instance representing the _raw_ request body.Payload "   \
    "was provided as a parsed JavaScript object instead. \nSignature verification is impossible "  \
    "without access to the original signed material. \nLearn more about webhook signing and "      \
    "explore webhook integration examples for various frameworks at "                              \
    "https://github.com/stripe/stripe-node#webhook-signing"

static int refuse(struct ctx *c, const char **webhook_error, const char *why)
{
    *webhook_error = arena_printf(&c->arena, "Webhook Error: %s", why);
    log_warn("stripe: webhook refused: %.120s", why);
    return 1;
}

/* What a verified payment_intent event does to its cart, in one transaction. */
struct hook_complete {
    struct ctx *c;
    const char *cart_id;
    struct payment_verdict v;
    int capture; /* payment_intent.succeeded: the order's payment is captured too */
    const char *outcome;
};

static int hook_complete_write(void *arg)
{
    struct hook_complete *h = arg;
    struct ctx *c = h->c;
    struct cart_completion done;
    const char *order_id;
    int rc;
    if (cart_complete(c, h->cart_id, &h->v, &done) < 0) {
        /* Not this cart's current payment (a replaced intent, an amount that no longer matches,
         * a cart gone): nothing changes, and Stripe need not send it again. */
        if (c->err.type == ERR_CONFLICT || c->err.type == ERR_NOT_ALLOWED ||
            c->err.type == ERR_NOT_FOUND || c->err.type == ERR_INVALID_DATA) {
            log_warn("stripe: the event's payment intent '%s' does not complete cart '%s': %s",
                     h->v.ref, h->cart_id, c->err.msg);
            err_clear(c);
            h->outcome = "ignored";
            return 0;
        }
        return -1;
    }
    if (done.kind == CART_PAYMENT_PENDING || done.kind == CART_SHORT_OF_STOCK) {
        h->outcome = done.kind == CART_SHORT_OF_STOCK ? "short_of_stock" : "pending";
        return 0;
    }
    h->outcome = "completed";
    if (!h->capture || done.kind != CART_COMPLETED_ORDER)
        return 0;
    order_id = done.id;
    /* Only the order's own intent captures it (not an older intent of the cart paid too). */
    if ((rc = order_paid_by(c, order_id, h->v.ref)) <= 0)
        return rc;
    if ((rc = order_payment_captured(c, order_id)) < 0)
        return -1;
    if (!rc && order_capture(c, order_id) < 0)
        return -1;
    return 0;
}

int stripe_event_dispatch(struct ctx *c, const struct stripe_hook_event *ev, const char **outcome)
{
    *outcome = NULL;
    if (!strcmp(ev->type, "payment_intent.succeeded") ||
        !strcmp(ev->type, "payment_intent.amount_capturable_updated")) {
        /* handlePaymentHook: the cart resource_id completes unless it has its order already (the
         * storefront's complete and this event serialise on the write lock: exactly once);
         * succeeded also captures the order's payment. The event is signed by Stripe, so its
         * PaymentIntent is the verdict: no call to Stripe. */
        struct hook_complete h;
        if (!ev->resource_id || !*ev->resource_id || !ev->has_object || !ev->object_id) {
            *outcome = "ignored";
            return 0;
        }
        memset(&h, 0, sizeof(h));
        h.c = c;
        h.cart_id = ev->resource_id;
        h.v.checked = 1;
        h.v.ref = ev->object_id;
        h.v.status = stripe_status_name(stripe_status_map(ev->object_status));
        h.v.data = ev->object_data;
        h.capture = !strcmp(ev->type, "payment_intent.succeeded");
        if (db_tx(c, hook_complete_write, &h) < 0)
            return -1;
        log_info("stripe: event '%s' (%s) for cart '%s': %s", ev->id, ev->type, ev->resource_id,
                 h.outcome);
        *outcome = h.outcome;
        return 0;
    }
    if (!strcmp(ev->type, "payment_intent.payment_failed")) {
        log_error("stripe: the payment of the payment intent '%s' has failed: %s",
                  ev->object_id ? ev->object_id : "", ev->failure ? ev->failure : "");
        *outcome = "logged";
        return 0;
    }
    /* handlePaymentHook answers 204 to any other type: nothing to do. */
    *outcome = "ignored";
    return 0;
}

/* The event's row, written before and after its dispatch in transactions of their own. */
struct event_write {
    struct ctx *c;
    const struct stripe_event *ev;
    enum stripe_event_state *state;
    const char *outcome;
};

static int record_write(void *arg)
{
    struct event_write *w = arg;
    return db_stripe_event_record(w->c, w->ev, w->state);
}

static int record(struct ctx *c, const struct stripe_event *ev, enum stripe_event_state *state)
{
    struct event_write w = {c, ev, state, NULL};
    return db_tx(c, record_write, &w) < 0 ? -1 : 0;
}

static int processed_write(void *arg)
{
    struct event_write *w = arg;
    return db_stripe_event_processed(w->c, w->ev->id, w->outcome);
}

static int mark_processed(struct ctx *c, const struct stripe_event *ev, const char *outcome)
{
    struct event_write w = {c, ev, NULL, outcome};
    return db_tx(c, processed_write, &w) < 0 ? -1 : 0;
}

int stripe_event_receive(struct ctx *c, const char *signature, const char *payload, size_t len,
                         int json_body, const char **webhook_error)
{
    const struct conf *cf = c->conf;
    struct stripe_hook_event hook;
    struct stripe_event ev;
    size_t at;
    enum stripe_event_state state;
    enum stripe_sig sig;
    const char *outcome;

    *webhook_error = NULL;
    if (!cf->stripe_webhook_secret)
        return refuse(c, webhook_error,
                      "No webhook secret is configured (stripe_webhook_secret); the event cannot "
                      "be verified");
    sig = stripe_webhook_verify(cf->stripe_webhook_secret, signature, payload, len,
                                c->now_ms / 1000, STRIPE_WEBHOOK_TOLERANCE);
    if (!json_body && (sig == STRIPE_SIG_OK || sig == STRIPE_SIG_MISMATCH ||
                       sig == STRIPE_SIG_STALE || sig == STRIPE_SIG_NO_PAYLOAD))
        return refuse(c, webhook_error, NOT_RAW);
    if (sig != STRIPE_SIG_OK)
        return refuse(c, webhook_error, stripe_webhook_message(sig));

    /* Verified: JSON.parse(payload). */
    if (stripe_webhook_event(&c->arena, payload, len, &hook, &at) < 0)
        return refuse(c, webhook_error,
                      arena_printf(&c->arena, "Unexpected token in JSON at position %zu", at));
    if (!hook.id || !*hook.id || !hook.type || !*hook.type)
        return refuse(c, webhook_error, "The payload is not a Stripe event (no id or type)");
    memset(&ev, 0, sizeof(ev));
    ev.id = hook.id;
    ev.type = hook.type;
    ev.object_id = hook.object_id;
    ev.resource_id = hook.resource_id;
    ev.livemode = hook.livemode;
    ev.created = hook.created;
    ev.payload = arena_strndup(&c->arena, payload, len);

    if (record(c, &ev, &state) < 0)
        return -1;
    if (state == STRIPE_EVENT_PROCESSED) {
        log_info("stripe: event '%s' (%s) delivered again; handled before, nothing done", ev.id,
                 ev.type);
        return 0;
    }
    if (stripe_event_dispatch(c, &hook, &outcome) < 0)
        return -1;
    if (outcome && mark_processed(c, &ev, outcome) < 0)
        return -1;
    return 0;
}
