/* cart.c: Medusa v1's cart rules (cart.h, checkout.md): the shared steps, creation, lines and
 * updates. The view, discounts, shipping and checkout live in cart_view.c, cart_discounts.c,
 * cart_shipping.c and checkout.c (cart_internal.h). */
#include "domain/cart.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "core/money.h"
#include "core/timefmt.h"
#include "core/ulid.h"
#include "db/address.h"
#include "db/checkout.h"
#include "db/entities.h"
#include "db/event.h"
#include "db/graph.h"
#include "db/product.h"
#include "domain/cart_internal.h"
#include "domain/customer.h"
#include "domain/gift_card.h"
#include "domain/metadata.h"
#include "domain/order_totals.h"
#include "domain/pricing.h"
#include "domain/swaps.h"
#include "domain/totals.h"

/* ---- shared steps ----------------------------------------------------------------------- */

/* The one ownership rule of carts (issue #12; Medusa lets anyone set any customer_id, and hands
 * any cart to a logged-in reader): asked, a customer_id a client sent, can only be the logged-in
 * customer's own id (else not_found, revealing nothing). The logged-in customer gets the cart when
 * it is open and anonymous (no customer, or a guest's e-mail only) or already theirs; a cart of
 * another account is never reassigned. *owner: the customer to give the cart to, or NULL. */
static int owner_for(struct ctx *c, const struct cart_row *cart, const char *asked,
                     const char **owner)
{
    int rc;
    *owner = NULL;
    if (asked && (!c->customer_id || strcmp(asked, c->customer_id)))
        return err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found", asked);
    if (!c->customer_id || cart->completed_at || cart->payment_authorized_at)
        return 0;
    if (cart->customer_id && strcmp(cart->customer_id, c->customer_id)) {
        if ((rc = db_customer_has_account(c, cart->customer_id)) < 0)
            return -1;
        if (rc)
            return 0;
    }
    *owner = c->customer_id;
    return 0;
}

/* The customer a cart's lines are priced for: the one the cart belongs to once this request is
 * done (owner_for), so a group's price never reaches a cart of someone outside the group. */
static int pricing_customer(struct ctx *c, const struct cart_row *cart, const char **customer)
{
    const char *owner;
    if (owner_for(c, cart, NULL, &owner) < 0)
        return -1;
    *customer = owner ? owner : cart->customer_id;
    return 0;
}

int cart_writable(struct ctx *c, const char *id)
{
    struct cart_row cart;
    return cart_find_open(c, id, &cart);
}

/* The calculated price of a variant for a region, customer and quantity (checkout.md §3.2). */
static int price_for(struct ctx *c, const char *variant_id, const char *region_id,
                     const char *currency, const char *customer_id, int64_t quantity,
                     int64_t *price, int *found, int *includes_tax)
{
    struct price_query pq = {region_id, currency, 1, quantity};
    struct price_result res;
    struct price_row *rows;
    int n;
    *found = 0;
    if (includes_tax)
        *includes_tax = 0;
    if (db_variant_price_rows(c, variant_id, region_id, currency, customer_id, &rows, &n) < 0)
        return -1;
    if (!n)
        return 0;
    struct price *p = arena_calloc(&c->arena, sizeof(*p) * (size_t)n);
    for (int i = 0; i < n; i++)
        p[i] = (struct price){rows[i].amount,        rows[i].currency_code, rows[i].region_id,
                              rows[i].price_list_id, rows[i].list_type,     rows[i].has_min,
                              rows[i].has_max,       rows[i].min_quantity,  rows[i].max_quantity};
    pricing_select(p, n, &pq, &res);
    *found = res.has_calculated;
    *price = res.calculated;
    if (includes_tax && res.calculated_index >= 0 &&
        (*includes_tax = db_price_includes_tax(c, rows[res.calculated_index].id)) < 0)
        return -1;
    return 0;
}

/* What every line change does afterwards (§3.3 steps 5-7). */
static int after_lines_changed(struct ctx *c, const char *cart_id, int reset_shipping)
{
    if (reset_shipping && db_cart_lines_has_shipping(c, cart_id, 0) < 0)
        return -1;
    if (db_cart_methods_clear(c, cart_id) < 0 || cart_adjustments_rebuild(c, cart_id) < 0)
        return -1;
    return db_event_id(c, "cart.updated", cart_id);
}

