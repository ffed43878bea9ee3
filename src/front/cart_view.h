/* cart_view.h: the one writer of cart answers (checkout.md §1.5, §1.6, §5): the cart's shape as
 * `fields`/`expand` select it (db/graph.c, plus the totals relations Medusa always loads), with
 * the tax lines and totals of the priced cart (domain/cart_price.c) written in. Shared by every
 * cart route and the completion answers. */
#ifndef FRONT_CART_VIEW_H
#define FRONT_CART_VIEW_H

#include "core/ctx.h"

struct json_object;
struct cart_priced;

/* The cart id with the default relations (or `relations`, NULL-terminated, when the client
 * expanded) and `fields` (NULL: all), priced with force_taxes (domain/cart.h cart_price). The
 * object is arena-owned; NULL with not_found when there is no such cart. */
struct json_object *cart_view_json(struct ctx *c, const char *id, const char *const *relations,
                                   const char *const *fields, int force_taxes);
/* Writes p's tax lines and totals into a loaded cart object (items and shipping_methods in the
 * model's order) and sets payment_session to the selected session. */
void cart_view_write(struct ctx *c, struct json_object *cart, const struct cart_priced *p);

#endif
