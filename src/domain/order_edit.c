/* order_edit.c: order edits (order_edit.h; Medusa's OrderEditService, store side). */
#include "domain/order_edit.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/timefmt.h"
#include "db/cart.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/order_edit.h"
#include "db/payment_collection.h"
#include "domain/cart.h"
#include "domain/order_totals.h"

/* decorateTotals of the edit: the order re-totalled with the edit's items (store.md §9). */
static int edit_totals(struct ctx *c, struct json_object *edit, struct json_object *items,
                       const char *order_id)
{
    static const char *const rels[] = {"items", NULL};
    static const char *const keys[] = {"subtotal", "discount_total", "shipping_total",
                                       "gift_card_total", "gift_card_tax_total", "tax_total",
                                       "total", NULL};
    struct json_object *order = order_view_full(c, order_id, rels);
    int64_t before;
    if (!order)
        return -1;
    before = json_object_get_int64(json_get(order, "total"));
    json_set(order, "items", json_share(items));
    order_totals_decorate(order);
    for (const char *const *k = keys; *k; k++)
        json_set(edit, *k, json_object_new_int64(json_object_get_int64(json_get(order, *k))));
    json_set(edit, "difference_due",
             json_object_new_int64(json_object_get_int64(json_get(order, "total")) - before));
    return 0;
}

struct json_object *order_edit_view(struct ctx *c, const char *id, const char *const *fields,
                                    const char *const *relations)
{
    struct gsel *sel = gsel_build(c, &ent_order_edit, fields, relations);
    int want_items = gsel_has_rel(sel, "items"), want_order_id = gsel_has_col(sel, "order_id");
    struct json_object *edit, *items;
    gsel_add_col(c, sel, "order_id");
    gsel_add_rel(c, sel, "items.tax_lines");
    gsel_add_rel(c, sel, "items.adjustments");
    if (!(edit = db_order_edit_json(c, id, sel)))
        return NULL;
    items = json_get(edit, "items");
    if (edit_totals(c, edit, items, json_get_str_opt(edit, "order_id")) < 0)
        return NULL;
    for (size_t i = 0; i < json_object_array_length(items); i++)
        json_object_object_del(json_object_array_get_idx(items, i), "raw_discount_total");
    if (!want_items)
        json_object_object_del(edit, "items");
    if (!want_order_id)
        json_object_object_del(edit, "order_id");
    return edit;
}

static int edit_load(struct ctx *c, const char *id, struct order_edit_row *e)
{
    int rc = db_order_edit_get(c, id, e);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Order edit with id %s was not found", id);
    return rc;
}

static int edit_event(struct ctx *c, const char *name, const struct order_edit_row *e)
{
    char ev[160];
    snprintf(ev, sizeof(ev), "{\"id\":\"%s\"}", e->id);
    return db_event(c, name, ev);
}

int order_edit_decline(struct ctx *c, const char *id, const char *reason)
{
    struct order_edit_row e;
    char now[TIMEFMT_LEN];
    if (edit_load(c, id, &e) < 0)
        return -1;
    if (!strcmp(e.status, "declined"))
        return 0;
    if (strcmp(e.status, "requested"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot decline an order edit with status %s.", e.status);
    timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms());
    if (db_order_edit_decline(c, id, reason, c->customer_id, now) < 0)
        return -1;
    return edit_event(c, "order-edit.declined", &e);
}

int order_edit_complete(struct ctx *c, const char *id)
{
    struct order_edit_row e;
    char now[TIMEFMT_LEN];
    if (edit_load(c, id, &e) < 0)
        return -1;
    if (e.payment_collection_id &&
        (!strcmp(e.status, "requested") || !strcmp(e.status, "confirmed"))) {
        struct paycol_row pc;
        int rc = db_paycol_get(c, e.payment_collection_id, &pc);
        if (rc < 0)
            return -1;
        if (rc > 0 || strcmp(pc.status, "authorized"))
            return err_set(c, ERR_NOT_ALLOWED,
                           "Unable to complete an order edit if the payment is not authorized");
        if (db_order_edit_payments_relink(c, e.payment_collection_id, e.order_id) < 0)
            return -1;
    }
    if (!strcmp(e.status, "confirmed"))
        return 0;
    if (strcmp(e.status, "requested"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot complete an order edit with status %s", e.status);
    timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms());
    if (db_order_edit_confirm(c, &e, c->customer_id, now) < 0)
        return -1;
    return edit_event(c, "order-edit.confirmed", &e);
}
