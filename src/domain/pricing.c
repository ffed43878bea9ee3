/* pricing.c: price selection and variant decoration (pricing.h, store.md §5.3). */
#include "domain/pricing.h"

#include <string.h>

#include "core/money.h"
#include "db/product.h"

static int eq(const char *a, const char *b)
{
    return a && b && !strcmp(a, b);
}

/* Medusa's isValidQuantity: without a quantity only untiered prices (or tiers from 0/1 with a
 * maximum) count; with one, the quantity must lie within the tier. */
static int quantity_ok(const struct price *p, const struct price_query *pq)
{
    if (pq->has_quantity)
        return (!p->has_min || p->min_quantity == 0 || p->min_quantity <= pq->quantity) &&
               (!p->has_max || p->max_quantity == 0 || p->max_quantity >= pq->quantity);
    /* (!min && !max) || (!min && max): any price without a minimum. */
    return !p->has_min || p->min_quantity == 0;
}

void pricing_select(const struct price *p, int n, const struct price_query *pq,
                    struct price_result *out)
{
    memset(out, 0, sizeof(*out));
    out->calculated_index = -1;
    for (int i = 0; i < n; i++) {
        const struct price *m = &p[i];
        int plain = !m->price_list_id && !m->has_min && !m->has_max;
        /* A region price is the original price whenever there is one. */
        if (pq->region_id && eq(m->region_id, pq->region_id) && plain) {
            out->has_original = 1;
            out->original = m->amount;
        }
        if (pq->currency_code && eq(m->currency_code, pq->currency_code) && plain &&
            !out->has_original) {
            out->has_original = 1;
            out->original = m->amount;
        }
        if (quantity_ok(m, pq) && (!out->has_calculated || m->amount < out->calculated) &&
            ((pq->currency_code && eq(m->currency_code, pq->currency_code)) ||
             (pq->region_id && eq(m->region_id, pq->region_id)))) {
            out->has_calculated = 1;
            out->calculated = m->amount;
            out->calculated_type = m->list_type ? m->list_type : "default";
            out->calculated_index = i;
        }
    }
}

int pricing_context(struct ctx *c, const char *cart_id, const char *region_id,
                    const char *currency_code, struct price_context *pc)
{
    int rc;
    memset(pc, 0, sizeof(*pc));
    pc->customer_id = c->customer_id;
    if (cart_id) {
        if ((rc = db_cart_region(c, cart_id, &region_id)) != 0)
            return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Cart with %s was not found", cart_id);
    }
    if (region_id) {
        if ((rc = db_region_pricing(c, region_id, &currency_code, &pc->automatic_taxes,
                                    &pc->region_tax_rate)) != 0)
            return rc < 0 ? -1
                          : err_set(c, ERR_NOT_FOUND, "Region with %s was not found", region_id);
        pc->region_id = region_id;
    }
    pc->currency_code = currency_code;
    return 0;
}

static void price_of_row(const struct db_price *r, struct price *p)
{
    memset(p, 0, sizeof(*p));
    p->amount = r->amount;
    p->currency_code = r->currency_code;
    p->region_id = r->region_id;
    p->price_list_id = r->price_list_id;
    p->list_type = r->list.type;
    p->has_min = r->has_min;
    p->min_quantity = r->min_quantity;
    p->has_max = r->has_max;
    p->max_quantity = r->max_quantity;
}

int pricing_compute(struct ctx *c, const char *const *variant_ids, const char *const *product_ids,
                    int n, const struct price_context *pc, int drop_unpriced,
                    struct variant_pricing *out)
{
    struct db_price *rows = NULL;
    struct db_tax_rate *rates = NULL;
    int nrows = 0, nrates = 0, taxed = pc->region_id && pc->automatic_taxes, rc;
    struct price_query pq = {pc->region_id, pc->currency_code, 0, 0};
    if (!n)
        return 0;
    rc = db_catalog_price_rows(c, variant_ids, n, pc->region_id, pc->currency_code, pc->customer_id,
                               &rows, &nrows);
    if (rc == 0 && taxed)
        rc = db_product_tax_rate_rows(c, pc->region_id, product_ids, n, &rates, &nrates);
    if (rc < 0)
        return -1;
    /* Rows come grouped by variant (and rates by product) in id order: each variant finds its
     * group by a binary search over the groups' first rows. */
    int *vstart = arena_alloc(&c->arena, sizeof(int) * (size_t)(nrows + 1)), ng = 0;
    int *rstart = arena_alloc(&c->arena, sizeof(int) * (size_t)(nrates + 1)), nr = 0;
    for (int k = 0; k < nrows; k++)
        if (!k || strcmp(rows[k].variant_id, rows[k - 1].variant_id))
            vstart[ng++] = k;
    vstart[ng] = nrows;
    for (int k = 0; k < nrates; k++)
        if (!k || strcmp(rates[k].product_id, rates[k - 1].product_id))
            rstart[nr++] = k;
    rstart[nr] = nrates;
    for (int i = 0; i < n; i++) {
        struct variant_pricing *vp = &out[i];
        const struct db_price *first = NULL;
        int np = 0, lo = 0, hi = ng - 1;
        memset(vp, 0, sizeof(*vp));
        while (variant_ids[i] && lo <= hi) {
            int mid = (lo + hi) / 2, d = strcmp(rows[vstart[mid]].variant_id, variant_ids[i]);
            if (!d) {
                first = &rows[vstart[mid]];
                np = vstart[mid + 1] - vstart[mid];
                break;
            }
            if (d < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        if (pc->plain_only && np) {
            struct db_price *kept = arena_alloc(&c->arena, sizeof(*kept) * (size_t)np);
            int nk = 0;
            for (int k = 0; k < np; k++)
                if (!first[k].price_list_id)
                    kept[nk++] = first[k];
            first = kept;
            np = nk;
        }
        if (!np) {
            vp->state = pc->plain_only ? PRICED_EMPTY : drop_unpriced ? PRICED_DROP : PRICED_NONE;
            continue;
        }
        struct price *p = arena_alloc(&c->arena, sizeof(*p) * (size_t)np);
        for (int k = 0; k < np; k++)
            price_of_row(&first[k], &p[k]);
        vp->state = PRICED;
        vp->prices = first;
        vp->nprices = np;
        pricing_select(p, np, &pq, &vp->res);
        if (!pc->region_id && !pc->currency_code)
            vp->res.has_original = vp->res.has_calculated = 0;
        if (!(vp->taxed = taxed))
            continue;
        double sum = 0;
        lo = 0;
        hi = nr - 1;
        while (product_ids[i] && lo <= hi) {
            int mid = (lo + hi) / 2, d = strcmp(rates[rstart[mid]].product_id, product_ids[i]);
            if (!d) {
                vp->rates = &rates[rstart[mid]];
                vp->nrates = rstart[mid + 1] - rstart[mid];
                break;
            }
            if (d < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        for (int k = 0; k < vp->nrates; k++)
            sum += vp->rates[k].rate / 100;
        if (!vp->nrates)
            sum = pc->region_tax_rate / 100;
        vp->original_tax = vp->res.has_original ? money_tax(vp->res.original, sum) : 0;
        vp->calculated_tax = vp->res.has_calculated ? money_tax(vp->res.calculated, sum) : 0;
    }
    return 0;
}
