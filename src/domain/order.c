/* order.c: the Admin API's order operations (order.h), after Medusa v1's OrderService and
 * FulfillmentService, on typed rows. Never writes JSON answers; the handler reads the order back.
 */
#include "domain/order.h"

#include <string.h>

#include "core/arena.h"
#include "db/address.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/db.h"
#include "db/event.h"
#include "db/order.h"
#include "pay/provider.h"

/* The order's head, or Medusa's not_found. 0 or -1. */
static int order_head(struct ctx *c, const char *id, struct order_head *o)
{
    int rc = db_order_head(c, id, o);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", id);
    return rc;
}

/* A no_notification value: the explicit one (0/1) or the stored one (1, 0, -1). */
static int nn_of(int stored, int given)
{
    return given >= 0 ? given : stored;
}

static int event(struct ctx *c, const char *name, const char *order_id, const char *ful_id, int nn)
{
    const char *kv[] = {"id", order_id, "fulfillment_id", ful_id, NULL};
    return db_event_notify(c, name, kv, nn);
}

int order_capture(struct ctx *c, const char *id)
{
    struct order_head o;
    int uncaptured;
    if (order_head(c, id, &o) < 0)
        return -1;
    if (!strcmp(o.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot capture payment");
    if (db_order_payments_capture(c, id, &uncaptured) < 0 ||
        db_order_set_status(c, id, "payment_status", uncaptured ? "requires_action" : "captured") <
            0)
        return -1;
    if (uncaptured)
        return 0;
    return event(c, "order.payment_captured", id, NULL, nn_of(o.no_notification, -1));
}

int order_fulfill(struct ctx *c, const char *id, const struct fulfill_line *lines, int n,
                  int no_notification, const char *metadata)
{
    struct order_head o;
    struct order_item_row *items;
    struct order_method_row *methods;
    int64_t *take;
    const char *status;
    int ni, nm, nn;

    if (order_head(c, id, &o) < 0)
        return -1;
    if (!strcmp(o.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be fulfilled");
    if (db_order_items(c, id, &items, &ni) < 0 || db_order_methods(c, id, &methods, &nm) < 0)
        return -1;
    if (nm == 0)
        return err_set(c, ERR_NOT_ALLOWED, "Cannot fulfill an order that lacks shipping methods");
    /* What each line item gets in this fulfillment; -1: not requested. */
    take = arena_alloc(&c->arena, sizeof(*take) * (size_t)(ni ? ni : 1));
    for (int i = 0; i < ni; i++)
        take[i] = -1;
    for (int k = 0; k < n; k++) {
        for (int i = 0; i < ni; i++) {
            if (strcmp(items[i].id, lines[k].item_id))
                continue;
            if (lines[k].quantity > items[i].quantity - items[i].fulfilled_quantity)
                return err_set(c, ERR_NOT_ALLOWED,
                               "Cannot fulfill more items than have been purchased");
            take[i] = lines[k].quantity;
            break;
        }
    }
    nn = nn_of(o.no_notification, no_notification);
    if (fulfillments_make(c, NULL, id, items, ni, methods, nm, take, no_notification, metadata,
                          "order.fulfillment_created", nn, &status) < 0)
        return -1;
    return db_order_set_status(c, id, "fulfillment_status", status);
}

int fulfillments_make(struct ctx *c, const char *owner_col, const char *owner_id,
                      const struct order_item_row *items, int ni,
                      const struct order_method_row *methods, int nm, const int64_t *take,
                      int no_notification, const char *metadata, const char *event_name, int nn,
                      const char **status)
{
    *status = "fulfilled";
    /* One fulfillment per shipping method, by its provider; with several methods, each gets the
     * items whose product ships with its option's profile (FulfillmentService.partitionItems_). */
    for (int m = 0; m < nm; m++) {
        const char *fid =
            owner_col ? db_fulfillment_insert_for(c, owner_col, owner_id, methods[m].provider_id,
                                                  no_notification, metadata ? metadata : "{}")
                      : db_fulfillment_insert(c, owner_id, methods[m].provider_id, no_notification,
                                              metadata ? metadata : "{}");
        if (!fid)
            return -1;
        for (int i = 0; i < ni; i++) {
            const char *prof = items[i].profile_id, *mprof = methods[m].profile_id;
            if (take[i] < 0 || (owner_col && take[i] == 0))
                continue;
            if (nm > 1 && (!prof || !mprof || strcmp(prof, mprof)))
                continue;
            if (db_fulfillment_item_insert(c, fid, items[i].id, take[i]) < 0)
                return -1;
        }
        if (event(c, event_name, owner_id, fid, nn) < 0)
            return -1;
    }
    /* fulfilled_quantity, and the status: fulfilled only when every item is. */
    for (int i = 0; i < ni; i++) {
        if (take[i] >= 0) {
            int64_t q = items[i].fulfilled_quantity + take[i];
            if (db_line_item_set_quantity(c, items[i].id, "fulfilled_quantity", q) < 0)
                return -1;
            if (q != items[i].quantity)
                *status = "partially_fulfilled";
        } else if (!items[i].has_fulfilled || items[i].fulfilled_quantity != items[i].quantity) {
            *status = "partially_fulfilled";
        }
    }
    return 0;
}

int order_ship(struct ctx *c, const char *id, const char *fulfillment_id,
               const char *const *numbers, int n, int no_notification)
{
    struct order_head o;
    struct fulfillment_row f;
    struct order_item_row *items;
    const char *status;
    int ni, rc;

    if (order_head(c, id, &o) < 0 || (rc = db_fulfillment_get(c, fulfillment_id, &f)) < 0)
        return -1;
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Fulfillment with id: %s was not found", fulfillment_id);
    if (!strcmp(o.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be fulfilled as shipped");
    if (!f.order_id || strcmp(f.order_id, id))
        return err_set(c, ERR_NOT_FOUND, "Could not find fulfillment");
    if (f.canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Fulfillment has been canceled");
    if (db_fulfillment_ship(c, fulfillment_id, numbers, n, no_notification) < 0 ||
        db_order_items(c, id, &items, &ni) < 0 || shipped_status(c, &f, items, ni, &status) < 0 ||
        db_order_set_status(c, id, "fulfillment_status", status) < 0)
        return -1;
    return event(c, "order.shipment_created", id, fulfillment_id,
                 nn_of(f.no_notification, no_notification));
}

int shipped_status(struct ctx *c, const struct fulfillment_row *f,
                   const struct order_item_row *items, int ni, const char **status)
{
    *status = "shipped";
    for (int i = 0; i < ni; i++) {
        const struct fulfillment_item_row *shipped = NULL;
        for (int k = 0; k < f->nitems; k++)
            if (!strcmp(f->items[k].item_id, items[i].id))
                shipped = &f->items[k];
        if (shipped) {
            int64_t q = items[i].shipped_quantity + shipped->quantity;
            if (q != items[i].quantity)
                *status = "partially_shipped";
            if (db_line_item_set_quantity(c, items[i].id, "shipped_quantity", q) < 0)
                return -1;
        } else if (!items[i].has_shipped || items[i].shipped_quantity != items[i].quantity) {
            *status = "partially_shipped";
        }
    }
    return 0;
}

/* OrderService.cancel's refusals. */
static int cancel_check(struct ctx *c, const char *id, struct order_head *o)
{
    static const char *const kinds[] = {"fulfillments", "returns", "swaps", "claims"};
    int64_t n[5];
    if (order_head(c, id, o) < 0 || db_order_cancel_blockers(c, id, n) < 0)
        return -1;
    /* Medusa cancels a canceled order again and gives its stock back twice (issue #12's
     * invariants): we refuse, as its other routes refuse a canceled order. */
    if (!strcmp(o->status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be canceled");
    if (n[0] > 0)
        return err_set(c, ERR_NOT_ALLOWED, "Order with refund(s) cannot be canceled");
    for (int i = 0; i < 4; i++)
        if (n[i + 1] > 0)
            return err_set(c, ERR_NOT_ALLOWED, "All %s must be canceled before canceling an order",
                           kinds[i]);
    return 0;
}

int order_cancel(struct ctx *c, const char *id)
{
    struct order_head o;
    if (cancel_check(c, id, &o) < 0)
        return -1;
    if (db_order_restock(c, id) < 0 || db_order_payments_cancel(c, id) < 0 ||
        db_order_set_canceled(c, id) < 0)
        return -1;
    return event(c, "order.canceled", id, NULL, nn_of(o.no_notification, -1));
}

/* ---- the provider's part (pay/provider.h): called outside any transaction ------------- */

int order_payment_captured(struct ctx *c, const char *id)
{
    struct order_head o;
    if (order_head(c, id, &o) < 0)
        return -1;
    return o.payment_status && !strcmp(o.payment_status, "captured");
}

int order_paid_by(struct ctx *c, const char *id, const char *ref)
{
    struct order_payment_row *p;
    int n;
    if (db_order_payments(c, id, &p, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        const char *r = p[i].canceled_at ? NULL : payment_provider_ref(c, p[i].data);
        if (r && ref && !strcmp(r, ref))
            return 1;
    }
    return 0;
}

/* What the provider answered, committed with the local operation. */
struct paid_write {
    struct ctx *c;
    const char *id;
    struct order_payment_row *pay;
    const char **data; /* [i]: pay[i]'s new data, or NULL */
    int n;
    int (*op)(struct ctx *c, const char *id);
    const char *refund_id;
    const struct order_refund_in *refund;
    const char **refund_from; /* [i]: the payment refunded, NULL-terminated */
    int64_t *refund_part;
};

static int paid_commit(void *arg)
{
    struct paid_write *w = arg;
    for (int i = 0; i < w->n; i++)
        if (w->data[i] && db_payment_set_data(w->c, w->pay[i].id, w->data[i]) < 0)
            return -1;
    return w->op(w->c, w->id);
}

/* Calls verb (capture or cancel) at the provider of every remote payment that needs it, then
 * op in a transaction. */
static int provider_then(struct ctx *c, const char *id, int capture,
                         int (*op)(struct ctx *c, const char *id))
{
    struct paid_write w;
    memset(&w, 0, sizeof(w));
    w.c = c;
    w.id = id;
    w.op = op;
    if (db_order_payments(c, id, &w.pay, &w.n) < 0)
        return -1;
    w.data = arena_calloc(&c->arena, sizeof(*w.data) * (size_t)(w.n ? w.n : 1));
    for (int i = 0; i < w.n; i++) {
        const struct order_payment_row *p = &w.pay[i];
        if (!payment_provider_remote(p->provider_id) || p->canceled_at ||
            (capture && p->captured_at))
            continue;
        if ((capture ? payment_provider_capture(c, p->provider_id, p->data,
                                                arena_printf(&c->arena, "capture:%s", p->id),
                                                &w.data[i])
                     : payment_provider_cancel(c, p->provider_id, p->data,
                                               arena_printf(&c->arena, "cancel:%s", p->id),
                                               &w.data[i])) < 0)
            return -1;
    }
    return db_tx(c, paid_commit, &w) < 0 ? -1 : 0;
}

int order_capture_paid(struct ctx *c, const char *id)
{
    struct order_head o;
    if (order_head(c, id, &o) < 0)
        return -1;
    if (!strcmp(o.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot capture payment");
    return provider_then(c, id, 1, order_capture);
}

int order_cancel_paid(struct ctx *c, const char *id)
{
    struct order_head o;
    /* Refused before the provider is asked; checked again in the transaction. */
    if (cancel_check(c, id, &o) < 0)
        return -1;
    return provider_then(c, id, 0, order_cancel);
}

static int refund_write(void *arg)
{
    struct paid_write *w = arg;
    struct ctx *c = w->c;
    const struct order_refund_in *in = w->refund;
    int64_t paid, refunded;
    int remote = 0, rc;
    if (in->then && (rc = in->then(c, in->then_arg)) != 0)
        return rc < 0 ? -1 : 0;
    for (int i = 0; w->refund_from[i]; i++)
        for (int k = 0; k < w->n; k++)
            if (!strcmp(w->pay[k].id, w->refund_from[i]) &&
                payment_provider_remote(w->pay[k].provider_id))
                remote = 1;
    if (db_order_paid(c, w->id, &paid, &refunded) < 0)
        return -1;
    /* A local refund is checked again under the lock (two at once cannot both pass); what a
     * provider has refunded already is recorded whatever happened meanwhile. */
    if (!remote && in->amount > paid - refunded)
        return err_set(c, ERR_NOT_ALLOWED, "Cannot refund more than the original order amount");
    for (int i = 0; w->refund_from[i]; i++) {
        const char *rid =
            db_refund_insert(c, w->id, w->refund_from[i], w->refund_part[i], in->reason, in->note);
        if (!rid)
            return -1;
        if (!w->refund_id)
            w->refund_id = rid;
    }
    if (!w->refund_from[0] &&
        !(w->refund_id = db_refund_insert(c, w->id, NULL, in->amount, in->reason, in->note)))
        return -1;
    if (in->payments_only)
        return 0;
    if (db_order_set_status(c, w->id, "payment_status",
                            refunded + in->amount < paid ? "partially_refunded" : "refunded") < 0)
        return -1;
    const char *kv[] = {"id", w->id, "refund_id", w->refund_id, NULL};
    return db_event_notify(c, "order.refund_created", kv, in->no_notification);
}

int order_refund(struct ctx *c, const char *id, const struct order_refund_in *in)
{
    struct order_head o;
    struct paid_write w;
    int64_t paid, refunded, left;
    int k = 0;
    if (order_head(c, id, &o) < 0)
        return -1;
    if (!strcmp(o.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be refunded");
    if (db_order_paid(c, id, &paid, &refunded) < 0)
        return -1;
    if (in->amount > paid - refunded)
        return err_set(c, ERR_NOT_ALLOWED, "Cannot refund more than the original order amount");
    memset(&w, 0, sizeof(w));
    w.c = c;
    w.id = id;
    w.refund = in;
    if (db_order_payments(c, id, &w.pay, &w.n) < 0)
        return -1;
    w.refund_from = arena_calloc(&c->arena, sizeof(*w.refund_from) * (size_t)(w.n + 1));
    w.refund_part = arena_calloc(&c->arena, sizeof(*w.refund_part) * (size_t)(w.n + 1));
    /* PaymentProviderService.refundPayment: from the payments in turn, each what it has left. */
    left = in->amount;
    for (int i = 0; i < w.n && left > 0; i++) {
        const struct order_payment_row *p = &w.pay[i];
        int64_t part = p->amount - p->amount_refunded;
        if (p->canceled_at || part <= 0)
            continue;
        if (part > left)
            part = left;
        if (payment_provider_refund(c, p->provider_id, p->data, part,
                                    in->idem ? arena_printf(&c->arena, "refund:%s:%s:%lld", p->id,
                                                            in->idem, (long long)part)
                                             : NULL) < 0)
            return -1;
        w.refund_from[k] = p->id;
        w.refund_part[k++] = part;
        left -= part;
    }
    if (db_tx(c, refund_write, &w) < 0)
        return -1;
    if (in->refund_id)
        in->refund_id[0] = w.refund_id;
    return 0;
}

/* ---- update, archive, complete, fulfillment cancel ------------------------------------------ */

/* The order's billing or shipping address (column) set from a: its own row updated, or a new row
 * (nobody's) when it has none. The country must be one of the region's. */
static int order_address(struct ctx *c, const struct order_head *o, const char *column,
                         const char *current, const struct order_address_in *a)
{
    const char *aid;
    int rc;
    if (!a->fields)
        return 0;
    if ((rc = db_region_has_country(c, o->region_id, a->country_code ? a->country_code : "")) < 0)
        return -1;
    if (!rc)
        return err_set(c, ERR_INVALID_DATA, "Shipping country must be in the order region");
    if (current)
        return db_address_update(c, current, a->fields, a->metadata_given, a->metadata);
    if (!(aid = db_address_insert(c, NULL, a->fields, a->metadata)))
        return -1;
    return db_order_set(c, o->id, column, aid);
}

int order_update(struct ctx *c, const char *id, const struct order_update_in *in)
{
    struct order_head o;
    if (order_head(c, id, &o) < 0)
        return -1;
    if (!strcmp(o.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be updated");
    if (in->has_items_or_payment) {
        if (strcmp(o.fulfillment_status, "not_fulfilled") || strcmp(o.payment_status, "awaiting") ||
            strcmp(o.status, "pending"))
            return err_set(c, ERR_NOT_ALLOWED,
                           "Can't update shipping, billing, items and payment method when order is "
                           "processed");
        return err_set(c, ERR_NOT_ALLOWED,
                       "Items and payment methods of a placed order are changed with an order "
                       "edit");
    }
    if (in->customer_id) {
        const char *email;
        int rc = db_customer_email(c, in->customer_id, &email);
        if (rc)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found",
                                    in->customer_id);
        if (db_order_set(c, id, "customer_id", in->customer_id) < 0)
            return -1;
    }
    if ((in->email && db_order_set(c, id, "email", in->email) < 0) ||
        order_address(c, &o, "shipping_address_id", o.shipping_address_id, &in->shipping) < 0 ||
        order_address(c, &o, "billing_address_id", o.billing_address_id, &in->billing) < 0 ||
        (in->no_notification_true && db_order_set(c, id, "no_notification", "1") < 0))
        return -1;
    return event(c, "order.updated", id, NULL,
                 nn_of(in->no_notification_true ? 1 : o.no_notification, -1));
}

int order_archive(struct ctx *c, const char *id)
{
    struct order_head o;
    if (order_head(c, id, &o) < 0)
        return -1;
    /* Medusa compares with ("completed" || "refunded"), i.e. "completed" alone. */
    if (strcmp(o.status, "completed"))
        return err_set(c, ERR_NOT_ALLOWED, "Can't archive an unprocessed order");
    return db_order_set(c, id, "status", "archived");
}

int order_complete(struct ctx *c, const char *id)
{
    struct order_head o;
    if (order_head(c, id, &o) < 0)
        return -1;
    if (!strcmp(o.status, "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be completed");
    if (event(c, "order.completed", id, NULL, nn_of(o.no_notification, -1)) < 0)
        return -1;
    return db_order_set(c, id, "status", "completed");
}

int fulfillment_cancel(struct ctx *c, const struct fulfillment_row *f)
{
    if (f->shipped_at)
        return err_set(c, ERR_NOT_ALLOWED,
                       "The fulfillment has already been shipped. Shipped fulfillments cannot be "
                       "canceled");
    if (f->canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "The fulfillment has already been canceled");
    return db_fulfillment_cancel(c, f->id);
}

int order_cancel_fulfillment(struct ctx *c, const char *id, const char *fulfillment_id)
{
    struct order_head o;
    struct fulfillment_row f;
    int rc;
    if ((rc = db_fulfillment_get(c, fulfillment_id, &f)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Fulfillment with id: %s was not found",
                                fulfillment_id);
    if (!f.order_id || strcmp(f.order_id, id))
        return err_set(c, ERR_NOT_FOUND,
                       "no fulfillment was found with the id: %s related to order: %s",
                       fulfillment_id, id);
    if (order_head(c, id, &o) < 0 || fulfillment_cancel(c, &f) < 0 ||
        db_order_set_status(c, id, "fulfillment_status", "canceled") < 0)
        return -1;
    return event(c, "order.fulfillment_canceled", id, fulfillment_id, nn_of(f.no_notification, -1));
}
