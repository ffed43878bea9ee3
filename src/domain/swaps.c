/* swaps.c: swaps from the Store API (swaps.h; SwapService.create, createCart and
 * registerCartCompletion, store.md §8, checkout.md §11.6). */
#include "domain/swaps.h"

#include <string.h>

#include "db/checkout.h"
#include "db/claims.h"
#include "db/db.h"
#include "db/draft_order.h"
#include "db/event.h"
#include "db/order.h"
#include "db/returns.h"
#include "domain/cart.h"
#include "domain/order.h"
#include "pay/provider.h"

/* SwapService.create's order checks (store.md §8 steps 1-4), in Medusa's order. */
static int order_check(struct ctx *c, const struct swap_request *in, struct swap_order *o)
{
    int rc;
    if ((rc = db_swap_order(c, in->order_id, o)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Order with id: %s was not found", in->order_id);
    if (strcmp(o->payment_status, "captured"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot swap an order that has not been captured");
    if (!strcmp(o->fulfillment_status, "not_fulfilled"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot swap an order that has not been fulfilled");
    /* Unknown items pass here; the return refuses them next. */
    for (int i = 0; i < in->nreturn_items; i++) {
        int canceled = 0;
        if ((rc = db_return_line_item(c, in->return_items[i].item_id, &canceled)) < 0)
            return -1;
        if (rc == 0 && canceled)
            return err_set(c, ERR_INVALID_DATA, "Cannot create a swap on a canceled item.");
    }
    return 0;
}

/* The additional items, priced for the order's region without a customer (Medusa generates
 * them with the order's cart, which it has not loaded). */
static int additional_items(struct ctx *c, const struct swap_request *in, const char *swap_id,
                            const char *region_id)
{
    struct region_row region;
    int rc;
    if (!in->nadditional_items)
        return 0;
    if ((rc = db_region_get(c, region_id, &region)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", region_id);
    for (int i = 0; i < in->nadditional_items; i++) {
        const struct swap_item *it = &in->additional_items[i];
        struct line_new gen;
        if (cart_line_generate(c, it->variant_id, it->quantity, &region, NULL, NULL, &gen) < 0 ||
            db_line_insert(c, NULL, gen.v.product_title, gen.v.title, gen.v.thumbnail, &gen.l) <
                0 ||
            db_swap_item_attach(c, swap_id, gen.l.id) < 0)
            return -1;
    }
    return 0;
}

static int emit(struct ctx *c, const char *name, const char *id, int no_notification)
{
    const char *kv[] = {"id", id, NULL};
    return db_event_notify(c, name, kv, no_notification);
}

int swap_create(struct ctx *c, const struct swap_request *in, const char *idempotency_key,
                const char **id)
{
    struct swap_order o;
    struct return_request ret;
    const char *return_id, *cart_id;

    if (order_check(c, in, &o) < 0 || !(*id = db_swap_insert(c, o.id, idempotency_key)) ||
        (in->admin && db_swap_set_flags(c, *id, in->no_notification, in->allow_backorder) < 0) ||
        additional_items(c, in, *id, o.region_id) < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    ret.order_id = o.id;
    ret.items = in->return_items;
    ret.nitems = in->nreturn_items;
    ret.option_id = in->return_option_id;
    ret.swap_id = *id;
    /* Store swaps never notify (the route passes no_notification: true). */
    if (return_create(c, &ret, NULL, &return_id) < 0 ||
        emit(c, "swap.created", *id, in->admin ? in->no_notification : 1) < 0)
        return -1;
    /* createCart: the additional items get the cart's discounts before the return lines come. */
    if (!(cart_id = db_swap_cart_insert(c, *id, o.id)) ||
        db_event_id(c, "cart.created", cart_id) < 0 || cart_adjustments_rebuild(c, cart_id) < 0)
        return -1;
    for (int i = 0; i < in->ncustom_options; i++)
        if (db_custom_option_set(c, cart_id, in->custom_options[i].variant_id,
                                 in->custom_options[i].quantity) < 0)
            return -1;
    return db_swap_cart_return_lines(c, return_id, cart_id);
}

int swap_of_cart(struct ctx *c, const char *cart_id, struct swap_row *out)
{
    int rc = db_swap_by_cart(c, cart_id, out);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Swap was not found");
    return rc;
}

int swap_cart_register(struct ctx *c, const struct swap_row *s, const char *cart_id, int64_t total,
                       const char *payment_id, const char *now)
{
    if (s->confirmed_at)
        return 0;
    if (s->canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Cart related to canceled swap cannot be completed");
    if (total > 0 && !payment_id)
        return err_set(c, ERR_INVALID_ARGUMENT, "Cart does not contain a payment");
    if (db_swap_confirm(c, s, cart_id, total, total > 0 ? payment_id : NULL,
                        total == 0 ? "confirmed" : "awaiting", now) < 0)
        return -1;
    return emit(c, "swap.payment_completed", s->id, s->no_notification);
}

/* ---- the admin's operations ------------------------------------------------------------- */

int swap_find(struct ctx *c, const char *order_id, const char *swap_id, struct swap_admin_row *out)
{
    int rc = db_swap_get(c, swap_id, out);
    if (rc < 0)
        return -1;
    if (rc > 0 || strcmp(out->order_id, order_id))
        return err_set(c, ERR_NOT_FOUND, "Swap with id %s was not found", swap_id);
    return 0;
}

enum swap_payment_step swap_payment_step(int64_t difference_due, const char *payment_status)
{
    if (difference_due < 0)
        return strcmp(payment_status, "difference_refunded") ? SWAP_REFUND : SWAP_DONE;
    if (difference_due == 0)
        return strcmp(payment_status, "difference_refunded") ? SWAP_SETTLE : SWAP_DONE;
    return strcmp(payment_status, "captured") ? SWAP_CAPTURE : SWAP_DONE;
}

/* processDifference's local writes, each in a transaction of its own: the provider (Stripe) is
 * called between them, never inside one. Each re-reads the swap under the write lock, so two
 * requests at once record one outcome. */
struct swap_step {
    struct ctx *c;
    const char *id;
    int nn;
    const char *done;             /* the payment_status that means processed */
    const char *status, *event;   /* what a step sets and emits */
    struct order_payment_row pay; /* the swap's payment (captures) */
    const char *pay_data;         /* what the provider answered, or NULL */
};

/* The status and event unless another request processed the swap meanwhile (1: nothing to do). */
static int step_write(struct ctx *c, const struct swap_step *t)
{
    struct swap_admin_row now;
    if (db_swap_get(c, t->id, &now) != 0)
        return -1;
    if (!strcmp(now.payment_status, t->done))
        return 1;
    if (db_swap_set_status(c, t->id, "payment_status", t->status) < 0)
        return -1;
    return emit(c, t->event, t->id, t->nn);
}

static int refunded_then(struct ctx *c, void *arg)
{
    return step_write(c, arg);
}

static int step_tx(void *arg)
{
    struct swap_step *t = arg;
    return step_write(t->c, t) < 0 ? -1 : 0;
}

static int captured_tx(void *arg)
{
    struct swap_step *t = arg;
    int rc;
    if ((rc = step_write(t->c, t)) != 0)
        return rc < 0 ? -1 : 0;
    if (t->pay_data && db_payment_set_data(t->c, t->pay.id, t->pay_data) < 0)
        return -1;
    return db_swap_payment_capture(t->c, t->id);
}

/* A provider's refusal: the swap requires action (the merchant may process it again), with
 * Medusa's swap.process_refund_failed or swap.payment_capture_failed; the answer is the order. */
static int step_failed(struct swap_step *t, const char *event)
{
    err_clear(t->c);
    t->status = "requires_action";
    t->event = event;
    return db_tx(t->c, step_tx, t);
}

int swap_process_payment(struct ctx *c, const char *order_id, const char *swap_id)
{
    struct swap_admin_row s;
    struct swap_step t;
    struct order_refund_in in;
    int rc;
    if (swap_find(c, order_id, swap_id, &s) < 0)
        return -1;
    if (s.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Canceled swap cannot be processed");
    if (!s.confirmed_at)
        return err_set(c, ERR_NOT_ALLOWED,
                       "Cannot process a swap that hasn't been confirmed by the customer");
    memset(&t, 0, sizeof(t));
    t.c = c;
    t.id = s.id;
    t.nn = s.no_notification;
    t.done = t.status = "difference_refunded";
    t.event = "swap.refund_processed";
    switch (swap_payment_step(s.difference_due, s.payment_status)) {
    case SWAP_DONE:
        return 0;
    case SWAP_SETTLE:
        return db_tx(c, step_tx, &t);
    case SWAP_REFUND:
        /* PaymentProviderService.refundPayment from the order's payments, through their
         * provider; its own key, so a retry or a second request is one refund at Stripe. */
        memset(&in, 0, sizeof(in));
        in.amount = -s.difference_due;
        in.reason = "swap";
        in.no_notification = -1;
        in.idem = arena_printf(&c->arena, "swap:%s", s.id);
        in.payments_only = 1;
        in.then = refunded_then;
        in.then_arg = &t;
        if (order_refund(c, s.order_id, &in) < 0)
            return step_failed(&t, "swap.process_refund_failed");
        return 0;
    case SWAP_CAPTURE:
        break;
    }
    t.done = t.status = "captured";
    t.event = "swap.payment_captured";
    if ((rc = db_swap_payment(c, s.id, &t.pay)) < 0)
        return -1;
    if (rc > 0)
        return step_failed(&t, "swap.payment_capture_failed");
    if (!t.pay.captured_at &&
        payment_provider_capture(c, t.pay.provider_id, t.pay.data,
                                 arena_printf(&c->arena, "capture:%s", t.pay.id), &t.pay_data) < 0)
        return step_failed(&t, "swap.payment_capture_failed");
    return db_tx(c, captured_tx, &t);
}

static int emit_ful(struct ctx *c, const char *name, const char *id, const char *fid, int nn)
{
    const char *kv[] = {"id", id, "fulfillment_id", fid, NULL};
    return db_event_notify(c, name, kv, nn);
}

int swap_fulfill(struct ctx *c, const char *order_id, const char *swap_id, int no_notification,
                 const char *metadata)
{
    struct swap_admin_row s;
    struct order_item_row *items;
    struct order_method_row *methods;
    const char *status;
    int64_t *take;
    int ni, nm, nn;
    if (swap_find(c, order_id, swap_id, &s) < 0)
        return -1;
    if (s.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Canceled swap cannot be fulfilled");
    if (strcmp(s.fulfillment_status, "not_fulfilled") && strcmp(s.fulfillment_status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "The swap was already fulfilled");
    /* Medusa fulfils a swap whose cart was never checked out: goods shipped unpaid. */
    if (!s.confirmed_at)
        return err_set(c, ERR_NOT_ALLOWED,
                       "Cannot fulfill a swap that hasn't been confirmed by the customer");
    if (db_owned_items(c, 1, swap_id, &items, &ni) < 0 ||
        db_owned_methods(c, 1, swap_id, &methods, &nm) < 0)
        return -1;
    if (!nm)
        return err_set(c, ERR_NOT_ALLOWED,
                       "Cannot fulfill an swap that doesn't have shipping methods");
    take = arena_alloc(&c->arena, sizeof(*take) * (size_t)(ni ? ni : 1));
    for (int i = 0; i < ni; i++)
        take[i] = items[i].quantity - items[i].fulfilled_quantity;
    nn = no_notification >= 0 ? no_notification : s.no_notification;
    if (fulfillments_make(c, "swap_id", swap_id, items, ni, methods, nm, take, nn, metadata,
                          "swap.fulfillment_created", nn, &status) < 0)
        return -1;
    return db_swap_set_status(c, swap_id, "fulfillment_status",
                              strcmp(status, "fulfilled") ? "requires_action" : "fulfilled");
}

/* The swap's fulfillment fulfillment_id, live, or Medusa's errors. */
static int swap_fulfillment(struct ctx *c, const char *swap_id, const char *fulfillment_id,
                            struct fulfillment_row *f)
{
    int rc = db_fulfillment_get(c, fulfillment_id, f);
    if (rc < 0)
        return -1;
    if (rc > 0 || !f->swap_id || strcmp(f->swap_id, swap_id))
        return err_set(c, ERR_NOT_FOUND, "Fulfillment with id: %s was not found", fulfillment_id);
    if (f->canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Fulfillment has been canceled");
    return 0;
}

int swap_ship(struct ctx *c, const char *order_id, const char *swap_id, const char *fulfillment_id,
              const char *const *numbers, int n)
{
    struct swap_admin_row s;
    struct fulfillment_row f;
    struct order_item_row *items;
    const char *status;
    int ni;
    if (swap_find(c, order_id, swap_id, &s) < 0)
        return -1;
    if (s.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Canceled swap cannot be fulfilled as shipped");
    if (swap_fulfillment(c, swap_id, fulfillment_id, &f) < 0)
        return -1;
    if (f.shipped_at)
        return err_set(c, ERR_NOT_ALLOWED, "Fulfillment has already been shipped");
    if (db_fulfillment_ship(c, fulfillment_id, numbers, n, -1) < 0 ||
        db_owned_items(c, 1, swap_id, &items, &ni) < 0 ||
        shipped_status(c, &f, items, ni, &status) < 0 ||
        db_swap_set_status(c, swap_id, "fulfillment_status", status) < 0)
        return -1;
    return emit_ful(c, "swap.shipment_created", swap_id, fulfillment_id, s.no_notification);
}

int swap_cancel_fulfillment(struct ctx *c, const char *order_id, const char *swap_id,
                            const char *fulfillment_id)
{
    struct swap_admin_row s;
    struct fulfillment_row f;
    if (swap_find(c, order_id, swap_id, &s) < 0 ||
        swap_fulfillment(c, swap_id, fulfillment_id, &f) < 0)
        return -1;
    if (fulfillment_cancel(c, &f) < 0 ||
        db_swap_set_status(c, swap_id, "fulfillment_status", "canceled") < 0)
        return -1;
    return emit_ful(c, "order.fulfillment_canceled", order_id, fulfillment_id, s.no_notification);
}

/* SwapService.cancel's refusals, in Medusa's order. */
static int cancel_check(struct ctx *c, const char *order_id, const char *swap_id,
                        struct swap_admin_row *out)
{
    struct swap_admin_row s;
    int64_t n[2];
    if (swap_find(c, order_id, swap_id, &s) < 0)
        return -1;
    *out = s;
    if (s.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "A canceled swap cannot be canceled");
    if (!strcmp(s.payment_status, "difference_refunded") ||
        !strcmp(s.payment_status, "partially_refunded") || !strcmp(s.payment_status, "refunded"))
        return err_set(c, ERR_NOT_ALLOWED, "Swap with a refund cannot be canceled");
    if (db_swap_cancel_blockers(c, swap_id, n) < 0)
        return -1;
    if (n[0])
        return err_set(c, ERR_NOT_ALLOWED,
                       "All fulfillments must be canceled before the swap can be canceled");
    if (n[1])
        return err_set(c, ERR_NOT_ALLOWED,
                       "Return must be canceled before the swap can be canceled");
    return 0;
}

int swap_cancel(struct ctx *c, const char *order_id, const char *swap_id)
{
    struct swap_admin_row s;
    struct order_item_row *items;
    int ni;
    if (cancel_check(c, order_id, swap_id, &s) < 0)
        return -1;
    /* The stock the completed cart reserved comes back (Medusa keeps it reserved). */
    if (s.confirmed_at) {
        if (db_owned_items(c, 1, swap_id, &items, &ni) < 0)
            return -1;
        for (int i = 0; i < ni; i++) {
            struct variant_info v;
            int rc;
            if (!items[i].variant_id)
                continue;
            if ((rc = db_variant_info(c, items[i].variant_id, &v)) < 0)
                return -1;
            if (rc == 0 && v.manage_inventory &&
                db_variant_reserve(c, items[i].variant_id, -items[i].quantity) < 0)
                return -1;
        }
    }
    if (db_swap_set_canceled(c, swap_id) < 0)
        return -1;
    return emit(c, "swap.canceled", swap_id, s.no_notification);
}

/* The swap canceled with what the provider answered for its payment. */
struct cancel_tx {
    struct ctx *c;
    const char *order_id, *swap_id, *payment_id, *data;
};

static int cancel_write(void *arg)
{
    struct cancel_tx *t = arg;
    if (t->data && db_payment_set_data(t->c, t->payment_id, t->data) < 0)
        return -1;
    return swap_cancel(t->c, t->order_id, t->swap_id);
}

int swap_cancel_paid(struct ctx *c, const char *order_id, const char *swap_id)
{
    struct swap_admin_row s;
    struct order_payment_row p;
    struct cancel_tx t = {c, order_id, swap_id, NULL, NULL};
    int rc;
    /* Refused before the provider is asked; checked again in the transaction. */
    if (cancel_check(c, order_id, swap_id, &s) < 0 || (rc = db_swap_payment(c, s.id, &p)) < 0)
        return -1;
    if (rc == 0 && !p.canceled_at && payment_provider_remote(p.provider_id)) {
        t.payment_id = p.id;
        if (payment_provider_cancel(c, p.provider_id, p.data,
                                    arena_printf(&c->arena, "cancel:%s", p.id), &t.data) < 0)
            return -1;
    }
    return db_tx(c, cancel_write, &t);
}
