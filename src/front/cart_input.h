/* cart_input.h: a validated cart update body (POST /store/carts/:id, and the admin's draft
 * orders) read into the domain's typed input (domain/cart.h struct cart_update_in). */
#ifndef FRONT_CART_INPUT_H
#define FRONT_CART_INPUT_H

#include "domain/cart.h"

struct json_object;

/* Reads email, region_id, country_code, customer_id, sales_channel_id, the two addresses
 * (object, saved address id or null), the discounts' and gift cards' codes and context. */
void cart_update_in_of(struct ctx *c, struct json_object *body, struct cart_update_in *out);

#endif
