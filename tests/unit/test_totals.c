/* test_totals.c: domain/totals.c against checkout.md's worked examples and Medusa's tests'
 * numbers (§5.2, §5.5, §5.6, §7.4). */
#include "domain/totals.h"
#include "tap.h"

static const struct tax_rate_line r10 = {10, "P", "P"}, r25 = {25, "default", "default"},
                                  r19 = {19, "default", "default"};

int main(void)
{
    /* §5.2: unit 100, rate 10 %, with and without a 10 % discount. */
    struct tot_item a = {100, 1, 0, &r10, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    struct tot_cart c = {&a, 1, NULL, 0, NULL, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    totals_compute(&c);
    ok(a.subtotal == 100 && a.tax_total == 10 && a.total == 110 && a.original_total == 110 &&
           a.original_tax_total == 10 && a.discount_total == 0,
       "unit 100 at 10 %%: tax 10, total 110");
    a.alloc = 10;
    totals_compute(&c);
    ok(a.discount_total == 10 && a.tax_total == 9 && a.total == 99 && a.original_total == 110,
       "with a 10 %% discount: tax 9, total 99");

    /* §5.6 worked example. */
    struct alloc_item al[] = {{1000, 2, 1, 1, 0}, {500, 1, 1, 1, 0}};
    discount_allocate(DISCOUNT_FIXED, 300, 1, al, 2);
    ok(al[0].amount == 240 && al[1].amount == 60, "fixed 300 total: 240 and 60");
    struct tot_item items[] = {{1000, 2, al[0].amount, &r10, 1, 0, 0, 0, 0, 0, 0, 0, 0},
                               {500, 1, al[1].amount, &r25, 1, 0, 0, 0, 0, 0, 0, 0, 0}};
    struct tot_method ship = {800, &r25, 1, 0, 0, 0, 0, 0, 0};
    struct tot_cart w = {items, 2, &ship, 1, NULL, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    totals_compute(&w);
    ok(items[0].tax_total == 176 && items[0].total == 1936 && items[0].original_total == 2200,
       "A: tax 176, total 1936, original 2200");
    ok(items[1].tax_total == 110 && items[1].total == 550 && items[1].original_total == 625,
       "B: tax 110, total 550, original 625");
    ok(ship.tax_total == 200 && ship.total == 1000, "shipping: tax 200, total 1000");
    ok(w.subtotal == 2500 && w.discount_total == 300 && w.item_tax_total == 286 &&
           w.shipping_total == 800 && w.shipping_tax_total == 200 && w.tax_total == 486 &&
           w.total == 3486,
       "cart: total 3486");
    struct tot_gift_card gc = {1000, 1, 25};
    w.gift_cards = &gc;
    w.ngift_cards = 1;
    totals_compute(&w);
    ok(w.gift_card_total == 1000 && w.gift_card_tax_total == 250 && w.total == 2236,
       "with a 1000 gift card at 25 %%: total 2236");

    /* §5.5 test: region 19 %, item 50000, gift card 30000 at 19 %. */
    struct tot_item big = {50000, 1, 0, &r19, 1, 0, 0, 0, 0, 0, 0, 0, 0};
    struct tot_gift_card g30 = {30000, 1, 19};
    struct tot_cart gcart = {&big, 1, NULL, 0, &g30, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    totals_compute(&gcart);
    ok(gcart.subtotal == 50000 && gcart.tax_total == 9500 && gcart.gift_card_total == 30000 &&
           gcart.gift_card_tax_total == 5700 && gcart.total == 23800,
       "gift card test: total 23800");

    /* §5.6 fractional allocation: fixed 185 over 100x1 and 950x2. */
    struct alloc_item fr[] = {{100, 1, 1, 1, 0}, {950, 2, 1, 1, 0}};
    discount_allocate(DISCOUNT_FIXED, 185, 1, fr, 2);
    ok(fr[0].amount == 9.25 && fr[1].amount == 175.75, "185 splits 9.25 / 175.75");
    struct tot_item fi[] = {{100, 1, fr[0].amount, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                            {950, 2, fr[1].amount, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
    struct tot_cart fc = {fi, 2, NULL, 0, NULL, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    totals_compute(&fc);
    ok(fi[0].discount_total == 9 && fi[1].discount_total == 176 && fc.discount_total == 185,
       "item discounts 9 and 176, cart 185");

    /* Large numbers stay exact. */
    struct alloc_item lg[] = {{4452600, 2, 1, 1, 0}, {482200, 2, 1, 1, 0}};
    discount_allocate(DISCOUNT_FIXED, 10000, 1, lg, 2);
    struct tot_item li[] = {{4452600, 2, lg[0].amount, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                            {482200, 2, lg[1].amount, NULL, 0, 0, 0, 0, 0, 0, 0, 0, 0}};
    struct tot_cart lc = {li, 2, NULL, 0, NULL, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    totals_compute(&lc);
    ok(lc.total == 9869600 - 10000 && lc.discount_total == 10000, "large cart total exact");

    /* §7.4 tests, item 1000x2. */
    struct alloc_item one[] = {{1000, 2, 1, 1, 0}};
    discount_allocate(DISCOUNT_FIXED, 100, 1, one, 1);
    ok(one[0].amount == 100, "fixed 100 total -> 100");
    discount_allocate(DISCOUNT_PERCENTAGE, 10, 1, one, 1);
    ok(one[0].amount == 200, "10 %% -> 200");
    discount_allocate(DISCOUNT_FIXED, 200, 0, one, 1);
    ok(one[0].amount == 400, "fixed 200 per item -> 400");
    discount_allocate(DISCOUNT_PERCENTAGE, 15, 0, one, 1);
    ok(one[0].amount == 300, "15 %% item -> 300");
    struct alloc_item four[] = {{1000, 4, 1, 1, 0}};
    discount_allocate(DISCOUNT_FIXED, 200, 0, four, 1);
    ok(four[0].amount == 800, "1000x4 fixed 200 item -> 800");
    struct alloc_item cap[] = {{100, 1, 1, 1, 0}};
    discount_allocate(DISCOUNT_FIXED, 500, 0, cap, 1);
    ok(cap[0].amount == 100, "an adjustment never exceeds the line");
    struct alloc_item gcl[] = {{1000, 1, 0, 1, 0}, {1000, 1, 1, 1, 0}};
    discount_allocate(DISCOUNT_PERCENTAGE, 10, 1, gcl, 2);
    ok(gcl[0].amount == 0 && gcl[1].amount == 100, "gift-card lines get no discount");
    struct alloc_item inel[] = {{1000, 1, 1, 0, 0}, {1000, 1, 1, 1, 0}};
    discount_allocate(DISCOUNT_FIXED, 100, 1, inel, 2);
    ok(inel[0].amount == 0 && inel[1].amount == 50,
       "fixed total: the base counts ineligible discountable lines too (quirk)");

    /* §5.2 tax-inclusive test: 120 incl. 20 % x2 with a 15 % discount. */
    static const struct tax_rate_line r20 = {20, "default", "default"};
    struct alloc_item inc[] = {{100, 2, 1, 1, 0}}; /* allocation on the tax-exclusive price */
    discount_allocate(DISCOUNT_PERCENTAGE, 15, 1, inc, 1);
    struct tot_item ti = {120, 2, inc[0].amount, &r20, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    struct tot_cart tc = {&ti, 1, NULL, 0, NULL, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    totals_compute(&tc);
    ok(ti.subtotal == 200 && ti.discount_total == 30 && ti.tax_total == 34 && ti.total == 204 &&
           ti.original_total == 240 && ti.original_tax_total == 40,
       "tax-inclusive: subtotal 200, discount 30, tax 34, total 204, original 240");
    struct tot_method im = {1250, &r25, 1, 1, 0, 0, 0, 0, 0};
    struct tot_cart ic = {NULL, 0, &im, 1, NULL, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    totals_compute(&ic);
    ok(im.tax_total == 250 && im.subtotal == 1000 && im.total == 1250 && ic.total == 1250,
       "tax-inclusive shipping 1250 at 25 %%: tax 250, subtotal 1000, total 1250");

    /* Free shipping zeroes methods. */
    struct tot_method m = {0, &r25, 1, 0, 0, 0, 0, 0, 0};
    struct tot_cart fs = {NULL, 0, &m, 1, NULL, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    totals_compute(&fs);
    ok(fs.shipping_total == 0 && m.total == 0 && m.tax_total == 0, "free shipping: zero");
    return done_testing();
}
