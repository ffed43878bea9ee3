/* order_totals.c: Medusa's order totals (order_totals.h; store.md §4.2, checkout.md §5, §11.7).
 * The formulas follow new-totals.ts and OrderService.decorateTotals step by step, including their
 * order of rounding; the comments name the places where Medusa's result is surprising. Never
 * touches the database: it decorates an order the graph loader has already built. */
#include "domain/order_totals.h"

#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
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

/* ---- the json-c side ------------------------------------------------------------------------ */

static int64_t num_i(struct json_object *o, const char *key)
{
    struct json_object *v = json_get(o, key);
    return v ? json_object_get_int64(v) : 0;
}

static double num_d(struct json_object *o, const char *key, double dflt)
{
    struct json_object *v = json_get(o, key);
    return v && !json_object_is_type(v, json_type_null) ? json_object_get_double(v) : dflt;
}

static size_t len_of(struct json_object *arr)
{
    return arr && json_object_is_type(arr, json_type_array) ? json_object_array_length(arr) : 0;
}

static int rates_of(struct json_object *tax_lines, double *rates)
{
    int n = 0;
    for (size_t i = 0; i < len_of(tax_lines) && n < MAX_RATES; i++)
        rates[n++] = num_d(json_object_array_get_idx(tax_lines, i), "rate", 0);
    return n;
}

/* getLineDiscounts: adjustments of the order's first non-free-shipping discount (when the item
 * allows discounts) plus adjustments without a discount. */
static double allocation(struct json_object *item, const char *discount_id)
{
    struct json_object *adj = json_get(item, "adjustments");
    int allow = json_object_get_boolean(json_get(item, "allow_discounts"));
    double sum = 0;
    for (size_t i = 0; i < len_of(adj); i++) {
        struct json_object *a = json_object_array_get_idx(adj, i);
        const char *d = json_get_str_opt(a, "discount_id");
        if (!d || (allow && discount_id && !strcmp(d, discount_id)))
            sum += num_d(a, "amount", 0);
    }
    return sum;
}

static void set_i(struct json_object *o, const char *key, int64_t v)
{
    json_set_int(o, key, v);
}

static void set_d(struct json_object *o, const char *key, double v)
{
    if (v == (double)(int64_t)v)
        json_set_int(o, key, (int64_t)v);
    else
        json_set(o, key, json_object_new_double(v));
}

/* Totals of one item of order.items; returns them for the order's sums. */
static void item_decorate(struct json_object *item, const char *discount_id, double legacy,
                          struct ot_item_totals *t)
{
    double rates[MAX_RATES];
    struct ot_item in = {num_i(item, "unit_price"),
                         num_i(item, "quantity"),
                         allocation(item, discount_id),
                         rates,
                         rates_of(json_get(item, "tax_lines"), rates),
                         legacy,
                         json_object_get_boolean(json_get(item, "includes_tax"))};
    order_totals_item(&in, t);
    set_i(item, "subtotal", t->subtotal);
    set_i(item, "discount_total", t->discount_total);
    set_i(item, "total", t->total);
    set_i(item, "original_total", t->original_total);
    set_i(item, "original_tax_total", t->original_tax_total);
    set_i(item, "tax_total", t->tax_total);
    set_d(item, "raw_discount_total", t->raw_discount_total);
    /* quantity stays the original one: Medusa decrements it, then the totals overwrite it. */
    set_i(item, "refundable",
          order_totals_refundable(&in, in.quantity - num_i(item, "returned_quantity")));
}

/* Swap and claim items get only `refundable`, and keep Medusa's decremented quantity (their
 * totals are not computed unless returnable items are asked for). */
static void extra_items_decorate(struct json_object *parents, const char *discount_id,
                                 double legacy)
{
    for (size_t i = 0; i < len_of(parents); i++) {
        struct json_object *items =
            json_get(json_object_array_get_idx(parents, i), "additional_items");
        for (size_t k = 0; k < len_of(items); k++) {
            struct json_object *item = json_object_array_get_idx(items, k);
            double rates[MAX_RATES];
            struct ot_item in = {num_i(item, "unit_price"),
                                 num_i(item, "quantity"),
                                 allocation(item, discount_id),
                                 rates,
                                 rates_of(json_get(item, "tax_lines"), rates),
                                 legacy,
                                 json_object_get_boolean(json_get(item, "includes_tax"))};
            int64_t left = in.quantity - num_i(item, "returned_quantity");
            set_i(item, "quantity", left);
            set_i(item, "refundable", order_totals_refundable(&in, left));
        }
    }
}

static int gift_cards_of(struct json_object *arr, int from_tx, struct ot_gc *out, int max)
{
    int n = 0;
    for (size_t i = 0; i < len_of(arr) && n < max; i++) {
        struct json_object *g = json_object_array_get_idx(arr, i);
        struct json_object *rate = json_get(g, "tax_rate"), *tx = json_get(g, "is_taxable");
        out[n].amount = num_i(g, from_tx ? "amount" : "balance");
        out[n].has_tax_rate = rate && !json_object_is_type(rate, json_type_null);
        out[n].tax_rate = out[n].has_tax_rate ? json_object_get_double(rate) : 0;
        out[n].is_taxable = tx ? json_object_get_boolean(tx) : -1;
        n++;
    }
    return n;
}

