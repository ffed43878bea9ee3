/* shipping_option_view.h: a listed shipping option as Medusa's pricing service answers it
 * (pricingService.getShippingOptionPricing, store.md §6.2). Shared by the store's and the admin's
 * shipping option lists. */
#ifndef FRONT_SHIPPING_OPTION_VIEW_H
#define FRONT_SHIPPING_OPTION_VIEW_H

#include "core/ctx.h"

struct json_object;

/* Adds price_incl_tax and tax_amount (domain/tax.h tax_amount) to a listed option row carrying
 * `amount` and its `tax_rates`. */
void shipping_option_price(struct ctx *c, struct json_object *option);

#endif
