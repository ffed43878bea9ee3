/* returns.c: return requests (returns.h; ReturnService.create and the store route). */
#include "domain/returns.h"

#include <string.h>

#include "core/money.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/event.h"
#include "db/order.h"
#include "db/returns.h"
#include "db/swaps.h"
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
                           const int64_t *price, const struct order_model *order,
                           int64_t *shipping_total)
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
    if (price)
        opt.amount = *price;
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
    int64_t refund, shipping = 0;
    const char *shipping_data = NULL;
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
    if (in->admin) {
        /* ReturnService.validateReturnStatuses */
        struct order_head oh;
        if (db_order_head(c, in->order_id, &oh) != 0)
            return -1;
        if (!strcmp(oh.fulfillment_status, "not_fulfilled") ||
            !strcmp(oh.fulfillment_status, "returned"))
            return err_set(c, ERR_NOT_ALLOWED,
                           "Can't return an unfulfilled or already returned order");
        if (strcmp(oh.payment_status, "captured"))
            return err_set(c, ERR_NOT_ALLOWED, "Can't return an order with payment unprocessed");
    }
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
        if (return_shipping(c, *id, in->option_id, in->has_price ? &in->price : NULL, &order,
                            &shipping) < 0)
            return -1;
        shipping_data = "{}"; /* the manual fulfillment provider's return data */
    }
    if (db_return_finish(c, *id,
                         in->has_refund ? (in->refund < 0 ? 0 : in->refund) : refund - shipping,
                         shipping_data) < 0)
        return -1;
    if (in->swap_id || in->claim_id)
        return 0;
    const char *kv[] = {"id", in->order_id, "return_id", *id, NULL};
    int nn = DB_EVENT_NO_NN;
    if (in->admin) {
        /* The admin route: the given no_notification, or the order's. */
        struct order_head oh;
        nn = in->no_notification;
        if (nn < 0 && db_order_head(c, in->order_id, &oh) == 0)
            nn = oh.no_notification;
        if (nn >= 0 && db_return_set_no_notification(c, *id, nn) < 0)
            return -1;
    }
    return db_event_notify(c, "order.return_requested", kv, nn);
}

/* ---- receive and cancel -----------------------------------------------------------------------
 */

static int return_head(struct ctx *c, const char *id, struct return_head *h)
{
    int rc = db_return_head(c, id, h);
    return rc > 0 ? err_set(c, ERR_NOT_FOUND, "Return with id: %s was not found", id) : rc;
}

int return_receive(struct ctx *c, const char *id, const struct return_received *items, int n,
                   int has_refund, int64_t refund, int64_t *to_refund, const char **order_id)
{
    struct return_head h;
    struct swap_admin_row sw;
    struct order_model order;
    const char *oid;
    int64_t amount, paid, refunded;
    int rc;
    *to_refund = 0;
    *order_id = NULL;
    if (return_head(c, id, &h) < 0)
        return -1;
    if (!strcmp(h.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot receive a canceled return");
    oid = h.order_id;
    if (h.swap_id) {
        if ((rc = db_swap_get(c, h.swap_id, &sw)) != 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND, "Swap with id %s was not found", h.swap_id);
        oid = sw.order_id;
    }
    if ((rc = db_order_model(c, oid, &order)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", oid);
    if (!strcmp(h.status, "received"))
        return err_set(c, ERR_NOT_ALLOWED, "Return with id %s has already been received", id);
    for (int i = 0; i < n; i++) {
        int extra;
        const struct line_row *item = order_item(c, &order, items[i].item_id, &extra);
        int64_t left;
        if (!item)
            return err_set(c, ERR_INVALID_DATA, "Return contains invalid line item");
        left = extra ? item->quantity : item->quantity - item->returned_quantity;
        for (int k = 0; k < i; k++)
            if (!strcmp(items[k].item_id, items[i].item_id))
                left -= items[k].quantity;
        if (items[i].quantity > left)
            return err_set(c, ERR_NOT_ALLOWED, "Cannot return more items than have been purchased");
    }
    for (int i = 0; i < n; i++)
        if (db_return_item_received(c, id, items[i].item_id, items[i].quantity) < 0 ||
            db_item_returned(c, items[i].item_id, items[i].quantity) < 0)
            return -1;
    amount = has_refund ? (refund < 0 ? 0 : refund) : h.refund_amount;
    if (db_return_set_received(c, id, amount) < 0)
        return -1;
    if (h.swap_id) {
        if (sw.canceled_at)
            return err_set(c, ERR_NOT_ALLOWED, "Canceled swap cannot be registered as received");
        const char *kv[] = {"id", h.swap_id, "order_id", sw.order_id, NULL};
        return db_event_notify(c, "swap.received", kv, sw.no_notification);
    }
    if (!h.order_id)
        return 0;
    /* OrderService.registerReturnReceived */
    *order_id = h.order_id;
    struct order_head oh;
    if (db_order_head(c, h.order_id, &oh) != 0)
        return -1;
    if (!strcmp(oh.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be registered as received");
    if (db_order_paid(c, h.order_id, &paid, &refunded) < 0)
        return -1;
    const char *ev[] = {"id", h.order_id, "return_id", id, NULL};
    if (amount > paid - refunded) {
        if (db_order_set_status(c, h.order_id, "fulfillment_status", "requires_action") < 0)
            return -1;
        return db_event_notify(c, "order.return_action_required", ev, h.no_notification);
    }
    *to_refund = amount;
    if ((rc = db_order_all_returned(c, h.order_id)) < 0 ||
        db_order_set_status(c, h.order_id, "fulfillment_status",
                            rc ? "returned" : "partially_returned") < 0)
        return -1;
    return db_event_notify(c, "order.items_returned", ev, h.no_notification);
}

int return_cancel(struct ctx *c, const char *id, const char **order_id)
{
    struct return_head h;
    struct swap_admin_row sw;
    int rc;
    if (return_head(c, id, &h) < 0)
        return -1;
    if (!strcmp(h.status, "received"))
        return err_set(c, ERR_NOT_ALLOWED, "Can't cancel a return which has been returned");
    *order_id = h.order_id;
    if (!*order_id && h.swap_id) {
        if ((rc = db_swap_get(c, h.swap_id, &sw)) != 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND, "Swap with id %s was not found", h.swap_id);
        *order_id = sw.order_id;
    }
    return db_return_set_canceled(c, id);
}
