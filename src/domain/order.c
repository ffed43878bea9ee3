/* order.c: the Admin API's order operations (order.h), after Medusa v1's OrderService and
 * FulfillmentService. Never writes JSON answers; the handler reads the order back. */
#include "domain/order.h"

#include <json-c/json.h>
#include <string.h>

#include "core/arena.h"
#include "core/json.h"
#include "db/cart.h"
#include "db/order.h"

static const char *str(struct json_object *o, const char *k)
{
    return json_get_str_opt(o, k);
}

static int64_t num(struct json_object *o, const char *k)
{
    struct json_object *v = json_get(o, k);
    return v ? json_object_get_int64(v) : 0;
}

/* 1 if o's key is null or absent. */
static int is_null(struct json_object *o, const char *k)
{
    struct json_object *v = json_get(o, k);
    return !v || json_object_is_type(v, json_type_null);
}

/* The order's head, or NULL with Medusa's not_found. */
static struct json_object *order_head(struct ctx *c, const char *id)
{
    int found;
    struct json_object *o = db_order_head(c, id, &found);
    if (!o && found == 0 && !c->err.type)
        err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", id);
    return o;
}

/* JSON text of a no_notification value: the explicit one (0/1) or the stored one. */
static const char *nn_text(struct json_object *stored, int given)
{
    if (given >= 0)
        return given ? "true" : "false";
    if (!stored || json_object_is_type(stored, json_type_null))
        return "null";
    return json_object_get_boolean(stored) ? "true" : "false";
}

static int event(struct ctx *c, const char *name, const char *order_id, const char *ful_id,
                 const char *nn)
{
    return db_event(
        c, name,
        ful_id ? arena_printf(&c->arena,
                              "{\"id\":\"%s\",\"fulfillment_id\":\"%s\","
                              "\"no_notification\":%s}",
                              order_id, ful_id, nn)
               : arena_printf(&c->arena, "{\"id\":\"%s\",\"no_notification\":%s}", order_id, nn));
}

