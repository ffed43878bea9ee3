/* money.h: the one place money is rounded (STYLE.md §6). Amounts are int64_t minor units;
 * rounding is JavaScript's Math.round (half up, towards +infinity), as Medusa computes. */
#ifndef CORE_MONEY_H
#define CORE_MONEY_H
#include <stdint.h>

/* Math.round(x). */
int64_t money_round(double x);
/* Math.round(amount * rate) where rate is a fraction (0.25 for 25 %). */
int64_t money_tax(int64_t amount, double rate);

#endif
