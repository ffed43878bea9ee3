/* test_pricing.c: domain/pricing.c price selection (store.md §5.3, Medusa's
 * calculateVariantPrice), core/money.c rounding, domain/search.c FTS5 query building. */
#include "core/money.h"
#include "domain/pricing.h"
#include "domain/search.h"
#include "tap.h"

#include <string.h>

#define P(amount, cur, region, list, type)                                                         \
    {                                                                                              \
        amount, cur, region, list, type, 0, 0, 0, 0                                                \
    }

int main(void)
{
    struct price_result res;
    struct arena a;

    /* store.md §5.3 example: usd 100 and an active sale list price usd 80. */
    struct price sale[] = {P(100, "usd", NULL, NULL, NULL), P(80, "usd", NULL, "pl_1", "sale")};
    struct price_query usd = {NULL, "usd", 0, 0};
    pricing_select(sale, 2, &usd, &res);
    ok(res.has_original && res.original == 100, "original is the plain currency price");
    ok(res.has_calculated && res.calculated == 80, "calculated is the lowest price");
    ok(!strcmp(res.calculated_type, "sale"), "calculated type is the list's type");

    struct price_query none = {NULL, NULL, 0, 0};
    pricing_select(sale, 2, &none, &res);
    ok(!res.has_original && !res.has_calculated, "no context: nothing computed");

    /* Region price beats a currency price for the original, whatever the order. */
    struct price reg[] = {P(2700, "usd", NULL, NULL, NULL), P(2900, "usd", "reg_na", NULL, NULL)};
    struct price_query na = {"reg_na", "usd", 0, 0};
    pricing_select(reg, 2, &na, &res);
    ok(res.original == 2900, "region price is the original (region after currency)");
    ok(res.calculated == 2700 && !strcmp(res.calculated_type, "default"),
       "calculated is the lowest of both");
    struct price reg2[] = {P(2900, "usd", "reg_na", NULL, NULL), P(2700, "usd", NULL, NULL, NULL)};
    pricing_select(reg2, 2, &na, &res);
    ok(res.original == 2900, "region price is the original (region first)");

    /* Other currencies never match. */
    struct price eur[] = {P(100, "eur", NULL, NULL, NULL)};
    pricing_select(eur, 1, &usd, &res);
    ok(!res.has_original && !res.has_calculated, "another currency matches nothing");

    /* Quantity tiers. */
    struct price tier[] = {P(2500, "eur", NULL, NULL, NULL),
                           P(1800, "eur", NULL, "pl_t", "override")};
    tier[1].has_min = 1;
    tier[1].min_quantity = 5;
    struct price_query eur1 = {NULL, "eur", 0, 0};
    pricing_select(tier, 2, &eur1, &res);
    ok(res.calculated == 2500, "without a quantity a tier with a minimum does not apply");
    struct price_query eur5 = {NULL, "eur", 1, 5};
    pricing_select(tier, 2, &eur5, &res);
    ok(res.calculated == 1800 && !strcmp(res.calculated_type, "override"), "quantity 5 reaches it");
    struct price_query eur4 = {NULL, "eur", 1, 4};
    pricing_select(tier, 2, &eur4, &res);
    ok(res.calculated == 2500, "quantity 4 does not");
    tier[1].has_min = 0;
    tier[1].has_max = 1;
    tier[1].max_quantity = 3;
    pricing_select(tier, 2, &eur1, &res);
    ok(res.calculated == 1800, "without a quantity a tier up to a maximum applies");
    pricing_select(tier, 2, &eur4, &res);
    ok(res.calculated == 2500, "quantity above the maximum does not");
    ok(res.original == 2500, "tiers are never the original price");

    /* Ties keep the first price and its type. */
    struct price tie[] = {P(500, "eur", NULL, NULL, NULL), P(500, "eur", NULL, "pl", "sale")};
    pricing_select(tie, 2, &eur1, &res);
    ok(!strcmp(res.calculated_type, "default"), "a tie keeps the first price");

    /* JavaScript's Math.round. */
    ok(money_round(877.5) == 878, "877.5 rounds up (observed.md: 3510 x 25 %%)");
    ok(money_round(-2.5) == -2, "-2.5 rounds towards +infinity like Math.round");
    ok(money_tax(3510, 0.25) == 878, "tax of 3510 at 25 %% is 878");
    ok(money_tax(2500, 0.05) == 125 && money_tax(2200, 0.05) == 110, "5 %% of 2500 and 2200");
    ok(money_tax(1999, 0.125) == 250, "12.5 %% of 1999 = 249.875 -> 250");

    /* Search text → FTS5. */
    arena_init(&a);
    ok(!strcmp(search_fts_query(&a, "shi", 0), "\"shi\"*"), "one word is a prefix term");
    ok(!strcmp(search_fts_query(&a, " Blue  t-shirt ", 0), "\"Blue\"* AND \"t\"* AND \"shirt\"*"),
       "words are split on punctuation and all required");
    ok(!strcmp(search_fts_query(&a, "a b", 1), "\"a\"* OR \"b\"*"), "any_word joins with OR");
    ok(search_fts_query(&a, "\"*()-", 0) == NULL, "no word: no query");
    ok(search_fts_query(&a, NULL, 0) == NULL, "no text: no query");
    ok(!strcmp(search_fts_query(&a, "Ærø", 0), "\"Ærø\"*"), "UTF-8 letters are word characters");
    ok(!strcmp(search_fts_query(&a, "NEAR(x OR", 0), "\"NEAR\"* AND \"x\"* AND \"OR\"*"),
       "FTS5 operators are quoted away");
    arena_release(&a);
    return done_testing();
}
