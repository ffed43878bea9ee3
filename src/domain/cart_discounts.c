/* cart_discounts.c: discount codes and gift cards on a cart (checkout.md §7, §8). */
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

/* ---- discounts ---------------------------------------------------------------------------- */

static int is_free_shipping(const struct discount_row *d)
{
    return !strcmp(d->rule_type, "free_shipping");
}

int cart_has_free_shipping(const struct discount_row *d, int n)
{
    for (int i = 0; i < n; i++)
        if (is_free_shipping(&d[i]))
            return 1;
    return 0;
}

static int discount_usage_check(struct ctx *c, const struct discount_row *d)
{
    if (d->has_usage_limit && d->usage_count >= d->usage_limit)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s has been used maximum allowed times",
                       d->code);
    return 0;
}

/* Medusa's checks of one discount against the cart (checkout.md §7.2). */
static int discount_valid(struct ctx *c, const struct cart_row *cart, const struct discount_row *d)
{
    char now[TIMEFMT_LEN];
    int has, ok, rc;
    timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms());
    if (discount_usage_check(c, d) < 0)
        return -1;
    if (d->starts_at && strcmp(d->starts_at, now) > 0)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s is not valid yet", d->code);
    if (d->ends_at && strcmp(d->ends_at, now) < 0)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s is expired", d->code);
    if (d->is_disabled)
        return err_set(c, ERR_NOT_ALLOWED, "The discount code %s is disabled", d->code);
    if (db_discount_groups(c, d->rule_id, cart->customer_id, &has, &ok) < 0)
        return -1;
    if (has && !cart->customer_id)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s is only valid for specific customer",
                       d->code);
    if ((rc = db_discount_in_region(c, d->parent_id ? d->parent_id : d->id, cart->region_id)) < 0)
        return -1;
    if (!rc)
        return err_set(c, ERR_INVALID_DATA, "The discount is not available in current region");
    if (has && !ok)
        return err_set(c, ERR_NOT_ALLOWED, "Discount %s is not valid for customer", d->code);
    return 0;
}

