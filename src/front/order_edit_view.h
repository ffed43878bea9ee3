/* order_edit_view.h: the order edit answer (store.md §9): the edit with its fields and relations
 * and the order's totals as if it had the edit's items, written into the loaded edit. Shared by
 * the Store API's and the Admin API's order-edit routes. */
#ifndef FRONT_ORDER_EDIT_VIEW_H
#define FRONT_ORDER_EDIT_VIEW_H

#include "core/ctx.h"

struct json_object;

/* The edit with its `fields` (NULL: all) and relations, plus the totals and difference_due.
 * Arena-owned; NULL with the 404 recorded when there is none. */
struct json_object *order_edit_view_json(struct ctx *c, const char *id, const char *const *fields,
                                         const char *const *relations);

#endif
