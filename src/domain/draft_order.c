/* draft_order.c: draft orders (draft_order.h; Medusa v1's DraftOrderService and the admin
 * draft-order routes) on the store's cart code: no second cart, totals or completion path. */
#include "domain/draft_order.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "core/ulid.h"
#include "db/address.h"
#include "db/cart.h"
#include "db/checkout.h"
#include "db/event.h"
#include "domain/cart.h"
#include "domain/order.h"

#define ONLY_OPEN "You are only allowed to update open draft orders"

int draft_find(struct ctx *c, const char *id, struct draft_row *out)
{
    int rc = db_draft_get(c, id, out);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Draft order with %s was not found", id);
    return rc;
}

static int find_open(struct ctx *c, const char *id, struct draft_row *d)
{
    if (draft_find(c, id, d) < 0)
        return -1;
    if (strcmp(d->status, "open"))
        return err_set(c, ERR_NOT_ALLOWED, ONLY_OPEN);
    return 0;
}

/* An address given by id becomes a copy of the customer's saved address (the cart's addresses
 * are its own, domain/cart.c); an unknown id, or one of another customer, is Medusa's 404. */
static int address_resolve(struct ctx *c, struct address_in *a, const char *customer_id)
{
    int rc;
    if (!a->id)
        return 0;
    rc = customer_id ? db_address_owned_fields(c, a->id, customer_id, &a->a) : 1;
    if (rc < 0)
        return -1;
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Address with id %s was not found", a->id);
    a->id = NULL;
    return 0;
}

