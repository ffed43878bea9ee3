/* tax.c: tax amounts from rates (store.md §6.2). Pure: no database, no request, no JSON. */
#include "domain/tax.h"

#include "core/money.h"

int64_t tax_amount(int64_t amount, const double *rates, size_t n)
{
    double rate = 0;
    for (size_t i = 0; i < n; i++)
        rate += rates[i] / 100;
    return money_round((double)amount * rate);
}
