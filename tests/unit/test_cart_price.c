/* test_cart_price.c: the cart's money on typed rows (domain/cart_price.c, cart_discounts.c,
 * checkout.c): tax lines computed or persisted, the allocation that counts, free shipping, gift
 * cards; per-line discount allocation (§7.4); and completion's gift-card allocation (§8.2) and
 * gift cards made from gift-card lines (§8.3). Worked numbers of checkout.md §5.6. */
#include <string.h>

#include "core/arena.h"
#include "domain/cart.h"
#include "tap.h"

static struct arena a;

static const struct tax_line_row r10[] = {{10, "P10", "p10"}};
static const struct tax_line_row r25p[] = {{25, "Persisted", "pers"}};
static const struct rate_set prates[] = {{"prod_1", r10, 1}};

static const struct adjustment_row adj1[] = {{"disc_val", 240}, {"disc_other", 50}, {NULL, 0}};
static const struct adjustment_row adj2[] = {{"disc_val", 60}};

static void model(struct cart_priced *p, struct line_row *lines, int nl, struct method_row *m,
                  int nm, struct discount_row *d, int nd, struct gift_card_row *g, int ng)
{
    memset(p, 0, sizeof(*p));
    p->m.region.id = "reg_1";
    p->m.region.tax_rate = 25;
    p->m.region.gift_cards_taxable = 1;
    p->m.lines = lines;
    p->m.nlines = nl;
    p->m.methods = m;
    p->m.nmethods = nm;
    p->m.discounts = d;
    p->m.ndiscounts = nd;
    p->m.gift_cards = g;
    p->m.ngift_cards = ng;
}

static void test_price(void)
{
    struct line_row lines[4];
    struct method_row ship = {"sm_1", "so_1", 800, 0, NULL, 0};
    struct discount_row ds[2];
    struct gift_card_row gc = {0};
    struct cart_priced p;

    memset(lines, 0, sizeof(lines));
    memset(ds, 0, sizeof(ds));
    lines[0] = (struct line_row){.id = "item_1",
                                 .variant_id = "v1",
                                 .variant_product_id = "prod_1",
                                 .unit_price = 1000,
                                 .quantity = 2,
                                 .allow_discounts = 1,
                                 .adjustments = adj1,
                                 .nadjustments = 3};
    lines[1] = (struct line_row){.id = "item_2",
                                 .variant_id = "v2",
                                 .variant_product_id = "prod_2",
                                 .unit_price = 500,
                                 .quantity = 1,
                                 .allow_discounts = 1,
                                 .adjustments = adj2,
                                 .nadjustments = 1};
    ds[0] = (struct discount_row){.id = "disc_val", .rule_type = "fixed"};

    /* §5.6: rates from the product (10 %) and the region's default (25 %). */
    model(&p, lines, 2, &ship, 1, ds, 1, NULL, 0);
    cart_price_model(&a, &p, 1, prates, 1, NULL, 0);
    is_str(p.value_discount_id, "disc_val", "the value discount's adjustments count");
    ok(p.item_taxed[0] && p.item_taxed[1] && p.methods_taxed, "tax lines computed");
    ok(p.t.items[0].ntax == 1 && p.t.items[0].tax[0].rate == 10 &&
           !strcmp(p.t.items[0].tax[0].code, "p10"),
       "item 1 taxed at its product's rate");
    ok(p.t.items[1].ntax == 1 && p.t.items[1].tax[0].rate == 25 &&
           !strcmp(p.t.items[1].tax[0].name, "default"),
       "item 2 at the region's default");
    ok(p.t.items[0].raw_discount_total == 240, "another discount's adjustment does not count");
    is_int(p.t.items[0].total, 1936, "item 1 total 1936");
    is_int(p.t.items[1].total, 550, "item 2 total 550");
    is_int(p.t.methods[0].total, 1000, "shipping 800 + 200 tax");
    is_int(p.t.total, 3486, "cart total 3486");

    /* A gift card of 1000 at 25 %. */
    gc = (struct gift_card_row){.id = "gift_1", .balance = 1000, .has_tax_rate = 1, .tax_rate = 25};
    model(&p, lines, 2, &ship, 1, ds, 1, &gc, 1);
    cart_price_model(&a, &p, 1, prates, 1, NULL, 0);
    ok(p.t.gift_card_total == 1000 && p.t.gift_card_tax_total == 250 && p.t.total == 2236,
       "with a 1000 gift card at 25 %%: total 2236");

    /* Without taxes (manual region, not forced): the persisted lines, here none. */
    model(&p, lines, 2, &ship, 1, ds, 1, NULL, 0);
    cart_price_model(&a, &p, 0, prates, 1, NULL, 0);
    ok(!p.item_taxed[0] && !p.methods_taxed && p.t.tax_total == 0 && p.t.total == 2500 + 800 - 300,
       "manual taxes: no tax lines, total 3000");

    /* Free shipping: the methods cost nothing; a custom line gets no tax lines; a swap's return
     * line keeps its persisted ones even when taxes are computed. */
    lines[2] = (struct line_row){.id = "item_3", .unit_price = 300, .quantity = 1};
    lines[3] = (struct line_row){.id = "item_4",
                                 .variant_id = "v1",
                                 .variant_product_id = "prod_1",
                                 .unit_price = -200,
                                 .quantity = 1,
                                 .is_return = 1,
                                 .tax_lines = r25p,
                                 .ntax_lines = 1};
    ds[1] = (struct discount_row){.id = "disc_free", .rule_type = "free_shipping"};
    model(&p, lines, 4, &ship, 1, ds, 2, NULL, 0);
    cart_price_model(&a, &p, 1, prates, 1, NULL, 0);
    ok(p.t.free_shipping && p.t.methods[0].total == 0 && p.t.shipping_total == 0,
       "free shipping zeroes the method");
    ok(p.item_taxed[2] && p.t.items[2].ntax == 0 && p.t.items[2].total == 300,
       "a custom line: no tax lines");
    ok(!p.item_taxed[3] && p.t.items[3].ntax == 1 && !strcmp(p.t.items[3].tax[0].code, "pers") &&
           p.t.items[3].tax_total == -50 && p.t.items[3].total == -250,
       "a return line keeps its persisted 25 %%");
    is_int(p.t.subtotal, 2600, "subtotal counts the return line");
    ok(cart_line_alloc(&lines[0], NULL) == 0, "no value discount: only discount-less adjustments");
}

