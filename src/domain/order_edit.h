/* order_edit.h: Medusa v1's order edits as the store drives them (store.md §9): the view with
 * the totals of the order as if it had the edit's items, declining, and completing (which needs
 * an authorized payment collection when the edit has one). Runs inside the caller's transaction
 * and records Medusa's error on failure. */
#ifndef DOMAIN_ORDER_EDIT_H
#define DOMAIN_ORDER_EDIT_H
#include "core/ctx.h"

struct json_object;

/* The edit with its `fields` (NULL: all) and relations, plus the totals and difference_due.
 * Arena-owned; NULL with the 404 recorded when there is none. */
struct json_object *order_edit_view(struct ctx *c, const char *id, const char *const *fields,
                                    const char *const *relations);
int order_edit_decline(struct ctx *c, const char *id, const char *reason);
int order_edit_complete(struct ctx *c, const char *id);

#endif
