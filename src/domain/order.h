/* order.h: the Admin API's order operations as Medusa v1's OrderService does them: capture the
 * payments, fulfil items (manual provider, one fulfillment per shipping method), mark a
 * fulfillment shipped, cancel. Each runs inside the caller's transaction, records Medusa's error on
 * failure, and writes its event to the outbox (order.payment_captured, order.fulfillment_created,
 * order.shipment_created, order.canceled). */
#ifndef DOMAIN_ORDER_H
#define DOMAIN_ORDER_H
#include <stdint.h>

#include "core/ctx.h"

/* OrderService.capturePayment: refused on a canceled order; payment_status "captured" once every
 * payment is, else "requires_action". */
int order_capture(struct ctx *c, const char *id);

struct fulfill_line {
    const char *item_id;
    int64_t quantity;
};

/* OrderService.createFulfillment: refused on canceled orders and orders without shipping
 * methods; each requested quantity must not exceed what is left to fulfil (unknown items are
 * skipped, as Medusa does). no_notification is 1, 0 or -1 (not given); metadata a JSON text. */
int order_fulfill(struct ctx *c, const char *id, const struct fulfill_line *lines, int n,
                  int no_notification, const char *metadata);

struct order_item_row;
struct order_method_row;
struct fulfillment_row;
/* The fulfilment step of orders, claims and swaps (FulfillmentService.createFulfillment): one
 * fulfillment per shipping method of methods[0..nm), owned by the order (owner_col NULL) or by
 * owner_col ("claim_order_id", "swap_id") = owner_id, holding take[i] units of items[i] (-1: none;
 * 0 only for an order), the items' fulfilled_quantity raised, event_name emitted for each
 * ({id: owner_id, fulfillment_id, no_notification: nn, 1, 0 or -1 for null}); *status: fulfilled or
 * partially_fulfilled. */
int fulfillments_make(struct ctx *c, const char *owner_col, const char *owner_id,
                      const struct order_item_row *items, int ni,
                      const struct order_method_row *methods, int nm, const int64_t *take,
                      int no_notification, const char *metadata, const char *event_name, int nn,
                      const char **status);
/* The shipment step they share: the shipped_quantity of the items f holds raised; *status:
 * shipped or partially_shipped over items[0..ni). */
int shipped_status(struct ctx *c, const struct fulfillment_row *f,
                   const struct order_item_row *items, int ni, const char **status);

/* OrderService.createShipment of fulfillment_id with tracking numbers[0..n). */
int order_ship(struct ctx *c, const char *id, const char *fulfillment_id,
               const char *const *numbers, int n, int no_notification);

/* OrderService.cancel: refused with refunds or live fulfillments, returns, swaps or claims;
 * inventory goes back to managed variants, payments are canceled. */
int order_cancel(struct ctx *c, const char *id);

/* An address given to an order update: its columns as address_json writes them (NULL: not
 * given), its metadata, and its country code (for the region check). */
struct order_address_in {
    const char *fields, *metadata, *country_code;
    int metadata_given;
};
/* OrderService.update: email, the billing and shipping addresses (the order's own rows, updated
 * or created; the country must be one of the order's region: Medusa's 400), customer_id (an
 * existing customer), no_notification (set only when true, as Medusa); refused on a canceled
 * order. items and payment_method (has_items_or_payment) are refused: Medusa adds line items to a
 * placed order without charging for them (safety). order.updated. */
struct order_update_in {
    const char *email, *customer_id;
    int no_notification_true;
    int has_items_or_payment;
    struct order_address_in billing, shipping;
};
int order_update(struct ctx *c, const char *id, const struct order_update_in *in);
/* OrderService.archive: only a completed order ("Can't archive an unprocessed order"). */
int order_archive(struct ctx *c, const char *id);
/* OrderService.completeOrder: not a canceled one; order.completed. */
int order_complete(struct ctx *c, const char *id);
/* FulfillmentService.cancelFulfillment for orders, claims and swaps: refused when f was shipped
 * (Medusa's message) or is canceled already (Medusa would take its units off the items a second
 * time); the items' fulfilled_quantity lowered by what f holds, f canceled. */
int fulfillment_cancel(struct ctx *c, const struct fulfillment_row *f);
/* OrderService.cancelFulfillment of an order's own fulfillment (Medusa's 404s for an unknown one
 * or another order's): fulfillment_status canceled, order.fulfillment_canceled. */
int order_cancel_fulfillment(struct ctx *c, const char *id, const char *fulfillment_id);

/* ---- with the payment provider (pay/provider.h): these call the provider (Stripe)
 * with no transaction open, then run the operation above in a short transaction of their own;
 * call them from a route without F_WRITE. ---------------------------------------------------- */

/* 1 when a live payment of the order is the provider's object ref (a PaymentIntent id), else 0;
 * -1 error. */
int order_paid_by(struct ctx *c, const char *id, const char *ref);
/* 1 when the order's payment_status is captured, 0 when not, -1 error. */
int order_payment_captured(struct ctx *c, const char *id);
/* Admin capture: the provider captures every remote payment not captured yet, then
 * order_capture. */
int order_capture_paid(struct ctx *c, const char *id);
/* Admin cancel: refused as order_cancel first; the provider cancels every remote payment, then
 * order_cancel. */
int order_cancel_paid(struct ctx *c, const char *id);
/* OrderService.createRefund: amount (> 0, at most paid - refunded) from the payments in turn
 * (the provider refunds first, recorded only on success), a refund row per payment,
 * payment_status partially_refunded or refunded, order.refund_created. */
struct order_refund_in {
    int64_t amount;
    const char *reason;     /* discount, return, swap, claim, other */
    const char *note;       /* or NULL */
    int no_notification;    /* -1 when not given */
    const char *idem;       /* the request's Idempotency-Key, or NULL */
    const char **refund_id; /* out: the (first) refund's id, or NULL */
    /* PaymentProviderService.refundPayment (a claim's or a swap's refund): the refund rows only,
     * the order's payment_status and order.refund_created left alone. */
    int payments_only;
    /* Run first in the transaction that records the refund (the claim or swap marked
     * refunded): > 0 when another request recorded it already (nothing more is written). With
     * idem set to the claim's or swap's own key, the provider refunds once for both. */
    int (*then)(struct ctx *c, void *arg);
    void *then_arg;
};
int order_refund(struct ctx *c, const char *id, const struct order_refund_in *in);

#endif
