/* discount.h: creating discounts as Medusa v1's DiscountService.create does (POST
 * /admin/discounts): rule checks, regions, the code upper-cased and trimmed, conditions with their
 * resources, and the discount.created event. Runs inside the caller's transaction; records
 * Medusa's error on failure. What it writes is what the cart applies (checkout.md §7). */
#ifndef DOMAIN_DISCOUNT_H
#define DOMAIN_DISCOUNT_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/discount.h"

struct discount_condition_in {
    const char *operator_;
    const char *type; /* resolved from the first non-empty resource list, or NULL */
    const char *const *ids;
    int nids;
};

struct discount_in {
    struct discount_new d; /* d.code as given; upper-cased here */
    const struct discount_condition_in *conditions;
    int nconditions;
};

/* Creates the discount; *id receives its id. */
int discount_create(struct ctx *c, struct discount_in *in, const char **id);

#endif
