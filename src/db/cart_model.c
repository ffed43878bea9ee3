/* cart_model.c: the typed cart (cart.h) and order (order.h): one statement reads the lines,
 * adjustments, tax lines, shipping methods, discounts and gift cards (and for an order its gift
 * card transactions, payments, refunds and the additional items of its swaps and claims) as rows,
 * and C structs hold them; the tax rates of products and options come back the same way. Never
 * builds JSON. */
#include "db/cart.h"
#include "db/order.h"

#include <string.h>

#include "core/sbuf.h"
#include "core/timefmt.h"
#include "db/internal.h"

/* The kinds of rows of the model statements, in the order they come. */
enum { K_LINE, K_ADJ, K_TAX, K_METHOD, K_MTAX, K_DISCOUNT, K_GIFT_CARD, K_EXTRA, K_TX, K_HEAD };

/* Columns: kind, id, owner, t1..t4, i1..i4, r, then two sort keys. Lines and their children are
 * in the answer's order (created_at, id; adjustments by rowid); methods, discounts and gift cards
 * by rowid as the cart's relations are (db/entities.c). */
static const char q_cart_model[] =
    "SELECT 0, li.id, NULL, li.variant_id, v.product_id, li.metadata, li.product_id, "
    "li.unit_price, li.quantity, li.should_merge | (li.allow_discounts << 1) | "
    "(li.is_giftcard << 2) | (li.is_return << 3) | (coalesce(li.includes_tax, 0) << 4), "
    "coalesce(li.returned_quantity, 0), NULL, li.created_at, li.id "
    "FROM line_item li LEFT JOIN product_variant v ON v.id = li.variant_id AND "
    "v.deleted_at IS NULL WHERE li.cart_id = ?1 "
    "UNION ALL SELECT 1, a.id, a.item_id, a.discount_id, NULL, NULL, NULL, NULL, NULL, NULL, "
    "NULL, a.amount, NULL, a.rowid FROM line_item_adjustment a WHERE a.item_id IN "
    "(SELECT id FROM line_item WHERE cart_id = ?1) "
    "UNION ALL SELECT 2, t.id, t.item_id, t.name, t.code, NULL, NULL, NULL, NULL, NULL, NULL, "
    "t.rate, t.created_at, t.id FROM line_item_tax_line t WHERE t.item_id IN "
    "(SELECT id FROM line_item WHERE cart_id = ?1) "
    "UNION ALL SELECT 3, m.id, NULL, m.shipping_option_id, NULL, NULL, NULL, m.price, "
    "coalesce(m.includes_tax, 0), NULL, NULL, NULL, NULL, m.rowid FROM shipping_method m "
    "WHERE m.cart_id = ?1 "
    "UNION ALL SELECT 4, t.id, t.shipping_method_id, t.name, t.code, NULL, NULL, NULL, NULL, "
    "NULL, NULL, t.rate, t.created_at, t.id FROM shipping_method_tax_line t WHERE "
    "t.shipping_method_id IN (SELECT id FROM shipping_method WHERE cart_id = ?1) "
    "UNION ALL SELECT 5, d.id, NULL, d.code, r.type, r.allocation, d.rule_id, r.value, NULL, "
    "NULL, NULL, NULL, NULL, d.rowid FROM discount d LEFT JOIN discount_rule r ON "
    "r.id = d.rule_id WHERE d.id IN (SELECT discount_id FROM cart_discounts WHERE cart_id = ?1) "
    "UNION ALL SELECT 6, g.id, NULL, g.region_id, g.ends_at, NULL, NULL, g.balance, "
    "g.tax_rate IS NOT NULL, g.is_disabled, NULL, g.tax_rate, NULL, g.rowid FROM gift_card g "
    "WHERE g.deleted_at IS NULL AND g.id IN (SELECT gift_card_id FROM cart_gift_cards WHERE "
    "cart_id = ?1) "
    "ORDER BY 1, 13, 14";

/* A child row (adjustment or tax line) waiting for its owner. */
struct child {
    const char *owner;
    struct adjustment_row adj;
    struct tax_line_row tax;
};