static int line_insert(struct ctx *c, const char *cart_id, const struct draft_item *it)
{
    struct region_row region;
    struct cart_row cart;
    struct line_new gen;
    int rc;
    if (cart_quantity_check(c, it->quantity, 1) < 0)
        return -1;
    if (!it->variant_id) {
        /* A custom line: the admin's title and price, no discounts (Medusa's). */
        struct line_row l;
        char idbuf[ULID_ID_MAX];
        memset(&l, 0, sizeof(l));
        l.id = arena_strdup(&c->arena, ulid_make(idbuf, sizeof(idbuf), "item"));
        l.unit_price = it->has_unit_price ? it->unit_price : 0;
        l.quantity = it->quantity;
        l.metadata = it->metadata ? json_text(it->metadata, NULL) : "{}";
        return db_line_insert(c, cart_id, it->title ? it->title : "Custom item", NULL, NULL, &l);
    }
    if ((rc = db_cart_get(c, cart_id, &cart)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Cart with %s was not found", cart_id);
    if ((rc = db_region_get(c, cart.region_id, &region)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", cart.region_id);
    if (cart_line_generate(c, it->variant_id, it->quantity, &region, cart.customer_id, it->metadata,
                           &gen) < 0)
        return -1;
    if (it->has_unit_price)
        gen.l.unit_price = it->unit_price;
    gen.l.should_merge = !it->has_unit_price;
    return db_line_insert(c, cart_id, gen.v.product_title, gen.v.title, gen.v.thumbnail, &gen.l);
}

/* The cart update a draft's body asks for: the customer by id (the admin's choice, no ownership
 * rule), then what the store's cart update does with the rest. */
static int cart_apply(struct ctx *c, const char *cart_id, struct cart_update_in in)
{
    struct cart_row cart;
    int region_given, rc;
    if (in.customer_id) {
        if (cart_assign_customer(c, cart_id, in.customer_id) < 0)
            return -1;
        in.email = NULL;
    }
    in.customer_id = NULL;
    if ((rc = db_cart_get(c, cart_id, &cart)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Cart with %s was not found", cart_id);
    if (address_resolve(c, &in.shipping, cart.customer_id) < 0 ||
        address_resolve(c, &in.billing, cart.customer_id) < 0)
        return -1;
    return cart_update(c, cart_id, &in, &region_given);
}

int draft_create(struct ctx *c, const struct draft_new *in, const char **id)
{
    struct cart_new cn;
    struct cart_update_in first = in->cart;
    const char *cart_id;

    memset(&cn, 0, sizeof(cn));
    cn.region_id = in->region_id;
    if (cart_create(c, &cn, &cart_id) < 0 || db_cart_set(c, cart_id, "type", "draft_order") < 0 ||
        (in->metadata && db_cart_set(c, cart_id, "metadata", json_text(in->metadata, NULL)) < 0))
        return -1;
    /* The customer, e-mail and addresses first; discounts once the lines are there. */
    first.region_id = first.country_code = first.sales_channel_id = first.context = NULL;
    first.has_discounts = first.has_gift_cards = 0;
    if (cart_apply(c, cart_id, first) < 0 ||
        !(*id = db_draft_insert(c, cart_id, in->no_notification_order, NULL)) ||
        db_event_id(c, "draft_order.created", *id) < 0)
        return -1;
    for (int i = 0; i < in->nitems; i++)
        if (line_insert(c, cart_id, &in->items[i]) < 0)
            return -1;
    if (in->nitems && cart_adjustments_rebuild(c, cart_id) < 0)
        return -1;
    for (int i = 0; i < in->nmethods; i++)
        if (in->methods[i].has_price &&
            db_custom_option_set(c, cart_id, in->methods[i].option_id, in->methods[i].price) < 0)
            return -1;
    for (int i = 0; i < in->nmethods; i++)
        if (cart_add_shipping_method(c, cart_id, in->methods[i].option_id, in->methods[i].data) < 0)
            return -1;
    if (in->cart.has_discounts) {
        struct cart_update_in d;
        memset(&d, 0, sizeof(d));
        d.has_discounts = 1;
        d.discounts = in->cart.discounts;
        d.ndiscounts = in->cart.ndiscounts;
        if (cart_apply(c, cart_id, d) < 0)
            return -1;
    }
    return 0;
}

int draft_update(struct ctx *c, const char *id, const struct draft_update_in *in)
{
    struct draft_row d;
    if (find_open(c, id, &d) < 0)
        return -1;
    if (in->no_notification_order >= 0 &&
        db_draft_set_no_notification(c, id, in->no_notification_order) < 0)
        return -1;
    return cart_apply(c, d.cart_id, in->cart);
}

int draft_line_add(struct ctx *c, const char *id, const struct draft_item *it)
{
    struct draft_row d;
    if (find_open(c, id, &d) < 0)
        return -1;
    /* A variant at its price merges as the store's cart does (addOrUpdateLineItems). */
    if (it->variant_id && !it->has_unit_price)
        return cart_add_line(c, d.cart_id, it->variant_id, it->quantity, it->metadata);
    if (cart_writable(c, d.cart_id) < 0 || line_insert(c, d.cart_id, it) < 0)
        return -1;
    return cart_lines_changed(c, d.cart_id);
}

int draft_line_update(struct ctx *c, const char *id, const char *line_id, int has_quantity,
                      int64_t quantity, int has_unit_price, int64_t unit_price,
                      struct json_object *metadata)
{
    struct draft_row d;
    struct line_row l;
    int rc;
    if (find_open(c, id, &d) < 0)
        return -1;
    if (has_quantity && quantity == 0)
        return cart_delete_line(c, d.cart_id, line_id);
    if ((rc = db_line_get(c, d.cart_id, line_id, &l)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_INVALID_DATA, "Could not find the line item");
    if (cart_update_line(c, d.cart_id, line_id, has_quantity ? quantity : l.quantity, metadata) < 0)
        return -1;
    if (!has_unit_price)
        return 0;
    if (db_line_get(c, d.cart_id, line_id, &l) < 0 ||
        db_line_update(c, line_id, l.quantity, unit_price, l.metadata) < 0)
        return -1;
    return cart_lines_changed(c, d.cart_id);
}

int draft_line_delete(struct ctx *c, const char *id, const char *line_id)
{
    struct draft_row d;
    if (find_open(c, id, &d) < 0)
        return -1;
    return cart_delete_line(c, d.cart_id, line_id);
}

/* The payment the admin registers: a selected manual session for the cart's total, whatever the
 * region's providers (Medusa registers it with its built-in "system" provider, which has no
 * provider row here; manual's payment is captured the same way). */
static int manual_session(struct ctx *c, const char *cart_id)
{
    int64_t total;
    if (cart_total(c, cart_id, 1, &total) < 0 || db_cart_sessions_clear(c, cart_id) < 0)
        return -1;
    return db_payment_session_insert(c, cart_id, "manual", 1, 1, "pending",
                                     "{\"status\":\"pending\"}", total);
}

int draft_pay(struct ctx *c, const char *id, const char **order_id)
{
    struct draft_row d;
    struct cart_completion done;
    if (draft_find(c, id, &d) < 0)
        return -1;
    if (strcmp(d.status, "open"))
        return err_set(c, ERR_CONFLICT, "Draft order %s is already paid (order %s)", id,
                       d.order_id ? d.order_id : "");
    if (manual_session(c, d.cart_id) < 0 || cart_complete(c, d.cart_id, NULL, &done) < 0)
        return -1;
    if (done.kind == CART_SHORT_OF_STOCK)
        return err_set_code(c, ERR_NOT_ALLOWED, "insufficient_inventory",
                            "Variant with id: %s does not have the required inventory",
                            done.short_variants[0]);
    if (done.kind != CART_COMPLETED_ORDER)
        return err_set(c, ERR_UNEXPECTED_STATE, "Draft order cart did not complete into an order");
    *order_id = done.id;
    return order_capture(c, done.id);
}

int draft_delete(struct ctx *c, const char *id)
{
    return db_draft_delete(c, id);
}
