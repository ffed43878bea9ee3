/* cart.c: Medusa v1's cart rules (cart.h, checkout.md). */
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

/* ---- the cart as shown ------------------------------------------------------------------ */

static const char *const default_relations[] = {
    "gift_cards", "region", "items", "items.variant", "items.adjustments", "payment",
    "shipping_address", "billing_address", "region.countries", "region.payment_providers",
    "shipping_methods", "payment_sessions", "shipping_methods.shipping_option", "discounts",
    "discounts.rule", "sales_channel", NULL};
static const char *const totals_relations[] = {
    "items.variant.product.profiles", "items.tax_lines", "items.adjustments", "gift_cards",
    "discounts", "discounts.rule", "shipping_methods", "shipping_methods.tax_lines",
    "shipping_address", "region", "region.tax_rates", NULL};

static const char *str(struct json_object *o, const char *k)
{
    return json_get_str_opt(o, k);
}

static int64_t num(struct json_object *o, const char *k)
{
    struct json_object *v = json_get(o, k);
    return v ? json_object_get_int64(v) : 0;
}

static double dnum(struct json_object *o, const char *k)
{
    struct json_object *v = json_get(o, k);
    return v ? json_object_get_double(v) : 0;
}

static int flag(struct json_object *o, const char *k)
{
    struct json_object *v = json_get(o, k);
    return v && json_object_get_boolean(v);
}

static size_t len(struct json_object *a)
{
    return a && json_object_is_type(a, json_type_array) ? json_object_array_length(a) : 0;
}

static struct json_object *at(struct json_object *a, size_t i)
{
    return json_object_array_get_idx(a, i);
}

/* A JSON array text of the values of key in the objects of arr. */
static const char *ids_of(struct ctx *c, struct json_object *arr, const char *key)
{
    struct sbuf sb = SBUF_INIT;
    const char *s;
    sbuf_addc(&sb, '[');
    for (size_t i = 0; i < len(arr); i++) {
        const char *v = str(at(arr, i), key);
        if (i)
            sbuf_addc(&sb, ',');
        sbuf_add_json_str(&sb, v ? v : "");
    }
    sbuf_addc(&sb, ']');
    s = arena_strdup(&c->arena, sb.buf);
    sbuf_release(&sb);
    return s;
}

/* Tax lines from configured rates (or the region default): {rate, name, code, <owner>: id}. */
static struct json_object *tax_lines(struct json_object *rates, double region_rate,
                                     const char *owner_key, const char *owner_id,
                                     struct tax_rate_line **out, int *n, struct ctx *c)
{
    struct json_object *arr = json_object_new_array();
    size_t k = rates ? len(rates) : 1;
    *out = arena_alloc(&c->arena, sizeof(**out) * (k ? k : 1));
    *n = (int)k;
    for (size_t i = 0; i < k; i++) {
        struct json_object *l = json_object_new_object(), *src = rates ? at(rates, i) : NULL;
        double rate = src ? dnum(src, "rate") : region_rate;
        const char *name = src ? str(src, "name") : "default";
        const char *code = src ? str(src, "code") : "default";
        if (rate == (double)(int64_t)rate)
            json_set_int(l, "rate", (int64_t)rate);
        else
            json_object_object_add(l, "rate", json_object_new_double(rate));
        json_set_str(l, "name", name);
        json_set_str(l, "code", code);
        json_set_str(l, owner_key, owner_id);
        json_object_array_add(arr, l);
        (*out)[i] = (struct tax_rate_line){rate, name, code};
    }
    return arr;
}

/* Persisted tax lines of an item or method as rate lines. */
static void persisted_lines(struct ctx *c, struct json_object *lines, struct tax_rate_line **out,
                            int *n)
{
    size_t k = len(lines);
    *out = arena_alloc(&c->arena, sizeof(**out) * (k ? k : 1));
    *n = (int)k;
    for (size_t i = 0; i < k; i++)
        (*out)[i] = (struct tax_rate_line){dnum(at(lines, i), "rate"), str(at(lines, i), "name"),
                                           str(at(lines, i), "code")};
}

static void set_totals_item(struct json_object *it, const struct tot_item *t)
{
    json_set_int(it, "subtotal", t->subtotal);
    json_set_int(it, "discount_total", t->discount_total);
    json_set_int(it, "tax_total", t->tax_total);
    json_set_int(it, "total", t->total);
    json_set_int(it, "original_total", t->original_total);
    json_set_int(it, "original_tax_total", t->original_tax_total);
    if (t->raw_discount_total == (double)(int64_t)t->raw_discount_total)
        json_set_int(it, "raw_discount_total", (int64_t)t->raw_discount_total);
    else
        json_object_object_add(it, "raw_discount_total",
                               json_object_new_double(t->raw_discount_total));
}

