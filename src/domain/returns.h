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
    /* The Admin API's: return_shipping.price instead of the option's amount (has_price), the
     * refund given instead of the computed one (has_refund; negative is 0), no_notification (-1:
     * the order's), and Medusa's checks of the order (fulfilled, payment captured). */
    int has_price, has_refund, admin;
    int64_t price, refund;
    int no_notification;
};

/* Creates the return; *id receives its id. A swap's return (swap_id set) has no order_id, never
 * notifies and emits no order.return_requested (SwapService.create); a claim's keeps its order
 * and emits none either. */
int return_create(struct ctx *c, const struct return_request *in, const char *idempotency_key,
                  const char **id);

/* The received units of an item (POST /admin/returns/:id/receive). */
struct return_received {
    const char *item_id;
    int64_t quantity;
};
/* ReturnService.receive (mismatches allowed, as the admin routes) and the order's
 * registerReturnReceived (or the swap's registerReceived), inside the caller's transaction: each
 * item must be the order's (or one of its swaps' or claims' additional items) with that many
 * units still unreturned; the return's items record what came back, the items' returned_quantity
 * and their managed variants' stock rise by the units received (once: a received return refuses
 * a second receive), the return is received with refund_amount = refund (has_refund) or its own.
 * For an order's return: the refund (if any) must fit what was paid and not refunded, else
 * fulfillment_status requires_action (order.return_action_required) and nothing is refunded;
 * otherwise returned / partially_returned and order.items_returned. *to_refund receives what the
 * payment provider must now refund (0: nothing), *order_id the order's id (NULL for a swap's). */
int return_receive(struct ctx *c, const char *id, const struct return_received *items, int n,
                   int has_refund, int64_t refund, int64_t *to_refund, const char **order_id);
/* ReturnService.cancel: a received return refuses; *order_id the order whose page answers. */
int return_cancel(struct ctx *c, const char *id, const char **order_id);

#endif
