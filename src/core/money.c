/* money.c: rounding of money amounts exactly as Medusa's JavaScript does (checkout.md §5.7). */
#include "core/money.h"

#include <string.h>

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

int money_decimals(const char *currency)
{
    static const char zero[][4] = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
                                   "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"};
    char lc[4] = {0};
    for (int i = 0; i < 3 && currency && currency[i]; i++)
        lc[i] = (char)(currency[i] >= 'A' && currency[i] <= 'Z' ? currency[i] + 32 : currency[i]);
    if (!currency || strlen(currency) != 3)
        return 2;
    for (size_t i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
        if (!memcmp(lc, zero[i], 4))
            return 0;
    return 2;
}
