/* checkout.h: the SQL of checkout (checkout.md §10, §11, §1.7): payment sessions, what
 * completion writes (tax lines kept, payment, order, stock, gift cards, discount usage), the
 * event outbox row, and idempotency keys. SQL lives in db/checkout.c. */
#ifndef DB_CHECKOUT_H
#define DB_CHECKOUT_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/cart.h"

/* Payment sessions. */
struct session_row {
    const char *id, *provider_id, *status, *data;
    int is_selected, is_initiated;
    int64_t amount;
};
int db_cart_sessions(struct ctx *c, const char *cart_id, struct session_row **out, int *n);
int db_payment_session_insert(struct ctx *c, const char *cart_id, const char *provider_id,
                              int selected, int initiated, const char *status, const char *data,
                              int64_t amount);
int db_payment_session_update(struct ctx *c, const char *id, int selected, int initiated,
                              const char *status, const char *data, int64_t amount);
int db_payment_session_delete(struct ctx *c, const char *id);
int db_cart_sessions_clear(struct ctx *c, const char *cart_id);
int db_payment_session_authorize(struct ctx *c, const char *id, const char *now);

/* Completion. */
/* Keeps an item's or a shipping method's tax lines (one per code: a code already there gets
 * the new rate and name). */
int db_item_tax_lines_set(struct ctx *c, const char *item_id, const struct tax_line_row *t, int n);
int db_method_tax_lines_set(struct ctx *c, const char *method_id, const struct tax_line_row *t,
                            int n);
/* Drops the tax lines persisted at completion (a swap cart's return lines keep theirs). */
int db_cart_tax_lines_drop(struct ctx *c, const char *cart_id);
const char *db_payment_insert(struct ctx *c, const char *cart_id, int64_t amount,
                              const char *currency, const char *provider, const char *data);
int db_payment_cancel(struct ctx *c, const char *payment_id, const char *now);
const char *db_order_for_cart(struct ctx *c, const char *cart_id);
const char *db_order_create(struct ctx *c, const struct cart_row *cart, const char *currency,
                            const char *payment_id);
int db_variant_reserve(struct ctx *c, const char *variant_id, int64_t quantity);
int db_gift_card_use(struct ctx *c, const char *gift_card_id, const char *order_id,
                     int64_t new_balance, int64_t used, int has_rate, double rate);
int db_discount_count_use(struct ctx *c, const char *order_id);
/* A gift card bought in an order (checkout.md §8.3). */
int db_gift_card_create(struct ctx *c, const char *code, int64_t value, const char *region_id,
                        const char *order_id, int has_rate, double rate, const char *metadata);

/* Idempotency keys (checkout.md §1.7). */
struct ikey_row {
    const char *id, *key, *recovery_point, *response_body;
    const char *method, *path, *params; /* what the key was first used for (idem.h) */
    int response_code;
};
int db_ikey_get(struct ctx *c, const char *key, struct ikey_row *out); /* 1: none */
/* A new key bound to method, path and params (request_params; NULL for none). */
int db_ikey_create(struct ctx *c, const char *key, const char *method, const char *path,
                   const char *params, struct ikey_row *out);
int db_ikey_advance(struct ctx *c, const char *id, const char *point, int code, const char *body);

#endif
