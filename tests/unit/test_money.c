/* test_money.c: JavaScript's Math.round for money (core/money.c) and the tax amount of a set of
 * rates (domain/tax.c, store.md §6.2). */
#include <stddef.h>

#include "core/money.h"
#include "domain/tax.h"
#include "tap.h"

static void test_round(void)
{
    is_int(money_round(2.5), 3, "round: a half goes up");
    is_int(money_round(-2.5), -2, "round: a negative half goes toward +infinity");
    is_int(money_round(-2.6), -3, "round: below a negative half goes down");
    is_int(money_round(252.49999999999997), 252, "round: just under a half stays");
    /* x + 0.5 rounds to 1.0 in binary; Math.round gives 0. */
    is_int(money_round(0.49999999999999994), 0, "round: no x + 0.5 error");
    is_int(money_round(4503599627370495.5), 4503599627370496, "round: a half at 2^52");
    is_int(money_round(199.8), 200, "round: 199.8");
    is_int(money_round(0), 0, "round: zero");
}

static void test_tax(void)
{
    const double std[] = {25}, split[] = {12.5, 7.5}, none[] = {0};
    const double third[] = {10, 10, 10};
    is_int(tax_amount(1010, std, 1), 253, "tax: 1010 at 25% is 252.5, rounded up");
    is_int(tax_amount(999, split, 2), 200, "tax: rates add (12.5% + 7.5% of 999 = 199.8)");
    is_int(tax_amount(1000, none, 1), 0, "tax: a zero rate");
    is_int(tax_amount(1000, NULL, 0), 0, "tax: no rates");
    is_int(tax_amount(0, std, 1), 0, "tax: no amount");
    /* 0.1 + 0.1 + 0.1 = 0.30000000000000004 in JavaScript: 1500 × that is 450.00000000000006. */
    is_int(tax_amount(1500, third, 3), 450, "tax: quotients summed in double precision");
    is_int(tax_amount(5, third, 3), 2, "tax: 1.5000000000000002 rounds to 2");
}

int main(void)
{
    test_round();
    test_tax();
    return done_testing();
}
