/* cart_view.h: the one writer of cart answers (checkout.md §1.5, §1.6, §5): the cart's shape as
 * `fields`/`expand` select it (db/graph.c, plus the totals relations Medusa always loads), with
 * the tax lines and totals of the priced cart (domain/cart_price.c) written in. Shared by every
 * cart route and the completion answers. */
#ifndef FRONT_CART_VIEW_H
#define FRONT_CART_VIEW_H

#include "core/ctx.h"

struct json_object;
struct sbuf;

/* The cart id with the default relations (or `relations`, NULL-terminated, when the client
 * expanded) and `fields` (NULL: all), priced with force_taxes (domain/cart.h cart_price), written
 * once as a JSON object onto out. 0, or -1 with not_found when there is no such cart. */
int cart_view_text(struct ctx *c, const char *id, const char *const *relations,
                   const char *const *fields, int force_taxes, struct sbuf *out);
/* The same answer parsed, for a caller that nests it in a json-c tree (arena-owned; NULL on
 * error). */
struct json_object *cart_view_json(struct ctx *c, const char *id, const char *const *relations,
                                   const char *const *fields, int force_taxes);

#endif
