/* order_edit.h: SQL of order edits as the store sees them (store.md §9): reading one, declining
 * and confirming it (the order takes the edit's items). Serialisation goes through the graph
 * loader (ent_order_edit). */
#ifndef DB_ORDER_EDIT_H
#define DB_ORDER_EDIT_H
#include <stdint.h>

#include "core/ctx.h"

struct json_object;
struct gsel;
struct gquery;
struct listf;

struct order_edit_row {
    const char *id, *order_id, *status, *payment_collection_id, *requested_at;
};
int db_order_edit_get(struct ctx *c, const char *id, struct order_edit_row *out); /* 1: none */
int db_order_edit_decline(struct ctx *c, const char *id, const char *reason, const char *by,
                          const char *now);
/* The first managed variant (without backorders) the edit would take more units of than it has
 * in stock, or NULL (also on error: c->err tells). */
const char *db_order_edit_stock_short(struct ctx *c, const struct order_edit_row *e);
/* confirmed_at/by, managed stock moved by what the edit adds or removes, then the order's items
 * become the edit's (the old ones lose order_id). */
int db_order_edit_confirm(struct ctx *c, const struct order_edit_row *e, const char *by,
                          const char *now);
/* Every payment of collection paycol_id is re-linked to order_id. */
int db_order_edit_payments_relink(struct ctx *c, const char *paycol_id, const char *order_id);

/* ---- the admin's side (Medusa's OrderEditService, admin routes) ---- */

/* The facts of an order an edit needs; 1 when there is no such order. */
struct order_edit_order {
    const char *id, *region_id, *currency_code, *customer_id;
};
int db_order_edit_order(struct ctx *c, const char *order_id, struct order_edit_order *out);
/* The id of the order's edit that is neither confirmed, declined nor canceled, or NULL (nothing
 * recorded when there is none). */
const char *db_order_edit_active(struct ctx *c, const char *order_id);
/* A new edit (status created); its id, or NULL. */
const char *db_order_edit_insert(struct ctx *c, const char *order_id, const char *internal_note,
                                 const char *created_by);
/* Medusa's LineItemService.cloneTo: every item of the order copied onto the edit (new ids,
 * original_item_id = the order's item, no order or cart), with its tax lines and adjustments. */
int db_order_edit_clone_items(struct ctx *c, const char *edit_id, const char *order_id);
/* requested_at/by, canceled_at/by, payment_collection_id (each also touches updated_at). */
int db_order_edit_request(struct ctx *c, const char *id, const char *by, const char *now);
int db_order_edit_cancel(struct ctx *c, const char *id, const char *by, const char *now);
int db_order_edit_set_paycol(struct ctx *c, const char *id, const char *paycol_id);

/* A line item as the edit routes see it; 1 when there is none. */
struct order_edit_line {
    const char *id, *order_edit_id, *original_item_id;
    int64_t returned_quantity; /* units of the line already returned (received) */
};
int db_order_edit_line(struct ctx *c, const char *item_id, struct order_edit_line *out);
/* Sets the line's quantity (nothing else: Medusa does not re-price an edited line). */
int db_order_edit_line_quantity(struct ctx *c, const char *item_id, int64_t quantity);
/* Makes a line (inserted as a cart's, with cart_id NULL) the edit's: order_edit_id set and
 * has_shipping null, as LineItemService.generate leaves it. */
int db_order_edit_line_adopt(struct ctx *c, const char *item_id, const char *edit_id);

/* Changes (order_item_change): a new one (original / line may be NULL), its id or NULL. */
const char *db_order_edit_change_insert(struct ctx *c, const char *edit_id, const char *type,
                                        const char *original_id, const char *line_id);
/* The id of the change pointing at line item_id, or NULL (nothing recorded when there is none). */
const char *db_order_edit_change_of_line(struct ctx *c, const char *item_id);
int db_order_edit_change_delete(struct ctx *c, const char *change_id);
/* The number of the edit's changes, or -1. */
int db_order_edit_change_count(struct ctx *c, const char *edit_id);

int db_order_edit_set_note(struct ctx *c, const char *id, const char *internal_note);
/* Deletes the edit with its changes and items (their tax lines and adjustments go with them);
 * the ids of the deleted changes in *changes. */
int db_order_edit_delete(struct ctx *c, const char *id, const char ***changes, int *n);

struct order_edit_change {
    const char *id, *order_edit_id, *line_item_id;
};
int db_order_edit_change_get(struct ctx *c, const char *id, struct order_edit_change *out);

/* GET /admin/order-edits: gq_list plus `q` (in internal_note) and order_id (each may be NULL). */
int db_order_edits_query(struct ctx *c, struct gquery *q, const struct gsel *sel,
                         const struct listf *lf, const char *text, const char *order_id);

/* The edit as sel selects it; NULL with the 404 recorded when there is none. */
struct json_object *db_order_edit_json(struct ctx *c, const char *id, struct gsel *sel);

#endif