static void line_read_model(struct ctx *c, struct db_stmt *st, struct line_row *l)
{
    int flags = db_col_int(st, 9);
    memset(l, 0, sizeof(*l));
    l->id = db_col_dup(c, st, 1);
    l->variant_id = db_col_dup(c, st, 3);
    l->variant_product_id = db_col_dup(c, st, 4);
    l->metadata = db_col_dup(c, st, 5);
    l->product_id = db_col_dup(c, st, 6);
    l->unit_price = db_col_int64(st, 7);
    l->quantity = db_col_int64(st, 8);
    l->should_merge = flags & 1;
    l->allow_discounts = (flags >> 1) & 1;
    l->is_giftcard = (flags >> 2) & 1;
    l->is_return = (flags >> 3) & 1;
    l->includes_tax = (flags >> 4) & 1;
    l->returned_quantity = db_col_int64(st, 10);
}

/* Hands each line its adjustments and tax lines, in the order they came. */
static void attach(struct ctx *c, struct line_row *lines, int nl, const struct child *adj, int na,
                   const struct child *tax, int nt)
{
    for (int i = 0; i < nl; i++) {
        struct adjustment_row *a = NULL;
        struct tax_line_row *t = NULL;
        int ka = 0, kt = 0;
        for (int k = 0; k < na; k++)
            if (!strcmp(adj[k].owner, lines[i].id)) {
                a = arena_grow(&c->arena, a, ka, sizeof(*a));
                a[ka++] = adj[k].adj;
            }
        for (int k = 0; k < nt; k++)
            if (!strcmp(tax[k].owner, lines[i].id)) {
                t = arena_grow(&c->arena, t, kt, sizeof(*t));
                t[kt++] = tax[k].tax;
            }
        lines[i].adjustments = a;
        lines[i].nadjustments = ka;
        lines[i].tax_lines = t;
        lines[i].ntax_lines = kt;
    }
}

static void methods_attach(struct ctx *c, struct method_row *m, int nm, const struct child *tax,
                           int nt)
{
    for (int i = 0; i < nm; i++) {
        struct tax_line_row *t = NULL;
        int kt = 0;
        for (int k = 0; k < nt; k++)
            if (!strcmp(tax[k].owner, m[i].id)) {
                t = arena_grow(&c->arena, t, kt, sizeof(*t));
                t[kt++] = tax[k].tax;
            }
        m[i].tax_lines = t;
        m[i].ntax_lines = kt;
    }
}