int cart_lines_changed(struct ctx *c, const char *cart_id)
{
    return after_lines_changed(c, cart_id, 1);
}

static const char *metadata_text(struct ctx *c, struct json_object *m)
{
    if (!m || json_object_is_type(m, json_type_null))
        return "{}";
    return arena_strdup(&c->arena, json_text(m, NULL));
}

int cart_line_generate(struct ctx *c, const char *variant_id, int64_t quantity,
                       const struct region_row *region, const char *customer_id,
                       struct json_object *metadata, struct line_new *out)
{
    struct variant_info *v = &out->v;
    struct line_row *l = &out->l;
    char idbuf[ULID_ID_MAX];
    int64_t price;
    int rc, found, incl;

    if (cart_quantity_check(c, quantity, 1) < 0)
        return -1;
    if ((rc = db_variant_info(c, variant_id, v)) != 0)
        return rc < 0 ? -1
                      : err_set(c, ERR_INVALID_DATA,
                                "Unable to generate the line items, some variant has not been "
                                "found: %s",
                                variant_id);
    if (price_for(c, variant_id, region->id, region->currency_code, customer_id, quantity, &price,
                  &found, &incl) < 0)
        return -1;
    if (!found)
        return err_set(c, ERR_INVALID_DATA,
                       "Cannot generate line item for variant \"%s\" without a price",
                       v->title ? v->title : v->product_title);
    memset(l, 0, sizeof(*l));
    l->id = arena_strdup(&c->arena, ulid_make(idbuf, sizeof(idbuf), "item"));
    l->variant_id = variant_id;
    l->product_id = v->product_id;
    l->metadata = metadata_text(c, metadata);
    l->unit_price = price < 0 ? 0 : price;
    l->quantity = quantity;
    l->should_merge = 1;
    l->allow_discounts = v->discountable;
    l->is_giftcard = v->is_giftcard;
    l->includes_tax = incl;
    return 0;
}

/* Adds one generated line, merging into a line of the same variant (§3.3). */
static int add_line(struct ctx *c, const struct cart_row *cart, const struct region_row *region,
                    const char *variant_id, int64_t quantity, struct json_object *metadata,
                    int merge)
{
    struct line_new gen;
    struct variant_info *v = &gen.v;
    struct line_row *lines;
    int nl, rc, found;
    const char *meta, *customer;

    if (pricing_customer(c, cart, &customer) < 0 ||
        cart_line_generate(c, variant_id, quantity, region, customer, metadata, &gen) < 0)
        return -1;
    meta = gen.l.metadata;
    if (cart->sales_channel_id) {
        if ((rc = db_product_in_channel(c, v->product_id, cart->sales_channel_id)) < 0)
            return -1;
        if (!rc)
            return err_set(c, ERR_INVALID_DATA,
                           "The products [%s] must belongs to the sales channel on which the cart "
                           "has been created.",
                           v->product_title);
    }
    if (merge) {
        if (db_cart_lines(c, cart->id, &lines, &nl) < 0)
            return -1;
        for (int i = 0; i < nl; i++) {
            if (!lines[i].should_merge || lines[i].is_return || !lines[i].variant_id ||
                strcmp(lines[i].variant_id, variant_id))
                continue;
            struct json_object *a = json_own(
                &c->arena, json_tokener_parse(lines[i].metadata ? lines[i].metadata : "null"));
            struct json_object *b = json_own(&c->arena, json_tokener_parse(meta));
            if (!json_object_equal(a, b))
                continue;
            int64_t q = lines[i].quantity + quantity, p2;
            if (cart_quantity_check(c, q, 1) < 0)
                return -1;
            if (!cart_inventory_ok(v, q))
                return err_set_code(c, ERR_NOT_ALLOWED, "insufficient_inventory",
                                    "Variant with id: %s does not have the required inventory",
                                    variant_id);
            int incl2;
            if (price_for(c, variant_id, region->id, region->currency_code, customer, q, &p2,
                          &found, &incl2) < 0)
                return -1;
            if (db_line_update(c, lines[i].id, q, found ? p2 : lines[i].unit_price,
                               lines[i].metadata) < 0)
                return -1;
            return found ? db_line_set_includes_tax(c, lines[i].id, incl2) : 0;
        }
    }
    if (!cart_inventory_ok(v, quantity))
        return err_set_code(c, ERR_NOT_ALLOWED, "insufficient_inventory",
                            "Variant with id: %s does not have the required inventory", variant_id);
    return db_line_insert(c, cart->id, v->product_title, v->title, v->thumbnail, &gen.l);
}

