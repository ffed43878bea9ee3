/* test_order_totals.c: domain/order_totals.c against the numbers of the behaviour notes:
 * store.md §4.2, checkout.md §5.2, §5.6 (worked example), §11.7 (gift card order). */
#include "domain/order_totals.h"
#include "tap.h"

#include <string.h>

int main(void)
{
    struct ot_item_totals t;
    struct ot_method_totals m;
    double r10[] = {10}, r19[] = {19}, r25[] = {25};
    int64_t total, tax;

    /* checkout.md §5.2 (tests): unit 100 at 10 %. */
    struct ot_item i1 = {100, 1, 0, r10, 1, -1, 0};
    order_totals_item(&i1, &t);
    ok(t.subtotal == 100 && t.tax_total == 10 && t.total == 110 && t.original_total == 110 &&
           t.original_tax_total == 10 && t.discount_total == 0,
       "item: 100 at 10 %%");
    i1.alloc = 10;
    order_totals_item(&i1, &t);
    ok(t.discount_total == 10 && t.tax_total == 9 && t.total == 99 && t.original_total == 110 &&
           t.original_tax_total == 10,
       "item: with a 10 %% discount");
    struct ot_item gcp = {30000, 1, 0, r19, 1, -1, 0};
    order_totals_item(&gcp, &t);
    ok(t.tax_total == 5700 && t.total == 35700, "item: gift card product 30000 at 19 %%");

    /* checkout.md §5.6: A 1000 x 2 at 10 % with 240 allocated; B 500 at 25 % with 60. */
    struct ot_item a = {1000, 2, 240, r10, 1, -1, 0}, b = {500, 1, 60, r25, 1, -1, 0};
    order_totals_item(&a, &t);
    ok(t.subtotal == 2000 && t.discount_total == 240 && t.tax_total == 176 && t.total == 1936 &&
           t.original_tax_total == 200 && t.original_total == 2200,
       "item: worked example A");
    order_totals_item(&b, &t);
    ok(t.tax_total == 110 && t.total == 550 && t.original_tax_total == 125 &&
           t.original_total == 625,
       "item: worked example B");
    order_totals_method(800, r25, 1, 0, -1, 0, &m);
    ok(m.subtotal == 800 && m.tax_total == 200 && m.total == 1000, "method: 800 at 25 %%");
    order_totals_method(800, r25, 1, 0, -1, 1, &m);
    ok(m.subtotal == 0 && m.tax_total == 0 && m.total == 0 && m.original_total == 1000,
       "method: free shipping zeroes subtotal, tax and total");
    double two[] = {12.5, 12.5};
    order_totals_method(101, two, 2, 0, -1, 0, &m);
    ok(m.tax_total == 25, "method: lines summed unrounded, then rounded (12.625 + 12.625)");

    /* Refunds: the allocation per unit is rounded over the original quantity. */
    ok(order_totals_refundable(&a, 2) == 1936, "refundable: whole line");
    ok(order_totals_refundable(&a, 1) == 968, "refundable: one unit left");
    ok(order_totals_refundable(&a, 0) == 0, "refundable: all returned");

    /* Gift cards from the cards (cart-like) and from transactions. */
    struct ot_gc card = {1000, 1, 25, -1};
    order_totals_gift_cards(&card, 1, 0, 3000, 1, 25, &total, &tax);
    ok(total == 1000 && tax == 250, "gift cards: balance 1000 at 25 %%");
    struct ot_gc tx = {30000, 1, 19, 1};
    order_totals_gift_cards(&tx, 1, 1, 50000, 1, 19, &total, &tax);
    ok(total == 30000 && tax == 5700, "gift card transactions: 30000 at 19 %%");
    struct ot_gc old = {1000, 0, 0, -1};
    order_totals_gift_cards(&old, 1, 1, 5000, 1, 25, &total, &tax);
    ok(total == 1000 && tax == 250, "gift card transactions: no snapshot, the region's rate");
    order_totals_gift_cards(&old, 1, 1, 5000, 0, 25, &total, &tax);
    ok(tax == 0, "gift card transactions: no snapshot, region gift cards untaxed");

    /* checkout.md §11.7: item 50000 at 19 %, gift card transaction 30000 at 19 %, paid 23800. */
    static const struct tax_line_row t19[] = {{19, "t", "t"}}, t10[] = {{10, "t", "t"}},
                                     t25[] = {{25, "t", "t"}};
    static const struct adjustment_row a240[] = {{"d1", 240}}, a60[] = {{"d1", 60}},
                                       a925[] = {{"d", 9.25}},
                                       a17575[] = {{"d", 175.75}, {"other", 1000}};
    struct arena ar;
    struct order_model om;
    struct order_totals ot;
    struct line_row items[2];
    struct method_row ship;
    struct discount_row ds[2];
    struct gift_card_row gcard;
    struct gift_card_tx_row gtx = {30000, 1, 19, 1};
    arena_init(&ar);

    memset(&om, 0, sizeof(om));
    memset(items, 0, sizeof(items));
    items[0] = (struct line_row){.id = "i1",
                                 .unit_price = 50000,
                                 .quantity = 1,
                                 .allow_discounts = 1,
                                 .tax_lines = t19,
                                 .ntax_lines = 1};
    gcard = (struct gift_card_row){.id = "g", .balance = 0, .has_tax_rate = 1, .tax_rate = 19};
    om.region_gift_cards_taxable = 1;
    om.region_tax_rate = 19;
    om.items = items;
    om.nitems = 1;
    om.gift_cards = &gcard;
    om.ngift_cards = 1;
    om.txs = &gtx;
    om.ntxs = 1;
    om.paid_total = 23800;
    order_totals_compute(&ar, &om, &ot);
    ok(ot.subtotal == 50000 && ot.discount_total == 0 && ot.shipping_total == 0,
       "order 11.7: subtotal, discount, shipping");
    ok(ot.refunded_total == 0 && ot.paid_total == 23800 && ot.refundable_amount == 23800,
       "order 11.7: paid, refunded, refundable");
    ok(ot.gift_card_total == 30000 && ot.gift_card_tax_total == 5700,
       "order 11.7: gift card totals");
    is_int(ot.tax_total, 3800, "order 11.7: tax_total is net of the gift card tax");
    is_int(ot.total, 23800, "order 11.7: total");
    ok(ot.items[0].total == 59500 && ot.items[0].original_total == 59500 &&
           ot.items[0].tax_total == 9500 && ot.refundable[0] == 59500,
       "order 11.7: item totals and refundable");

    /* checkout.md §5.6 as an order, with a gift card applied (no transactions). */
    memset(&om, 0, sizeof(om));
    items[0] = (struct line_row){.id = "a",
                                 .unit_price = 1000,
                                 .quantity = 2,
                                 .allow_discounts = 1,
                                 .tax_lines = t10,
                                 .ntax_lines = 1,
                                 .adjustments = a240,
                                 .nadjustments = 1};
    items[1] = (struct line_row){.id = "b",
                                 .unit_price = 500,
                                 .quantity = 1,
                                 .allow_discounts = 1,
                                 .tax_lines = t25,
                                 .ntax_lines = 1,
                                 .adjustments = a60,
                                 .nadjustments = 1};
    ship = (struct method_row){.id = "sm", .price = 800, .tax_lines = t25, .ntax_lines = 1};
    memset(ds, 0, sizeof(ds));
    ds[0] = (struct discount_row){.id = "d1", .rule_type = "fixed"};
    om.region_gift_cards_taxable = 1;
    om.region_tax_rate = 25;
    om.items = items;
    om.nitems = 2;
    om.methods = &ship;
    om.nmethods = 1;
    om.discounts = ds;
    om.ndiscounts = 1;
    order_totals_compute(&ar, &om, &ot);
    ok(ot.subtotal == 2500 && ot.discount_total == 300 && ot.item_tax_total == 286,
       "order 5.6: subtotal, discount, item tax");
    ok(ot.shipping_total == 800 && ot.shipping_tax_total == 200 && ot.tax_total == 486,
       "order 5.6: shipping and tax");
    is_int(ot.total, 3486, "order 5.6: total");
    gcard = (struct gift_card_row){.id = "g", .balance = 1000, .has_tax_rate = 1, .tax_rate = 25};
    om.gift_cards = &gcard;
    om.ngift_cards = 1;
    order_totals_compute(&ar, &om, &ot);
    ok(ot.gift_card_total == 1000 && ot.gift_card_tax_total == 250,
       "order 5.6 + gift card: gift card totals");
    is_int(ot.total, 2236, "order 5.6 + gift card: total");
    is_int(order_totals_line_refund(&om, &items[0], 1), 968,
           "refund of 1 of item a: (1000 - 120) + 10 %% tax");

    /* checkout.md §5.6: fixed 185 over 100 x 1 and 950 x 2 → 9.25 and 175.75. */
    memset(&om, 0, sizeof(om));
    items[0] = (struct line_row){.id = "x",
                                 .unit_price = 100,
                                 .quantity = 1,
                                 .allow_discounts = 1,
                                 .adjustments = a925,
                                 .nadjustments = 1};
    items[1] = (struct line_row){.id = "y",
                                 .unit_price = 950,
                                 .quantity = 2,
                                 .allow_discounts = 1,
                                 .adjustments = a17575,
                                 .nadjustments = 2};
    ship = (struct method_row){.id = "sm", .price = 500};
    ds[0] = (struct discount_row){.id = "d", .rule_type = "fixed"};
    ds[1] = (struct discount_row){.id = "fs", .rule_type = "free_shipping"};
    om.items = items;
    om.nitems = 2;
    om.methods = &ship;
    om.nmethods = 1;
    om.discounts = ds;
    om.ndiscounts = 2;
    order_totals_compute(&ar, &om, &ot);
    ok(ot.items[0].discount_total == 9 && ot.items[1].discount_total == 176,
       "fractional allocations round per item");
    is_int(ot.discount_total, 185, "the order rounds the raw sum once");
    ok(ot.shipping_total == 0 && ot.methods[0].total == 0,
       "a free-shipping discount zeroes shipping");

    /* store.md §4.2: one item 100, no tax, captured payment 100. */
    memset(&om, 0, sizeof(om));
    items[0] = (struct line_row){.id = "z", .unit_price = 100, .quantity = 1};
    om.items = items;
    om.nitems = 1;
    om.paid_total = 100;
    om.refunds_total = 20.5;
    order_totals_compute(&ar, &om, &ot);
    ok(ot.total == 100 && ot.subtotal == 100 && ot.paid_total == 100,
       "order 4.2: total, subtotal, paid");
    ok(ot.refunded_total == 21 && ot.refundable_amount == 79,
       "refunds are rounded once (Math.round of the sum)");

    /* A legacy order (tax_rate set, no tax lines). */
    memset(&om, 0, sizeof(om));
    items[0] = (struct line_row){.id = "l", .unit_price = 1000, .quantity = 1};
    ship = (struct method_row){.id = "sm", .price = 100};
    om.has_tax_rate = 1;
    om.tax_rate = 25;
    om.items = items;
    om.nitems = 1;
    om.methods = &ship;
    om.nmethods = 1;
    order_totals_compute(&ar, &om, &ot);
    ok(ot.items[0].tax_total == 250 && ot.items[0].total == 1250,
       "legacy order: the order's rate on items");
    ok(ot.methods[0].tax_total == 25 && ot.methods[0].total == 100,
       "legacy order: shipping tax, not added to the method total");

    /* A swap's additional item: the quantity left after its returns, and what it refunds. */
    struct line_row extra = {.id = "e", .unit_price = 300, .quantity = 3, .returned_quantity = 1};
    om.extra = &extra;
    om.nextra = 1;
    order_totals_compute(&ar, &om, &ot);
    ok(ot.extra_quantity[0] == 2 && ot.extra_refundable[0] == 750,
       "additional item: 2 left, refundable 2 x 300 at the legacy 25 %%");
    arena_release(&ar);

    return done_testing();
}
