/* returns.c: return requests (returns.h; ReturnService.create and the store route). */
#include "domain/returns.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "core/money.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/order.h"
#include "db/returns.h"
#include "domain/order_totals.h"

/* The order's item id, or one of its swaps' or claims' additional items. An additional item
 * counts with Medusa's decremented quantity (what is left after its returns), and so it is
 * refunded: *extra tells which it is. NULL when the order has no such item. */
static const struct line_row *order_item(struct ctx *c, const struct order_model *m, const char *id,
                                         int *extra)
{
    *extra = 0;
    for (int i = 0; i < m->nitems; i++)
        if (!strcmp(m->items[i].id, id))
            return &m->items[i];
    *extra = 1;
    for (int i = 0; i < m->nextra; i++)
        if (!strcmp(m->extra[i].id, id)) {
            struct line_row *l = arena_alloc(&c->arena, sizeof(*l));
            *l = m->extra[i];
            l->quantity -= l->returned_quantity;
            return l;
        }
    return NULL;
}

/* The units of the item still returnable: what was bought, less what returns already hold (those
 * not canceled, received or not) and what earlier lines of this request ask for. Medusa counts
 * only received units (returned_quantity), so requests for one item could repeat without end
 * (issue #12). */
static int returnable(struct ctx *c, const struct return_request *in, int upto,
                      const struct line_row *item, int extra, int64_t *left)
{
    const char *id = in->items[upto].item_id;
    int64_t pending, returned = extra ? 0 : item->returned_quantity;
    if (db_return_item_pending(c, id, &pending) < 0)
        return -1;
    *left = item->quantity - (pending > returned ? pending : returned);
    for (int k = 0; k < upto; k++)
        if (!strcmp(in->items[k].item_id, id))
            *left -= in->items[k].quantity;
    return 0;
}

/* Steps 1-5 of store.md §7: every item checked; the refund of the returned units. */
static int items_check(struct ctx *c, const struct return_request *in,
                       const struct order_model *order, int64_t *refund)
{
    *refund = 0;
    for (int i = 0; i < in->nitems; i++) {
        const struct return_line *l = &in->items[i];
        int extra, rc;
        const struct line_row *item = order_item(c, order, l->item_id, &extra);
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
        *refund += order_totals_line_refund(order, item, l->quantity);
    }
    return 0;
}

/* Step 7: the return method at the option's amount, taxed with the option's rates or the
 * region's default; returns the shipping price with its tax. */
static int return_shipping(struct ctx *c, const char *return_id, const char *option_id,
                           const struct order_model *order, int64_t *shipping_total)
{
    struct return_option opt;
    struct rate_set *rs;
    const char *mid;
    int rc, nrs;
    if ((rc = db_return_option(c, option_id, &opt)) != 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_NOT_FOUND, "Shipping Option with %s was not found", option_id);
    if (db_option_rate_sets(c, &opt.id, 1, &rs, &nrs) < 0)
        return -1;
    *shipping_total = opt.amount;
    if (!(mid = db_return_method_insert(c, return_id, opt.id, opt.amount)))
        return -1;
    if (!nrs) {
        double rate = order->region_tax_rate;
        *shipping_total += money_round((double)opt.amount * rate / 100);
        return db_return_method_tax_line(c, mid, rate, "default", "default");
    }
    for (int i = 0; i < rs[0].n; i++) {
        const struct tax_line_row *t = &rs[0].rates[i];
        if (db_return_method_tax_line(c, mid, t->rate, t->name, t->code) < 0)
            return -1;
        *shipping_total += money_round((double)opt.amount * t->rate / 100);
    }
    return 0;
}

int return_create(struct ctx *c, const struct return_request *in, const char *idempotency_key,
                  const char **id)
{
    struct order_model order;
    struct json_object *ev;
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
    if ((rc = db_order_model(c, in->order_id, &order)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", in->order_id);
    if (items_check(c, in, &order, &refund) < 0)
        return -1;
    if (!(*id = db_return_insert(c, in->order_id, in->swap_id, idempotency_key)) ||
        (in->claim_id && db_return_link_claim(c, *id, in->claim_id) < 0))
        return -1;
    for (int i = 0; i < in->nitems; i++) {
        const struct return_line *l = &in->items[i];
        if (db_return_item_insert(c, *id, l->item_id, l->quantity, l->reason_id, l->note,
                                  l->metadata) < 0)
            return -1;
    }
    if (in->option_id) {
        if (return_shipping(c, *id, in->option_id, &order, &shipping) < 0)
            return -1;
        shipping_data = "{}"; /* the manual fulfillment provider's return data */
    }
    if (db_return_finish(c, *id, refund - shipping, shipping_data) < 0)
        return -1;
    if (in->swap_id || in->claim_id)
        return 0;
    ev = json_own(&c->arena, json_object_new_object());
    json_set(ev, "id", json_object_new_string(in->order_id));
    json_set(ev, "return_id", json_object_new_string(*id));
    return db_event(c, "order.return_requested", json_text(ev, &n));
}
