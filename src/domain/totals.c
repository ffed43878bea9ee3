/* totals.c: Medusa v1's totals (totals.h, checkout.md §5 and §7.4). */
#include "domain/totals.h"

#include "core/money.h"

/* A tax-inclusive line: the tax in one unit's price comes out first, and the totals are taken on
 * what is left (checkout.md §5.2). */
static void item_totals_inclusive(struct tot_item *it)
{
    double sum = 0;
    for (int i = 0; i < it->ntax; i++)
        sum += it->tax[i].rate / 100;
    int64_t in_price = money_round((double)it->unit_price * sum / (1 + sum));
    double p = (double)((it->unit_price - in_price) * it->quantity);
    it->raw_discount_total = it->alloc;
    it->discount_total = money_round(it->alloc);
    it->tax_total = 0;
    it->original_tax_total = 0;
    for (int i = 0; i < it->ntax; i++) {
        double rate = it->tax[i].rate / 100;
        it->original_tax_total += money_round(p * rate);
        it->tax_total += money_round((p - it->alloc) * rate);
    }
    it->subtotal = it->unit_price * it->quantity - it->original_tax_total;
    it->total = it->subtotal - it->discount_total + it->tax_total;
    it->original_total = it->subtotal + it->original_tax_total;
}

void totals_item(struct tot_item *it)
{
    int64_t p = it->unit_price * it->quantity;
    if (it->includes_tax && it->ntax) {
        item_totals_inclusive(it);
        return;
    }
    it->subtotal = p;
    it->raw_discount_total = it->alloc;
    it->discount_total = money_round(it->alloc);
    it->tax_total = 0;
    it->original_tax_total = 0;
    /* Each tax line is rounded on its own; the item's tax uses the raw allocation. */
    for (int i = 0; i < it->ntax; i++) {
        double rate = it->tax[i].rate / 100;
        it->original_tax_total += money_round((double)p * rate);
        it->tax_total += money_round(((double)p - it->alloc) * rate);
    }
    it->total = it->subtotal - it->discount_total + it->tax_total;
    it->original_total = it->subtotal + it->original_tax_total;
}

void totals_method(struct tot_method *m, int free_shipping)
{
    double sum = 0;
    /* Shipping tax: the lines summed, then rounded once; an inclusive price holds its tax. */
    for (int i = 0; i < m->ntax; i++) {
        double rate = m->tax[i].rate / 100;
        sum += m->includes_tax ? rate * (double)m->price / (1 + rate) : (double)m->price * rate;
    }
    m->original_tax_total = money_round(sum);
    m->tax_total = m->original_tax_total;
    if (m->includes_tax && m->ntax) {
        m->subtotal = m->price - m->tax_total;
        m->total = m->price;
        m->original_total = m->price;
    } else {
        m->subtotal = m->price;
        m->total = m->price + m->tax_total;
        m->original_total = m->price + m->original_tax_total;
    }
    if (free_shipping) {
        m->subtotal = 0;
        m->total = 0;
        m->tax_total = 0;
    }
}

void totals_compute(struct tot_cart *t)
{
    double gc_tax = 0;
    int64_t giftcardable, remaining, balances = 0;

    t->subtotal = t->item_tax_total = t->shipping_total = t->shipping_tax_total = 0;
    t->raw_discount_total = 0;
    for (int i = 0; i < t->nitems; i++) {
        totals_item(&t->items[i]);
        t->subtotal += t->items[i].subtotal;
        t->raw_discount_total += t->items[i].raw_discount_total;
        t->item_tax_total += t->items[i].tax_total;
    }
    for (int i = 0; i < t->nmethods; i++) {
        totals_method(&t->methods[i], t->free_shipping);
        t->shipping_total += t->methods[i].subtotal;
        t->shipping_tax_total += t->methods[i].tax_total;
    }
    /* The cart rounds the raw sum once (§5.4). */
    t->discount_total = money_round(t->raw_discount_total);
    t->tax_total = t->item_tax_total + t->shipping_tax_total;

    giftcardable = t->gift_cards_taxable
                       ? t->subtotal + t->shipping_total - t->discount_total
                       : t->subtotal + t->shipping_total + t->tax_total - t->discount_total;
    remaining = giftcardable;
    for (int i = 0; i < t->ngift_cards; i++) {
        const struct tot_gift_card *gc = &t->gift_cards[i];
        int64_t taxable = remaining < gc->balance ? remaining : gc->balance;
        balances += gc->balance;
        if (taxable > 0 && gc->has_rate && gc->tax_rate != 0) {
            gc_tax += (double)money_round((double)taxable * gc->tax_rate / 100);
            remaining -= taxable;
        }
    }
    t->gift_card_total = t->ngift_cards ? (giftcardable < balances ? giftcardable : balances) : 0;
    if (t->gift_card_total < 0)
        t->gift_card_total = 0;
    t->gift_card_tax_total = money_round(gc_tax);
    t->total = t->subtotal + t->shipping_total + t->tax_total -
               (t->gift_card_total + t->discount_total + t->gift_card_tax_total);
}

void discount_allocate(enum discount_kind kind, int64_t value, int allocation_total,
                       struct alloc_item *items, int n)
{
    int64_t base = 0;
    for (int i = 0; i < n; i++)
        if (items[i].allow_discounts)
            base += items[i].unit_price * items[i].quantity;
    for (int i = 0; i < n; i++) {
        struct alloc_item *it = &items[i];
        double f = (double)(it->unit_price * it->quantity), amount = 0;
        it->amount = 0;
        if (!it->allow_discounts || !it->eligible || kind == DISCOUNT_FREE_SHIPPING)
            continue;
        if (kind == DISCOUNT_PERCENTAGE) {
            amount = (double)money_round(f * (double)value / 100);
        } else if (allocation_total) {
            /* Over every discountable item, eligible or not (Medusa's quirk); unrounded. */
            if (base <= 0)
                continue;
            amount = (double)(value < base ? value : base) * f / (double)base;
        } else {
            amount = (double)(value * it->quantity);
        }
        it->amount = amount < f ? amount : f;
    }
}