static void test_adjustments(void)
{
    struct line_row l[4];
    unsigned char yes[] = {1, 1, 1, 1}, some[] = {1, 0, 1, 1};
    double amounts[4];
    struct alloc_item scratch[4];
    struct discount_row fixed = {
        .id = "d", .rule_type = "fixed", .allocation = "total", .value = 300};
    struct discount_row pct = {
        .id = "d", .rule_type = "percentage", .allocation = "total", .value = 10};
    static const struct tax_line_row r25[] = {{25, "VAT", "vat"}};
    static const struct rate_set incl[] = {{"prod_i", r25, 1}};

    memset(l, 0, sizeof(l));
    l[0] = (struct line_row){
        .id = "a", .product_id = "prod_a", .unit_price = 1000, .quantity = 2, .allow_discounts = 1};
    l[1] = (struct line_row){
        .id = "b", .product_id = "prod_b", .unit_price = 500, .quantity = 1, .allow_discounts = 1};
    cart_adjustments_plan(&fixed, l, 2, yes, NULL, 0, 0, amounts, scratch);
    ok(amounts[0] == 240 && amounts[1] == 60, "fixed 300 over the total: 240 and 60");
    cart_adjustments_plan(&pct, l, 2, yes, NULL, 0, 0, amounts, scratch);
    ok(amounts[0] == 200 && amounts[1] == 50, "10 %%: 200 and 50");
    cart_adjustments_plan(&pct, l, 2, some, NULL, 0, 0, amounts, scratch);
    ok(amounts[0] == 200 && amounts[1] == 0, "a product the conditions refuse gets nothing");

    l[2] = (struct line_row){.id = "c",
                             .product_id = "prod_a",
                             .unit_price = -1000,
                             .quantity = 1,
                             .allow_discounts = 1,
                             .is_return = 1};
    l[3] = (struct line_row){.id = "d",
                             .product_id = "prod_i",
                             .unit_price = 1250,
                             .quantity = 1,
                             .allow_discounts = 1,
                             .includes_tax = 1};
    cart_adjustments_plan(&pct, l, 4, yes, incl, 1, 10, amounts, scratch);
    ok(amounts[2] == 0, "a return line is never discounted");
    ok(amounts[3] == 100, "tax-inclusive 1250 at 25 %%: 10 %% of 1000");
    l[3].product_id = "prod_other";
    cart_adjustments_plan(&pct, l, 4, yes, incl, 1, 25, amounts, scratch);
    ok(amounts[3] == 100, "no product rates: the region's 25 %%");
    l[0].allow_discounts = 0;
    cart_adjustments_plan(&pct, l, 2, yes, NULL, 0, 0, amounts, scratch);
    ok(amounts[0] == 0 && amounts[1] == 50, "a line that allows no discounts gets none");

    struct discount_row ds[] = {{.id = "f", .rule_type = "free_shipping"}, pct};
    ok(cart_value_discount(ds, 2) == &ds[1], "the value discount is the first not free shipping");
    ok(cart_value_discount(ds, 1) == NULL, "free shipping alone makes no adjustments");
}

