/* draft_order.h: Medusa v1's DraftOrderService and its admin routes: an order an admin puts
 * together in a cart of type draft_order (priced, taxed and discounted by the store's cart code,
 * domain/cart.h), paid by marking it paid, which completes the cart into an order through the
 * store's completion (cart_complete). Every function runs inside the caller's transaction and
 * records Medusa's error on failure. */
#ifndef DOMAIN_DRAFT_ORDER_H
#define DOMAIN_DRAFT_ORDER_H
#include <stdint.h>

#include "core/ctx.h"
#include "domain/cart.h"
#include "db/draft_order.h"

struct json_object;

/* A line the admin asks for: a variant's (priced for the region unless unit_price is given), or
 * a custom one (title, unit_price; no variant). */
struct draft_item {
    const char *variant_id, *title;
    int64_t quantity, unit_price;
    int has_unit_price;
    struct json_object *metadata; /* object, or NULL */
};
struct draft_method {
    const char *option_id;
    const char *data; /* JSON text of an object, or NULL */
    int64_t price;
    int has_price; /* a custom price for this cart */
};
struct draft_new {
    const char *region_id;
    /* email, customer_id, the addresses and the discounts (the rest is not read) */
    struct cart_update_in cart;
    const struct draft_item *items;
    int nitems;
    const struct draft_method *methods;
    int nmethods;
    int no_notification_order;    /* 1, 0, -1: not given */
    struct json_object *metadata; /* object, or NULL */
};

/* The draft order id, or Medusa's 404 `Draft order with <id> was not found`. */
int draft_find(struct ctx *c, const char *id, struct draft_row *out);
/* DraftOrderService.create: the cart (type draft_order) with its customer, addresses, lines,
 * custom shipping prices, shipping methods and discounts; draft_order.created. *id: the draft's. */
int draft_create(struct ctx *c, const struct draft_new *in, const char **id);
/* POST /admin/draft-orders/:id with its validated body (region_id, country_code, email,
 * addresses, discounts, customer_id, no_notification_order): refused once completed. */
struct draft_update_in {
    int no_notification_order; /* 1, 0, -1: not given */
    struct cart_update_in cart;
};
int draft_update(struct ctx *c, const char *id, const struct draft_update_in *in);
int draft_line_add(struct ctx *c, const char *id, const struct draft_item *it);
/* quantity 0 removes the line; unit_price (has_unit_price) sets the admin's price. */
int draft_line_update(struct ctx *c, const char *id, const char *line_id, int has_quantity,
                      int64_t quantity, int has_unit_price, int64_t unit_price,
                      struct json_object *metadata);
int draft_line_delete(struct ctx *c, const char *id, const char *line_id);
/* POST /admin/draft-orders/:id/pay: a selected manual payment session (Medusa: its "system"
 * provider), the store's completion (money rules, stock reserved once, discount usage consumed
 * once), registerCartCompletion, the payment captured. *order_id: the new order. A draft that is
 * completed already is refused with conflict (a second pay never makes a second order); stock short
 * refuses with Medusa's insufficient_inventory and changes nothing. */
int draft_pay(struct ctx *c, const char *id, const char **order_id);
/* DraftOrderService.delete (a missing draft is no error, as Medusa's). */
int draft_delete(struct ctx *c, const char *id);

#endif
