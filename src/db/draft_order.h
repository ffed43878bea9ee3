/* draft_order.h: the SQL of draft orders (Medusa v1's DraftOrder): an admin's order in the
 * making, whose cart (type draft_order) holds everything priced; paying it completes the cart
 * into an order. */
#ifndef DB_DRAFT_ORDER_H
#define DB_DRAFT_ORDER_H
#include <stdint.h>

#include "core/ctx.h"

struct gquery;

struct draft_row {
    const char *id, *status, *cart_id, *order_id;
    int no_notification_order; /* -1: not set */
};

/* A new open draft order of cart_id with the next draft display_id; its id, or NULL. */
const char *db_draft_insert(struct ctx *c, const char *cart_id, int no_notification_order,
                            const char *idempotency_key);
/* 0 found, 1 none, -1 error. */
int db_draft_get(struct ctx *c, const char *id, struct draft_row *out);
/* The draft order whose cart is cart_id, or NULL (also on error, recorded). */
const char *db_draft_by_cart(struct ctx *c, const char *cart_id);
int db_draft_set_no_notification(struct ctx *c, const char *id, int no_notification_order);
/* DraftOrderService.registerCartCompletion: the draft completed with order_id, the order linked
 * back to it and given the draft's no_notification_order. */
int db_draft_complete(struct ctx *c, const char *id, const char *order_id);
int db_draft_delete(struct ctx *c, const char *id);
/* The list's q: the cart's e-mail or the display id contains text (Medusa's ILike). */
void db_draft_where_q(struct ctx *c, struct gquery *q, const char *text);
/* A custom price of option_id for cart_id (custom_shipping_option), replacing one there is. */
int db_custom_option_set(struct ctx *c, const char *cart_id, const char *option_id, int64_t price);

#endif
