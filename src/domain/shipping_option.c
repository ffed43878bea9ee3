/* shipping_option.c: a new shipping option's price and requirements (shipping_option.h), with
 * Medusa's messages. */
#include "domain/shipping_option.h"

#include <string.h>

int shipping_option_check_price(struct ctx *c, const char *price_type, int *has_amount,
                                int64_t *amount, int can_calculate)
{
    if (!price_type || (strcmp(price_type, "flat_rate") && strcmp(price_type, "calculated")))
        return err_set(c, ERR_INVALID_DATA, "The price must be of type flat_rate or calculated");
    if (!strcmp(price_type, "calculated")) {
        if (!can_calculate)
            return err_set(c, ERR_INVALID_DATA,
                           "The fulfillment provider cannot calculate prices for this option");
        *has_amount = 0;
        *amount = 0;
        return 0;
    }
    if (!*has_amount || *amount < 0)
        return err_set(c, ERR_INVALID_DATA,
                       "Shipping options of type `flat_rate` must have an `amount`");
    return 0;
}

int shipping_option_check_requirements(struct ctx *c, const struct so_requirement *r, int n)
{
    for (int i = 0; i < n; i++) {
        if (!r[i].type || !*r[i].type)
            return err_set(c, ERR_INVALID_DATA, "A Shipping Requirement must have a type field");
        if (strcmp(r[i].type, "min_subtotal") && strcmp(r[i].type, "max_subtotal"))
            return err_set(c, ERR_INVALID_DATA,
                           "Requirement type must be one of min_subtotal, max_subtotal");
        for (int j = 0; j < i; j++)
            if (!strcmp(r[j].type, r[i].type))
                return err_set(c, ERR_INVALID_DATA, "Only one requirement of each type is allowed");
        /* Medusa compares the new requirement with each earlier one of the other type. */
        for (int j = 0; j < i; j++)
            if ((!strcmp(r[j].type, "max_subtotal") && r[i].amount > r[j].amount) ||
                (!strcmp(r[j].type, "min_subtotal") && r[i].amount < r[j].amount))
                return err_set(c, ERR_INVALID_DATA,
                               "Max. subtotal must be greater than Min. subtotal");
    }
    return 0;
}
