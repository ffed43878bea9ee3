/* pricing.c: price selection and variant decoration (pricing.h, store.md §5.3). */
#include "domain/pricing.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
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

static const char *str_at(struct json_object *o, const char *key)
{
    return json_get_str_opt(o, key);
}

static int int_at(struct json_object *o, const char *key, int64_t *v)
{
    struct json_object *x = json_get(o, key);
    if (!x || json_object_get_type(x) == json_type_null)
        return 0;
    *v = json_object_get_int64(x);
    return 1;
}

/* Reads a fetched price object into a struct price (strings borrowed from the object). */
static void price_read(struct json_object *o, struct price *p)
{
    struct json_object *pl = json_get(o, "price_list");
    memset(p, 0, sizeof(*p));
    int_at(o, "amount", &p->amount);
    p->currency_code = str_at(o, "currency_code");
    p->region_id = str_at(o, "region_id");
    p->price_list_id = str_at(o, "price_list_id");
    p->list_type = pl ? str_at(pl, "type") : NULL;
    p->has_min = int_at(o, "min_quantity", &p->min_quantity);
    p->has_max = int_at(o, "max_quantity", &p->max_quantity);
}

static void set_money(struct json_object *v, const char *key, int has, int64_t amount)
{
    if (has)
        json_set_int(v, key, amount);
    else
        json_set_null(v, key);
}

/* Sum of the rates (percent) of a [{rate,...}] array, as Medusa sums rate/100 fractions. */
static double rate_sum(struct json_object *rates)
{
    double sum = 0;
    size_t n = rates ? json_object_array_length(rates) : 0;
    for (size_t i = 0; i < n; i++) {
        struct json_object *r = json_get(json_object_array_get_idx(rates, i), "rate");
        sum += (r ? json_object_get_double(r) : 0) / 100;
    }
    return sum;
}

static struct json_object *default_rates(const struct price_context *pc)
{
    struct json_object *arr = json_object_new_array(), *r = json_object_new_object();
    double rate = pc->region_tax_rate;
    if (rate == (double)(int64_t)rate)
        json_object_object_add(r, "rate", json_object_new_int64((int64_t)rate));
    else
        json_object_object_add(r, "rate", json_object_new_double(rate));
    json_set_str(r, "name", "default");
    json_set_str(r, "code", "default");
    json_object_array_add(arr, r);
    return arr;
}

/* The prices of fetched outside price lists, as a new arena-owned array. */
static struct json_object *plain_prices(struct ctx *c, struct json_object *fetched)
{
    struct json_object *out = json_own(&c->arena, json_object_new_array());
    size_t n = fetched ? json_object_array_length(fetched) : 0;
    for (size_t i = 0; i < n; i++) {
        struct json_object *p = json_object_array_get_idx(fetched, i);
        if (!str_at(p, "price_list_id"))
            json_object_array_add(out, json_share(p));
    }
    return out;
}

