/* cart_price.c: a cart priced (cart.h; checkout.md §5, §6): the typed cart of db/cart_model.c,
 * its tax lines (computed from the configured rates, or the persisted ones) and every total of
 * domain/totals.c. Never reads or writes JSON: the front writes the answer (front/cart_view.c). */
#include "domain/cart.h"

#include <string.h>

#include "domain/cart_internal.h"

static const struct rate_set *rates_of(const struct rate_set *v, int n, const char *owner)
{
    for (int i = 0; owner && i < n; i++)
        if (!strcmp(v[i].owner_id, owner))
            return &v[i];
    return NULL;
}

/* The tax lines from a rate set, or the region's default rate (checkout.md §6.2). */
static void tax_from(struct arena *a, const struct rate_set *rs, double region_rate,
                     const struct tax_rate_line **out, int *n)
{
    int k = rs ? rs->n : 1;
    struct tax_rate_line *v = arena_calloc(a, sizeof(*v) * (size_t)(k ? k : 1));
    for (int i = 0; i < k; i++)
        v[i] = rs ? (struct tax_rate_line){rs->rates[i].rate, rs->rates[i].name, rs->rates[i].code}
                  : (struct tax_rate_line){region_rate, "default", "default"};
    *out = v;
    *n = k;
}

static void tax_persisted(struct arena *a, const struct tax_line_row *t, int k,
                          const struct tax_rate_line **out, int *n)
{
    struct tax_rate_line *v = arena_calloc(a, sizeof(*v) * (size_t)(k ? k : 1));
    for (int i = 0; i < k; i++)
        v[i] = (struct tax_rate_line){t[i].rate, t[i].name, t[i].code};
    *out = v;
    *n = k;
}

double cart_line_alloc(const struct line_row *l, const char *value_discount_id)
{
    double sum = 0;
    for (int k = 0; k < l->nadjustments; k++) {
        const char *did = l->adjustments[k].discount_id;
        if (!did || (value_discount_id && l->allow_discounts && !strcmp(did, value_discount_id)))
            sum += l->adjustments[k].amount;
    }
    return sum;
}

void cart_price_model(struct arena *a, struct cart_priced *p, int include_tax,
                      const struct rate_set *prates, int npr, const struct rate_set *orates,
                      int nor)
{
    const struct cart_model *m = &p->m;
    struct tot_cart *t = &p->t;
    double region_rate = m->region.tax_rate;
    struct tot_gift_card *g;

    memset(t, 0, sizeof(*t));
    p->value_discount_id = NULL;
    p->methods_taxed = include_tax;
    for (int i = 0; i < m->ndiscounts; i++) {
        const char *type = m->discounts[i].rule_type;
        if (type && !strcmp(type, "free_shipping"))
            t->free_shipping = 1;
        else if (!p->value_discount_id)
            p->value_discount_id = m->discounts[i].id;
    }
    t->items = arena_calloc(a, sizeof(*t->items) * (size_t)(m->nlines ? m->nlines : 1));
    t->nitems = m->nlines;
    p->item_taxed = arena_calloc(a, (size_t)(m->nlines ? m->nlines : 1));
    for (int i = 0; i < m->nlines; i++) {
        const struct line_row *l = &m->lines[i];
        struct tot_item *ti = &t->items[i];
        ti->unit_price = l->unit_price;
        ti->quantity = l->quantity;
        ti->includes_tax = l->includes_tax;
        ti->alloc = cart_line_alloc(l, p->value_discount_id);
        if (include_tax && !l->is_return) {
            /* A line without a variant (a custom line) gets no tax lines. */
            p->item_taxed[i] = 1;
            if (l->variant_id)
                tax_from(a, rates_of(prates, npr, l->variant_product_id), region_rate, &ti->tax,
                         &ti->ntax);
            else
                tax_persisted(a, NULL, 0, &ti->tax, &ti->ntax);
        } else {
            tax_persisted(a, l->tax_lines, l->ntax_lines, &ti->tax, &ti->ntax);
        }
    }
    t->methods = arena_calloc(a, sizeof(*t->methods) * (size_t)(m->nmethods ? m->nmethods : 1));
    t->nmethods = m->nmethods;
    for (int i = 0; i < m->nmethods; i++) {
        const struct method_row *mr = &m->methods[i];
        struct tot_method *tm = &t->methods[i];
        tm->price = mr->price;
        tm->includes_tax = mr->includes_tax;
        if (include_tax)
            tax_from(a, rates_of(orates, nor, mr->shipping_option_id), region_rate, &tm->tax,
                     &tm->ntax);
        else
            tax_persisted(a, mr->tax_lines, mr->ntax_lines, &tm->tax, &tm->ntax);
    }
    g = arena_calloc(a, sizeof(*g) * (size_t)(m->ngift_cards ? m->ngift_cards : 1));
    for (int i = 0; i < m->ngift_cards; i++)
        g[i] =
            (struct tot_gift_card){m->gift_cards[i].balance, m->gift_cards[i].has_tax_rate,
                                   m->gift_cards[i].has_tax_rate ? m->gift_cards[i].tax_rate : 0};
    t->gift_cards = g;
    t->ngift_cards = m->ngift_cards;
    t->gift_cards_taxable = m->region.gift_cards_taxable;
    totals_compute(t);
}

int cart_price(struct ctx *c, const char *id, int force_taxes, struct cart_priced *out)
{
    struct cart_model *m = &out->m;
    struct rate_set *prates = NULL, *orates = NULL;
    int npr = 0, nor = 0, include_tax, rc;

    memset(out, 0, sizeof(*out));
    if ((rc = db_cart_model(c, id, m)) != 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Cart with %s was not found", id);
    /* Carts compute their tax lines where taxes are automatic, or when asked (§6.2, §6.3). */
    include_tax = force_taxes || m->region.automatic_taxes;
    if (include_tax && m->nlines) {
        const char **pids = arena_calloc(&c->arena, sizeof(*pids) * (size_t)m->nlines);
        for (int i = 0; i < m->nlines; i++)
            pids[i] = m->lines[i].variant_product_id;
        if (db_product_rate_sets(c, m->region.id, pids, m->nlines, &prates, &npr) < 0)
            return -1;
    }
    if (include_tax && m->nmethods) {
        const char **oids = arena_calloc(&c->arena, sizeof(*oids) * (size_t)m->nmethods);
        for (int i = 0; i < m->nmethods; i++)
            oids[i] = m->methods[i].shipping_option_id;
        if (db_option_rate_sets(c, oids, m->nmethods, &orates, &nor) < 0)
            return -1;
    }
    cart_price_model(&c->arena, out, include_tax, prates, npr, orates, nor);
    return 0;
}

int cart_total(struct ctx *c, const char *id, int force_taxes, int64_t *total)
{
    struct cart_priced p;
    if (cart_price(c, id, force_taxes, &p) < 0)
        return -1;
    *total = p.t.total;
    return 0;
}
