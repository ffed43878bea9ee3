/* order_totals.c: Medusa's order totals (order_totals.h; store.md §4.2, checkout.md §5, §11.7).
 * The formulas follow new-totals.ts and OrderService.decorateTotals step by step, including their
 * order of rounding; the comments name the places where Medusa's result is surprising. Never
 * touches the database or JSON: it computes on the typed order of db/cart_model.c. */
#include "domain/order_totals.h"

#include <string.h>

#include "core/money.h"
#include "domain/totals.h"

#define MAX_RATES 16

void order_totals_item(const struct ot_item *in, struct ot_item_totals *out)
{
    double p = (double)in->unit_price * (double)in->quantity;
    memset(out, 0, sizeof(*out));
    out->subtotal = in->unit_price * in->quantity;
    out->raw_discount_total = in->alloc;
    out->discount_total = money_round(in->alloc);
    if (in->legacy_rate >= 0) {
        /* Orders from before tax lines: one rate on the whole line, no tax lines shown. */
        double rate = in->legacy_rate / 100;
        out->original_tax_total = money_round((double)out->subtotal * rate);
        out->tax_total = money_round((double)(out->subtotal - out->discount_total) * rate);
        out->total = out->subtotal + out->tax_total;
        out->original_total = out->subtotal + out->original_tax_total;
        return;
    }
    /* With tax lines, an order's item is a cart's item (domain/totals.c, tax-inclusive too). */
    struct tax_rate_line lines[MAX_RATES];
    struct tot_item it = {0};
    (void)p;
    for (int i = 0; i < in->nrates && i < MAX_RATES; i++)
        lines[i] = (struct tax_rate_line){in->rates[i], NULL, NULL};
    it.unit_price = in->unit_price;
    it.quantity = in->quantity;
    it.alloc = in->alloc;
    it.tax = lines;
    it.ntax = in->nrates < MAX_RATES ? in->nrates : MAX_RATES;
    it.includes_tax = in->includes_tax;
    totals_item(&it);
    out->subtotal = it.subtotal;
    out->discount_total = it.discount_total;
    out->tax_total = it.tax_total;
    out->total = it.total;
    out->original_total = it.original_total;
    out->original_tax_total = it.original_tax_total;
    out->raw_discount_total = it.raw_discount_total;
}

int64_t order_totals_refundable(const struct ot_item *in, int64_t quantity_left)
{
    double sub, tax = 0;
    if (in->legacy_rate >= 0) {
        /* getLineItemRefundLegacy: the whole allocation, one rounding at the end. */
        sub = (double)in->unit_price * (double)quantity_left - in->alloc;
        return money_round(sub * (1 + in->legacy_rate / 100));
    }
    /* The allocation map's unit_amount: Math.round(allocation / original quantity). */
    int64_t unit = in->quantity ? money_round(in->alloc / (double)in->quantity) : 0;
    sub = (double)(in->unit_price * quantity_left - unit * quantity_left);
    for (int i = 0; i < in->nrates; i++)
        tax += (double)money_round(sub * (in->rates[i] / 100));
    return (int64_t)sub + (int64_t)tax;
}

void order_totals_method(int64_t price, const double *rates, int nrates, int includes_tax,
                         double legacy_rate, int free_shipping, struct ot_method_totals *out)
{
    memset(out, 0, sizeof(*out));
    out->price = out->subtotal = out->total = out->original_total = price;
    if (legacy_rate < 0) {
        /* With tax lines, an order's method is a cart's method (domain/totals.c). */
        struct tax_rate_line lines[MAX_RATES];
        struct tot_method m = {0};
        for (int i = 0; i < nrates && i < MAX_RATES; i++)
            lines[i] = (struct tax_rate_line){rates[i], NULL, NULL};
        m.price = price;
        m.tax = lines;
        m.ntax = nrates < MAX_RATES ? nrates : MAX_RATES;
        m.includes_tax = includes_tax;
        totals_method(&m, free_shipping);
        out->subtotal = m.subtotal;
        out->tax_total = m.tax_total;
        out->total = m.total;
        out->original_total = m.original_total;
        out->original_tax_total = m.original_tax_total;
        return;
    }
    /* Legacy methods never add their tax to the total (getShippingMethodTotalsLegacy). */
    out->original_tax_total = out->tax_total = money_round((double)price * (legacy_rate / 100));
    if (free_shipping) {
        out->total = 0;
        out->subtotal = 0;
        out->tax_total = 0;
    }
}

