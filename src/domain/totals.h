/* totals.h: Medusa v1's cart and order totals (checkout.md §5), and discount allocation to
 * items (§7.4), as pure functions over plain structs. Every rounding is core/money.c's
 * Math.round, at exactly the places Medusa rounds (§5.7). */
#ifndef DOMAIN_TOTALS_H
#define DOMAIN_TOTALS_H
#include <stdint.h>

struct tax_rate_line {
    double rate; /* percent */
    const char *name, *code;
};

struct tot_item {
    /* in */
    int64_t unit_price, quantity;
    double alloc; /* raw discount allocated to the item (Σ adjustments, §5.1) */
    const struct tax_rate_line *tax; /* the item's tax lines */
    int ntax;
    int includes_tax; /* unit_price includes the tax (tax-inclusive pricing, §5.2) */
    /* out */
    int64_t subtotal, discount_total, tax_total, total, original_total, original_tax_total;
    double raw_discount_total;
};

struct tot_method {
    int64_t price;
    const struct tax_rate_line *tax;
    int ntax;
    int includes_tax; /* the option's price includes the tax (§5.3) */
    int64_t subtotal, tax_total, total, original_total, original_tax_total;
};

struct tot_gift_card {
    int64_t balance;
    int has_rate;
    double tax_rate; /* percent */
};

struct tot_cart {
    struct tot_item *items;
    int nitems;
    struct tot_method *methods;
    int nmethods;
    const struct tot_gift_card *gift_cards;
    int ngift_cards;
    int free_shipping;      /* a free_shipping discount is on the cart */
    int gift_cards_taxable; /* of the region */
    /* out */
    int64_t subtotal, discount_total, item_tax_total, shipping_total, shipping_tax_total, tax_total,
        gift_card_total, gift_card_tax_total, total;
    double raw_discount_total;
};

/* Computes every item, method and cart total in Medusa's order (§5.1-5.5). */
void totals_compute(struct tot_cart *t);
/* One item's totals (§5.1, §5.2): carts and orders alike (domain/order_totals.c). */
void totals_item(struct tot_item *it);
/* One shipping method's totals (§5.3); free_shipping zeroes subtotal, tax and total. */
void totals_method(struct tot_method *m, int free_shipping);

/* A discount's allocation to one item (§7.4 step 3). */
struct alloc_item {
    int64_t unit_price, quantity;
    int allow_discounts; /* gift cards and non-discountable products never get one */
    int eligible;        /* the rule's product conditions accept the item's product */
    double amount;       /* out: 0 = no adjustment */
};
enum discount_kind { DISCOUNT_FIXED, DISCOUNT_PERCENTAGE, DISCOUNT_FREE_SHIPPING };
/* allocation_total: allocation "total" (else "item" or none). */
void discount_allocate(enum discount_kind kind, int64_t value, int allocation_total,
                       struct alloc_item *items, int n);

#endif
