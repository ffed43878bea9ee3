/* swaps.h: Medusa v1's swaps from the Store API (store.md §8, checkout.md §11.6): a swap returns
 * items of a captured, fulfilled order (a return linked to the swap) and sends additional items,
 * paid through a cart of type "swap" that the normal cart routes check out. Every function runs
 * inside the caller's transaction and records Medusa's error on failure. */
#ifndef DOMAIN_SWAPS_H
#define DOMAIN_SWAPS_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/cart.h"
#include "db/swaps.h"
#include "domain/returns.h"

struct swap_item {
    const char *variant_id;
    int64_t quantity;
};

struct swap_request {
    const char *order_id;
    const struct return_line *return_items;
    int nreturn_items;
    const struct swap_item *additional_items;
    int nadditional_items;
    const char *return_option_id; /* return_shipping_option, or NULL */
    /* The admin's (POST /admin/orders/:id/swaps); the store leaves them zero: */
    int admin;           /* no_notification and allow_backorder below apply */
    int no_notification; /* 1, 0, -1: not given */
    int allow_backorder; /* Medusa's admin default: true */
    /* custom_shipping_options: variant_id holds the option id, quantity its price */
    const struct swap_item *custom_options;
    int ncustom_options;
};

/* SwapService.create + createCart + the return's fulfilment, as POST /store/swaps runs them:
 * the swap, its additional items, its return, swap.created, and its cart. *id receives the
 * swap's id. */
int swap_create(struct ctx *c, const struct swap_request *in, const char *idempotency_key,
                const char **id);

/* The swap of a swap cart, or not_found `Swap was not found`. */
int swap_of_cart(struct ctx *c, const char *cart_id, struct swap_row *out);

/* SwapService.registerCartCompletion, after the cart's payment and inventory stages: a confirmed
 * swap is left as it is; a canceled one is refused; with a positive total the cart's payment
 * (payment_id) must be there. The swap gets difference_due = total, the cart's shipping address
 * and shipping methods, confirmed_at and its payment status; swap.payment_completed is emitted
 * and the cart completed. */
int swap_cart_register(struct ctx *c, const struct swap_row *s, const char *cart_id, int64_t total,
                       const char *payment_id, const char *now);

/* ---- the admin's operations on a swap of order_id (store-created ones too) ---- */

/* The swap swap_id of order_id, or Medusa's 404. */
int swap_find(struct ctx *c, const char *order_id, const char *swap_id, struct swap_admin_row *out);
/* What processing a confirmed swap's difference does (pure): SWAP_CAPTURE (a positive difference,
 * its payment captured), SWAP_REFUND (a negative one, refunded), SWAP_SETTLE (0: only the status),
 * SWAP_DONE (already processed: nothing). */
enum swap_payment_step { SWAP_CAPTURE, SWAP_REFUND, SWAP_SETTLE, SWAP_DONE };
enum swap_payment_step swap_payment_step(int64_t difference_due, const char *payment_status);
/* SwapService.processDifference, called with no transaction open: refused on a canceled or
 * unconfirmed swap; a negative difference is refunded from the order's payments through their
 * provider (never above paid - refunded), a positive one captures the swap's payment at its
 * provider (Stripe included), each once. A provider's refusal leaves the swap requires_action
 * (processed again later) with Medusa's failure event, and answers as Medusa does (0). */
int swap_process_payment(struct ctx *c, const char *order_id, const char *swap_id);
/* SwapService.createFulfillment of every additional item (refused until the customer confirmed
 * the swap: its cart completed, the difference authorised). */
int swap_fulfill(struct ctx *c, const char *order_id, const char *swap_id, int no_notification,
                 const char *metadata);
int swap_ship(struct ctx *c, const char *order_id, const char *swap_id, const char *fulfillment_id,
              const char *const *numbers, int n);
int swap_cancel_fulfillment(struct ctx *c, const char *order_id, const char *swap_id,
                            const char *fulfillment_id);
/* SwapService.cancel: refused with a refund, live fulfillments or a live return; its payment is
 * canceled and the additional items' stock (reserved when the cart completed) comes back once. */
int swap_cancel(struct ctx *c, const char *order_id, const char *swap_id);
/* swap_cancel called with no transaction open: the swap's payment is first canceled at its
 * provider (PaymentProviderService.cancelPayment: a card authorisation is released at Stripe;
 * Stripe's refusal, e.g. of a captured payment, answers and cancels nothing), then the swap in a
 * transaction that checks it all again. */
int swap_cancel_paid(struct ctx *c, const char *order_id, const char *swap_id);

#endif