void order_totals_gift_cards(const struct ot_gc *gc, int n, int from_transactions,
                             double giftcardable, int region_gift_cards_taxable,
                             double region_tax_rate, int64_t *total, int64_t *tax_total)
{
    *total = 0;
    *tax_total = 0;
    if (from_transactions) {
        /* getGiftCardTransactionsTotals: a running total rounded at every step. Transactions
         * without is_taxable predate the snapshot: the region's rate applies if its gift cards
         * are taxable (the card itself is not loaded here, as in Medusa). */
        double acc = 0;
        for (int i = 0; i < n; i++) {
            double mult = gc[i].has_tax_rate ? gc[i].tax_rate / 100 : 0;
            if (gc[i].is_taxable < 0 && region_gift_cards_taxable)
                mult = region_tax_rate / 100;
            *total += gc[i].amount;
            acc = (double)money_round(acc + (double)gc[i].amount * mult);
        }
        *tax_total = (int64_t)acc;
        return;
    }
    double balance = 0, left = giftcardable, tax = 0;
    for (int i = 0; i < n; i++) {
        double taxable = left < (double)gc[i].amount ? left : (double)gc[i].amount;
        balance += (double)gc[i].amount;
        if (taxable <= 0 || !gc[i].has_tax_rate || gc[i].tax_rate == 0)
            continue;
        tax += (double)money_round(taxable * (gc[i].tax_rate / 100));
        left -= taxable;
    }
    *tax_total = money_round(tax);
    /* Math.min(giftCardable, balance); the amount is fractional only with a fractional
     * discount, which Medusa would send as is: rounded here. */
    *total = money_round(giftcardable < balance ? giftcardable : balance);
}

/* ---- an order's totals, on the typed order --------------------------------------------------- */

/* The allocation's discount: the order's first discount that is not free shipping (totals.ts). */
static const char *allocation_discount(const struct order_model *m, int *free_shipping)
{
    const char *id = NULL;
    *free_shipping = 0;
    for (int i = 0; i < m->ndiscounts; i++) {
        const char *type = m->discounts[i].rule_type;
        if (type && !strcmp(type, "free_shipping"))
            *free_shipping = 1;
        else if (!id)
            id = m->discounts[i].id;
    }
    return id;
}

/* getLineDiscounts: adjustments of the allocation's discount (when the item allows discounts)
 * plus adjustments without a discount. */
static double allocation(const struct line_row *l, const char *discount_id)
{
    double sum = 0;
    for (int i = 0; i < l->nadjustments; i++) {
        const char *d = l->adjustments[i].discount_id;
        if (!d || (l->allow_discounts && discount_id && !strcmp(d, discount_id)))
            sum += l->adjustments[i].amount;
    }
    return sum;
}

static struct ot_item line_in(const struct order_model *m, const struct line_row *l,
                              const char *discount_id, double *rates)
{
    int n = 0;
    for (int i = 0; i < l->ntax_lines && n < MAX_RATES; i++)
        rates[n++] = l->tax_lines[i].rate;
    return (struct ot_item){l->unit_price,  l->quantity, allocation(l, discount_id),
                            rates,          n,           m->has_tax_rate ? m->tax_rate : -1,
                            l->includes_tax};
}

int64_t order_totals_line_refund(const struct order_model *m, const struct line_row *l,
                                 int64_t quantity)
{
    double rates[MAX_RATES];
    int free_shipping;
    struct ot_item in = line_in(m, l, allocation_discount(m, &free_shipping), rates);
    return order_totals_refundable(&in, quantity);
}

