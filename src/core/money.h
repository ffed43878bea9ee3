/* money.h: money is int64_t minor units; the one place amounts are rounded (STYLE.md §6). */
#ifndef CORE_MONEY_H
#define CORE_MONEY_H
#include <stdint.h>

/* The largest amount a price, a gift card or a discount value may hold: Medusa keeps them in
 * PostgreSQL integer columns, so larger ones never reach its totals (ours refuses them at the
 * edge, so int64_t sums of them cannot overflow). */
#define MONEY_AMOUNT_MAX 2147483647

/* JavaScript's Math.round: the nearest integer, halves toward +infinity (2.5 → 3, -2.5 → -2),
 * computed without the x + 0.5 error (0.49999999999999994 → 0). x must fit an int64_t. */
int64_t money_round(double x);
/* Math.round(amount * rate) where rate is a fraction (0.25 for 25 %). */
int64_t money_tax(int64_t amount, double rate);

/* The minor-unit digits of a currency as Medusa counts them (medusa-core-utils
 * zero-decimal-currencies): 0 for bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof
 * xpf, 2 for every other code (any case). */
int money_decimals(const char *currency);

#endif
