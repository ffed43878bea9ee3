/* cart_shipping.c: shipping methods and the options a cart may use (checkout.md §9). */
#include "domain/cart.h"

#include <string.h>

#include "core/money.h"
#include "domain/cart_internal.h"

/* ---- shipping ----------------------------------------------------------------------------- */

static int64_t items_subtotal(struct ctx *c, const char *cart_id, int *err)
{
    struct line_row *lines;
    int n;
    int64_t sum = 0;
    *err = db_cart_lines(c, cart_id, &lines, &n) < 0;
    for (int i = 0; i < n; i++)
        sum += lines[i].unit_price * lines[i].quantity;
    return sum;
}

static int scope_load(struct ctx *c, const struct cart_row *cart, struct option_scope *s)
{
    int err;
    s->region_id = cart->region_id;
    s->admin = cart->type && !strcmp(cart->type, "draft_order");
    s->subtotal = items_subtotal(c, cart->id, &err);
    if (err)
        return -1;
    return db_cart_profiles(c, cart->id, &s->profiles, &s->nprofiles);
}

/* Medusa's listing filter: an option of a product's profile in the cart, not admin-only. */
static int option_listed(const struct option_row *o, const struct option_scope *s)
{
    int profile = 0;
    if (s->admin)
        return 1;
    for (int i = 0; i < s->nprofiles && !profile; i++)
        profile = o->profile_id && !strcmp(o->profile_id, s->profiles[i]);
    return profile && !o->admin_only;
}

enum option_verdict cart_option_verdict(const struct option_row *o, const struct option_scope *s)
{
    if (!option_listed(o, s) || o->is_return)
        return OPTION_HIDDEN;
    if (strcmp(o->region_id, s->region_id))
        return OPTION_REGION;
    if ((o->has_min && s->subtotal < o->min_subtotal) ||
        (o->has_max && s->subtotal >= o->max_subtotal))
        return OPTION_REQUIREMENTS;
    return OPTION_USABLE;
}

int cart_add_shipping_method(struct ctx *c, const char *id, const char *option_id, const char *data)
{
    struct cart_row cart;
    struct option_row o;
    struct option_scope scope;
    struct discount_row *ds;
    int64_t price = 0, custom;
    int rc, nd;
    if (cart_find_open(c, id, &cart) < 0)
        return -1;
    int custom_rc;
    if ((custom_rc = db_custom_option_price(c, id, option_id, &custom)) < 0)
        return -1;
    if (custom_rc == 0)
        return err_set(c, ERR_INVALID_DATA, "Wrong shipping option");
    if ((rc = db_shipping_option(c, option_id, &o)) != 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_NOT_FOUND, "Shipping Option with %s was not found", option_id);
    if (custom_rc == 1) {
        price = custom;
    } else {
        if (scope_load(c, &cart, &scope) < 0)
            return -1;
        switch (cart_option_verdict(&o, &scope)) {
        case OPTION_HIDDEN:
            return err_set(c, ERR_NOT_FOUND, "Shipping Option with %s was not found", option_id);
        case OPTION_REGION:
            return err_set(c, ERR_INVALID_DATA,
                           "The shipping option is not available in the cart's region");
        case OPTION_REQUIREMENTS:
            return err_set(c, ERR_NOT_ALLOWED,
                           "The Cart does not satisfy the shipping option's requirements");
        case OPTION_USABLE:
            break;
        }
        if (strcmp(o.price_type, "flat_rate"))
            return err_set(c, ERR_UNKNOWN, "the %s provider cannot calculate prices",
                           o.provider_id);
        price = o.amount;
    }
    if (db_cart_methods_drop_profile(c, id, o.profile_id) < 0 ||
        db_cart_method_add(c, id, option_id, price, data ? data : "{}",
                           custom_rc == 1 ? 0 : o.includes_tax) < 0 ||
        db_cart_lines_shipping_recompute(c, id) < 0 || db_cart_discounts(c, id, &ds, &nd) < 0)
        return -1;
    if (cart_has_free_shipping(ds, nd) && db_cart_methods_zero(c, id) < 0)
        return -1;
    return 0;
}

int cart_options_scope(struct ctx *c, const char *id, struct option_scope *scope)
{
    struct cart_row cart;
    if (cart_find(c, id, &cart) < 0)
        return -1;
    scope->cart_id = cart.id;
    return scope_load(c, &cart, scope);
}

int cart_option_offer(struct ctx *c, const struct option_scope *scope, const char *option_id,
                      int64_t *amount)
{
    struct option_row row;
    int64_t price;
    int rc;
    if ((rc = db_shipping_option(c, option_id, &row)) != 0)
        return rc < 0 ? -1 : 0;
    /* The cart's custom prices (an admin's, for a draft order): when it has any, they replace the
     * rest, unchecked. */
    if ((rc = db_custom_option_price(c, scope->cart_id, row.id, &price)) < 0)
        return -1;
    if (rc == 1) {
        if (!option_listed(&row, scope))
            return 0;
        *amount = price;
        return 2;
    }
    if (rc == 0 || cart_option_verdict(&row, scope) != OPTION_USABLE ||
        strcmp(row.price_type, "flat_rate"))
        return 0;
    *amount = row.amount;
    return 1;
}

int64_t cart_option_tax(int64_t amount, const double *rates, int n)
{
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += rates[i] / 100;
    return money_round((double)amount * sum);
}
