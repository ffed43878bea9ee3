/* order_totals.h: the totals Medusa computes on every read of an order (store.md §4.2,
 * checkout.md §11.7; OrderService.decorateTotals): per item, per shipping method and for the
 * order, from the persisted tax lines, adjustments, gift card transactions, payments and refunds.
 * Money is int64_t minor units; intermediate values are doubles rounded as JavaScript's
 * Math.round (core/money.h). Items and methods with tax lines use the cart formulas of
 * domain/totals.c, tax-inclusive prices included; the legacy (order tax_rate) ones are here. */
#ifndef DOMAIN_ORDER_TOTALS_H
#define DOMAIN_ORDER_TOTALS_H
#include <stdint.h>

#include "core/arena.h"
#include "db/order.h"

/* One line item: price, quantity, the discount allocated to it (raw) and its tax rates (percent).
 * legacy_rate >= 0 selects the pre-tax-line formulas of orders with a tax_rate (else < 0). */
struct ot_item {
    int64_t unit_price, quantity;
    double alloc;
    const double *rates;
    int nrates;
    double legacy_rate;
    int includes_tax; /* unit_price includes its tax (checkout.md §5.2) */
};

struct ot_item_totals {
    int64_t subtotal, discount_total, tax_total, total, original_total, original_tax_total;
    double raw_discount_total;
};

/* Medusa's getLineItemTotals (each tax line rounded, on the discounted amount). */
void order_totals_item(const struct ot_item *in, struct ot_item_totals *out);
/* Medusa's getLineItemRefund for quantity_left units: the discount per unit (Math.round of the
 * allocation over the original quantity) comes off each unit, then each tax line. */
int64_t order_totals_refundable(const struct ot_item *in, int64_t quantity_left);

/* One shipping method: price and tax rates; free shipping zeroes subtotal, tax and total. */
struct ot_method_totals {
    int64_t price, subtotal, tax_total, total, original_total, original_tax_total;
};
void order_totals_method(int64_t price, const double *rates, int nrates, int includes_tax,
                         double legacy_rate, int free_shipping, struct ot_method_totals *out);

/* Gift cards applied to an order: from its gift card transactions when it has any, else from the
 * cards themselves (balance and tax_rate snapshot, DB order) against the gift-cardable amount. */
struct ot_gc {
    int64_t amount;   /* transaction amount, or the card's balance */
    int has_tax_rate; /* tax_rate is not null (a card: and not zero) */
    double tax_rate;
    int is_taxable; /* transactions: 1, 0, or -1 for null (orders before tax snapshots) */
};
void order_totals_gift_cards(const struct ot_gc *gc, int n, int from_transactions,
                             double giftcardable, int region_gift_cards_taxable,
                             double region_tax_rate, int64_t *total, int64_t *tax_total);

/* An order's totals, as OrderService.decorateTotals computes them on every read: per item (with
 * `refundable`: what returning the units not yet returned would refund), per shipping method,
 * per additional item of its swaps and claims (quantity less what was returned, and refundable),
 * and for the order. Arrays follow the model's and come from the arena. */
struct order_totals {
    struct ot_item_totals *items;
    int64_t *refundable;
    struct ot_method_totals *methods;
    int64_t *extra_quantity, *extra_refundable;
    int64_t subtotal, discount_total, shipping_total, item_tax_total, shipping_tax_total, tax_total,
        gift_card_total, gift_card_tax_total, total, paid_total, refunded_total, refundable_amount;
    double raw_discount_total;
};
void order_totals_compute(struct arena *a, const struct order_model *m, struct order_totals *out);
/* Medusa's getLineItemRefund of quantity units of line l (one of m's items or extra items) under
 * the order's discounts and legacy tax rate: what a return of those units refunds (store.md §7). */
int64_t order_totals_line_refund(const struct order_model *m, const struct line_row *l,
                                 int64_t quantity);

#endif