/* Computes and writes every total of a loaded cart or order object (checkout.md §5). */
static int decorate(struct ctx *c, struct json_object *cart, int force_taxes, int persisted_only)
{
    struct json_object *region = json_get(cart, "region"), *items = json_get(cart, "items");
    struct json_object *methods = json_get(cart, "shipping_methods");
    struct json_object *discounts = json_get(cart, "discounts"), *gcs = json_get(cart, "gift_cards");
    struct json_object *prates = NULL, *orates = NULL, *sessions;
    const char *value_discount = NULL, *region_id = str(cart, "region_id");
    double region_rate = dnum(region, "tax_rate");
    /* Orders keep the tax lines written at completion; carts compute theirs (§6.2, §6.3). */
    int include_tax = !persisted_only && (force_taxes || flag(region, "automatic_taxes"));
    int free_shipping = 0;
    struct tot_cart t;
    size_t ni = len(items), nm = len(methods), ng = len(gcs);

    memset(&t, 0, sizeof(t));
    for (size_t i = 0; i < len(discounts); i++) {
        const char *type = str(json_get(at(discounts, i), "rule"), "type");
        if (type && !strcmp(type, "free_shipping"))
            free_shipping = 1;
        else if (!value_discount)
            value_discount = str(at(discounts, i), "id");
    }
    if (include_tax && ni) {
        struct json_object *pids = json_object_new_array();
        for (size_t i = 0; i < ni; i++) {
            const char *pid = str(json_get(at(items, i), "variant"), "product_id");
            json_object_array_add(pids, json_object_new_string(pid ? pid : ""));
        }
        json_own(&c->arena, pids);
        if (!(prates = db_product_tax_rates(c, region_id, json_text(pids, NULL))))
            return -1;
    }
    if (include_tax && nm && !(orates = db_option_tax_rates(c, ids_of(c, methods, "shipping_option_id"))))
        return -1;

    t.items = arena_calloc(&c->arena, sizeof(*t.items) * (ni ? ni : 1));
    t.nitems = (int)ni;
    for (size_t i = 0; i < ni; i++) {
        struct json_object *it = at(items, i), *adj = json_get(it, "adjustments");
        struct tot_item *ti = &t.items[i];
        const char *pid = str(json_get(it, "variant"), "product_id");
        ti->unit_price = num(it, "unit_price");
        ti->quantity = num(it, "quantity");
        ti->includes_tax = flag(it, "includes_tax");
        for (size_t k = 0; k < len(adj); k++) {
            const char *did = str(at(adj, k), "discount_id");
            if (!did || (value_discount && flag(it, "allow_discounts") && !strcmp(did, value_discount)))
                ti->alloc += dnum(at(adj, k), "amount");
        }
        if (include_tax && !flag(it, "is_return")) {
            struct tax_rate_line *lines = NULL;
            int n = 0;
            if (json_get(it, "variant_id") && str(it, "variant_id")) {
                struct json_object *tl = tax_lines(pid ? json_get(prates, pid) : NULL, region_rate,
                                                   "item_id", str(it, "id"), &lines, &n, c);
                json_set(it, "tax_lines", tl);
            } else {
                json_set(it, "tax_lines", json_object_new_array());
            }
            ti->tax = lines;
            ti->ntax = n;
        } else {
            struct tax_rate_line *lines;
            int n;
            persisted_lines(c, json_get(it, "tax_lines"), &lines, &n);
            ti->tax = lines;
            ti->ntax = n;
        }
    }
    t.methods = arena_calloc(&c->arena, sizeof(*t.methods) * (nm ? nm : 1));
    t.nmethods = (int)nm;
    for (size_t i = 0; i < nm; i++) {
        struct json_object *m = at(methods, i);
        struct tot_method *tm = &t.methods[i];
        struct tax_rate_line *lines;
        int n;
        tm->price = num(m, "price");
        tm->includes_tax = flag(m, "includes_tax");
        if (include_tax) {
            const char *oid = str(m, "shipping_option_id");
            json_set(m, "tax_lines",
                     tax_lines(oid ? json_get(orates, oid) : NULL, region_rate,
                               "shipping_method_id", str(m, "id"), &lines, &n, c));
        } else {
            persisted_lines(c, json_get(m, "tax_lines"), &lines, &n);
        }
        tm->tax = lines;
        tm->ntax = n;
    }
    struct tot_gift_card *g = arena_calloc(&c->arena, sizeof(*g) * (ng ? ng : 1));
    for (size_t i = 0; i < ng; i++) {
        struct json_object *r = json_get(at(gcs, i), "tax_rate");
        g[i].balance = num(at(gcs, i), "balance");
        g[i].has_rate = r && !json_object_is_type(r, json_type_null);
        g[i].tax_rate = g[i].has_rate ? json_object_get_double(r) : 0;
    }
    t.gift_cards = g;
    t.ngift_cards = (int)ng;
    t.free_shipping = free_shipping;
    t.gift_cards_taxable = region ? flag(region, "gift_cards_taxable") : 1;
    totals_compute(&t);

    for (size_t i = 0; i < ni; i++) {
        set_totals_item(at(items, i), &t.items[i]);
        /* includes_tax shows only where tax-inclusive pricing is in use (Medusa's feature flag). */
        if (!t.items[i].includes_tax)
            json_object_object_del(at(items, i), "includes_tax");
    }
    for (size_t i = 0; i < nm; i++) {
        struct json_object *m = at(methods, i);
        json_set_int(m, "subtotal", t.methods[i].subtotal);
        json_set_int(m, "tax_total", t.methods[i].tax_total);
        json_set_int(m, "total", t.methods[i].total);
        json_set_int(m, "original_total", t.methods[i].original_total);
        json_set_int(m, "original_tax_total", t.methods[i].original_tax_total);
        if (!t.methods[i].includes_tax)
            json_object_object_del(m, "includes_tax");
    }
    json_set_int(cart, "subtotal", t.subtotal);
    json_set_int(cart, "discount_total", t.discount_total);
    json_set_int(cart, "item_tax_total", t.item_tax_total);
    json_set_int(cart, "shipping_total", t.shipping_total);
    json_set_int(cart, "shipping_tax_total", t.shipping_tax_total);
    json_set_int(cart, "tax_total", t.tax_total);
    json_set_int(cart, "gift_card_total", t.gift_card_total);
    json_set_int(cart, "gift_card_tax_total", t.gift_card_tax_total);
    json_set_int(cart, "total", t.total);
    /* payment_session: the selected one, or null. */
    if ((sessions = json_get(cart, "payment_sessions"))) {
        struct json_object *sel = NULL;
        for (size_t i = 0; i < len(sessions); i++)
            if (flag(at(sessions, i), "is_selected"))
                sel = at(sessions, i);
        json_set(cart, "payment_session", sel ? json_share(sel) : NULL);
    }
    return 0;
}

/* Loads a cart object with the given relations plus the totals relations, and decorates it. */
static struct json_object *load(struct ctx *c, const struct gent *ent, const char *id,
                                const char *const *relations, const char *const *fields,
                                int force_taxes)
{
    struct gquery q;
    struct listf f;
    struct gsel *sel = gsel_build(c, ent, fields, relations);
    struct json_object *rows;
    for (const char *const *r = totals_relations; *r; r++)
        gsel_add_rel(c, sel, *r);
    gsel_add_col(c, sel, "region_id");
    gsel_add_col(c, gsel_rel(sel, "items"), "includes_tax");
    gsel_add_col(c, gsel_rel(sel, "shipping_methods"), "includes_tax");
    memset(&f, 0, sizeof(f));
    f.id = id;
    f.limit = 1;
    if (gq_list(c, &q, ent, sel, &f) < 0 || !(rows = gq_run_json(c, &q)))
        return NULL;
    if (json_object_array_length(rows) == 0)
        return NULL;
    struct json_object *obj = at(rows, 0);
    if (decorate(c, obj, force_taxes, 0) < 0)
        return NULL;
    return obj;
}

struct json_object *cart_view(struct ctx *c, const char *id, const char *const *relations,
                              const char *const *fields, int force_taxes)
{
    struct json_object *cart = load(c, &ent_cart, id, relations ? relations : default_relations,
                                    fields, force_taxes);
    if (!cart && c->err.type == ERR_NONE)
        err_set(c, ERR_NOT_FOUND, "Cart with %s was not found", id);
    return cart;
}

int cart_total(struct ctx *c, const char *id, int force_taxes, int64_t *total)
{
    static const char *const none[] = {NULL};
    struct json_object *cart = cart_view(c, id, none, NULL, force_taxes);
    if (!cart)
        return -1;
    *total = num(cart, "total");
    return 0;
}

/* ---- shared steps ----------------------------------------------------------------------- */

static int find(struct ctx *c, const char *id, struct cart_row *cart)
{
    int rc = db_cart_get(c, id, cart);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Cart with %s was not found", id);
    return rc;
}

