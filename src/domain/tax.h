/* tax.h: pure tax calculators (no database, no request). */
#ifndef DOMAIN_TAX_H
#define DOMAIN_TAX_H
#include <stddef.h>
#include <stdint.h>

/* The tax on amount at the sum of rates (percent), as Medusa's pricing computes it for a
 * shipping option (store.md §6.2): Math.round(amount × Σ rate/100), the quotients summed in
 * order in double precision like JavaScript's reduce. */
int64_t tax_amount(int64_t amount, const double *rates, size_t n);

#endif
