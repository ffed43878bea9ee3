/* returns.h: the request parts POST /store/returns shares with POST /store/swaps and the Admin
 * API's POST /admin/orders/:id/return: Medusa's
 * return Item class ({item_id, quantity >= 1, reason_id?, note?}, store.md §7, §8). */
#ifndef FRONT_RETURNS_H
#define FRONT_RETURNS_H
#include <stdint.h>

#include "core/sbuf.h"
#include "domain/returns.h"

struct json_object;

/* Appends class-validator's messages for the array of Items `items` (the body key `key`) to
 * msgs. */
void return_items_check(struct json_object *items, const char *key, struct sbuf *msgs);
/* Appends `quantity must not be less than 1` when object it has a quantity below 1 (Min(1)). */
void quantity_min_check(struct json_object *it, struct sbuf *msgs);
/* The checked `quantity` (an integer >= 1) of object it, CART_QUANTITY_MAX + 1 when larger. */
int64_t quantity_read(struct json_object *it);
/* The checked items as return lines (arena-owned); *n receives their number. */
const struct return_line *return_items_read(struct ctx *c, struct json_object *items, int *n);

#endif