static int check_channel(struct ctx *c, const char *id)
{
    const char *name;
    int disabled, rc = db_sales_channel_get(c, id, &name, &disabled);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Sales channel with id: %s was not found", id);
    if (rc < 0)
        return -1;
    if (disabled)
        return err_set(c, ERR_INVALID_DATA,
                       "Unable to assign the cart to a disabled Sales Channel \"%s\"", name);
    return 0;
}

/* A new cart address (of no customer) holding only a country code. */
static const char *address_of_country(struct ctx *c, const char *country)
{
    struct json_object *a = json_own(&c->arena, json_object_new_object());
    const char *meta;
    int meta_given;
    json_set_str(a, "country_code", country);
    return db_address_insert(c, NULL, address_json(c, a, &meta, &meta_given), NULL);
}

/* ---- create ------------------------------------------------------------------------------ */

int cart_create(struct ctx *c, const struct cart_new *in, const char **out_id)
{
    struct cart_row row;
    struct region_row region;
    struct json_object *ctxo;
    char idbuf[ULID_ID_MAX];
    const char *region_id = in->region_id;

    memset(&row, 0, sizeof(row));
    if (!region_id && !(region_id = db_region_first(c)))
        return c->err.type ? -1
                           : err_set(c, ERR_INVALID_DATA, "A region is required to create a cart");
    if (cart_load_region(c, region_id, &region) < 0)
        return -1;
    row.id = arena_strdup(&c->arena, ulid_make(idbuf, sizeof(idbuf), "cart"));
    row.region_id = region.id;

    /* Context: ip and user agent, then the client's keys. */
    ctxo = json_own(&c->arena, json_object_new_object());
    json_set_str(ctxo, "ip", in->ip ? in->ip : "");
    json_set_str(ctxo, "user_agent", in->user_agent ? in->user_agent : "");
    if (in->context && json_object_is_type(in->context, json_type_object)) {
        json_object_object_foreach(in->context, k, v) json_set(ctxo, k, json_share(v));
    }
    row.context = arena_strdup(&c->arena, json_text(ctxo, NULL));

    if (c->customer_id) {
        row.customer_id = c->customer_id;
        if (db_customer_email(c, c->customer_id, &row.email) < 0)
            return -1;
    }

    const char *country = in->country_code;
    if (country) {
        int rc = db_region_has_country(c, region.id, country);
        if (rc < 0)
            return -1;
        if (!rc)
            return err_set(c, ERR_NOT_ALLOWED, "Shipping country not in region");
    } else if (region.ncountries == 1) {
        country = region.only_country;
    }
    if (country) {
        if (!(row.shipping_address_id = address_of_country(c, country)))
            return -1;
    }

    if (in->sales_channel_id) {
        row.sales_channel_id = in->sales_channel_id;
    } else if (in->has_key && in->nkey_channels > 1) {
        return err_set(c, ERR_UNEXPECTED_STATE,
                       "The PublishableApiKey provided in the request header has multiple "
                       "associated sales channels.");
    } else if (in->has_key && in->nkey_channels == 1) {
        row.sales_channel_id = in->key_channels[0];
    } else {
        row.sales_channel_id = db_default_sales_channel(c);
    }
    if (row.sales_channel_id && check_channel(c, row.sales_channel_id) < 0)
        return -1;
    if (db_cart_insert(c, &row) < 0)
        return -1;

    for (int i = 0; i < in->nitems; i++) {
        int64_t q = in->items[i].quantity;
        if (add_line(c, &row, &region, in->items[i].variant_id, q ? q : 1, NULL, 0) < 0)
            return -1;
    }
    if (in->nitems && cart_adjustments_rebuild(c, row.id) < 0)
        return -1;
    if (db_event_id(c, "cart.created", row.id) < 0)
        return -1;
    *out_id = row.id;
    return 0;
}

/* ---- lines -------------------------------------------------------------------------------- */

/* A swap cart's return lines are the server's, at minus their price (db_swap_cart_return_lines):
 * re-pricing one turned a credit into a charge and back (issue #12). */
static int return_line_refused(struct ctx *c)
{
    return err_set(c, ERR_NOT_ALLOWED, "Return line items cannot be changed");
}