int db_cart_model(struct ctx *c, const char *id, struct cart_model *out)
{
    struct child *adj = NULL, *tax = NULL, *mtax = NULL;
    int na = 0, nt = 0, nmt = 0, rc;
    struct db_stmt *st;

    memset(out, 0, sizeof(*out));
    if ((rc = db_cart_get(c, id, &out->cart)) != 0 ||
        (rc = db_region_get(c, out->cart.region_id, &out->region)) != 0)
        return rc;
    if (!(st = db_prep(c, q_cart_model, "s", id)))
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        int kind = db_col_int(st, 0);
        struct child ch = {0};
        if (kind == K_ADJ || kind == K_TAX || kind == K_MTAX) {
            ch.owner = db_col_dup(c, st, 2);
            if (kind == K_ADJ) {
                ch.adj.discount_id = db_col_dup(c, st, 3);
                ch.adj.amount = db_col_double(st, 11);
            } else {
                ch.tax.name = db_col_dup(c, st, 3);
                ch.tax.code = db_col_dup(c, st, 4);
                ch.tax.rate = db_col_double(st, 11);
            }
        }
        switch (kind) {
        case K_LINE:
            out->lines = arena_grow(&c->arena, out->lines, out->nlines, sizeof(*out->lines));
            line_read_model(c, st, &out->lines[out->nlines++]);
            break;
        case K_ADJ:
            adj = arena_grow(&c->arena, adj, na, sizeof(*adj));
            adj[na++] = ch;
            break;
        case K_TAX:
            tax = arena_grow(&c->arena, tax, nt, sizeof(*tax));
            tax[nt++] = ch;
            break;
        case K_MTAX:
            mtax = arena_grow(&c->arena, mtax, nmt, sizeof(*mtax));
            mtax[nmt++] = ch;
            break;
        case K_METHOD: {
            struct method_row *m;
            out->methods =
                arena_grow(&c->arena, out->methods, out->nmethods, sizeof(*out->methods));
            m = &out->methods[out->nmethods++];
            memset(m, 0, sizeof(*m));
            m->id = db_col_dup(c, st, 1);
            m->shipping_option_id = db_col_dup(c, st, 3);
            m->price = db_col_int64(st, 7);
            m->includes_tax = db_col_int(st, 8);
            break;
        }
        case K_DISCOUNT: {
            struct discount_row *d;
            out->discounts =
                arena_grow(&c->arena, out->discounts, out->ndiscounts, sizeof(*out->discounts));
            d = &out->discounts[out->ndiscounts++];
            memset(d, 0, sizeof(*d));
            d->id = db_col_dup(c, st, 1);
            d->code = db_col_dup(c, st, 3);
            d->rule_type = db_col_dup(c, st, 4);
            d->allocation = db_col_dup(c, st, 5);
            d->rule_id = db_col_dup(c, st, 6);
            d->value = db_col_int64(st, 7);
            break;
        }
        case K_GIFT_CARD: {
            struct gift_card_row *g;
            out->gift_cards =
                arena_grow(&c->arena, out->gift_cards, out->ngift_cards, sizeof(*out->gift_cards));
            g = &out->gift_cards[out->ngift_cards++];
            memset(g, 0, sizeof(*g));
            g->id = db_col_dup(c, st, 1);
            g->region_id = db_col_dup(c, st, 3);
            g->ends_at = db_col_dup(c, st, 4);
            g->balance = db_col_int64(st, 7);
            g->has_tax_rate = db_col_int(st, 8);
            g->is_disabled = db_col_int(st, 9);
            g->tax_rate = db_col_double(st, 11);
            break;
        }
        }
    }
    db_reset(st);
    if (rc != DB_DONE)
        return -1;
    attach(c, out->lines, out->nlines, adj, na, tax, nt);
    methods_attach(c, out->methods, out->nmethods, mtax, nmt);
    return 0;
}

/* ---- the typed order ------------------------------------------------------------------------ */

/* The same columns as q_cart_model. Items, methods (by id), discounts and gift cards (by
 * created_at) in the order answer's order (db/entities.c); extra lines are the additional items
 * of the order's live swaps and claims (owner: the swap or claim); K_HEAD carries the order's
 * legacy tax_rate (t1 NULL when none), its live region's rate and gift_cards_taxable, and the sums
 * of its payments and refunds. */
#define ORDER_LINES                                                                                \
    "SELECT id FROM line_item WHERE order_id = ?1 OR swap_id IN (SELECT id FROM swap WHERE "       \
    "order_id = ?1 AND deleted_at IS NULL) OR claim_order_id IN (SELECT id FROM claim_order "      \
    "WHERE order_id = ?1 AND deleted_at IS NULL)"
