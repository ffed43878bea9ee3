/* test_order_totals.c: domain/order_totals.c against the numbers of the behaviour notes:
 * store.md §4.2, checkout.md §5.2, §5.6 (worked example), §11.7 (gift card order). */
#include "domain/order_totals.h"
#include "core/json.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct json_object *parse(const char *s)
{
    return json_tokener_parse(s);
}

static int64_t at(struct json_object *o, const char *path)
{
    /* "items.0.total" style paths. */
    char buf[128], *save = NULL;
    snprintf(buf, sizeof(buf), "%s", path);
    for (char *k = strtok_r(buf, ".", &save); k; k = strtok_r(NULL, ".", &save)) {
        if (json_object_is_type(o, json_type_array))
            o = json_object_array_get_idx(o, (size_t)strtol(k, NULL, 10));
        else
            o = json_get(o, k);
    }
    return o ? json_object_get_int64(o) : -999999;
}

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
    struct json_object *o = parse(
        "{\"tax_rate\":null,\"region\":{\"gift_cards_taxable\":true,\"tax_rate\":19},"
        "\"items\":[{\"id\":\"i1\",\"unit_price\":50000,\"quantity\":1,\"returned_quantity\":null,"
        "\"allow_discounts\":true,\"tax_lines\":[{\"rate\":19}],\"adjustments\":[]}],"
        "\"shipping_methods\":[],\"discounts\":[],\"payments\":[{\"amount\":23800}],"
        "\"refunds\":[],\"gift_cards\":[{\"balance\":0,\"tax_rate\":19}],"
        "\"gift_card_transactions\":[{\"amount\":30000,\"tax_rate\":19,\"is_taxable\":true}],"
        "\"swaps\":[],\"claims\":[]}");
    order_totals_decorate(o);
    ok(at(o, "subtotal") == 50000 && at(o, "discount_total") == 0 && at(o, "shipping_total") == 0,
       "order 11.7: subtotal, discount, shipping");
    ok(at(o, "refunded_total") == 0 && at(o, "paid_total") == 23800 &&
           at(o, "refundable_amount") == 23800,
       "order 11.7: paid, refunded, refundable");
    ok(at(o, "gift_card_total") == 30000 && at(o, "gift_card_tax_total") == 5700,
       "order 11.7: gift card totals");
    is_int(at(o, "tax_total"), 3800, "order 11.7: tax_total is net of the gift card tax");
    is_int(at(o, "total"), 23800, "order 11.7: total");
    ok(at(o, "items.0.total") == 59500 && at(o, "items.0.original_total") == 59500 &&
           at(o, "items.0.tax_total") == 9500 && at(o, "items.0.refundable") == 59500,
       "order 11.7: item totals and refundable");
    json_object_put(o);

    /* checkout.md §5.6 as an order, with a gift card applied (no transactions). */
    o = parse(
        "{\"region\":{\"gift_cards_taxable\":true,\"tax_rate\":25},"
        "\"discounts\":[{\"id\":\"d1\",\"rule\":{\"type\":\"fixed\"}}],"
        "\"items\":[{\"id\":\"a\",\"unit_price\":1000,\"quantity\":2,\"allow_discounts\":true,"
        "\"tax_lines\":[{\"rate\":10}],\"adjustments\":[{\"discount_id\":\"d1\",\"amount\":240}]},"
        "{\"id\":\"b\",\"unit_price\":500,\"quantity\":1,\"allow_discounts\":true,"
        "\"tax_lines\":[{\"rate\":25}],\"adjustments\":[{\"discount_id\":\"d1\",\"amount\":60}]}],"
        "\"shipping_methods\":[{\"price\":800,\"tax_lines\":[{\"rate\":25}]}],"
        "\"gift_cards\":[],\"gift_card_transactions\":[],\"payments\":[],\"refunds\":[]}");
    order_totals_decorate(o);
    ok(at(o, "subtotal") == 2500 && at(o, "discount_total") == 300 &&
           at(o, "item_tax_total") == 286,
       "order 5.6: subtotal, discount, item tax");
    ok(at(o, "shipping_total") == 800 && at(o, "shipping_tax_total") == 200 &&
           at(o, "tax_total") == 486,
       "order 5.6: shipping and tax");
    is_int(at(o, "total"), 3486, "order 5.6: total");
    json_object_put(o);
    o = parse(
        "{\"region\":{\"gift_cards_taxable\":true,\"tax_rate\":25},"
        "\"discounts\":[{\"id\":\"d1\",\"rule\":{\"type\":\"fixed\"}}],"
        "\"items\":[{\"id\":\"a\",\"unit_price\":1000,\"quantity\":2,\"allow_discounts\":true,"
        "\"tax_lines\":[{\"rate\":10}],\"adjustments\":[{\"discount_id\":\"d1\",\"amount\":240}]},"
        "{\"id\":\"b\",\"unit_price\":500,\"quantity\":1,\"allow_discounts\":true,"
        "\"tax_lines\":[{\"rate\":25}],\"adjustments\":[{\"discount_id\":\"d1\",\"amount\":60}]}],"
        "\"shipping_methods\":[{\"price\":800,\"tax_lines\":[{\"rate\":25}]}],"
        "\"gift_cards\":[{\"balance\":1000,\"tax_rate\":25}],\"gift_card_transactions\":[]}");
    order_totals_decorate(o);
    ok(at(o, "gift_card_total") == 1000 && at(o, "gift_card_tax_total") == 250,
       "order 5.6 + gift card: gift card totals");
    is_int(at(o, "total"), 2236, "order 5.6 + gift card: total");
    json_object_put(o);

    /* checkout.md §5.6: fixed 185 over 100 x 1 and 950 x 2 → 9.25 and 175.75. */
    o = parse(
        "{\"region\":{},\"discounts\":[{\"id\":\"d\",\"rule\":{\"type\":\"fixed\"}},"
        "{\"id\":\"fs\",\"rule\":{\"type\":\"free_shipping\"}}],"
        "\"items\":[{\"unit_price\":100,\"quantity\":1,\"allow_discounts\":true,\"tax_lines\":[],"
        "\"adjustments\":[{\"discount_id\":\"d\",\"amount\":9.25}]},"
        "{\"unit_price\":950,\"quantity\":2,\"allow_discounts\":true,\"tax_lines\":[],"
        "\"adjustments\":[{\"discount_id\":\"d\",\"amount\":175.75},"
        "{\"discount_id\":\"other\",\"amount\":1000}]}],"
        "\"shipping_methods\":[{\"price\":500,\"tax_lines\":[]}]}");
    order_totals_decorate(o);
    ok(at(o, "items.0.discount_total") == 9 && at(o, "items.1.discount_total") == 176,
       "fractional allocations round per item");
    is_int(at(o, "discount_total"), 185, "the order rounds the raw sum once");
    ok(at(o, "shipping_total") == 0 && at(o, "shipping_methods.0.total") == 0,
       "a free-shipping discount zeroes shipping");
    json_object_put(o);

    /* store.md §4.2: one item 100, no tax, captured payment 100. */
    o = parse(
        "{\"items\":[{\"unit_price\":100,\"quantity\":1,\"tax_lines\":[],\"adjustments\":[]}],"
        "\"payments\":[{\"amount\":100}],\"refunds\":[{\"amount\":20.5}]}");
    order_totals_decorate(o);
    ok(at(o, "total") == 100 && at(o, "subtotal") == 100 && at(o, "paid_total") == 100,
       "order 4.2: total, subtotal, paid");
    ok(at(o, "refunded_total") == 21 && at(o, "refundable_amount") == 79,
       "refunds are rounded once (Math.round of the sum)");
    json_object_put(o);

    /* A legacy order (tax_rate set, no tax lines). */
    o = parse("{\"tax_rate\":25,\"items\":[{\"unit_price\":1000,\"quantity\":1,\"tax_lines\":[],"
              "\"adjustments\":[]}],\"shipping_methods\":[{\"price\":100,\"tax_lines\":[]}]}");
    order_totals_decorate(o);
    ok(at(o, "items.0.tax_total") == 250 && at(o, "items.0.total") == 1250,
       "legacy order: the order's rate on items");
    ok(at(o, "shipping_methods.0.tax_total") == 25 && at(o, "shipping_methods.0.total") == 100,
       "legacy order: shipping tax, not added to the method total");
    json_object_put(o);

    return done_testing();
}
