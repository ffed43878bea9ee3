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

#endif