static const char q_order_model[] =
    "SELECT 0, li.id, NULL, li.variant_id, v.product_id, li.metadata, li.product_id, "
    "li.unit_price, li.quantity, li.should_merge | (li.allow_discounts << 1) | "
    "(li.is_giftcard << 2) | (li.is_return << 3) | (coalesce(li.includes_tax, 0) << 4), "
    "coalesce(li.returned_quantity, 0), NULL, li.created_at, li.id "
    "FROM line_item li LEFT JOIN product_variant v ON v.id = li.variant_id AND "
    "v.deleted_at IS NULL WHERE li.order_id = ?1 "
    "UNION ALL SELECT 7, li.id, coalesce(li.swap_id, li.claim_order_id), li.variant_id, NULL, "
    "li.metadata, li.product_id, li.unit_price, li.quantity, li.should_merge | "
    "(li.allow_discounts << 1) | (li.is_giftcard << 2) | (li.is_return << 3) | "
    "(coalesce(li.includes_tax, 0) << 4), coalesce(li.returned_quantity, 0), NULL, "
    "li.created_at, li.id FROM line_item li WHERE li.swap_id IN (SELECT id FROM swap WHERE "
    "order_id = ?1 AND deleted_at IS NULL) OR li.claim_order_id IN (SELECT id FROM claim_order "
    "WHERE order_id = ?1 AND deleted_at IS NULL) "
    "UNION ALL SELECT 1, a.id, a.item_id, a.discount_id, NULL, NULL, NULL, NULL, NULL, NULL, "
    "NULL, a.amount, NULL, a.rowid FROM line_item_adjustment a WHERE a.item_id IN (" ORDER_LINES
    ") UNION ALL SELECT 2, t.id, t.item_id, t.name, t.code, NULL, NULL, NULL, NULL, NULL, NULL, "
    "t.rate, t.created_at, t.id FROM line_item_tax_line t WHERE t.item_id IN (" ORDER_LINES
    ") UNION ALL SELECT 3, m.id, NULL, m.shipping_option_id, NULL, NULL, NULL, m.price, "
    "coalesce(m.includes_tax, 0), NULL, NULL, NULL, m.id, NULL FROM shipping_method m "
    "WHERE m.order_id = ?1 "
    "UNION ALL SELECT 4, t.id, t.shipping_method_id, t.name, t.code, NULL, NULL, NULL, NULL, "
    "NULL, NULL, t.rate, t.created_at, t.id FROM shipping_method_tax_line t WHERE "
    "t.shipping_method_id IN (SELECT id FROM shipping_method WHERE order_id = ?1) "
    "UNION ALL SELECT 5, d.id, NULL, d.code, r.type, r.allocation, d.rule_id, r.value, NULL, "
    "NULL, NULL, NULL, d.created_at, NULL FROM discount d LEFT JOIN discount_rule r ON "
    "r.id = d.rule_id WHERE d.id IN (SELECT discount_id FROM order_discounts WHERE "
    "order_id = ?1) "
    "UNION ALL SELECT 6, g.id, NULL, g.region_id, g.ends_at, NULL, NULL, g.balance, "
    "g.tax_rate IS NOT NULL, g.is_disabled, NULL, g.tax_rate, g.created_at, NULL FROM gift_card "
    "g WHERE g.deleted_at IS NULL AND g.id IN (SELECT gift_card_id FROM order_gift_cards WHERE "
    "order_id = ?1) "
    "UNION ALL SELECT 8, x.id, NULL, NULL, NULL, NULL, NULL, x.amount, x.tax_rate IS NOT NULL, "
    "coalesce(x.is_taxable, -1), NULL, x.tax_rate, x.created_at, x.id FROM "
    "gift_card_transaction x WHERE x.order_id = ?1 "
    "UNION ALL SELECT 9, o.id, NULL, o.tax_rate, NULL, NULL, NULL, (SELECT total(amount) FROM "
    "payment WHERE order_id = o.id), rg.gift_cards_taxable, NULL, NULL, (SELECT total(amount) "
    "FROM refund WHERE order_id = o.id), rg.tax_rate, NULL FROM \"order\" o LEFT JOIN region rg "
    "ON rg.id = o.region_id AND rg.deleted_at IS NULL WHERE o.id = ?1 "
    "ORDER BY 1, 13, 14";