/* The calculated price of a variant for a region, customer and quantity (checkout.md §3.2). */
static int price_for(struct ctx *c, const char *variant_id, const char *region_id,
                     const char *currency, const char *customer_id, int64_t quantity,
                     int64_t *price, int *found, int *includes_tax)
{
    struct sbuf ids = SBUF_INIT;
    struct json_object *map, *prices;
    struct price_query pq = {region_id, currency, 1, quantity};
    struct price_result res;
    size_t n;
    sbuf_addc(&ids, '[');
    sbuf_add_json_str(&ids, variant_id);
    sbuf_addc(&ids, ']');
    map = db_variant_prices(c, ids.buf, region_id, currency, customer_id);
    sbuf_release(&ids);
    if (!map)
        return -1;
    prices = json_get(map, variant_id);
    n = len(prices);
    *found = 0;
    if (includes_tax)
        *includes_tax = 0;
    if (!n)
        return 0;
    struct price *p = arena_calloc(&c->arena, sizeof(*p) * n);
    for (size_t i = 0; i < n; i++) {
        struct json_object *o = at(prices, i), *pl = json_get(o, "price_list"), *v;
        p[i].amount = num(o, "amount");
        p[i].currency_code = str(o, "currency_code");
        p[i].region_id = str(o, "region_id");
        p[i].price_list_id = str(o, "price_list_id");
        p[i].list_type = pl ? str(pl, "type") : NULL;
        if ((v = json_get(o, "min_quantity")) && !json_object_is_type(v, json_type_null)) {
            p[i].has_min = 1;
            p[i].min_quantity = json_object_get_int64(v);
        }
        if ((v = json_get(o, "max_quantity")) && !json_object_is_type(v, json_type_null)) {
            p[i].has_max = 1;
            p[i].max_quantity = json_object_get_int64(v);
        }
    }
    pricing_select(p, (int)n, &pq, &res);
    *found = res.has_calculated;
    *price = res.calculated;
    if (includes_tax) {
        *includes_tax = 0;
        if (res.calculated_index >= 0 &&
            (*includes_tax = db_price_includes_tax(c, str(at(prices, (size_t)res.calculated_index), "id"))) < 0)
            return -1;
    }
    return 0;
}

/* Medusa keeps line_item.quantity in a Postgres integer column: a quantity outside it never
 * reaches a line there, and here it would overflow unit_price × quantity and the merged sums. */
#define QUANTITY_MAX 2147483647

static int quantity_in_range(struct ctx *c, int64_t quantity)
{
    if (quantity > QUANTITY_MAX || quantity < -QUANTITY_MAX)
        return err_set(c, ERR_INVALID_DATA, "quantity must not be greater than %d", QUANTITY_MAX);
    return 0;
}

int cart_quantity_check(struct ctx *c, int64_t quantity)
{
    return quantity_in_range(c, quantity);
}

static int inventory_ok(const struct variant_info *v, int64_t quantity)
{
    return v->allow_backorder || !v->manage_inventory || v->inventory_quantity >= quantity;
}

static int load_region(struct ctx *c, const char *id, struct region_row *r);

int cart_adjustments_build(struct ctx *c, const char *region_id, const struct discount_row *ds,
                           int nd, const struct line_row *lines, int nl)
{
    const struct discount_row *d = NULL;
    for (int i = 0; i < nd && !d; i++)
        if (strcmp(ds[i].rule_type, "free_shipping"))
            d = &ds[i];
    if (!d || !nl)
        return 0;
    struct alloc_item *ai = arena_calloc(&c->arena, sizeof(*ai) * (size_t)nl);
    /* A tax-inclusive line is discounted on its price without the tax (§7.4 step 3). */
    struct json_object *rates = NULL;
    struct region_row region;
    int any_inclusive = 0;
    for (int i = 0; i < nl; i++)
        any_inclusive |= lines[i].includes_tax;
    if (any_inclusive) {
        struct json_object *pids = json_own(&c->arena, json_object_new_array());
        for (int i = 0; i < nl; i++)
            json_object_array_add(pids, json_object_new_string(lines[i].product_id ? lines[i].product_id : ""));
        if (load_region(c, region_id, &region) < 0 ||
            !(rates = db_product_tax_rates(c, region.id, json_text(pids, NULL))))
            return -1;
    }
    for (int i = 0; i < nl; i++) {
        int ok = lines[i].product_id ? db_discount_product_ok(c, d->rule_id, lines[i].product_id) : 0;
        int64_t unit = lines[i].unit_price;
        if (ok < 0)
            return -1;
        if (lines[i].includes_tax) {
            struct json_object *r = lines[i].product_id ? json_get(rates, lines[i].product_id) : NULL;
            double sum = 0;
            if (r)
                for (size_t k = 0; k < len(r); k++)
                    sum += dnum(at(r, k), "rate") / 100;
            else
                sum = region.tax_rate / 100;
            unit -= money_round((double)unit * sum / (1 + sum));
        }
        ai[i] = (struct alloc_item){unit, lines[i].quantity,
                                    lines[i].allow_discounts && !lines[i].is_return, ok, 0};
    }
    discount_allocate(!strcmp(d->rule_type, "percentage") ? DISCOUNT_PERCENTAGE : DISCOUNT_FIXED,
                      d->value, d->allocation && !strcmp(d->allocation, "total"), ai, nl);
    for (int i = 0; i < nl; i++)
        if (ai[i].amount != 0 && db_adjustment_insert(c, lines[i].id, d->id, ai[i].amount) < 0)
            return -1;
    return 0;
}

int cart_adjustments_rebuild(struct ctx *c, const char *cart_id)
{
    struct discount_row *ds;
    struct line_row *lines;
    struct cart_row cart;
    const char *region_id = NULL;
    int nd, nl;
    if (db_cart_adjustments_clear(c, cart_id) < 0 || db_cart_discounts(c, cart_id, &ds, &nd) < 0 ||
        db_cart_lines(c, cart_id, &lines, &nl) < 0)
        return -1;
    /* The region matters only to tax-inclusive lines. */
    for (int i = 0; i < nl && !region_id; i++)
        if (lines[i].includes_tax) {
            if (find(c, cart_id, &cart) < 0)
                return -1;
            region_id = cart.region_id;
        }
    return cart_adjustments_build(c, region_id, ds, nd, lines, nl);
}

