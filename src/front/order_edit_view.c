/* order_edit_view.c: the order edit answer (order_edit_view.h). The money is the domain's
 * (order_edit_money, order_totals); this file writes it into the answer. */
#include "front/order_edit_view.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/order_edit.h"
#include "domain/order_edit.h"
#include "domain/order_totals.h"

/* decorateTotals of the edit: the order re-totalled with the edit's items (store.md §9). */
static int edit_totals(struct ctx *c, struct json_object *edit, struct json_object *items,
                       const char *edit_id, const char *order_id)
{
    struct order_model m;
    struct order_totals before, after;
    if (order_edit_money(c, edit_id, order_id, &m, &before, &after) < 0)
        return -1;
    /* The edit's items show their totals as an order's do. */
    for (size_t i = 0; items && i < json_object_array_length(items); i++) {
        struct json_object *it = json_object_array_get_idx(items, i);
        const char *iid = json_get_str_opt(it, "id");
        for (int k = 0; iid && k < m.nitems; k++) {
            const struct ot_item_totals *t = &after.items[k];
            if (strcmp(m.items[k].id, iid))
                continue;
            json_set_int(it, "subtotal", t->subtotal);
            json_set_int(it, "discount_total", t->discount_total);
            json_set_int(it, "total", t->total);
            json_set_int(it, "original_total", t->original_total);
            json_set_int(it, "original_tax_total", t->original_tax_total);
            json_set_int(it, "tax_total", t->tax_total);
            json_set_int(it, "refundable", after.refundable[k]);
            break;
        }
    }
    json_set_int(edit, "subtotal", after.subtotal);
    json_set_int(edit, "discount_total", after.discount_total);
    json_set_int(edit, "shipping_total", after.shipping_total);
    json_set_int(edit, "gift_card_total", after.gift_card_total);
    json_set_int(edit, "gift_card_tax_total", after.gift_card_tax_total);
    json_set_int(edit, "tax_total", after.tax_total);
    json_set_int(edit, "total", after.total);
    json_set_int(edit, "difference_due", after.total - before.total);
    return 0;
}

struct json_object *order_edit_view_json(struct ctx *c, const char *id, const char *const *fields,
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
    if (edit_totals(c, edit, items, id, json_get_str_opt(edit, "order_id")) < 0)
        return NULL;
    if (!want_items)
        json_object_object_del(edit, "items");
    if (!want_order_id)
        json_object_object_del(edit, "order_id");
    return edit;
}