int cart_add_line(struct ctx *c, const char *id, const char *variant_id, int64_t quantity,
                  struct json_object *metadata)
{
    struct cart_row cart;
    struct region_row region;
    if (cart_find_open(c, id, &cart) < 0 || cart_load_region(c, cart.region_id, &region) < 0)
        return -1;
    if (quantity == 0)
        return err_set(c, ERR_INVALID_DATA,
                       "Unable to generate the line item because one or more required "
                       "argument(s) are missing. Ensure quantity, regionId, and variantId are "
                       "passed");
    if (add_line(c, &cart, &region, variant_id, quantity, metadata, 1) < 0)
        return -1;
    return after_lines_changed(c, id, 1);
}

int cart_delete_line(struct ctx *c, const char *id, const char *line_id)
{
    struct cart_row cart;
    struct line_row l;
    int rc;
    if (cart_find_open(c, id, &cart) < 0 || (rc = db_line_get(c, id, line_id, &l)) < 0)
        return -1;
    if (rc > 0)
        return 0; /* not in the cart: nothing to do */
    if (l.is_return)
        return return_line_refused(c);
    if (db_cart_methods_clear(c, id) < 0 || db_cart_lines_has_shipping(c, id, 0) < 0 ||
        db_line_delete(c, line_id) < 0)
        return -1;
    return after_lines_changed(c, id, 0);
}

