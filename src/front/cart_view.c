/* cart_view.c: the cart answer (cart_view.h; checkout.md §1.5, §1.6, §5). The money is the priced
 * cart's; this file only writes it, once, into the shape the client selected. */
#include "front/cart_view.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/cart.h"

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
/* Medusa's totals relations: loaded on every cart answer, whatever `expand` says. */
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

/* A rate as JavaScript prints a number: 25, or 12.5. */
static struct json_object *number(double v)
{
    return v == (double)(int64_t)v ? json_object_new_int64((int64_t)v) : json_object_new_double(v);
}

static struct json_object *tax_lines_json(const struct tax_rate_line *t, int n,
                                          const char *owner_key, const char *owner_id)
{
    struct json_object *arr = json_object_new_array();
    for (int i = 0; i < n; i++) {
        struct json_object *l = json_object_new_object();
        json_set(l, "rate", number(t[i].rate));
        json_set_str(l, "name", t[i].name);
        json_set_str(l, "code", t[i].code);
        json_set_str(l, owner_key, owner_id);
        json_object_array_add(arr, l);
    }
    return arr;
}

/* The element of arr whose id is id: the same index when the orders agree (they do: both read
 * the cart's relations in the answer's order), else a search. */
static struct json_object *by_id(struct json_object *arr, int i, const char *id)
{
    size_t n = json_object_array_length(arr);
    struct json_object *o = (size_t)i < n ? json_object_array_get_idx(arr, (size_t)i) : NULL;
    const char *oid = json_get_str_opt(o, "id");
    if (oid && !strcmp(oid, id))
        return o;
    for (size_t k = 0; k < n; k++) {
        o = json_object_array_get_idx(arr, k);
        if ((oid = json_get_str_opt(o, "id")) && !strcmp(oid, id))
            return o;
    }
    return NULL;
}

static void item_write(struct json_object *it, const struct tot_item *t)
{
    json_set_int(it, "subtotal", t->subtotal);
    json_set_int(it, "discount_total", t->discount_total);
    json_set_int(it, "tax_total", t->tax_total);
    json_set_int(it, "total", t->total);
    json_set_int(it, "original_total", t->original_total);
    json_set_int(it, "original_tax_total", t->original_tax_total);
    json_set(it, "raw_discount_total", number(t->raw_discount_total));
    /* includes_tax shows only where tax-inclusive pricing is in use (Medusa's feature flag). */
    if (!t->includes_tax)
        json_object_object_del(it, "includes_tax");
}

static void method_write(struct json_object *m, const struct tot_method *t)
{
    json_set_int(m, "subtotal", t->subtotal);
    json_set_int(m, "tax_total", t->tax_total);
    json_set_int(m, "total", t->total);
    json_set_int(m, "original_total", t->original_total);
    json_set_int(m, "original_tax_total", t->original_tax_total);
    if (!t->includes_tax)
        json_object_object_del(m, "includes_tax");
}

void cart_view_write(struct ctx *c, struct json_object *cart, const struct cart_priced *p)
{
    struct json_object *items = json_get(cart, "items"),
                       *methods = json_get(cart, "shipping_methods"), *sessions;
    const struct tot_cart *t = &p->t;
    (void)c;
    for (int i = 0; items && i < p->m.nlines; i++) {
        const struct line_row *l = &p->m.lines[i];
        struct json_object *it = by_id(items, i, l->id);
        if (!it)
            continue;
        if (p->item_taxed[i])
            json_set(it, "tax_lines",
                     tax_lines_json(t->items[i].tax, t->items[i].ntax, "item_id", l->id));
        item_write(it, &t->items[i]);
    }
    for (int i = 0; methods && i < p->m.nmethods; i++) {
        const struct method_row *mr = &p->m.methods[i];
        struct json_object *m = by_id(methods, i, mr->id);
        if (!m)
            continue;
        if (p->methods_taxed)
            json_set(m, "tax_lines",
                     tax_lines_json(t->methods[i].tax, t->methods[i].ntax, "shipping_method_id",
                                    mr->id));
        method_write(m, &t->methods[i]);
    }
    json_set_int(cart, "subtotal", t->subtotal);
    json_set_int(cart, "discount_total", t->discount_total);
    json_set_int(cart, "item_tax_total", t->item_tax_total);
    json_set_int(cart, "shipping_total", t->shipping_total);
    json_set_int(cart, "shipping_tax_total", t->shipping_tax_total);
    json_set_int(cart, "tax_total", t->tax_total);
    json_set_int(cart, "gift_card_total", t->gift_card_total);
    json_set_int(cart, "gift_card_tax_total", t->gift_card_tax_total);
    json_set_int(cart, "total", t->total);
    /* payment_session: the selected one, or null. */
    if ((sessions = json_get(cart, "payment_sessions"))) {
        struct json_object *sel = NULL, *s, *v;
        for (size_t i = 0; i < json_object_array_length(sessions); i++)
            if ((s = json_object_array_get_idx(sessions, i)) && (v = json_get(s, "is_selected")) &&
                json_object_get_boolean(v))
                sel = s;
        json_set(cart, "payment_session", sel ? json_share(sel) : NULL);
    }
}

struct json_object *cart_view_json(struct ctx *c, const char *id, const char *const *relations,
                                   const char *const *fields, int force_taxes)
{
    struct gsel *sel = gsel_build(c, &ent_cart, fields, relations ? relations : default_relations);
    struct cart_priced p;
    struct json_object *rows, *cart;
    struct gquery q;
    struct listf f;
    if (cart_price(c, id, force_taxes, &p) < 0)
        return NULL;
    for (const char *const *r = totals_relations; *r; r++)
        gsel_add_rel(c, sel, *r);
    gsel_add_col(c, sel, "region_id");
    gsel_add_col(c, gsel_rel(sel, "items"), "includes_tax");
    gsel_add_col(c, gsel_rel(sel, "shipping_methods"), "includes_tax");
    memset(&f, 0, sizeof(f));
    f.id = id;
    f.limit = 1;
    if (gq_list(c, &q, &ent_cart, sel, &f) < 0 || !(rows = gq_run_json(c, &q)))
        return NULL;
    if (json_object_array_length(rows) == 0) {
        err_set(c, ERR_NOT_FOUND, "Cart with %s was not found", id);
        return NULL;
    }
    cart = json_object_array_get_idx(rows, 0);
    cart_view_write(c, cart, &p);
    return cart;
}
