/* shipping_option.h: the rules of a new shipping option (Medusa's ShippingOptionService.create):
 * its price and its subtotal requirements. Pure functions. */
#ifndef DOMAIN_SHIPPING_OPTION_H
#define DOMAIN_SHIPPING_OPTION_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/shipping_option.h"

/* validateAndMutatePrice: a flat rate needs an amount >= 0; a calculated price needs a provider
 * that can calculate (*amount is then dropped). can_calculate: the provider's answer.
 * 0, or -1 with Medusa's invalid_data error. */
int shipping_option_check_price(struct ctx *c, const char *price_type, int *has_amount,
                                int64_t *amount, int can_calculate);
/* The requirements in order: one of each type, and a max above any min before it. 0 or -1. */
int shipping_option_check_requirements(struct ctx *c, const struct so_requirement *r, int n);

#endif