int db_order_model(struct ctx *c, const char *id, struct order_model *out)
{
    struct child *adj = NULL, *tax = NULL, *mtax = NULL;
    int na = 0, nt = 0, nmt = 0, rc, found = 0;
    struct db_stmt *st;

    memset(out, 0, sizeof(*out));
    if (!(st = db_prep(c, q_order_model, "s", id)))
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        int kind = db_col_int(st, 0);
        struct child ch = {0};
        if (kind == K_ADJ || kind == K_TAX || kind == K_MTAX) {
            ch.owner = db_col_dup(c, st, 2);
            if (kind == K_ADJ) {
                ch.adj.discount_id = db_col_dup(c, st, 3);
                ch.adj.amount = db_col_double(st, 11);
            } else {
                ch.tax.name = db_col_dup(c, st, 3);
                ch.tax.code = db_col_dup(c, st, 4);
                ch.tax.rate = db_col_double(st, 11);
            }
        }
        switch (kind) {
        case K_LINE:
            out->items = arena_grow(&c->arena, out->items, out->nitems, sizeof(*out->items));
            line_read_model(c, st, &out->items[out->nitems++]);
            break;
        case K_EXTRA:
            out->extra = arena_grow(&c->arena, out->extra, out->nextra, sizeof(*out->extra));
            line_read_model(c, st, &out->extra[out->nextra++]);
            break;
        case K_ADJ:
            adj = arena_grow(&c->arena, adj, na, sizeof(*adj));
            adj[na++] = ch;
            break;
        case K_TAX:
            tax = arena_grow(&c->arena, tax, nt, sizeof(*tax));
            tax[nt++] = ch;
            break;
        case K_MTAX:
            mtax = arena_grow(&c->arena, mtax, nmt, sizeof(*mtax));
            mtax[nmt++] = ch;
            break;
        case K_METHOD: {
            struct method_row *m;
            out->methods =
                arena_grow(&c->arena, out->methods, out->nmethods, sizeof(*out->methods));
            m = &out->methods[out->nmethods++];
            memset(m, 0, sizeof(*m));
            m->id = db_col_dup(c, st, 1);
            m->shipping_option_id = db_col_dup(c, st, 3);
            m->price = db_col_int64(st, 7);
            m->includes_tax = db_col_int(st, 8);
            break;
        }
        case K_DISCOUNT: {
            struct discount_row *d;
            out->discounts =
                arena_grow(&c->arena, out->discounts, out->ndiscounts, sizeof(*out->discounts));
            d = &out->discounts[out->ndiscounts++];
            memset(d, 0, sizeof(*d));
            d->id = db_col_dup(c, st, 1);
            d->code = db_col_dup(c, st, 3);
            d->rule_type = db_col_dup(c, st, 4);
            d->allocation = db_col_dup(c, st, 5);
            d->rule_id = db_col_dup(c, st, 6);
            d->value = db_col_int64(st, 7);
            break;
        }
        case K_GIFT_CARD: {
            struct gift_card_row *g;
            out->gift_cards =
                arena_grow(&c->arena, out->gift_cards, out->ngift_cards, sizeof(*out->gift_cards));
            g = &out->gift_cards[out->ngift_cards++];
            memset(g, 0, sizeof(*g));
            g->id = db_col_dup(c, st, 1);
            g->region_id = db_col_dup(c, st, 3);
            g->ends_at = db_col_dup(c, st, 4);
            g->balance = db_col_int64(st, 7);
            g->has_tax_rate = db_col_int(st, 8);
            g->is_disabled = db_col_int(st, 9);
            g->tax_rate = db_col_double(st, 11);
            break;
        }
        case K_TX: {
            struct gift_card_tx_row *x;
            out->txs = arena_grow(&c->arena, out->txs, out->ntxs, sizeof(*out->txs));
            x = &out->txs[out->ntxs++];
            x->amount = db_col_int64(st, 7);
            x->has_tax_rate = db_col_int(st, 8);
            x->is_taxable = db_col_int(st, 9);
            x->tax_rate = db_col_double(st, 11);
            break;
        }
        case K_HEAD:
            found = 1;
            out->id = db_col_dup(c, st, 1);
            out->has_tax_rate = !db_col_null(st, 3);
            out->tax_rate = db_col_double(st, 3);
            out->paid_total = db_col_int64(st, 7);
            out->region_gift_cards_taxable = db_col_int(st, 8);
            out->refunds_total = db_col_double(st, 11);
            out->region_tax_rate = db_col_double(st, 12);
            break;
        }
    }
    db_reset(st);
    if (rc != DB_DONE)
        return -1;
    if (!found)
        return 1;
    attach(c, out->items, out->nitems, adj, na, tax, nt);
    attach(c, out->extra, out->nextra, adj, na, tax, nt);
    methods_attach(c, out->methods, out->nmethods, mtax, nmt);
    return 0;
}

/* ---- an order edit's lines --------------------------------------------------------------------
 */

