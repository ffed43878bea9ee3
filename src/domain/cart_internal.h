/* cart_internal.h: what the cart files share (cart.c, cart_base.c, cart_discounts.c,
 * cart_shipping.c, checkout.c): the steps more than one file runs. Not for use outside them. */
#ifndef DOMAIN_CART_INTERNAL_H
#define DOMAIN_CART_INTERNAL_H
#include <stdint.h>

#include "db/cart.h"
#include "db/product.h"
#include "domain/totals.h"

/* The live cart id into *cart, or Medusa's 404. 0 or -1. */
int cart_find(struct ctx *c, const char *id, struct cart_row *cart);
/* Records not_allowed when the cart is completed or its payment authorised: such a cart never
 * changes (issue #12). 0 or -1. */
int cart_open_check(struct ctx *c, const struct cart_row *cart);
/* cart_find, then cart_open_check: the first step of every change to a cart. */
int cart_find_open(struct ctx *c, const char *id, struct cart_row *cart);
/* The live region id into *r, or Medusa's 404. 0 or -1. */
int cart_load_region(struct ctx *c, const char *id, struct region_row *r);
/* 1 if quantity units of v can be sold (backorder, unmanaged, or in stock). */
int cart_inventory_ok(const struct variant_info *v, int64_t quantity);
/* 1 if one of the n discounts is free shipping. */
int cart_has_free_shipping(const struct discount_row *d, int n);
/* At completion, inside its transaction: records Medusa's not_allowed when one of the cart's
 * discounts has reached its usage limit since it was applied (issue #12; Medusa checks only when
 * a code is applied, so one code outlived its limit in every cart holding it). 0 or -1. */
int cart_discounts_usable(struct ctx *c, const char *cart_id);
/* POST /store/carts/:id's discounts and gift_cards: replace the cart's codes with codes[0..n)
 * (as the client sent them). 0 or -1. */
int cart_apply_discounts(struct ctx *c, const struct cart_row *cart, const char *const *codes,
                         int n);
int cart_apply_gift_cards(struct ctx *c, const struct cart_row *cart, const char *const *codes,
                          int n);

#endif
