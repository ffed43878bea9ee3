/* swaps.c: swaps from the Store API (swaps.h; SwapService.create, createCart and
 * registerCartCompletion, store.md §8, checkout.md §11.6). */
#include "domain/swaps.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/checkout.h"
#include "db/returns.h"
#include "domain/cart.h"

/* SwapService.create's order checks (store.md §8 steps 1-4), in Medusa's order. */
static int order_check(struct ctx *c, const struct swap_request *in, struct swap_order *o)
{
    int rc;
    if ((rc = db_swap_order(c, in->order_id, o)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_NOT_FOUND, "Order with id: %s was not found", in->order_id);
    if (strcmp(o->payment_status, "captured"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot swap an order that has not been captured");
    if (!strcmp(o->fulfillment_status, "not_fulfilled"))
        return err_set(c, ERR_NOT_ALLOWED, "Cannot swap an order that has not been fulfilled");
    /* Unknown items pass here; the return refuses them next. */
    for (int i = 0; i < in->nreturn_items; i++) {
        int canceled = 0;
        if ((rc = db_return_line_item(c, in->return_items[i].item_id, &canceled)) < 0)
            return -1;
        if (rc == 0 && canceled)
            return err_set(c, ERR_INVALID_DATA, "Cannot create a swap on a canceled item.");
    }
    return 0;
}

/* The additional items, priced for the order's region without a customer (Medusa generates
 * them with the order's cart, which it has not loaded). */
static int additional_items(struct ctx *c, const struct swap_request *in, const char *swap_id,
                            const char *region_id)
{
    struct region_row region;
    int rc;
    if (!in->nadditional_items)
        return 0;
    if ((rc = db_region_get(c, region_id, &region)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", region_id);
    for (int i = 0; i < in->nadditional_items; i++) {
        const struct swap_item *it = &in->additional_items[i];
        struct line_new gen;
        if (cart_line_generate(c, it->variant_id, it->quantity, &region, NULL, NULL, &gen) < 0 ||
            db_line_insert(c, NULL, gen.v.product_title, gen.v.title, gen.v.thumbnail, &gen.l) <
                0 ||
            db_swap_item_attach(c, swap_id, gen.l.id) < 0)
            return -1;
    }
    return 0;
}

static int emit(struct ctx *c, const char *name, const char *id, int no_notification)
{
    struct json_object *ev = json_own(&c->arena, json_object_new_object());
    json_set_str(ev, "id", id);
    json_set(ev, "no_notification",
             no_notification < 0 ? NULL : json_object_new_boolean(no_notification));
    return db_event(c, name, json_text(ev, NULL));
}

int swap_create(struct ctx *c, const struct swap_request *in, const char *idempotency_key,
                const char **id)
{
    struct swap_order o;
    struct return_request ret;
    const char *return_id, *cart_id;

    if (order_check(c, in, &o) < 0 || !(*id = db_swap_insert(c, o.id, idempotency_key)) ||
        additional_items(c, in, *id, o.region_id) < 0)
        return -1;
    memset(&ret, 0, sizeof(ret));
    ret.order_id = o.id;
    ret.items = in->return_items;
    ret.nitems = in->nreturn_items;
    ret.option_id = in->return_option_id;
    ret.swap_id = *id;
    /* Store swaps never notify (the route passes no_notification: true). */
    if (return_create(c, &ret, NULL, &return_id) < 0 || emit(c, "swap.created", *id, 1) < 0)
        return -1;
    /* createCart: the additional items get the cart's discounts before the return lines come. */
    if (!(cart_id = db_swap_cart_insert(c, *id, o.id)) ||
        db_event(c, "cart.created", arena_printf(&c->arena, "{\"id\":\"%s\"}", cart_id)) < 0 ||
        cart_adjustments_rebuild(c, cart_id) < 0)
        return -1;
    return db_swap_cart_return_lines(c, return_id, cart_id);
}

int swap_of_cart(struct ctx *c, const char *cart_id, struct swap_row *out)
{
    int rc = db_swap_by_cart(c, cart_id, out);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Swap was not found");
    return rc;
}

int swap_cart_register(struct ctx *c, const struct swap_row *s, const char *cart_id, int64_t total,
                       const char *payment_id, const char *now)
{
    if (s->confirmed_at)
        return 0;
    if (s->canceled_at)
        return err_set(c, ERR_NOT_ALLOWED, "Cart related to canceled swap cannot be completed");
    if (total > 0 && !payment_id)
        return err_set(c, ERR_INVALID_ARGUMENT, "Cart does not contain a payment");
    if (db_swap_confirm(c, s, cart_id, total, total > 0 ? payment_id : NULL,
                        total == 0 ? "confirmed" : "awaiting", now) < 0)
        return -1;
    return emit(c, "swap.payment_completed", s->id, s->no_notification);
}