int pricing_apply(struct ctx *c, struct json_object *variants, const struct price_context *pc,
                  int drop_unpriced)
{
    size_t n = json_object_array_length(variants);
    struct sbuf ids = SBUF_INIT, pids = SBUF_INIT;
    struct json_object *prices, *rates = NULL;
    int taxed = pc->region_id && pc->automatic_taxes;
    struct price_query pq = {pc->region_id, pc->currency_code, 0, 0};
    if (!n)
        return 0;
    sbuf_addc(&ids, '[');
    sbuf_addc(&pids, '[');
    for (size_t i = 0; i < n; i++) {
        struct json_object *v = json_object_array_get_idx(variants, i);
        if (i) {
            sbuf_addc(&ids, ',');
            sbuf_addc(&pids, ',');
        }
        sbuf_add_json_str(&ids, str_at(v, "id"));
        sbuf_add_json_str(&pids, str_at(v, "product_id") ? str_at(v, "product_id") : "");
    }
    sbuf_addc(&ids, ']');
    sbuf_addc(&pids, ']');
    prices = db_variant_prices(c, ids.buf, pc->region_id, pc->currency_code, pc->customer_id);
    if (prices && taxed)
        rates = db_product_tax_rates(c, pc->region_id, pids.buf);
    sbuf_release(&ids);
    sbuf_release(&pids);
    if (!prices || (taxed && !rates))
        return -1;

    for (size_t i = 0; i < n; i++) {
        struct json_object *v = json_object_array_get_idx(variants, i);
        struct json_object *fetched = json_get(prices, str_at(v, "id"));
        struct price_result res;
        size_t np;
        if (pc->plain_only)
            fetched = plain_prices(c, fetched);
        np = fetched ? json_object_array_length(fetched) : 0;
        if (!np && pc->plain_only) {
            json_set(v, "prices", json_object_new_array());
            continue;
        }
        if (!np) {
            if (drop_unpriced)
                json_object_object_del(v, "prices");
            continue;
        }
        struct price *p = arena_alloc(&c->arena, sizeof(*p) * np);
        for (size_t k = 0; k < np; k++)
            price_read(json_object_array_get_idx(fetched, k), &p[k]);
        pricing_select(p, (int)np, &pq, &res);
        if (!pc->region_id && !pc->currency_code)
            res.has_original = res.has_calculated = 0;
        json_set(v, "prices", json_share(fetched));
        set_money(v, "original_price", res.has_original, res.original);
        set_money(v, "calculated_price", res.has_calculated, res.calculated);
        if (res.has_calculated)
            json_set_str(v, "calculated_price_type", res.calculated_type);
        if (taxed) {
            const char *pid = str_at(v, "product_id");
            struct json_object *tr = pid ? json_get(rates, pid) : NULL;
            tr = tr ? json_share(tr) : default_rates(pc);
            double sum = rate_sum(tr);
            int64_t ot = res.has_original ? money_tax(res.original, sum) : 0;
            int64_t ct = res.has_calculated ? money_tax(res.calculated, sum) : 0;
            set_money(v, "original_tax", res.has_original, ot);
            set_money(v, "calculated_tax", res.has_calculated, ct);
            set_money(v, "original_price_incl_tax", res.has_original, res.original + ot);
            set_money(v, "calculated_price_incl_tax", res.has_calculated, res.calculated + ct);
            json_set(v, "tax_rates", tr);
        } else {
            json_set_null(v, "original_tax");
            json_set_null(v, "calculated_tax");
            json_set_null(v, "original_price_incl_tax");
            json_set_null(v, "calculated_price_incl_tax");
            json_set_null(v, "tax_rates");
        }
    }
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
    struct sbuf ids = SBUF_INIT, pids = SBUF_INIT;
    struct db_price *rows = NULL;
    struct db_tax_rate *rates = NULL;
    int nrows = 0, nrates = 0, taxed = pc->region_id && pc->automatic_taxes, rc;
    struct price_query pq = {pc->region_id, pc->currency_code, 0, 0};
    if (!n)
        return 0;
    sbuf_addc(&ids, '[');
    sbuf_addc(&pids, '[');
    for (int i = 0; i < n; i++) {
        if (i) {
            sbuf_addc(&ids, ',');
            sbuf_addc(&pids, ',');
        }
        sbuf_add_json_str(&ids, variant_ids[i] ? variant_ids[i] : "");
        sbuf_add_json_str(&pids, product_ids[i] ? product_ids[i] : "");
    }
    sbuf_addc(&ids, ']');
    sbuf_addc(&pids, ']');
    rc = db_catalog_price_rows(c, ids.buf, pc->region_id, pc->currency_code, pc->customer_id, &rows,
                               &nrows);
    if (rc == 0 && taxed)
        rc = db_product_tax_rate_rows(c, pc->region_id, pids.buf, &rates, &nrates);
    sbuf_release(&ids);
    sbuf_release(&pids);
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
