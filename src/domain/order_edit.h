/* order_edit.h: Medusa v1's order edits as the store drives them (store.md §9): the view with
 * the totals of the order as if it had the edit's items, declining, and completing (which needs
 * an authorized payment collection when the edit has one). Runs inside the caller's transaction
 * and records Medusa's error on failure. */
#ifndef DOMAIN_ORDER_EDIT_H
#define DOMAIN_ORDER_EDIT_H
#include <stdint.h>

#include "core/ctx.h"

struct json_object;

struct order_model;
struct order_totals;
/* The money of edit_id of order_id: the order's model and totals before (the order's own items)
 * and after (the edit's items instead; m then holds those). 404 when there is no such order. */
int order_edit_money(struct ctx *c, const char *edit_id, const char *order_id,
                     struct order_model *m, struct order_totals *before,
                     struct order_totals *after);
int order_edit_decline(struct ctx *c, const char *id, const char *reason);
int order_edit_complete(struct ctx *c, const char *id);

/* ---- the admin's side (Medusa's OrderEditService; admin routes) ---- */

/* A new edit of order_id made by user `by`, with the order's items cloned onto it (created);
 * 400 when the order already has an active edit, 404 when there is no such order. *id receives
 * the edit's id. Emits order-edit.created. */
int order_edit_create(struct ctx *c, const char *order_id, const char *note, const char *by,
                      const char **id);
/* A line of variant_id priced for the order's region, currency and customer, with its tax lines,
 * and an item_add change. */
int order_edit_add_line(struct ctx *c, const char *id, const char *variant_id, int64_t quantity,
                        struct json_object *metadata);
/* The edit's line item_id gets quantity (an item_update change unless the line has a change). */
int order_edit_update_line(struct ctx *c, const char *id, const char *item_id, int64_t quantity);
/* The edit's clone item_id is removed (an item_remove change); a missing line is no error. */
int order_edit_remove_line(struct ctx *c, const char *id, const char *item_id);
/* requested_at/by; then, when the edit costs more than the order, a payment collection of the
 * difference (description: paycol_description, or NULL) is attached to it. */
int order_edit_request(struct ctx *c, const char *id, const char *by,
                       const char *paycol_description);
/* canceled_at/by; refused for confirmed and declined edits. */
int order_edit_cancel(struct ctx *c, const char *id, const char *by);
/* internal_note (NULL: unchanged); emits order-edit.updated. */
int order_edit_update(struct ctx *c, const char *id, const char *internal_note);
/* Deletes a created edit with its changes and items; a missing edit is no error. */
int order_edit_delete(struct ctx *c, const char *id);
/* The admin's confirmation: the order takes the edit's items (no payment check, any status but
 * canceled and declined; confirming a confirmed edit does nothing). */
int order_edit_confirm(struct ctx *c, const char *id, const char *by);
/* Deletes one change of an edit that is neither confirmed nor canceled, with its line. */
int order_edit_change_delete(struct ctx *c, const char *id, const char *change_id);

/* The tax lines of a new line of an order (an edit's, a claim's additional item) as the system
 * provider makes them: the rates configured for its product in the region, else the region's
 * default rate. */
int order_line_tax_lines(struct ctx *c, const char *item_id, const char *product_id,
                         const char *region_id);

#endif