int cart_apply_discounts(struct ctx *c, const struct cart_row *cart, const char *const *given,
                         int ngiven)
{
    size_t n = (size_t)ngiven;
    const char **codes = arena_alloc(&c->arena, sizeof(*codes) * (n ? n : 1));
    struct discount_row *found, *old, *keep;
    int nfound, nold, nkeep = 0, value_kept = 0;
    struct sbuf all = SBUF_INIT;

    for (size_t i = 0; i < n; i++) {
        char *u = arena_strdup(&c->arena, given[i]);
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
    if (cart_has_free_shipping(keep, nkeep)) {
        if (db_cart_methods_zero(c, cart->id) < 0)
            return -1;
    } else if (cart_has_free_shipping(old, nold) && db_cart_methods_restore(c, cart->id) < 0) {
        return -1;
    }
    if ((value_kept || nkeep == 0) && cart_adjustments_rebuild(c, cart->id) < 0)
        return -1;
    return 0;
}

int cart_discounts_usable(struct ctx *c, const char *cart_id)
{
    struct discount_row *ds;
    int nd;
    if (db_cart_discounts(c, cart_id, &ds, &nd) < 0)
        return -1;
    for (int i = 0; i < nd; i++)
        if (discount_usage_check(c, &ds[i]) < 0)
            return -1;
    return 0;
}

int cart_delete_discount(struct ctx *c, const char *id, const char *code)
{
    struct cart_row cart;
    struct discount_row *ds;
    int nd;
    if (cart_find_open(c, id, &cart) < 0 || db_cart_discounts(c, id, &ds, &nd) < 0)
        return -1;
    if (cart_has_free_shipping(ds, nd) && db_cart_methods_restore(c, id) < 0)
        return -1;
    for (int i = 0; i < nd; i++)
        if (!strcmp(ds[i].code, code) && db_cart_discount_remove(c, id, ds[i].id) < 0)
            return -1;
    /* A free-shipping discount that stays keeps the methods free. */
    if (db_cart_discounts(c, id, &ds, &nd) < 0)
        return -1;
    if (cart_has_free_shipping(ds, nd) && db_cart_methods_zero(c, id) < 0)
        return -1;
    return cart_adjustments_rebuild(c, id);
}

/* ---- adjustments (§7.4) ---------------------------------------------------------------------- */

const struct discount_row *cart_value_discount(const struct discount_row *ds, int nd)
{
    for (int i = 0; i < nd; i++)
        if (!is_free_shipping(&ds[i]))
            return &ds[i];
    return NULL;
}

void cart_adjustments_plan(const struct discount_row *d, const struct line_row *lines, int nl,
                           const unsigned char *eligible, const struct rate_set *prates, int npr,
                           double region_rate, double *amounts, struct alloc_item *scratch)
{
    for (int i = 0; i < nl; i++) {
        int64_t unit = lines[i].unit_price;
        /* A tax-inclusive line is discounted on its price without the tax (§7.4 step 3): the
         * rates of its product, else the region's. */
        if (lines[i].includes_tax) {
            const struct rate_set *rs = NULL;
            double sum = 0;
            for (int k = 0; lines[i].product_id && k < npr && !rs; k++)
                if (!strcmp(prates[k].owner_id, lines[i].product_id))
                    rs = &prates[k];
            if (rs)
                for (int k = 0; k < rs->n; k++)
                    sum += rs->rates[k].rate / 100;
            else
                sum = region_rate / 100;
            unit -= money_round((double)unit * sum / (1 + sum));
        }
        scratch[i] =
            (struct alloc_item){unit, lines[i].quantity,
                                lines[i].allow_discounts && !lines[i].is_return, eligible[i], 0};
    }
    discount_allocate(d->rule_type && !strcmp(d->rule_type, "percentage") ? DISCOUNT_PERCENTAGE
                                                                          : DISCOUNT_FIXED,
                      d->value, d->allocation && !strcmp(d->allocation, "total"), scratch, nl);
    for (int i = 0; i < nl; i++)
        amounts[i] = scratch[i].amount;
}

int cart_adjustments_build(struct ctx *c, const char *region_id, const struct discount_row *ds,
                           int nd, const struct line_row *lines, int nl)
{
    const struct discount_row *d = cart_value_discount(ds, nd);
    struct rate_set *prates = NULL;
    struct region_row region = {0};
    int npr = 0, any_inclusive = 0;
    if (!d || !nl)
        return 0;
    unsigned char *eligible = arena_calloc(&c->arena, (size_t)nl);
    double *amounts = arena_calloc(&c->arena, sizeof(*amounts) * (size_t)nl);
    struct alloc_item *scratch = arena_calloc(&c->arena, sizeof(*scratch) * (size_t)nl);
    for (int i = 0; i < nl; i++)
        any_inclusive |= lines[i].includes_tax;
    if (any_inclusive) {
        const char **pids = arena_calloc(&c->arena, sizeof(*pids) * (size_t)nl);
        for (int i = 0; i < nl; i++)
            pids[i] = lines[i].product_id;
        if (cart_load_region(c, region_id, &region) < 0 ||
            db_product_rate_sets(c, region.id, pids, nl, &prates, &npr) < 0)
            return -1;
    }
    for (int i = 0; i < nl; i++) {
        int ok =
            lines[i].product_id ? db_discount_product_ok(c, d->rule_id, lines[i].product_id) : 0;
        if (ok < 0)
            return -1;
        eligible[i] = (unsigned char)ok;
    }
    cart_adjustments_plan(d, lines, nl, eligible, prates, npr, region.tax_rate, amounts, scratch);
    for (int i = 0; i < nl; i++)
        if (amounts[i] != 0 && db_adjustment_insert(c, lines[i].id, d->id, amounts[i]) < 0)
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
            if (cart_find(c, cart_id, &cart) < 0)
                return -1;
            region_id = cart.region_id;
        }
    return cart_adjustments_build(c, region_id, ds, nd, lines, nl);
}

/* ---- gift cards --------------------------------------------------------------------------- */

int cart_apply_gift_cards(struct ctx *c, const struct cart_row *cart, const char *const *codes,
                          int ncodes)
{
    size_t n = (size_t)ncodes;
    const char **ids = arena_alloc(&c->arena, sizeof(*ids) * (n ? n : 1));
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *code = codes[i];
        struct gift_card_row g;
        int rc = db_gift_card_by_code(c, code, &g), dup = 0;
        if (rc < 0)
            return -1;
        if (rc > 0)
            return err_set(c, ERR_NOT_FOUND, "Gift card with code: %s was not found", code);
        if (g.is_disabled)
            return err_set(c, ERR_NOT_ALLOWED, "The gift card is disabled");
        if (strcmp(g.region_id, cart->region_id))
            return err_set(c, ERR_INVALID_DATA,
                           "The gift card cannot be used in the current region");
        for (int j = 0; j < k; j++)
            dup |= !strcmp(ids[j], g.id);
        if (!dup)
            ids[k++] = g.id;
    }
    return db_cart_gift_cards_set(c, cart->id, ids, k);
}