static const char q_edit_lines[] =
    "SELECT 0, li.id, NULL, li.variant_id, v.product_id, li.metadata, li.product_id, "
    "li.unit_price, li.quantity, li.should_merge | (li.allow_discounts << 1) | "
    "(li.is_giftcard << 2) | (li.is_return << 3) | (coalesce(li.includes_tax, 0) << 4), "
    "coalesce(li.returned_quantity, 0), NULL, li.created_at, li.id "
    "FROM line_item li LEFT JOIN product_variant v ON v.id = li.variant_id AND "
    "v.deleted_at IS NULL WHERE li.order_edit_id = ?1 "
    "UNION ALL SELECT 1, a.id, a.item_id, a.discount_id, NULL, NULL, NULL, NULL, NULL, NULL, "
    "NULL, a.amount, NULL, a.rowid FROM line_item_adjustment a WHERE a.item_id IN "
    "(SELECT id FROM line_item WHERE order_edit_id = ?1) "
    "UNION ALL SELECT 2, t.id, t.item_id, t.name, t.code, NULL, NULL, NULL, NULL, NULL, NULL, "
    "t.rate, t.created_at, t.id FROM line_item_tax_line t WHERE t.item_id IN "
    "(SELECT id FROM line_item WHERE order_edit_id = ?1) "
    "ORDER BY 1, 13, 14";

int db_edit_lines_model(struct ctx *c, const char *edit_id, struct line_row **out, int *n)
{
    struct child *adj = NULL, *tax = NULL;
    struct line_row *v = NULL;
    int na = 0, nt = 0, k = 0, rc;
    struct db_stmt *st = db_prep(c, q_edit_lines, "s", edit_id);
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        int kind = db_col_int(st, 0);
        struct child ch = {0};
        if (kind == K_LINE) {
            v = arena_grow(&c->arena, v, k, sizeof(*v));
            line_read_model(c, st, &v[k++]);
            continue;
        }
        ch.owner = db_col_dup(c, st, 2);
        if (kind == K_ADJ) {
            ch.adj.discount_id = db_col_dup(c, st, 3);
            ch.adj.amount = db_col_double(st, 11);
            adj = arena_grow(&c->arena, adj, na, sizeof(*adj));
            adj[na++] = ch;
        } else {
            ch.tax.name = db_col_dup(c, st, 3);
            ch.tax.code = db_col_dup(c, st, 4);
            ch.tax.rate = db_col_double(st, 11);
            tax = arena_grow(&c->arena, tax, nt, sizeof(*tax));
            tax[nt++] = ch;
        }
    }
    db_reset(st);
    if (rc != DB_DONE)
        return -1;
    attach(c, v, k, adj, na, tax, nt);
    *out = v;
    *n = k;
    return 0;
}

/* ---- prices -----------------------------------------------------------------------------------
 */

int db_variant_price_rows(struct ctx *c, const char *variant_id, const char *region_id,
                          const char *currency_code, const char *customer_id,
                          struct price_row **out, int *n)
{
    /* The prices PriceSelectionStrategy may choose from (checkout.md §3.2): the variant's own, and
     * those of active price lists in their dates, open to everyone or to a group of the
     * customer's, in the region or its currency. */
    static const char sql[] =
        "SELECT m.id, m.currency_code, m.amount, m.min_quantity, m.max_quantity, "
        "m.price_list_id, m.region_id, l.type "
        "FROM product_variant_money_amount pv JOIN money_amount m ON m.id = pv.money_amount_id "
        "LEFT JOIN price_list l ON l.id = m.price_list_id AND l.deleted_at IS NULL "
        "WHERE pv.variant_id = ?1 AND pv.deleted_at IS NULL AND m.deleted_at IS NULL "
        "AND (m.price_list_id IS NULL OR (l.id IS NOT NULL AND l.status = 'active' "
        "  AND (l.starts_at IS NULL OR l.starts_at <= ?4) AND (l.ends_at IS NULL OR l.ends_at > "
        "?4) "
        "  AND (NOT EXISTS (SELECT 1 FROM price_list_customer_groups g WHERE g.price_list_id = "
        "l.id) "
        "   OR EXISTS (SELECT 1 FROM price_list_customer_groups g JOIN customer_group_customers cc "
        "    ON cc.customer_group_id = g.customer_group_id WHERE g.price_list_id = l.id "
        "    AND cc.customer_id = ?5)))) "
        "AND (CASE WHEN ?2 IS NOT NULL THEN (m.region_id = ?2 OR m.currency_code = ?3) "
        "  WHEN ?3 IS NOT NULL THEN m.currency_code = ?3 ELSE TRUE END) "
        "ORDER BY m.created_at, m.id";
    char now[TIMEFMT_LEN];
    struct price_row *v = NULL;
    int k = 0, rc;
    struct db_stmt *st = db_prep(
        c, sql, "sssss", variant_id, region_id, currency_code,
        timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms()), customer_id);
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, k, sizeof(*v));
        v[k].id = db_col_dup(c, st, 0);
        v[k].currency_code = db_col_dup(c, st, 1);
        v[k].amount = db_col_int64(st, 2);
        v[k].has_min = !db_col_null(st, 3);
        v[k].min_quantity = db_col_int64(st, 3);
        v[k].has_max = !db_col_null(st, 4);
        v[k].max_quantity = db_col_int64(st, 4);
        v[k].price_list_id = db_col_dup(c, st, 5);
        v[k].region_id = db_col_dup(c, st, 6);
        v[k].list_type = db_col_dup(c, st, 7);
        k++;
    }
    db_reset(st);
    *out = v;
    *n = k;
    return rc == DB_DONE ? 0 : -1;
}

