/* swaps.h: SQL of swaps (store.md §8, checkout.md §11.6): the swap row, its additional items,
 * its cart (type "swap") with the return's lines, its confirmation when the cart completes, and
 * the swap as the Store API answers it (through the graph loader, ent_swap). */
#ifndef DB_SWAPS_H
#define DB_SWAPS_H
#include <stdint.h>

#include "core/ctx.h"

struct json_object;

/* What SwapService.create checks on the order. 1 when there is no such order. */
struct swap_order {
    const char *id, *payment_status, *fulfillment_status, *region_id;
};
int db_swap_order(struct ctx *c, const char *order_id, struct swap_order *out);

/* Inserts a swap of order_id (not_fulfilled, not_paid, no_notification true, as the store route
 * creates it); the new id, or NULL. */
const char *db_swap_insert(struct ctx *c, const char *order_id, const char *idempotency_key);
/* Makes line item line_id one of the swap's additional items. */
int db_swap_item_attach(struct ctx *c, const char *swap_id, const char *line_id);

/* The swap's cart (SwapService.createCart): type "swap", region, e-mail, customer, addresses and
 * sales channel of the order, metadata {swap_id, parent_order_id}, the order's discounts but
 * free-shipping ones; the additional items move onto it and the swap points at it. Its id, or
 * NULL. */
const char *db_swap_cart_insert(struct ctx *c, const char *swap_id, const char *order_id);
/* The return's lines on the cart (LineItemService.createReturnLines): a "Return shipping" line at
 * the return method's price with its tax lines (when the return has a method), then one line per
 * returned item at minus its unit price, with the item's tax lines and negated adjustments. */
int db_swap_cart_return_lines(struct ctx *c, const char *return_id, const char *cart_id);

/* The swap whose cart is cart_id. 1 when there is none. */
struct swap_row {
    const char *id, *order_id, *canceled_at, *confirmed_at;
    int allow_backorder;
    int no_notification; /* -1: null */
};
int db_swap_by_cart(struct ctx *c, const char *cart_id, struct swap_row *out);
/* Registers the cart's completion on the swap (SwapService.registerCartCompletion): the difference
 * due, the cart's shipping address, confirmed_at = now, payment_status; the cart's shipping
 * methods and payment (payment_id, or NULL) also point at the swap (the payment at its order);
 * the cart is completed. */
int db_swap_confirm(struct ctx *c, const struct swap_row *s, const char *cart_id,
                    int64_t difference_due, const char *payment_id, const char *payment_status,
                    const char *now);

/* ---- the admin's swap operations (SwapService.processDifference, createFulfillment, ...) ---- */

/* A swap as the admin routes check it. 0, 1 when there is none, -1 error. */
struct swap_admin_row {
    const char *id, *order_id, *payment_status, *fulfillment_status, *confirmed_at, *canceled_at,
        *cart_id;
    int64_t difference_due;
    int has_difference;
    int no_notification; /* -1: null */
};
int db_swap_get(struct ctx *c, const char *id, struct swap_admin_row *out);
/* The admin's no_notification (1, 0; -1: null) and allow_backorder. */
int db_swap_set_flags(struct ctx *c, const char *id, int no_notification, int allow_backorder);
/* Sets payment_status or fulfillment_status (column, a constant of the caller). */
int db_swap_set_status(struct ctx *c, const char *id, const char *column, const char *value);
/* Captures the swap's payment (as db_order_payments_capture does an order's). */
int db_swap_payment_capture(struct ctx *c, const char *swap_id);
/* The swap canceled: canceled_at, fulfillment and payment status canceled, its payment too. */
int db_swap_set_canceled(struct ctx *c, const char *id);
/* n[0]: live fulfillments, n[1]: a return that is not canceled (0/1). */
int db_swap_cancel_blockers(struct ctx *c, const char *id, int64_t n[2]);

/* The swap as the Store API shows it, arena-owned. Records not_found `Swap was not found`. */
enum swap_view {
    SWAP_VIEW_CREATED,        /* POST /store/swaps: Medusa's store fields and relations */
    SWAP_VIEW_BY_CART,        /* GET /store/swaps/:cart_id: every column and the same relations */
    SWAP_VIEW_CART_COMPLETED, /* cart completion: every column and shipping_address */
};
struct json_object *db_swap_json(struct ctx *c, const char *id, const char *cart_id,
                                 enum swap_view view);

#endif
