/* returns.h: Medusa v1's return requests (store.md §7): POST /store/returns checks the items
 * against the order, prices the refund, and records a `requested` return, with a return shipping
 * method when asked. Runs inside the caller's transaction; records Medusa's error on failure. */
#ifndef DOMAIN_RETURNS_H
#define DOMAIN_RETURNS_H
#include <stdint.h>

#include "core/ctx.h"

struct return_line {
    const char *item_id, *reason_id, *note;
    const char *metadata; /* JSON text or NULL */
    int64_t quantity;
};

struct return_request {
    const char *order_id;
    const struct return_line *items;
    int nitems;
    const char *option_id; /* return_shipping.option_id, or NULL */
    const char *swap_id;   /* the swap this return belongs to (store.md §8), or NULL */
    const char *claim_id;  /* the claim this return belongs to (ClaimService.create), or NULL */
};

/* Creates the return; *id receives its id. A swap's return (swap_id set) has no order_id, never
 * notifies and emits no order.return_requested (SwapService.create); a claim's keeps its order
 * and emits none either. */
int return_create(struct ctx *c, const struct return_request *in, const char *idempotency_key,
                  const char **id);

#endif