static void test_gift_cards(void)
{
    struct gift_card_row g[] = {
        {.id = "A", .balance = 500, .ends_at = "2030-01-01T00:00:00.000Z"},
        {.id = "B", .balance = 1000},
        {.id = "C", .balance = 300, .ends_at = "2030-01-01T00:00:00.000Z"},
    };
    unsigned char flags[3];
    struct gift_card_use use[3];
    int k = cart_gift_cards_allocate(g, 3, 1200, flags, use);
    is_int(k, 3, "1200 takes three cards");
    ok(use[0].index == 2 && use[0].used == 300 && use[0].balance_after == 0,
       "first the earliest expiry with the smaller balance: C pays 300");
    ok(use[1].index == 0 && use[1].used == 500 && use[1].balance_after == 0, "then A pays 500");
    ok(use[2].index == 1 && use[2].used == 400 && use[2].balance_after == 600,
       "then B, which never expires, pays the last 400 and keeps 600");
    k = cart_gift_cards_allocate(g, 3, 200, flags, use);
    ok(k == 1 && use[0].index == 2 && use[0].used == 200 && use[0].balance_after == 100,
       "200: C alone, 100 left on it");
    is_int(cart_gift_cards_allocate(g, 3, 0, flags, use), 0, "nothing to pay: no card is used");

    /* §8.3: gift-card lines become one card per unit. */
    static const struct tax_line_row r10x[] = {{10, "V", "v"}};
    struct line_row lines[3];
    struct cart_priced p;
    struct gift_card_issue iss[3];
    memset(lines, 0, sizeof(lines));
    lines[0] = (struct line_row){
        .id = "g1", .variant_id = "vg", .unit_price = 2500, .quantity = 2, .is_giftcard = 1};
    lines[1] = (struct line_row){.id = "t1", .variant_id = "vt", .unit_price = 900, .quantity = 1};
    lines[2] = (struct line_row){
        .id = "g2", .variant_id = "vg", .unit_price = 0, .quantity = 1, .is_giftcard = 1};
    model(&p, lines, 3, NULL, 0, NULL, 0, NULL, 0);
    cart_price_model(&a, &p, 0, NULL, 0, NULL, 0);
    k = cart_gift_card_issues(&p, 25, iss);
    ok(k == 1 && iss[0].line == 0 && iss[0].value == 2500 && iss[0].count == 2 && iss[0].rate == 25,
       "2 x 2500: two cards of 2500 at the region's rate; a free line makes none");
    lines[0].tax_lines = r10x;
    lines[0].ntax_lines = 1;
    cart_price_model(&a, &p, 0, NULL, 0, NULL, 0);
    k = cart_gift_card_issues(&p, 25, iss);
    ok(k == 1 && iss[0].rate == 10, "taxed at the line's own rates when it has some");
}

int main(void)
{
    arena_init(&a);
    test_price();
    test_adjustments();
    test_gift_cards();
    arena_release(&a);
    return done_testing();
}