void order_totals_compute(struct arena *a, const struct order_model *m, struct order_totals *out)
{
    int free_shipping, ni = m->nitems, nm = m->nmethods, ne = m->nextra;
    const char *discount_id = allocation_discount(m, &free_shipping);
    double legacy = m->has_tax_rate ? m->tax_rate : -1, raw_discount = 0;
    int64_t subtotal = 0, shipping = 0, item_tax = 0, ship_tax = 0, gc_total, gc_tax;

    memset(out, 0, sizeof(*out));
    out->items = arena_calloc(a, sizeof(*out->items) * (size_t)(ni ? ni : 1));
    out->refundable = arena_calloc(a, sizeof(*out->refundable) * (size_t)(ni ? ni : 1));
    out->methods = arena_calloc(a, sizeof(*out->methods) * (size_t)(nm ? nm : 1));
    out->extra_quantity = arena_calloc(a, sizeof(int64_t) * (size_t)(ne ? ne : 1));
    out->extra_refundable = arena_calloc(a, sizeof(int64_t) * (size_t)(ne ? ne : 1));
    for (int i = 0; i < ni; i++) {
        double rates[MAX_RATES];
        struct ot_item in = line_in(m, &m->items[i], discount_id, rates);
        order_totals_item(&in, &out->items[i]);
        /* quantity stays the original one: Medusa decrements it, then the totals overwrite it. */
        out->refundable[i] =
            order_totals_refundable(&in, in.quantity - m->items[i].returned_quantity);
        subtotal += out->items[i].subtotal;
        raw_discount += out->items[i].raw_discount_total;
        item_tax += out->items[i].tax_total;
    }
    for (int i = 0; i < nm; i++) {
        const struct method_row *mr = &m->methods[i];
        double rates[MAX_RATES];
        int n = 0;
        for (int k = 0; k < mr->ntax_lines && n < MAX_RATES; k++)
            rates[n++] = mr->tax_lines[k].rate;
        order_totals_method(mr->price, rates, n, mr->includes_tax, legacy, free_shipping,
                            &out->methods[i]);
        shipping += out->methods[i].subtotal;
        ship_tax += out->methods[i].tax_total;
    }
    /* Swap and claim items get only `refundable`, and keep Medusa's decremented quantity. */
    for (int i = 0; i < ne; i++) {
        double rates[MAX_RATES];
        struct ot_item in = line_in(m, &m->extra[i], discount_id, rates);
        out->extra_quantity[i] = in.quantity - m->extra[i].returned_quantity;
        out->extra_refundable[i] = order_totals_refundable(&in, out->extra_quantity[i]);
    }

    /* The gift-cardable amount still has the raw (unrounded) discount in it. Transactions when
     * there are some, else the cards themselves. */
    int taxable = m->region_gift_cards_taxable, ngc = m->ntxs ? m->ntxs : m->ngift_cards;
    int64_t tax_total = item_tax + ship_tax;
    double cardable = taxable ? (double)(subtotal + shipping) - raw_discount
                              : (double)(subtotal + shipping + tax_total) - raw_discount;
    struct ot_gc *gc = arena_calloc(a, sizeof(*gc) * (size_t)(ngc ? ngc : 1));
    for (int i = 0; i < ngc; i++)
        gc[i] =
            m->ntxs
                ? (struct ot_gc){m->txs[i].amount, m->txs[i].has_tax_rate,
                                 m->txs[i].has_tax_rate ? m->txs[i].tax_rate : 0,
                                 m->txs[i].is_taxable}
                : (struct ot_gc){m->gift_cards[i].balance, m->gift_cards[i].has_tax_rate,
                                 m->gift_cards[i].has_tax_rate ? m->gift_cards[i].tax_rate : 0, -1};
    order_totals_gift_cards(gc, ngc, m->ntxs > 0, cardable, taxable, m->region_tax_rate, &gc_total,
                            &gc_tax);
    tax_total -= gc_tax;

    out->subtotal = subtotal;
    out->raw_discount_total = raw_discount;
    out->discount_total = money_round(raw_discount);
    out->shipping_total = shipping;
    out->item_tax_total = item_tax;
    out->shipping_tax_total = ship_tax;
    out->tax_total = tax_total;
    out->gift_card_total = gc_total;
    out->gift_card_tax_total = gc_tax;
    out->total = subtotal + shipping + tax_total - (gc_total + out->discount_total);
    out->paid_total = m->paid_total;
    out->refunded_total = money_round(m->refunds_total);
    out->refundable_amount = out->paid_total - out->refunded_total;
}
