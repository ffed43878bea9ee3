/* order_edit.h: SQL of order edits as the store sees them (store.md §9): reading one, declining
 * and confirming it (the order takes the edit's items). Serialisation goes through the graph
 * loader (ent_order_edit). */
#ifndef DB_ORDER_EDIT_H
#define DB_ORDER_EDIT_H
#include "core/ctx.h"

struct json_object;
struct gsel;

struct order_edit_row {
    const char *id, *order_id, *status, *payment_collection_id;
};
int db_order_edit_get(struct ctx *c, const char *id, struct order_edit_row *out); /* 1: none */
int db_order_edit_decline(struct ctx *c, const char *id, const char *reason, const char *by,
                          const char *now);
/* confirmed_at/by, then the order's items become the edit's (the old ones lose order_id). */
int db_order_edit_confirm(struct ctx *c, const struct order_edit_row *e, const char *by,
                          const char *now);
/* Every payment of collection paycol_id is re-linked to order_id. */
int db_order_edit_payments_relink(struct ctx *c, const char *paycol_id, const char *order_id);

/* The edit as sel selects it; NULL with the 404 recorded when there is none. */
struct json_object *db_order_edit_json(struct ctx *c, const char *id, struct gsel *sel);

#endif
