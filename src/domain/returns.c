/* returns.c: return requests (returns.h; ReturnService.create and the store route). */
#include "domain/returns.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/money.h"
#include "db/cart.h"
#include "db/returns.h"
#include "domain/cart.h"
#include "domain/order_totals.h"

static size_t len(struct json_object *a)
{
    return a && json_object_is_type(a, json_type_array) ? json_object_array_length(a) : 0;
}

static int64_t num(struct json_object *o, const char *key)
{
    struct json_object *v = json_get(o, key);
    return v ? json_object_get_int64(v) : 0;
}

/* The order's item id, or one of its swaps' or claims' additional items. *extra tells which:
 * the loaded additional items already carry Medusa's decremented quantity. */
static struct json_object *order_item(struct json_object *order, const char *id, int *extra)
{
    static const char *const parents[] = {"swaps", "claims", NULL};
    struct json_object *items = json_get(order, "items");
    *extra = 0;
    for (size_t i = 0; i < len(items); i++)
        if (!strcmp(json_get_str_opt(json_object_array_get_idx(items, i), "id"), id))
            return json_object_array_get_idx(items, i);
    *extra = 1;
    for (const char *const *p = parents; *p; p++) {
        struct json_object *arr = json_get(order, *p);
        for (size_t i = 0; i < len(arr); i++) {
            struct json_object *add =
                json_get(json_object_array_get_idx(arr, i), "additional_items");
            for (size_t k = 0; k < len(add); k++)
                if (!strcmp(json_get_str_opt(json_object_array_get_idx(add, k), "id"), id))
                    return json_object_array_get_idx(add, k);
        }
    }
    return NULL;
}

/* The units of the item still returnable: what was bought, less what returns already hold (those
 * not canceled, received or not) and what earlier lines of this request ask for. Medusa counts
 * only received units (returned_quantity), so requests for one item could repeat without end
 * (issue #12). */
static int returnable(struct ctx *c, const struct return_request *in, int upto,
                      struct json_object *item, int extra, int64_t *left)
{
    const char *id = in->items[upto].item_id;
    int64_t pending, returned = extra ? 0 : num(item, "returned_quantity");
    if (db_return_item_pending(c, id, &pending) < 0)
        return -1;
    *left = num(item, "quantity") - (pending > returned ? pending : returned);
    for (int k = 0; k < upto; k++)
        if (!strcmp(in->items[k].item_id, id))
            *left -= in->items[k].quantity;
    return 0;
}

/* Steps 1-5 of store.md §7: every item checked; the refund of the returned units. */
static int items_check(struct ctx *c, const struct return_request *in, struct json_object *order,
                       int64_t *refund)
{
    *refund = 0;
    for (int i = 0; i < in->nitems; i++) {
        const struct return_line *l = &in->items[i];
        int extra, rc;
        struct json_object *item = order_item(order, l->item_id, &extra);
        int64_t left;
        if (!item)
            return err_set(c, ERR_INVALID_DATA, "Return contains invalid line item");
        if (returnable(c, in, i, item, extra, &left) < 0)
            return -1;
        if (l->quantity > left)
            return err_set(c, ERR_NOT_ALLOWED, "Cannot return more items than have been purchased");
        if (l->reason_id && (rc = db_return_reason_has_children(c, l->reason_id)) != 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_INVALID_DATA, "Cannot apply return reason category");
        *refund += order_totals_item_refund(order, item, l->quantity);
    }
    return 0;
}

/* Step 7: the return method at the option's amount, taxed with the option's rates or the
 * region's default; returns the shipping price with its tax. */
static int return_shipping(struct ctx *c, const char *return_id, const char *option_id,
                           struct json_object *order, int64_t *shipping_total)
{
    struct return_option opt;
    struct json_object *rates, *region = json_get(order, "region");
    const char *mid;
    char ids[160];
    int rc;
    if ((rc = db_return_option(c, option_id, &opt)) != 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_NOT_FOUND, "Shipping Option with %s was not found", option_id);
    snprintf(ids, sizeof(ids), "[\"%s\"]", opt.id);
    if (!(rates = db_option_tax_rates(c, ids)))
        return -1;
    rates = json_get(rates, opt.id);
    *shipping_total = opt.amount;
    if (!(mid = db_return_method_insert(c, return_id, opt.id, opt.amount)))
        return -1;
    if (!len(rates)) {
        double rate = json_object_get_double(json_get(region, "tax_rate"));
        *shipping_total += money_round((double)opt.amount * rate / 100);
        return db_return_method_tax_line(c, mid, rate, "default", "default");
    }
    for (size_t i = 0; i < len(rates); i++) {
        struct json_object *t = json_object_array_get_idx(rates, i);
        double rate = json_object_get_double(json_get(t, "rate"));
        if (db_return_method_tax_line(c, mid, rate, json_get_str_opt(t, "name"),
                                      json_get_str_opt(t, "code")) < 0)
            return -1;
        *shipping_total += money_round((double)opt.amount * rate / 100);
    }
    return 0;
}

int return_create(struct ctx *c, const struct return_request *in, const char *idempotency_key,
                  const char **id)
{
    static const char *const rels[] = {
        "items", "swaps", "swaps.additional_items", "claims", "claims.additional_items", NULL};
    struct json_object *order, *ev;
    int64_t refund, shipping = 0;
    const char *shipping_data = NULL;
    size_t n;
    int rc;

    for (int i = 0; i < in->nitems; i++) {
        int canceled = 0;
        if ((rc = db_return_line_item(c, in->items[i].item_id, &canceled)) != 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND, "Line item with %s was not found",
                                    in->items[i].item_id);
        if (canceled)
            return err_set(c, ERR_INVALID_DATA, "Cannot create a return for a canceled item.");
    }
    if ((rc = db_return_order_exists(c, in->order_id)) <= 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Order with id: %s was not found", in->order_id);
    if (!(order = order_view_full(c, in->order_id, rels)) || items_check(c, in, order, &refund) < 0)
        return -1;
    if (!(*id = db_return_insert(c, in->order_id, in->swap_id, idempotency_key)))
        return -1;
    for (int i = 0; i < in->nitems; i++) {
        const struct return_line *l = &in->items[i];
        if (db_return_item_insert(c, *id, l->item_id, l->quantity, l->reason_id, l->note,
                                  l->metadata) < 0)
            return -1;
    }
    if (in->option_id) {
        if (return_shipping(c, *id, in->option_id, order, &shipping) < 0)
            return -1;
        shipping_data = "{}"; /* the manual fulfillment provider's return data */
    }
    if (db_return_finish(c, *id, refund - shipping, shipping_data) < 0)
        return -1;
    if (in->swap_id)
        return 0;
    ev = json_own(&c->arena, json_object_new_object());
    json_set(ev, "id", json_object_new_string(in->order_id));
    json_set(ev, "return_id", json_object_new_string(*id));
    return db_event(c, "order.return_requested", json_text(ev, &n));
}