/* What every line change does afterwards (§3.3 steps 5-7). */
static int after_lines_changed(struct ctx *c, const char *cart_id, int reset_shipping)
{
    if (reset_shipping && db_cart_lines_has_shipping(c, cart_id, 0) < 0)
        return -1;
    if (db_cart_methods_clear(c, cart_id) < 0 || cart_adjustments_rebuild(c, cart_id) < 0)
        return -1;
    return db_event(c, "cart.updated", arena_printf(&c->arena, "{\"id\":\"%s\"}", cart_id));
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

    if (quantity_in_range(c, quantity) < 0)
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
        return err_set(c, ERR_INVALID_DATA, "Cannot generate line item for variant \"%s\" without a price",
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
    const char *meta;
    const char *customer = c->customer_id ? c->customer_id : cart->customer_id;

    if (cart_line_generate(c, variant_id, quantity, region, customer, metadata, &gen) < 0)
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
            struct json_object *a = json_own(&c->arena, json_tokener_parse(lines[i].metadata ? lines[i].metadata : "null"));
            struct json_object *b = json_own(&c->arena, json_tokener_parse(meta));
            if (!json_object_equal(a, b))
                continue;
            int64_t q = lines[i].quantity + quantity, p2;
            if (quantity_in_range(c, q) < 0)
                return -1;
            if (!inventory_ok(v, q))
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
    if (!inventory_ok(v, quantity))
        return err_set_code(c, ERR_NOT_ALLOWED, "insufficient_inventory",
                            "Variant with id: %s does not have the required inventory", variant_id);
    return db_line_insert(c, cart->id, v->product_title, v->title, v->thumbnail, &gen.l);
}

static int load_region(struct ctx *c, const char *id, struct region_row *r)
{
    int rc = db_region_get(c, id, r);
    if (rc > 0)
        return err_set(c, ERR_NOT_FOUND, "Region with %s was not found", id);
    return rc;
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

/* A new address holding only a country code. */
static const char *address_of_country(struct ctx *c, const char *customer_id, const char *country)
{
    struct json_object *a = json_own(&c->arena, json_object_new_object());
    const char *meta;
    int meta_given;
    json_set_str(a, "country_code", country);
    return db_address_insert(c, customer_id, address_json(c, a, &meta, &meta_given), NULL);
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
    if (load_region(c, region_id, &region) < 0)
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
        if (!(row.shipping_address_id = address_of_country(c, row.customer_id, country)))
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

    for (size_t i = 0; i < len(in->items); i++) {
        struct json_object *it = at(in->items, i);
        int64_t q = num(it, "quantity");
        if (add_line(c, &row, &region, str(it, "variant_id"), q ? q : 1, NULL, 0) < 0)
            return -1;
    }
    if (len(in->items) && cart_adjustments_rebuild(c, row.id) < 0)
        return -1;
    if (db_event(c, "cart.created", arena_printf(&c->arena, "{\"id\":\"%s\"}", row.id)) < 0)
        return -1;
    *out_id = row.id;
    return 0;
}

/* ---- lines -------------------------------------------------------------------------------- */

int cart_add_line(struct ctx *c, const char *id, const char *variant_id, int64_t quantity,
                  struct json_object *metadata)
{
    struct cart_row cart;
    struct region_row region;
    if (find(c, id, &cart) < 0 || load_region(c, cart.region_id, &region) < 0)
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
    if (find(c, id, &cart) < 0 || (rc = db_line_get(c, id, line_id, &l)) < 0)
        return -1;
    if (rc > 0)
        return 0; /* not in the cart: nothing to do */
    if (db_cart_methods_clear(c, id) < 0 || db_cart_lines_has_shipping(c, id, 0) < 0 ||
        db_line_delete(c, line_id) < 0)
        return -1;
    return after_lines_changed(c, id, 0);
}

/* Metadata merge: given keys overwrite, "" deletes (§2.5 step 6). */
static const char *merge_metadata(struct ctx *c, const char *old, struct json_object *add)
{
    struct json_object *o = json_own(&c->arena, old ? json_tokener_parse(old) : NULL);
    if (!add || !json_object_is_type(add, json_type_object))
        return old;
    if (!o || !json_object_is_type(o, json_type_object))
        o = json_own(&c->arena, json_object_new_object());
    json_object_object_foreach(add, k, v)
    {
        if (json_object_is_type(v, json_type_string) && !*json_object_get_string(v))
            json_object_object_del(o, k);
        else
            json_set(o, k, json_share(v));
    }
    return arena_strdup(&c->arena, json_text(o, NULL));
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
    if (quantity == 0)
        return cart_delete_line(c, id, line_id);
    if (quantity_in_range(c, quantity) < 0)
        return -1;
    if (find(c, id, &cart) < 0 || load_region(c, cart.region_id, &region) < 0)
        return -1;
    if ((rc = db_line_get(c, id, line_id, &l)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_INVALID_DATA, "Could not find the line item");
    price = l.unit_price;
    if (l.variant_id) {
        if ((rc = db_variant_info(c, l.variant_id, &v)) < 0)
            return -1;
        if (rc == 0 && !inventory_ok(&v, quantity))
            return err_set_code(c, ERR_NOT_ALLOWED, "insufficient_inventory",
                                "Inventory doesn't cover the desired quantity");
        if (price_for(c, l.variant_id, region.id, region.currency_code,
                      c->customer_id ? c->customer_id : cart.customer_id, quantity, &price,
                      &found, &incl) < 0)
            return -1;
        if (!found) {
            price = l.unit_price;
            incl = l.includes_tax;
        }
    }
    if (db_cart_methods_clear(c, id) < 0 ||
        db_line_update(c, line_id, quantity, price, merge_metadata(c, l.metadata, metadata)) < 0 ||
        db_line_set_includes_tax(c, line_id, incl) < 0)
        return -1;
    return after_lines_changed(c, id, 0);
}

/* ---- discounts ---------------------------------------------------------------------------- */

static int is_free_shipping(const struct discount_row *d)
{
    return !strcmp(d->rule_type, "free_shipping");
}

static int has_free_shipping(const struct discount_row *d, int n)
{
    for (int i = 0; i < n; i++)
        if (is_free_shipping(&d[i]))
            return 1;
    return 0;
}

/* Medusa's checks of one discount against the cart (checkout.md §7.2). */
static int discount_valid(struct ctx *c, const struct cart_row *cart, const struct discount_row *d)
{
    char now[TIMEFMT_LEN];
    int has, ok, rc;
    timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms());
    if (d->has_usage_limit && d->usage_count >= d->usage_limit)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s has been used maximum allowed times", d->code);
    if (d->starts_at && strcmp(d->starts_at, now) > 0)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s is not valid yet", d->code);
    if (d->ends_at && strcmp(d->ends_at, now) < 0)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s is expired", d->code);
    if (d->is_disabled)
        return err_set(c, ERR_NOT_ALLOWED, "The discount code %s is disabled", d->code);
    if (db_discount_groups(c, d->rule_id, cart->customer_id, &has, &ok) < 0)
        return -1;
    if (has && !cart->customer_id)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s is only valid for specific customer", d->code);
    if ((rc = db_discount_in_region(c, d->parent_id ? d->parent_id : d->id, cart->region_id)) < 0)
        return -1;
    if (!rc)
        return err_set(c, ERR_INVALID_DATA, "The discount is not available in current region");
    if (has && !ok)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s is not valid for customer", d->code);
    return 0;
}

static int apply_discounts(struct ctx *c, const struct cart_row *cart, struct json_object *list)
{
    size_t n = len(list);
    const char **codes = arena_alloc(&c->arena, sizeof(*codes) * (n ? n : 1));
    struct discount_row *found, *old, *keep;
    int nfound, nold, nkeep = 0, value_kept = 0;
    struct sbuf all = SBUF_INIT;

    for (size_t i = 0; i < n; i++) {
        const char *code = str(at(list, i), "code");
        char *u = arena_strdup(&c->arena, code ? code : "");
        char *s = u, *e;
        while (*s == ' ' || *s == '\t' || *s == '\n')
            s++;
        e = s + strlen(s);
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
            *--e = 0;
        for (char *p = s; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
        codes[i] = s;
        if (i)
            sbuf_adds(&all, ", ");
        sbuf_adds(&all, s);
    }
    if (db_cart_discounts(c, cart->id, &old, &nold) < 0 ||
        db_discounts_by_code(c, codes, (int)n, &found, &nfound) < 0) {
        sbuf_release(&all);
        return -1;
    }
    /* Duplicates count as missing (Medusa compares the number of rows found). */
    for (size_t i = 0; i < n && (size_t)nfound == n; i++)
        for (size_t k = 0; k < i; k++)
            if (!strcmp(codes[i], codes[k]))
                nfound = -1;
    if ((size_t)nfound != n) {
        err_set(c, ERR_NOT_FOUND, "Discounts with code [%s] was not found", all.buf ? all.buf : "");
        sbuf_release(&all);
        return -1;
    }
    sbuf_release(&all);
    keep = arena_alloc(&c->arena, sizeof(*keep) * (n ? n : 1));
    for (int i = 0; i < nfound; i++) {
        if (discount_valid(c, cart, &found[i]) < 0)
            return -1;
        if (is_free_shipping(&found[i]))
            keep[nkeep++] = found[i];
        else if (!value_kept++)
            keep[nkeep++] = found[i];
    }
    if (db_cart_discounts_set(c, cart->id, keep, nkeep) < 0)
        return -1;
    if (has_free_shipping(keep, nkeep)) {
        if (db_cart_methods_zero(c, cart->id) < 0)
            return -1;
    } else if (has_free_shipping(old, nold) && db_cart_methods_restore(c, cart->id) < 0) {
        return -1;
    }
    if ((value_kept || nkeep == 0) && cart_adjustments_rebuild(c, cart->id) < 0)
        return -1;
    return 0;
}

int cart_delete_discount(struct ctx *c, const char *id, const char *code)
{
    struct cart_row cart;
    struct discount_row *ds;
    int nd;
    if (find(c, id, &cart) < 0 || db_cart_discounts(c, id, &ds, &nd) < 0)
        return -1;
    if (has_free_shipping(ds, nd) && db_cart_methods_restore(c, id) < 0)
        return -1;
    for (int i = 0; i < nd; i++)
        if (!strcmp(ds[i].code, code) && db_cart_discount_remove(c, id, ds[i].id) < 0)
            return -1;
    /* A free-shipping discount that stays keeps the methods free. */
    if (db_cart_discounts(c, id, &ds, &nd) < 0)
        return -1;
    if (has_free_shipping(ds, nd) && db_cart_methods_zero(c, id) < 0)
        return -1;
    return cart_adjustments_rebuild(c, id);
}

/* ---- gift cards --------------------------------------------------------------------------- */

static int apply_gift_cards(struct ctx *c, const struct cart_row *cart, struct json_object *list)
{
    size_t n = len(list);
    const char **ids = arena_alloc(&c->arena, sizeof(*ids) * (n ? n : 1));
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *code = str(at(list, i), "code");
        struct gift_card_row g;
        int rc = db_gift_card_by_code(c, code ? code : "", &g), dup = 0;
        if (rc < 0)
            return -1;
        if (rc > 0)
            return err_set(c, ERR_NOT_FOUND, "Gift card with code: %s was not found", code ? code : "");
        if (g.is_disabled)
            return err_set(c, ERR_NOT_ALLOWED, "The gift card is disabled");
        if (strcmp(g.region_id, cart->region_id))
            return err_set(c, ERR_INVALID_DATA, "The gift card cannot be used in the current region");
        for (int j = 0; j < k; j++)
            dup |= !strcmp(ids[j], g.id);
        if (!dup)
            ids[k++] = g.id;
    }
    return db_cart_gift_cards_set(c, cart->id, ids, k);
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

/* An address given as an id or an object: sets or merges the cart's address of that kind. */
static int set_address(struct ctx *c, struct cart_row *cart, const char *column,
                       const char **current, struct json_object *v, const char *check_region)
{
    const char *country = NULL, *fields, *meta;
    int meta_given;
    if (json_object_is_type(v, json_type_string)) {
        const char *aid = json_object_get_string(v);
        int rc = db_address_exists(c, aid);
        if (rc < 0)
            return -1;
        if (!rc)
            return err_set(c, ERR_NOT_FOUND, "Address with id %s was not found", aid);
        country = db_address_country(c, aid);
        if (check_region && country) {
            if ((rc = db_region_has_country(c, check_region, country)) < 0)
                return -1;
            if (!rc)
                return err_set(c, ERR_INVALID_DATA, "Shipping country must be in the cart region");
        }
        *current = aid;
        return db_cart_set(c, cart->id, column, aid);
    }
    struct json_object *cc = json_get(v, "country_code");
    if (check_region && cc && json_object_is_type(cc, json_type_string)) {
        int rc = db_region_has_country(c, check_region, json_object_get_string(cc));
        if (rc < 0)
            return -1;
        if (!rc)
            return err_set(c, ERR_INVALID_DATA, "Shipping country must be in the cart region");
    }
    fields = address_json(c, v, &meta, &meta_given);
    if (*current)
        return db_address_update(c, *current, fields, meta_given, meta);
    if (!(*current = db_address_insert(c, cart->customer_id, fields, meta)))
        return -1;
    return db_cart_set(c, cart->id, column, *current);
}

/* Region change (checkout.md §12). */
static int change_region(struct ctx *c, struct cart_row *cart, const struct region_row *region,
                         struct json_object *body)
{
    const char *country = json_get_str_opt(body, "country_code");
    struct json_object *sa = json_get(body, "shipping_address");
    struct discount_row *ds;
    int nd, keepn = 0, rc;
    if (cart->completed_at || cart->payment_authorized_at)
        return err_set(c, ERR_NOT_ALLOWED, "Cannot change the region of a completed cart");
    if (db_cart_set(c, cart->id, "region_id", region->id) < 0)
        return -1;
    cart->region_id = region->id;
    if (!country && sa && json_object_is_type(sa, json_type_object))
        country = json_get_str_opt(sa, "country_code");
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
        if (!(cart->shipping_address_id = address_of_country(c, cart->customer_id, lc)) ||
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
    if (db_cart_discounts_set(c, cart->id, keep, keepn) < 0 || cart_adjustments_rebuild(c, cart->id) < 0 ||
        db_cart_gift_cards_set(c, cart->id, NULL, 0) < 0 || db_cart_sessions_clear(c, cart->id) < 0)
        return -1;
    return 0;
}

int cart_update(struct ctx *c, const char *id, struct json_object *body, int *region_given)
{
    struct cart_row cart;
    struct region_row region;
    struct json_object *v;
    const char *customer_id = json_get_str_opt(body, "customer_id");
    const char *email = json_get_str_opt(body, "email");
    const char *region_id = json_get_str_opt(body, "region_id");
    const char *old_customer, *old_email;
    int rc;

    if (c->customer_id)
        customer_id = c->customer_id;
    *region_given = region_id != NULL;
    if (find(c, id, &cart) < 0)
        return -1;
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

    if (customer_id || region_id) {
        if (load_region(c, region_id ? region_id : cart.region_id, &region) < 0 ||
            reprice(c, id, &region, cart.customer_id) < 0)
            return -1;
        if (region_id && strcmp(region_id, cart.region_id) && change_region(c, &cart, &region, body) < 0)
            return -1;
    }
    if ((v = json_get(body, "billing_address")) && !json_object_is_type(v, json_type_null) &&
        set_address(c, &cart, "billing_address_id", &cart.billing_address_id, v, NULL) < 0)
        return -1;
    if (json_object_object_get_ex(body, "shipping_address", &v)) {
        if (!v || json_object_is_type(v, json_type_null)) {
            if (db_cart_set(c, id, "shipping_address_id", NULL) < 0)
                return -1;
            cart.shipping_address_id = NULL;
        } else if (set_address(c, &cart, "shipping_address_id", &cart.shipping_address_id, v,
                               cart.region_id) < 0) {
            return -1;
        }
    }
    const char *sc = json_get_str_opt(body, "sales_channel_id");
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
    if ((v = json_get(body, "discounts")) && apply_discounts(c, &cart, v) < 0)
        return -1;
    if ((v = json_get(body, "gift_cards")) && apply_gift_cards(c, &cart, v) < 0)
        return -1;
    if ((v = json_get(body, "context"))) {
        struct json_object *old = json_own(&c->arena, json_tokener_parse(cart.context ? cart.context : "{}"));
        if (!old || !json_object_is_type(old, json_type_object))
            old = json_own(&c->arena, json_object_new_object());
        if (json_object_is_type(v, json_type_object)) {
            json_object_object_foreach(v, k, val) json_set(old, k, json_share(val));
        }
        if (db_cart_set(c, id, "context", json_text(old, NULL)) < 0)
            return -1;
    }
    if ((cart.customer_id != old_customer || cart.email != old_email) &&
        db_event(c, "cart.customer_updated", arena_printf(&c->arena, "{\"id\":\"%s\"}", id)) < 0)
        return -1;
    return db_event(c, "cart.updated", arena_printf(&c->arena, "{\"id\":\"%s\"}", id));
}

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
    return (!o->has_min || subtotal >= o->min_subtotal) && (!o->has_max || subtotal < o->max_subtotal);
}

int cart_add_shipping_method(struct ctx *c, const char *id, const char *option_id,
                             struct json_object *data)
{
    struct cart_row cart;
    struct option_row o;
    struct discount_row *ds;
    int64_t price = 0, custom;
    int rc, nd, err;
    if (find(c, id, &cart) < 0)
        return -1;
    int custom_rc;
    if ((custom_rc = db_custom_option_price(c, id, option_id, &custom)) < 0)
        return -1;
    if (custom_rc == 0)
        return err_set(c, ERR_INVALID_DATA, "Wrong shipping option");
    if ((rc = db_shipping_option(c, option_id, &o)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Shipping Option with %s was not found", option_id);
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
            return err_set(c, ERR_UNKNOWN, "the %s provider cannot calculate prices", o.provider_id);
        price = o.amount;
    }
    if (db_cart_methods_drop_profile(c, id, o.profile_id) < 0 ||
        db_cart_method_add(c, id, option_id, price,
                           data && !json_object_is_type(data, json_type_null) ? json_text(data, NULL)
                                                                              : "{}",
                           custom_rc == 1 ? 0 : o.includes_tax) < 0 ||
        db_cart_lines_shipping_recompute(c, id) < 0 || db_cart_discounts(c, id, &ds, &nd) < 0)
        return -1;
    if (has_free_shipping(ds, nd) && db_cart_methods_zero(c, id) < 0)
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
    if (find(c, id, &cart) < 0)
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

/* ---- payment sessions (checkout.md §10) --------------------------------------------------- */

/* What a provider keeps in a new session: manual {"status":"pending"}, system {}. */
static const char *provider_data(const char *provider)
{
    return !strcmp(provider, "manual") ? "{\"status\":\"pending\"}" : "{}";
}

int cart_sessions_sync(struct ctx *c, const char *id, int force_taxes)
{
    struct cart_row cart;
    struct session_row *s;
    const char **providers;
    int ns, np, rc, selected = 0;
    int64_t total;
    if (find(c, id, &cart) < 0 || cart_total(c, id, force_taxes, &total) < 0 ||
        db_cart_sessions(c, id, &s, &ns) < 0 || db_region_providers(c, cart.region_id, &providers, &np) < 0)
        return -1;
    if (total <= 0)
        return db_cart_sessions_clear(c, id);
    for (int i = 0; i < ns; i++) {
        if ((rc = db_region_has_provider(c, cart.region_id, s[i].provider_id)) < 0)
            return -1;
        if (!rc) {
            if (db_payment_session_delete(c, s[i].id) < 0)
                return -1;
            s[i].id = NULL;
            continue;
        }
        if (s[i].is_selected && s[i].is_initiated) {
            selected = 1;
            rc = db_payment_session_update(c, s[i].id, 1, 1, s[i].status, s[i].data, total);
        } else if (s[i].is_initiated) {
            rc = db_payment_session_update(c, s[i].id, 0, 0, "pending", "{}", total);
        } else {
            selected |= s[i].is_selected;
            rc = db_payment_session_update(c, s[i].id, s[i].is_selected, 0, s[i].status, s[i].data, total);
        }
        if (rc < 0)
            return -1;
    }
    for (int k = 0; k < np; k++) {
        const struct session_row *have = NULL;
        for (int i = 0; i < ns; i++)
            if (s[i].id && !strcmp(s[i].provider_id, providers[k]))
                have = &s[i];
        if (np == 1 && !selected) {
            /* One provider: its session is created at the provider and selected. */
            rc = have ? db_payment_session_update(c, have->id, 1, 1, "pending", provider_data(providers[k]), total)
                      : db_payment_session_insert(c, id, providers[k], 1, 1, "pending",
                                          provider_data(providers[k]), total);
        } else if (!have) {
            rc = db_payment_session_insert(c, id, providers[k], 0, 0, "pending", "{}", total);
        } else {
            rc = 0;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

int cart_sessions_resync(struct ctx *c, const char *id, int force_taxes)
{
    struct session_row *s;
    int n;
    if (db_cart_sessions(c, id, &s, &n) < 0)
        return -1;
    return n ? cart_sessions_sync(c, id, force_taxes) : 0;
}

int cart_session_select(struct ctx *c, const char *id, const char *provider_id)
{
    struct cart_row cart;
    struct session_row *s, *target = NULL;
    int ns, rc;
    int64_t total;
    if (find(c, id, &cart) < 0 || cart_total(c, id, 0, &total) < 0)
        return -1;
    if ((rc = db_region_has_provider(c, cart.region_id, provider_id)) < 0)
        return -1;
    if (!rc && strcmp(provider_id, "system"))
        return err_set(c, ERR_NOT_ALLOWED, "The payment method is not available in this region");
    if (db_cart_sessions(c, id, &s, &ns) < 0)
        return -1;
    for (int i = 0; i < ns; i++) {
        if (!strcmp(s[i].provider_id, provider_id)) {
            target = &s[i];
            continue;
        }
        /* Another provider's session goes back to a local, unselected one. */
        if (db_payment_session_update(c, s[i].id, 0, 0, s[i].status,
                              s[i].is_selected && s[i].is_initiated ? "{}" : s[i].data, s[i].amount) < 0)
            return -1;
    }
    if (!target)
        return err_set(c, ERR_UNEXPECTED_STATE, "Could not find payment session");
    return db_payment_session_update(c, target->id, 1, 1, target->is_initiated ? target->status : "pending",
                             target->is_initiated ? target->data : provider_data(provider_id), total);
}

int cart_session_update(struct ctx *c, const char *id, const char *provider_id,
                        struct json_object *data)
{
    struct session_row *s;
    int n;
    if (cart_session_select(c, id, provider_id) < 0 || db_cart_sessions(c, id, &s, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(s[i].provider_id, provider_id))
            continue;
        /* The manual provider merges the nested data.data (Medusa's quirk); system changes nothing. */
        struct json_object *inner = json_get(data, "data");
        if (strcmp(provider_id, "manual") || !inner || !json_object_is_type(inner, json_type_object))
            return 0;
        struct json_object *cur = json_own(&c->arena, json_tokener_parse(s[i].data ? s[i].data : "{}"));
        if (!cur || !json_object_is_type(cur, json_type_object))
            cur = json_own(&c->arena, json_object_new_object());
        json_object_object_foreach(inner, k, v) json_set(cur, k, json_share(v));
        return db_payment_session_update(c, s[i].id, s[i].is_selected, s[i].is_initiated, s[i].status,
                                 json_text(cur, NULL), s[i].amount);
    }
    return 0;
}

int cart_session_delete(struct ctx *c, const char *id, const char *provider_id)
{
    struct cart_row cart;
    struct session_row *s;
    int n;
    if (find(c, id, &cart) < 0 || db_cart_sessions(c, id, &s, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (!strcmp(s[i].provider_id, provider_id) && db_payment_session_delete(c, s[i].id) < 0)
            return -1;
    return 0;
}

int cart_session_refresh(struct ctx *c, const char *id, const char *provider_id)
{
    struct cart_row cart;
    struct session_row *s;
    int n;
    int64_t total;
    if (find(c, id, &cart) < 0 || cart_total(c, id, 0, &total) < 0 ||
        db_cart_sessions(c, id, &s, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(s[i].provider_id, provider_id))
            continue;
        if (s[i].is_selected) {
            /* A fresh session replaces the selected one, unselected (Medusa's quirk). */
            if (db_payment_session_delete(c, s[i].id) < 0 ||
                db_payment_session_insert(c, id, provider_id, 0, 1, "pending", provider_data(provider_id), total) < 0)
                return -1;
        } else if (db_payment_session_update(c, s[i].id, 0, s[i].is_initiated, s[i].status, s[i].data, total) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- orders ------------------------------------------------------------------------------- */

static const char *const order_totals_relations[] = {
    "items.tax_lines", "items.adjustments", "gift_cards", "gift_card_transactions", "refunds",
    "shipping_methods.tax_lines", "region", "payments", "discounts.rule", NULL};

struct json_object *order_view_full(struct ctx *c, const char *id, const char *const *relations)
{
    struct gquery q;
    struct listf f;
    struct gsel *sel = gsel_build(c, &ent_order, NULL, relations);
    struct json_object *rows, *o;
    for (const char *const *r = order_totals_relations; *r; r++)
        gsel_add_rel(c, sel, *r);
    gsel_add_col(c, sel, "region_id");
    gsel_add_col(c, gsel_rel(sel, "items"), "includes_tax");
    if (gsel_rel(sel, "shipping_methods"))
        gsel_add_col(c, gsel_rel(sel, "shipping_methods"), "includes_tax");
    memset(&f, 0, sizeof(f));
    f.id = id;
    f.limit = 1;
    if (gq_list(c, &q, &ent_order, sel, &f) < 0 || !(rows = gq_run_json(c, &q)))
        return NULL;
    if (!len(rows)) {
        err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", id);
        return NULL;
    }
    o = at(rows, 0);
    order_totals_decorate(o);
    return o;
}

/* ---- completion (checkout.md §11) --------------------------------------------------------- */

static int answer(struct ctx *c, int status, struct json_object *body, int *out_status,
                  const char **out_body)
{
    *out_status = status;
    *out_body = arena_strdup(&c->arena, json_text(body, NULL));
    return 0;
}

static int answer_order(struct ctx *c, const char *order_id, int *status, const char **body)
{
    static const char *const rels[] = {"shipping_address", "items", "payments", NULL};
    struct json_object *o = order_view_full(c, order_id, rels), *b;
    if (!o)
        return -1;
    b = json_own(&c->arena, json_object_new_object());
    json_set(b, "data", json_share(o));
    json_set_str(b, "type", "order");
    return answer(c, 200, b, status, body);
}

static int answer_swap(struct ctx *c, const char *swap_id, int *status, const char **body)
{
    if (!(*body = swap_completion_answer(c, swap_id)))
        return -1;
    *status = 200;
    return 0;
}

int cart_complete(struct ctx *c, const char *id, int *status, const char **body)
{
    struct cart_row cart;
    struct region_row region;
    struct session_row *s, *sel = NULL;
    struct line_row *lines;
    struct json_object *view;
    struct swap_row swap;
    const char *payment_id = NULL, *order_id;
    char now[TIMEFMT_LEN];
    int ns, nl, is_swap;
    int64_t total;

    timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms());
    if (find(c, id, &cart) < 0)
        return -1;
    /* A swap cart completes into its swap (§11.6). */
    is_swap = cart.type && !strcmp(cart.type, "swap");
    if (is_swap && swap_of_cart(c, id, &swap) < 0)
        return -1;
    if (cart.completed_at && is_swap)
        return answer_swap(c, swap.id, status, body);
    if (cart.completed_at) {
        if (!(order_id = db_order_for_cart(c, id)))
            return c->err.type ? -1 : err_set(c, ERR_NOT_FOUND, "Order with cart id %s was not found", id);
        return answer_order(c, order_id, status, body);
    }
    if (load_region(c, cart.region_id, &region) < 0)
        return -1;
    /* Stage 1: tax lines are computed and kept. */
    if (!(view = cart_view(c, id, NULL, NULL, 1)) || db_cart_tax_lines_persist(c, id, view) < 0)
        return -1;
    total = num(view, "total");
    /* Stage 2: the payment. */
    if (db_cart_sessions(c, id, &s, &ns) < 0)
        return -1;
    for (int i = 0; i < ns; i++)
        if (s[i].is_selected)
            sel = &s[i];
    if (total <= 0) {
        if (db_cart_set(c, id, "payment_authorized_at", now) < 0)
            return -1;
    } else if (!sel) {
        return err_set(c, ERR_NOT_ALLOWED, "You cannot complete a cart without a payment session.");
    } else {
        const char *data = !strcmp(sel->provider_id, "manual") ? "{\"status\":\"authorized\"}" : "{}";
        if (db_payment_session_authorize(c, sel->id, now) < 0 ||
            !(payment_id = db_payment_insert(c, id, total, region.currency_code, sel->provider_id, data)) ||
            db_cart_set(c, id, "payment_id", payment_id) < 0 ||
            db_cart_set(c, id, "payment_authorized_at", now) < 0)
            return -1;
    }
    /* Stage 3: inventory, checked for every line before anything is reserved. A swap's return
     * lines come back rather than go out, so they are neither checked nor reserved (Medusa
     * reserves them too, and twice with a positive total); a swap that allows backorders skips
     * the check. */
    if (db_cart_lines(c, id, &lines, &nl) < 0)
        return -1;
    struct json_object *errors = json_own(&c->arena, json_object_new_array());
    for (int i = 0; i < nl; i++) {
        struct variant_info v;
        int rc;
        if (!lines[i].variant_id || lines[i].is_return || (is_swap && swap.allow_backorder))
            continue;
        if ((rc = db_variant_info(c, lines[i].variant_id, &v)) < 0)
            return -1;
        if (rc == 0 && !inventory_ok(&v, lines[i].quantity)) {
            struct json_object *e = json_object_new_object();
            json_set_str(e, "message", arena_printf(&c->arena,
                                                    "Variant with id: %s does not have the "
                                                    "required inventory",
                                                    lines[i].variant_id));
            json_set_str(e, "type", "not_allowed");
            json_set_str(e, "code", "insufficient_inventory");
            json_object_array_add(errors, e);
        }
    }
    if (len(errors)) {
        struct json_object *b = json_own(&c->arena, json_object_new_object());
        if ((payment_id && db_payment_cancel(c, payment_id, now) < 0) ||
            db_cart_set(c, id, "payment_authorized_at", NULL) < 0 || db_cart_tax_lines_drop(c, id) < 0)
            return -1;
        json_set(b, "errors", json_share(errors));
        return answer(c, 409, b, status, body);
    }
    if (is_swap) {
        for (int i = 0; i < nl; i++)
            if (lines[i].variant_id && !lines[i].is_return &&
                db_variant_reserve(c, lines[i].variant_id, lines[i].quantity) < 0)
                return -1;
        if (swap_cart_register(c, &swap, id, total, payment_id, now) < 0)
            return -1;
        return answer_swap(c, swap.id, status, body);
    }
    /* Stage 4: the order. */
    if (!nl)
        return err_set(c, ERR_INVALID_DATA, "Cannot create order from empty cart");
    if (!cart.customer_id)
        return err_set(c, ERR_INVALID_DATA, "Cannot create an order from the cart without a customer");
    for (int i = 0; i < nl; i++)
        if (lines[i].variant_id && db_variant_reserve(c, lines[i].variant_id, lines[i].quantity) < 0)
            return -1;
    if (!(order_id = db_order_create(c, &cart, region.currency_code, payment_id)))
        return -1;
    /* Gift cards pay what they cover, earliest expiry first (§8.2). */
    {
        struct json_object *gcs = json_get(view, "gift_cards");
        int64_t remaining = num(view, "gift_card_total");
        size_t n = len(gcs);
        int *used = arena_calloc(&c->arena, sizeof(int) * (n ? n : 1));
        for (size_t k = 0; k < n && remaining > 0; k++) {
            size_t best = n;
            for (size_t i = 0; i < n; i++) {
                if (used[i])
                    continue;
                const char *ea = str(at(gcs, i), "ends_at"), *eb = best < n ? str(at(gcs, best), "ends_at") : NULL;
                if (best == n || strcmp(ea ? ea : "2100-02-01", eb ? eb : "2100-02-01") < 0 ||
                    (!strcmp(ea ? ea : "2100-02-01", eb ? eb : "2100-02-01") &&
                     num(at(gcs, i), "balance") < num(at(gcs, best), "balance")))
                    best = i;
            }
            used[best] = 1;
            struct json_object *g = at(gcs, best), *tr = json_get(g, "tax_rate");
            int64_t bal = num(g, "balance"), nb = bal - remaining > 0 ? bal - remaining : 0;
            int has_rate = tr && !json_object_is_type(tr, json_type_null);
            if (db_gift_card_use(c, str(g, "id"), order_id, nb, bal - nb, has_rate,
                                 has_rate ? json_object_get_double(tr) : 0) < 0)
                return -1;
            remaining -= bal - nb;
        }
    }
    /* Gift-card lines become gift cards: one per unit (§8.3). */
    {
        struct json_object *items = json_get(view, "items");
        for (size_t i = 0; i < len(items); i++) {
            struct json_object *it = at(items, i), *tl = json_get(it, "tax_lines");
            int64_t q = num(it, "quantity"), sub = num(it, "subtotal");
            double rate = 0;
            if (!flag(it, "is_giftcard") || sub <= 0 || q <= 0)
                continue;
            for (size_t k = 0; k < len(tl); k++)
                rate += dnum(at(tl, k), "rate");
            if (rate == 0)
                rate = region.tax_rate;
            for (int64_t u = 0; u < q; u++) {
                struct json_object *m = json_get(it, "metadata");
                if (db_gift_card_create(c, gift_card_code(c), sub / q, region.id, order_id, region.gift_cards_taxable,
                                        rate, m ? json_text(m, NULL) : NULL) < 0)
                    return -1;
            }
        }
    }
    if (db_discount_count_use(c, order_id) < 0 ||
        db_event(c, "order.placed", arena_printf(&c->arena, "{\"id\":\"%s\"}", order_id)) < 0)
        return -1;
    return answer_order(c, order_id, status, body);
}
