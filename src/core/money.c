/* money.c: JavaScript's rounding for money (money.h). */
#include "core/money.h"

#include <math.h>

int64_t money_round(double x)
{
    /* Math.round: the nearest integer, halves towards +infinity (-2.5 → -2). */
    return (int64_t)floor(x + 0.5);
}

int64_t money_tax(int64_t amount, double rate)
{
    return money_round((double)amount * rate);
}