/* ---- tax rates ------------------------------------------------------------------------------ */

/* A JSON array text of ids for json_each (values are bound, never spliced). */
static const char *ids_json(struct ctx *c, const char *const *ids, int n)
{
    struct sbuf sb = SBUF_INIT;
    const char *s;
    sbuf_addc(&sb, '[');
    for (int i = 0; i < n; i++) {
        if (i)
            sbuf_addc(&sb, ',');
        sbuf_add_json_str(&sb, ids[i] ? ids[i] : "");
    }
    sbuf_addc(&sb, ']');
    s = arena_strdup(&c->arena, sb.buf);
    sbuf_release(&sb);
    return s;
}

/* Rows (owner, rate, name, code) ordered by owner: one rate_set per owner. */
static int rate_sets(struct ctx *c, struct db_stmt *st, struct rate_set **out, int *nout)
{
    struct rate_set *v = NULL;
    struct tax_line_row *cur = NULL;
    int k = 0, rc;
    *out = NULL;
    *nout = 0;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        const char *owner = db_col_text(st, 0);
        if (!k || strcmp(v[k - 1].owner_id, owner)) {
            v = arena_grow(&c->arena, v, k, sizeof(*v));
            v[k].owner_id = arena_strdup(&c->arena, owner);
            v[k].rates = NULL;
            v[k].n = 0;
            cur = NULL;
            k++;
        }
        cur = arena_grow(&c->arena, cur, v[k - 1].n, sizeof(*cur));
        cur[v[k - 1].n].rate = db_col_double(st, 1);
        cur[v[k - 1].n].name = db_col_dup(c, st, 2);
        cur[v[k - 1].n].code = db_col_dup(c, st, 3);
        v[k - 1].rates = cur;
        v[k - 1].n++;
    }
    db_reset(st);
    *out = v;
    *nout = k;
    return rc == DB_DONE ? 0 : -1;
}

int db_product_rate_sets(struct ctx *c, const char *region_id, const char *const *product_ids,
                         int n, struct rate_set **out, int *nout)
{
    /* A product's own rates and its type's, in the region (rows in tax_rate order). */
    return rate_sets(c,
                     db_prep(c,
                             "SELECT p.id, r.rate, r.name, r.code FROM product p JOIN tax_rate r "
                             "ON r.region_id = ?1 AND (r.id IN (SELECT rate_id FROM "
                             "product_tax_rate WHERE product_id = p.id) OR r.id IN (SELECT "
                             "rate_id FROM product_type_tax_rate WHERE product_type_id = "
                             "p.type_id)) WHERE p.id IN (SELECT value FROM json_each(?2)) "
                             "ORDER BY p.id, r.rowid",
                             "ss", region_id, ids_json(c, product_ids, n)),
                     out, nout);
}

int db_option_rate_sets(struct ctx *c, const char *const *option_ids, int n, struct rate_set **out,
                        int *nout)
{
    return rate_sets(c,
                     db_prep(c,
                             "SELECT s.shipping_option_id, r.rate, r.name, r.code FROM "
                             "shipping_tax_rate s JOIN tax_rate r ON r.id = s.rate_id WHERE "
                             "s.shipping_option_id IN (SELECT value FROM json_each(?1)) "
                             "ORDER BY s.shipping_option_id, s.rate_id",
                             "s", ids_json(c, option_ids, n)),
                     out, nout);
}
