/* cart_base.c: the first steps every cart rule takes (cart_internal.h): find the cart, check it
 * can change, load its region, and the bounds of quantities and stock (checkout.md §2, §3). Calls
 * nothing above db/, so every cart file may use it. */
#include "domain/cart.h"

#include "domain/cart_internal.h"

int cart_find(struct ctx *c, const char *id, struct cart_row *cart)
{
    int rc = db_cart_get(c, id, cart);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Cart with %s was not found", id);
    return rc;
}

int cart_open_check(struct ctx *c, const struct cart_row *cart)
{
    /* What was paid for stays what the order holds: the order shares the cart's lines,
     * addresses and shipping methods (issue #12; Medusa's words for deleting such carts). */
    if (cart->completed_at)
        return err_set(c, ERR_NOT_ALLOWED, "Completed carts cannot be changed");
    if (cart->payment_authorized_at)
        return err_set(c, ERR_NOT_ALLOWED, "Can't change a cart with an authorized payment");
    return 0;
}

int cart_find_open(struct ctx *c, const char *id, struct cart_row *cart)
{
    if (cart_find(c, id, cart) < 0)
        return -1;
    return cart_open_check(c, cart);
}

int cart_load_region(struct ctx *c, const char *id, struct region_row *r)
{
    int rc = db_region_get(c, id, r);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Region with %s was not found", id);
    return rc;
}

int cart_quantity_check(struct ctx *c, int64_t quantity, int64_t min)
{
    /* A negative line would be goods that pay the buyer and stock that rises (issue #12). */
    if (quantity < min)
        return err_set(c, ERR_INVALID_DATA, "quantity must not be less than %lld", (long long)min);
    if (quantity > CART_QUANTITY_MAX)
        return err_set(c, ERR_INVALID_DATA, "quantity must not be greater than %d",
                       CART_QUANTITY_MAX);
    return 0;
}

int cart_inventory_ok(const struct variant_info *v, int64_t quantity)
{
    return v->allow_backorder || !v->manage_inventory || v->inventory_quantity >= quantity;
}
