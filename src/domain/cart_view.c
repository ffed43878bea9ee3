/* cart_view.c: the cart as shown: the loaded cart decorated with tax lines and Medusa's totals
 * (checkout.md §5, §6). */
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

/* ---- the cart as shown ------------------------------------------------------------------ */

static const char *const default_relations[] = {"gift_cards",
                                                "region",
                                                "items",
                                                "items.variant",
                                                "items.adjustments",
                                                "payment",
                                                "shipping_address",
                                                "billing_address",
                                                "region.countries",
                                                "region.payment_providers",
                                                "shipping_methods",
                                                "payment_sessions",
                                                "shipping_methods.shipping_option",
                                                "discounts",
                                                "discounts.rule",
                                                "sales_channel",
                                                NULL};
static const char *const totals_relations[] = {"items.variant.product.profiles",
                                               "items.tax_lines",
                                               "items.adjustments",
                                               "gift_cards",
                                               "discounts",
                                               "discounts.rule",
                                               "shipping_methods",
                                               "shipping_methods.tax_lines",
                                               "shipping_address",
                                               "region",
                                               "region.tax_rates",
                                               NULL};

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
struct json_object *cart_tax_lines(struct json_object *rates, double region_rate,
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
    struct json_object *discounts = json_get(cart, "discounts"),
                       *gcs = json_get(cart, "gift_cards");
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
    if (include_tax && nm &&
        !(orates = db_option_tax_rates(c, ids_of(c, methods, "shipping_option_id"))))
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
            if (!did ||
                (value_discount && flag(it, "allow_discounts") && !strcmp(did, value_discount)))
                ti->alloc += dnum(at(adj, k), "amount");
        }
        if (include_tax && !flag(it, "is_return")) {
            struct tax_rate_line *lines = NULL;
            int n = 0;
            if (json_get(it, "variant_id") && str(it, "variant_id")) {
                struct json_object *tl =
                    cart_tax_lines(pid ? json_get(prates, pid) : NULL, region_rate, "item_id",
                                   str(it, "id"), &lines, &n, c);
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
                     cart_tax_lines(oid ? json_get(orates, oid) : NULL, region_rate,
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
    struct json_object *cart =
        load(c, &ent_cart, id, relations ? relations : default_relations, fields, force_taxes);
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
