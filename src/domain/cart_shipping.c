/* cart_shipping.c: shipping methods and the options a cart may use (checkout.md §9). */
#include "domain/cart.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "core/money.h"
#include "core/timefmt.h"
#include "core/ulid.h"
#include "db/address.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/product.h"
#include "domain/gift_card.h"
#include "domain/pricing.h"
#include "domain/customer.h"
#include "domain/order_totals.h"
#include "domain/swaps.h"
#include "domain/totals.h"
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

static int requirements_ok(const struct option_row *o, int64_t subtotal)
{
    return (!o->has_min || subtotal >= o->min_subtotal) &&
           (!o->has_max || subtotal < o->max_subtotal);
}

int cart_add_shipping_method(struct ctx *c, const char *id, const char *option_id,
                             struct json_object *data)
{
    struct cart_row cart;
    struct option_row o;
    struct discount_row *ds;
    int64_t price = 0, custom;
    int rc, nd, err;
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
        /* A return option skips the checks (Medusa's quirk); admin_only is not checked. */
        if (!o.is_return) {
            int64_t subtotal = items_subtotal(c, id, &err);
            if (err)
                return -1;
            if (strcmp(o.region_id, cart.region_id))
                return err_set(c, ERR_INVALID_DATA,
                               "The shipping option is not available in the cart's region");
            if (!requirements_ok(&o, subtotal))
                return err_set(c, ERR_NOT_ALLOWED,
                               "The Cart does not satisfy the shipping option's requirements");
        }
        if (strcmp(o.price_type, "flat_rate"))
            return err_set(c, ERR_UNKNOWN, "the %s provider cannot calculate prices",
                           o.provider_id);
        price = o.amount;
    }
    if (db_cart_methods_drop_profile(c, id, o.profile_id) < 0 ||
        db_cart_method_add(
            c, id, option_id, price,
            data && !json_object_is_type(data, json_type_null) ? json_text(data, NULL) : "{}",
            custom_rc == 1 ? 0 : o.includes_tax) < 0 ||
        db_cart_lines_shipping_recompute(c, id) < 0 || db_cart_discounts(c, id, &ds, &nd) < 0)
        return -1;
    if (cart_has_free_shipping(ds, nd) && db_cart_methods_zero(c, id) < 0)
        return -1;
    return 0;
}

/* An option row of the cart's listing (with its requirements) the cart may use without a custom
 * price: an outbound flat rate of the cart's region whose requirements the subtotal meets. */
static int option_available(struct json_object *o, const char *region_id, int64_t subtotal)
{
    struct json_object *reqs = json_get(o, "requirements");
    const char *region = str(o, "region_id"), *price_type = str(o, "price_type");
    if (flag(o, "is_return") || !region || strcmp(region, region_id) || !price_type ||
        strcmp(price_type, "flat_rate"))
        return 0;
    for (size_t i = 0; i < len(reqs); i++) {
        const char *type = str(at(reqs, i), "type");
        int64_t amount = num(at(reqs, i), "amount");
        if (type && ((!strcmp(type, "min_subtotal") && subtotal < amount) ||
                     (!strcmp(type, "max_subtotal") && subtotal >= amount)))
            return 0;
    }
    return 1;
}

struct json_object *cart_shipping_options(struct ctx *c, const char *id)
{
    static const char *const rels[] = {"requirements", "profile", NULL};
    struct cart_row cart;
    struct gquery q;
    struct listf f;
    struct json_object *rows, *out, *custom;
    int64_t subtotal;
    int err;
    if (cart_find(c, id, &cart) < 0)
        return NULL;
    subtotal = items_subtotal(c, id, &err);
    if (err)
        return NULL;
    memset(&f, 0, sizeof(f));
    f.limit = -1;
    struct gsel *sel = gsel_build(c, &ent_shipping_option, NULL, rels);
    gsel_add_col(c, sel, "tax_rates");
    if (gq_list(c, &q, &ent_shipping_option, sel, &f) < 0)
        return NULL;
    q.order = "%c.created_at, %c.id";
    /* Options of the cart's products' profiles, not admin-only; custom options replace all. */
    gq_where_text(&q,
                  "%c.admin_only = 0 AND %c.profile_id IN (SELECT p.profile_id FROM line_item l "
                  "JOIN product p ON p.id = l.product_id WHERE l.cart_id = ?)",
                  id);
    if (!(rows = gq_run_json(c, &q)))
        return NULL;
    /* The cart's custom prices, option id → price: when it has any, they replace the rest. */
    if (!(custom = db_cart_custom_prices(c, id)))
        return NULL;
    out = json_own(&c->arena, json_object_new_array());
    for (size_t i = 0; i < len(rows); i++) {
        struct json_object *o = at(rows, i), *price;
        if (json_object_object_length(custom)) {
            if (!(price = json_get(custom, str(o, "id"))))
                continue;
            json_set_int(o, "amount", json_object_get_int64(price));
        } else if (!option_available(o, cart.region_id, subtotal)) {
            continue;
        }
        /* Medusa's pricing keys (store.md §6.2). */
        struct json_object *tr = json_get(o, "tax_rates");
        double sum = 0;
        for (size_t k = 0; k < len(tr); k++)
            sum += dnum(at(tr, k), "rate") / 100;
        int64_t amount = num(o, "amount");
        int64_t tax = money_round((double)amount * sum);
        json_set_int(o, "tax_amount", tax);
        json_set_int(o, "price_incl_tax", amount + tax);
        json_object_array_add(out, json_share(o));
    }
    return out;
}
