/* money.c: rounding of money amounts exactly as Medusa's JavaScript does (checkout.md §5.7). */
#include "core/money.h"

#include <math.h>

int64_t money_round(double x)
{
    double r = floor(x);
    /* x - floor(x) is exact for every double of this magnitude, so the half test is too. */
    if (x - r >= 0.5)
        r += 1;
    return (int64_t)r;
}

int64_t money_tax(int64_t amount, double rate)
{
    return money_round((double)amount * rate);
}