/* The allocation's discount: the order's first discount that is not free shipping (totals.ts). */
static const char *allocation_discount(struct json_object *order)
{
    struct json_object *discounts = json_get(order, "discounts");
    for (size_t i = 0; i < len_of(discounts); i++) {
        struct json_object *d = json_object_array_get_idx(discounts, i);
        const char *type = json_get_str_opt(json_get(d, "rule"), "type");
        if (!type || strcmp(type, "free_shipping"))
            return json_get_str_opt(d, "id");
    }
    return NULL;
}

int64_t order_totals_item_refund(struct json_object *order, struct json_object *item,
                                 int64_t quantity)
{
    double rates[MAX_RATES];
    struct ot_item in = {num_i(item, "unit_price"),
                         num_i(item, "quantity"),
                         allocation(item, allocation_discount(order)),
                         rates,
                         rates_of(json_get(item, "tax_lines"), rates),
                         num_d(order, "tax_rate", -1),
                         json_object_get_boolean(json_get(item, "includes_tax"))};
    return order_totals_refundable(&in, quantity);
}

void order_totals_decorate(struct json_object *order)
{
    struct json_object *items = json_get(order, "items"),
                       *methods = json_get(order, "shipping_methods");
    struct json_object *discounts = json_get(order, "discounts"),
                       *region = json_get(order, "region");
    struct json_object *txs = json_get(order, "gift_card_transactions");
    const char *discount_id = NULL;
    int free_shipping = 0, ngc, from_tx;
    double legacy = num_d(order, "tax_rate", -1), raw_discount = 0, refunds = 0;
    int64_t subtotal = 0, shipping = 0, item_tax = 0, ship_tax = 0, paid = 0, gc_total, gc_tax;
    struct ot_gc gc[64];

    /* The allocation uses the first discount that is not free shipping (totals.ts). */
    for (size_t i = 0; i < len_of(discounts); i++) {
        struct json_object *d = json_object_array_get_idx(discounts, i);
        const char *type = json_get_str_opt(json_get(d, "rule"), "type");
        if (type && !strcmp(type, "free_shipping"))
            free_shipping = 1;
        else if (!discount_id)
            discount_id = json_get_str_opt(d, "id");
    }
    for (size_t i = 0; i < len_of(json_get(order, "refunds")); i++)
        refunds += num_d(json_object_array_get_idx(json_get(order, "refunds"), i), "amount", 0);
    for (size_t i = 0; i < len_of(json_get(order, "payments")); i++)
        paid += num_i(json_object_array_get_idx(json_get(order, "payments"), i), "amount");

    for (size_t i = 0; i < len_of(items); i++) {
        struct ot_item_totals t;
        item_decorate(json_object_array_get_idx(items, i), discount_id, legacy, &t);
        subtotal += t.subtotal;
        raw_discount += t.raw_discount_total;
        item_tax += t.tax_total;
    }
    for (size_t i = 0; i < len_of(methods); i++) {
        struct json_object *m = json_object_array_get_idx(methods, i);
        double rates[MAX_RATES];
        struct ot_method_totals t;
        int n = rates_of(json_get(m, "tax_lines"), rates);
        order_totals_method(num_i(m, "price"), rates, n,
                            json_object_get_boolean(json_get(m, "includes_tax")), legacy,
                            free_shipping, &t);
        set_i(m, "price", t.price);
        set_i(m, "original_total", t.original_total);
        set_i(m, "total", t.total);
        set_i(m, "subtotal", t.subtotal);
        set_i(m, "original_tax_total", t.original_tax_total);
        set_i(m, "tax_total", t.tax_total);
        shipping += t.subtotal;
        ship_tax += t.tax_total;
    }

    /* The gift-cardable amount still has the raw (unrounded) discount in it. */
    int taxable = json_object_get_boolean(json_get(region, "gift_cards_taxable"));
    int64_t tax_total = item_tax + ship_tax;
    double cardable = taxable ? (double)(subtotal + shipping) - raw_discount
                              : (double)(subtotal + shipping + tax_total) - raw_discount;
    from_tx = len_of(txs) > 0;
    ngc = gift_cards_of(from_tx ? txs : json_get(order, "gift_cards"), from_tx, gc, 64);
    order_totals_gift_cards(gc, ngc, from_tx, cardable, taxable, num_d(region, "tax_rate", 0),
                            &gc_total, &gc_tax);
    tax_total -= gc_tax;

    extra_items_decorate(json_get(order, "swaps"), discount_id, legacy);
    extra_items_decorate(json_get(order, "claims"), discount_id, legacy);

    int64_t discount = money_round(raw_discount), refunded = money_round(refunds);
    set_i(order, "subtotal", subtotal);
    set_i(order, "discount_total", discount);
    set_d(order, "raw_discount_total", raw_discount);
    set_i(order, "shipping_total", shipping);
    set_i(order, "item_tax_total", item_tax);
    set_i(order, "shipping_tax_total", ship_tax);
    set_i(order, "tax_total", tax_total);
    set_i(order, "gift_card_total", gc_total);
    set_i(order, "gift_card_tax_total", gc_tax);
    set_i(order, "total", subtotal + shipping + tax_total - (gc_total + discount));
    set_i(order, "paid_total", paid);
    set_i(order, "refunded_total", refunded);
    set_i(order, "refundable_amount", paid - refunded);
}