int cart_update_line(struct ctx *c, const char *id, const char *line_id, int64_t quantity,
                     struct json_object *metadata)
{
    struct cart_row cart;
    struct region_row region;
    struct line_row l;
    struct variant_info v;
    int rc, found, incl = 0;
    int64_t price;
    if (cart_quantity_check(c, quantity, 0) < 0)
        return -1;
    if (quantity == 0)
        return cart_delete_line(c, id, line_id);
    if (cart_find_open(c, id, &cart) < 0 || cart_load_region(c, cart.region_id, &region) < 0)
        return -1;
    if ((rc = db_line_get(c, id, line_id, &l)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_INVALID_DATA, "Could not find the line item");
    if (l.is_return)
        return return_line_refused(c);
    price = l.unit_price;
    if (l.variant_id) {
        const char *customer;
        if ((rc = db_variant_info(c, l.variant_id, &v)) < 0)
            return -1;
        if (rc == 0 && !cart_inventory_ok(&v, quantity))
            return err_set_code(c, ERR_NOT_ALLOWED, "insufficient_inventory",
                                "Inventory doesn't cover the desired quantity");
        if (pricing_customer(c, &cart, &customer) < 0 ||
            price_for(c, l.variant_id, region.id, region.currency_code, customer, quantity, &price,
                      &found, &incl) < 0)
            return -1;
        if (!found) {
            price = l.unit_price;
            incl = l.includes_tax;
        }
    }
    if (db_cart_methods_clear(c, id) < 0 ||
        db_line_update(c, line_id, quantity, price,
                       metadata && json_object_is_type(metadata, json_type_object)
                           ? metadata_merge(c, l.metadata, metadata)
                           : l.metadata) < 0 ||
        db_line_set_includes_tax(c, line_id, incl) < 0)
        return -1;
    return after_lines_changed(c, id, 0);
}

/* ---- update ------------------------------------------------------------------------------- */

/* Re-prices every line for the target region and customer; lines without a price go (§2.3.3).
 * A swap cart's return lines keep their negative price (Medusa re-prices them too, which would
 * turn a returned item into a purchase). */
static int reprice(struct ctx *c, const char *cart_id, const struct region_row *region,
                   const char *customer_id)
{
    struct line_row *lines;
    int n, found, incl;
    int64_t price;
    if (db_cart_lines(c, cart_id, &lines, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (!lines[i].variant_id || lines[i].is_return)
            continue;
        if (price_for(c, lines[i].variant_id, region->id, region->currency_code, customer_id,
                      lines[i].quantity, &price, &found, &incl) < 0)
            return -1;
        if (!found) {
            if (db_line_delete(c, lines[i].id) < 0)
                return -1;
            continue;
        }
        if (db_line_update(c, lines[i].id, lines[i].quantity, price, lines[i].metadata) < 0 ||
            db_line_set_includes_tax(c, lines[i].id, incl) < 0)
            return -1;
    }
    return db_cart_lines_has_shipping(c, cart_id, 0);
}

/* An address given as an object, or as the id of one of the logged-in customer's saved
 * addresses: merged into the cart's address of that kind. A cart's addresses are its own and
 * belong to no customer, as Medusa makes them; a saved address is copied in, never linked, so
 * nothing done to the cart reaches the address book and back (issue #12; Medusa links any id). */
static int set_address(struct ctx *c, struct cart_row *cart, const char *column,
                       const char **current, const struct address_in *in, const char *check_region)
{
    struct address_fields a = in->a;
    if (in->id) {
        int rc = c->customer_id ? db_address_owned_fields(c, in->id, c->customer_id, &a) : 1;
        if (rc < 0)
            return -1;
        if (rc > 0)
            return err_set(c, ERR_NOT_FOUND, "Address with id %s was not found", in->id);
    }
    if (check_region && a.country_code) {
        int rc = db_region_has_country(c, check_region, a.country_code);
        if (rc < 0)
            return -1;
        if (!rc)
            return err_set(c, ERR_INVALID_DATA, "Shipping country must be in the cart region");
    }
    if (*current)
        return db_address_update(c, *current, a.fields, a.metadata_given, a.metadata);
    if (!(*current = db_address_insert(c, NULL, a.fields, a.metadata)))
        return -1;
    return db_cart_set(c, cart->id, column, *current);
}

/* Region change (checkout.md §12). */
static int change_region(struct ctx *c, struct cart_row *cart, const struct region_row *region,
                         const struct cart_update_in *in)
{
    const char *country = in->country_code;
    struct discount_row *ds;
    int nd, keepn = 0, rc;
    if (cart->completed_at || cart->payment_authorized_at)
        return err_set(c, ERR_NOT_ALLOWED, "Cannot change the region of a completed cart");
    if (db_cart_set(c, cart->id, "region_id", region->id) < 0)
        return -1;
    cart->region_id = region->id;
    if (!country && in->shipping.a.fields)
        country = in->shipping.a.country_code;
    if (country) {
        if ((rc = db_region_has_country(c, region->id, country)) < 0)
            return -1;
        if (!rc)
            return err_set(c, ERR_NOT_ALLOWED, "Country not available in region");
    } else {
        country = region->ncountries == 1 ? region->only_country : NULL;
    }
    char *lc = country ? arena_strdup(&c->arena, country) : NULL;
    for (char *p = lc; p && *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    if (cart->shipping_address_id) {
        if (db_address_set_country(c, cart->shipping_address_id, lc) < 0)
            return -1;
    } else {
        if (!(cart->shipping_address_id = address_of_country(c, lc)) ||
            db_cart_set(c, cart->id, "shipping_address_id", cart->shipping_address_id) < 0)
            return -1;
    }
    if (db_cart_methods_clear(c, cart->id) < 0 || db_cart_discounts(c, cart->id, &ds, &nd) < 0)
        return -1;
    struct discount_row *keep = arena_alloc(&c->arena, sizeof(*keep) * (size_t)(nd ? nd : 1));
    for (int i = 0; i < nd; i++) {
        if ((rc = db_discount_in_region(c, ds[i].id, region->id)) < 0)
            return -1;
        if (rc)
            keep[keepn++] = ds[i];
    }
    if (db_cart_discounts_set(c, cart->id, keep, keepn) < 0 ||
        cart_adjustments_rebuild(c, cart->id) < 0 ||
        db_cart_gift_cards_set(c, cart->id, NULL, 0) < 0 || db_cart_sessions_clear(c, cart->id) < 0)
        return -1;
    return 0;
}

int cart_update(struct ctx *c, const char *id, const struct cart_update_in *in, int *region_given)
{
    struct cart_row cart;
    struct region_row region;
    const char *customer_id;
    const char *email = in->email;
    const char *region_id = in->region_id;
    const char *old_customer, *old_email;
    int rc;

    *region_given = region_id != NULL;
    if (cart_find_open(c, id, &cart) < 0 || owner_for(c, &cart, in->customer_id, &customer_id) < 0)
        return -1;
    /* A logged-in customer's e-mail is their account's (Medusa ignores the body's). */
    if (c->customer_id)
        email = NULL;
    old_customer = cart.customer_id;
    old_email = cart.email;

    if (customer_id) {
        const char *cemail;
        if ((rc = db_customer_email(c, customer_id, &cemail)) != 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found",
                                    customer_id);
        cart.customer_id = customer_id;
        cart.email = cemail;
    } else if (email) {
        char *lc = arena_strdup(&c->arena, email);
        for (char *p = lc; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        if (!(cart.customer_id = db_guest_customer(c, lc)))
            return -1;
        cart.email = lc;
    }
    if (cart.customer_id != old_customer &&
        (db_cart_set(c, id, "customer_id", cart.customer_id) < 0 ||
         db_cart_set(c, id, "email", cart.email) < 0))
        return -1;

    /* Prices follow the customer: also when an e-mail hands the cart to a guest (Medusa keeps the
     * old customer's group prices then). */
    if (customer_id || region_id ||
        (old_customer ? !cart.customer_id || strcmp(cart.customer_id, old_customer)
                      : cart.customer_id != NULL)) {
        if (cart_load_region(c, region_id ? region_id : cart.region_id, &region) < 0 ||
            reprice(c, id, &region, cart.customer_id) < 0)
            return -1;
        if (region_id && strcmp(region_id, cart.region_id) &&
            change_region(c, &cart, &region, in) < 0)
            return -1;
    }
    if ((in->billing.id || in->billing.a.fields) &&
        set_address(c, &cart, "billing_address_id", &cart.billing_address_id, &in->billing, NULL) <
            0)
        return -1;
    if (in->shipping.given) {
        if (!in->shipping.id && !in->shipping.a.fields) {
            if (db_cart_set(c, id, "shipping_address_id", NULL) < 0)
                return -1;
            cart.shipping_address_id = NULL;
        } else if (set_address(c, &cart, "shipping_address_id", &cart.shipping_address_id,
                               &in->shipping, cart.region_id) < 0) {
            return -1;
        }
    }
    const char *sc = in->sales_channel_id;
    if (sc && (!cart.sales_channel_id || strcmp(sc, cart.sales_channel_id))) {
        struct line_row *lines;
        int n, removed = 0;
        if (check_channel(c, sc) < 0 || db_cart_lines(c, id, &lines, &n) < 0)
            return -1;
        for (int i = 0; i < n; i++) {
            if (!lines[i].product_id)
                continue;
            if ((rc = db_product_in_channel(c, lines[i].product_id, sc)) < 0)
                return -1;
            if (!rc) {
                if (db_line_delete(c, lines[i].id) < 0)
                    return -1;
                removed = 1;
            }
        }
        if (db_cart_set(c, id, "sales_channel_id", sc) < 0)
            return -1;
        cart.sales_channel_id = sc;
        if (removed && after_lines_changed(c, id, 1) < 0)
            return -1;
    }
    if (in->has_discounts && cart_apply_discounts(c, &cart, in->discounts, in->ndiscounts) < 0)
        return -1;
    if (in->has_gift_cards && cart_apply_gift_cards(c, &cart, in->gift_cards, in->ngift_cards) < 0)
        return -1;
    if (in->context &&
        db_cart_set(c, id, "context", json_merge_text(&c->arena, cart.context, in->context)) < 0)
        return -1;
    if ((cart.customer_id != old_customer || cart.email != old_email) &&
        db_event_id(c, "cart.customer_updated", id) < 0)
        return -1;
    return db_event_id(c, "cart.updated", id);
}

int cart_assign_customer(struct ctx *c, const char *id, const char *customer_id)
{
    struct cart_row cart;
    struct region_row region;
    const char *email;
    int rc;
    if (cart_find_open(c, id, &cart) < 0)
        return -1;
    if ((rc = db_customer_email(c, customer_id, &email)) != 0)
        return rc < 0
                   ? -1
                   : err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found", customer_id);
    if (db_cart_set(c, id, "customer_id", customer_id) < 0 ||
        db_cart_set(c, id, "email", email) < 0 ||
        cart_load_region(c, cart.region_id, &region) < 0 ||
        reprice(c, id, &region, customer_id) < 0)
        return -1;
    return db_event_id(c, "cart.customer_updated", id);
}

int cart_claim(struct ctx *c, const char *id, int *claimed)
{
    struct cart_row cart;
    struct cart_update_in in;
    const char *owner;
    int region_given;
    *claimed = 0;
    if (cart_find(c, id, &cart) < 0 || owner_for(c, &cart, NULL, &owner) < 0)
        return -1;
    if (!owner)
        return 0;
    /* Through the whole update path, re-pricing for the customer on every read (checkout.md
     * §2.2). */
    memset(&in, 0, sizeof(in));
    in.customer_id = owner;
    *claimed = 1;
    return cart_update(c, id, &in, &region_given);
}
