/* returns.h: SQL of return requests (store.md §7): the checks on the requested items, the return
 * row, its items and its shipping method. Serialisation goes through the graph loader
 * (ent_return). */
#ifndef DB_RETURNS_H
#define DB_RETURNS_H
#include <stdint.h>

#include "core/ctx.h"

struct json_object;

/* Line item id: *canceled = it belongs to a canceled order, swap or claim. 1 when there is no
 * such item. */
int db_return_line_item(struct ctx *c, const char *id, int *canceled);
/* The units of line item item_id in returns that are not canceled (requested, received or
 * requiring action) into *quantity. 0 or -1. */
int db_return_item_pending(struct ctx *c, const char *item_id, int64_t *quantity);
/* 1 if order id exists, 0 if not, -1 on error. */
int db_return_order_exists(struct ctx *c, const char *id);
/* 1 if return reason id has child reasons, 0 if not (or unknown), -1 on error. */
int db_return_reason_has_children(struct ctx *c, const char *id);

/* A shipping option for a return: its flat amount, provider and data. 1 when there is none. */
struct return_option {
    const char *id, *provider_id, *data;
    int64_t amount;
};
int db_return_option(struct ctx *c, const char *id, struct return_option *out);

/* Inserts a `requested` return of order_id, or (swap_id given) of that swap, with no order_id
 * and no_notification set, as Medusa records a swap's return; the new id, or NULL. */
int db_return_link_claim(struct ctx *c, const char *return_id, const char *claim_id);
const char *db_return_insert(struct ctx *c, const char *order_id, const char *swap_id,
                             const char *idempotency_key);
/* One requested item (requested_quantity = quantity, is_requested). metadata: JSON text or NULL. */
int db_return_item_insert(struct ctx *c, const char *return_id, const char *item_id,
                          int64_t quantity, const char *reason_id, const char *note,
                          const char *metadata);
/* The return's shipping method at price (data {}); its id, or NULL. */
const char *db_return_method_insert(struct ctx *c, const char *return_id, const char *option_id,
                                    int64_t price);
/* One tax line (rate in percent) of shipping method method_id. */
int db_return_method_tax_line(struct ctx *c, const char *method_id, double rate, const char *name,
                              const char *code);
/* Final refund amount and shipping data (JSON text or NULL). */
int db_return_finish(struct ctx *c, const char *id, int64_t refund_amount,
                     const char *shipping_data);

/* ---- receiving and canceling (the Admin API) ------------------------------------------------ */

/* A return's head. 0, 1 when there is none, -1 on error. */
struct return_head {
    const char *id, *status, *order_id, *swap_id, *claim_order_id;
    int64_t refund_amount;
    int no_notification; /* 1, 0, -1 for null */
};
int db_return_head(struct ctx *c, const char *id, struct return_head *out);
/* The requested items of a return: item ids and quantities. */
struct return_item_row {
    const char *item_id;
    int64_t quantity;
};
int db_return_items(struct ctx *c, const char *return_id, struct return_item_row **out, int *n);
/* Records received units of item_id: an item of the return becomes quantity = received_quantity =
 * received, requested_quantity = what was asked (is_requested when alike); an item not asked for is
 * added (is_requested 0). */
int db_return_item_received(struct ctx *c, const char *return_id, const char *item_id,
                            int64_t received);
/* The return received now with refund_amount. */
int db_return_set_received(struct ctx *c, const char *id, int64_t refund_amount);
int db_return_set_canceled(struct ctx *c, const char *id);
/* The return's no_notification (0 or 1). */
int db_return_set_no_notification(struct ctx *c, const char *id, int no_notification);
/* The line item's returned_quantity raised by n, and its managed variant's stock by n. */
int db_item_returned(struct ctx *c, const char *item_id, int64_t n);
/* 1 when every item of the order (not its swaps' or claims') is returned whole, 0 if not. */
int db_order_all_returned(struct ctx *c, const char *order_id);

/* The return as POST /store/returns answers it: columns and items with their reason. */
struct json_object *db_return_json(struct ctx *c, const char *id);

#endif