int order_capture(struct ctx *c, const char *id)
{
    struct json_object *o = order_head(c, id);
    int uncaptured;
    if (!o)
        return -1;
    if (!strcmp(str(o, "status"), "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot capture payment");
    if (db_order_payments_capture(c, id, &uncaptured) < 0 ||
        db_order_set_status(c, id, "payment_status", uncaptured ? "requires_action" : "captured") <
            0)
        return -1;
    if (uncaptured)
        return 0;
    return event(c, "order.payment_captured", id, NULL,
                 nn_text(json_get(o, "no_notification"), -1));
}

int order_fulfill(struct ctx *c, const char *id, const struct fulfill_line *lines, int n,
                  int no_notification, const char *metadata)
{
    struct json_object *o = order_head(c, id), *items, *methods;
    int64_t *take;
    const char *status = "fulfilled", *nn;
    size_t ni, nm;

    if (!o)
        return -1;
    if (!strcmp(str(o, "status"), "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be fulfilled");
    if (!(items = db_order_items(c, id)) || !(methods = db_order_methods(c, id)))
        return -1;
    if ((nm = json_object_array_length(methods)) == 0)
        return err_set(c, ERR_NOT_ALLOWED, "Cannot fulfill an order that lacks shipping methods");
    ni = json_object_array_length(items);
    /* What each line item gets in this fulfillment; -1: not requested. */
    take = arena_alloc(&c->arena, sizeof(*take) * (ni ? ni : 1));
    for (size_t i = 0; i < ni; i++)
        take[i] = -1;
    for (int k = 0; k < n; k++) {
        for (size_t i = 0; i < ni; i++) {
            struct json_object *it = json_object_array_get_idx(items, i);
            if (strcmp(str(it, "id"), lines[k].item_id))
                continue;
            if (lines[k].quantity > num(it, "quantity") - num(it, "fulfilled_quantity"))
                return err_set(c, ERR_NOT_ALLOWED,
                               "Cannot fulfill more items than have been purchased");
            take[i] = lines[k].quantity;
            break;
        }
    }
    /* One fulfillment per shipping method, by its provider; with several methods, each gets the
     * items whose product ships with its option's profile (FulfillmentService.partitionItems_). */
    nn = no_notification >= 0 ? (no_notification ? "true" : "false")
                              : nn_text(json_get(o, "no_notification"), -1);
    for (size_t m = 0; m < nm; m++) {
        struct json_object *sm = json_object_array_get_idx(methods, m);
        const char *fid = db_fulfillment_insert(c, id, str(sm, "provider_id"), no_notification,
                                                metadata ? metadata : "{}");
        if (!fid)
            return -1;
        for (size_t i = 0; i < ni; i++) {
            struct json_object *it = json_object_array_get_idx(items, i);
            const char *prof = str(it, "profile_id"), *mprof = str(sm, "profile_id");
            if (take[i] < 0)
                continue;
            if (nm > 1 && (!prof || !mprof || strcmp(prof, mprof)))
                continue;
            if (db_fulfillment_item_insert(c, fid, str(it, "id"), take[i]) < 0)
                return -1;
        }
        if (event(c, "order.fulfillment_created", id, fid, nn) < 0)
            return -1;
    }
    /* fulfilled_quantity, and the order's status: fulfilled only when every item is. */
    for (size_t i = 0; i < ni; i++) {
        struct json_object *it = json_object_array_get_idx(items, i);
        if (take[i] >= 0) {
            int64_t q = num(it, "fulfilled_quantity") + take[i];
            if (db_line_item_set_quantity(c, str(it, "id"), "fulfilled_quantity", q) < 0)
                return -1;
            if (q != num(it, "quantity"))
                status = "partially_fulfilled";
        } else if (is_null(it, "fulfilled_quantity") ||
                   num(it, "fulfilled_quantity") != num(it, "quantity")) {
            status = "partially_fulfilled";
        }
    }
    return db_order_set_status(c, id, "fulfillment_status", status);
}

int order_ship(struct ctx *c, const char *id, const char *fulfillment_id,
               const char *const *numbers, int n, int no_notification)
{
    struct json_object *o = order_head(c, id), *f, *items, *fitems;
    const char *status = "shipped";
    int found;
    size_t ni;

    if (!o)
        return -1;
    if (!(f = db_fulfillment_get(c, fulfillment_id, &found)))
        return found || c->err.type
                   ? -1
                   : err_set(c, ERR_NOT_FOUND, "Fulfillment with id: %s was not found",
                             fulfillment_id);
    if (!strcmp(str(o, "status"), "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be fulfilled as shipped");
    if (!str(f, "order_id") || strcmp(str(f, "order_id"), id))
        return err_set(c, ERR_NOT_FOUND, "Could not find fulfillment");
    if (!is_null(f, "canceled_at"))
        return err_set(c, ERR_NOT_ALLOWED, "Fulfillment has been canceled");
    if (db_fulfillment_ship(c, fulfillment_id, numbers, n, no_notification) < 0 ||
        !(items = db_order_items(c, id)))
        return -1;
    fitems = json_get(f, "items");
    ni = json_object_array_length(items);
    for (size_t i = 0; i < ni; i++) {
        struct json_object *it = json_object_array_get_idx(items, i), *shipped = NULL;
        for (size_t k = 0; fitems && k < json_object_array_length(fitems); k++)
            if (!strcmp(str(json_object_array_get_idx(fitems, k), "item_id"), str(it, "id")))
                shipped = json_object_array_get_idx(fitems, k);
        if (shipped) {
            int64_t q = num(it, "shipped_quantity") + num(shipped, "quantity");
            if (q != num(it, "quantity"))
                status = "partially_shipped";
            if (db_line_item_set_quantity(c, str(it, "id"), "shipped_quantity", q) < 0)
                return -1;
        } else if (is_null(it, "shipped_quantity") ||
                   num(it, "shipped_quantity") != num(it, "quantity")) {
            status = "partially_shipped";
        }
    }
    if (db_order_set_status(c, id, "fulfillment_status", status) < 0)
        return -1;
    return event(c, "order.shipment_created", id, fulfillment_id,
                 nn_text(json_get(f, "no_notification"), no_notification));
}

int order_cancel(struct ctx *c, const char *id)
{
    static const char *const kinds[] = {"fulfillments", "returns", "swaps", "claims"};
    struct json_object *o = order_head(c, id);
    int64_t n[5];
    if (!o || db_order_cancel_blockers(c, id, n) < 0)
        return -1;
    /* Medusa cancels a canceled order again and gives its stock back twice (issue #12's
     * invariants): we refuse, as its other routes refuse a canceled order. */
    if (!strcmp(str(o, "status"), "canceled"))
        return err_set(c, ERR_NOT_ALLOWED, "A canceled order cannot be canceled");
    if (n[0] > 0)
        return err_set(c, ERR_NOT_ALLOWED, "Order with refund(s) cannot be canceled");
    for (int i = 0; i < 4; i++)
        if (n[i + 1] > 0)
            return err_set(c, ERR_NOT_ALLOWED, "All %s must be canceled before canceling an order",
                           kinds[i]);
    if (db_order_restock(c, id) < 0 || db_order_payments_cancel(c, id) < 0 ||
        db_order_set_canceled(c, id) < 0)
        return -1;
    return event(c, "order.canceled", id, NULL, nn_text(json_get(o, "no_notification"), -1));
}
