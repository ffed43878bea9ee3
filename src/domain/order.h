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

/* OrderService.createShipment of fulfillment_id with tracking numbers[0..n). */
int order_ship(struct ctx *c, const char *id, const char *fulfillment_id,
               const char *const *numbers, int n, int no_notification);

/* OrderService.cancel: refused with refunds or live fulfillments, returns, swaps or claims;
 * inventory goes back to managed variants, payments are canceled. */
int order_cancel(struct ctx *c, const char *id);

/* ---- with the payment provider (domain/payment_provider.h): these call the provider (Stripe)
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
    const char **refund_id; /* out: the (first) refund's id */
};
int order_refund(struct ctx *c, const char *id, const struct order_refund_in *in);

#endif
