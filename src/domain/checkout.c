/* checkout.c: payment sessions and completion into an order or a swap (checkout.md §10, §11). */
#include "domain/cart.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "core/money.h"
#include "core/timefmt.h"
#include "core/ulid.h"
#include "db/address.h"
#include "db/checkout.h"
#include "db/customer.h"
#include "db/db.h"
#include "db/draft_order.h"
#include "db/entities.h"
#include "db/event.h"
#include "db/graph.h"
#include "db/product.h"
#include "domain/cart_internal.h"
#include "domain/customer.h"
#include "domain/gift_card.h"
#include "domain/metadata.h"
#include "domain/order_totals.h"
#include "domain/pricing.h"
#include "domain/swaps.h"
#include "domain/totals.h"
#include "pay/provider.h"

/* ---- payment sessions (checkout.md §10) --------------------------------------------------- */

/* What a provider keeps in a new session: manual {"status":"pending"}, system {}. */
static const char *provider_data(const char *provider)
{
    return !strcmp(provider, "manual") ? "{\"status\":\"pending\"}" : "{}";
}

int cart_sessions_sync(struct ctx *c, const char *id, int force_taxes)
{
    struct cart_row cart;
    struct session_row *s;
    const char **providers;
    int ns, np, rc, selected = 0;
    int64_t total;
    if (cart_find_open(c, id, &cart) < 0 || cart_total(c, id, force_taxes, &total) < 0 ||
        db_cart_sessions(c, id, &s, &ns) < 0 ||
        db_region_providers(c, cart.region_id, &providers, &np) < 0)
        return -1;
    if (total <= 0)
        return db_cart_sessions_clear(c, id);
    for (int i = 0; i < ns; i++) {
        if ((rc = db_region_has_provider(c, cart.region_id, s[i].provider_id)) < 0)
            return -1;
        if (!rc) {
            if (db_payment_session_delete(c, s[i].id) < 0)
                return -1;
            s[i].id = NULL;
            continue;
        }
        if (s[i].is_selected && s[i].is_initiated) {
            selected = 1;
            rc = db_payment_session_update(c, s[i].id, 1, 1, s[i].status, s[i].data, total);
        } else if (s[i].is_initiated) {
            rc = db_payment_session_update(c, s[i].id, 0, 0, "pending", "{}", total);
        } else {
            selected |= s[i].is_selected;
            rc = db_payment_session_update(c, s[i].id, s[i].is_selected, 0, s[i].status, s[i].data,
                                           total);
        }
        if (rc < 0)
            return -1;
    }
    for (int k = 0; k < np; k++) {
        const struct session_row *have = NULL;
        for (int i = 0; i < ns; i++)
            if (s[i].id && !strcmp(s[i].provider_id, providers[k]))
                have = &s[i];
        if (np == 1 && !selected) {
            /* One provider: its session is created at the provider and selected. */
            rc = have ? db_payment_session_update(c, have->id, 1, 1, "pending",
                                                  provider_data(providers[k]), total)
                      : db_payment_session_insert(c, id, providers[k], 1, 1, "pending",
                                                  provider_data(providers[k]), total);
        } else if (!have) {
            rc = db_payment_session_insert(c, id, providers[k], 0, 0, "pending", "{}", total);
        } else {
            rc = 0;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

int cart_sessions_resync(struct ctx *c, const char *id, int force_taxes)
{
    struct session_row *s;
    int n;
    if (db_cart_sessions(c, id, &s, &n) < 0)
        return -1;
    return n ? cart_sessions_sync(c, id, force_taxes) : 0;
}

int cart_session_select(struct ctx *c, const char *id, const char *provider_id)
{
    struct cart_row cart;
    struct session_row *s, *target = NULL;
    int ns, rc;
    int64_t total;
    if (cart_find_open(c, id, &cart) < 0 || cart_total(c, id, 0, &total) < 0)
        return -1;
    if ((rc = db_region_has_provider(c, cart.region_id, provider_id)) < 0)
        return -1;
    if (!rc && strcmp(provider_id, "system"))
        return err_set(c, ERR_NOT_ALLOWED, "The payment method is not available in this region");
    if (db_cart_sessions(c, id, &s, &ns) < 0)
        return -1;
    for (int i = 0; i < ns; i++) {
        if (!strcmp(s[i].provider_id, provider_id)) {
            target = &s[i];
            continue;
        }
        /* Another provider's session goes back to a local, unselected one. */
        if (db_payment_session_update(c, s[i].id, 0, 0, s[i].status,
                                      s[i].is_selected && s[i].is_initiated ? "{}" : s[i].data,
                                      s[i].amount) < 0)
            return -1;
    }
    if (!target)
        return err_set(c, ERR_UNEXPECTED_STATE, "Could not find payment session");
    return db_payment_session_update(
        c, target->id, 1, 1, target->is_initiated ? target->status : "pending",
        target->is_initiated ? target->data : provider_data(provider_id), total);
}

int cart_session_update(struct ctx *c, const char *id, const char *provider_id, const char *patch)
{
    struct session_row *s;
    int n;
    if (cart_session_select(c, id, provider_id) < 0 || db_cart_sessions(c, id, &s, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(s[i].provider_id, provider_id))
            continue;
        if (strcmp(provider_id, "manual") || !patch)
            return 0;
        return db_payment_session_update(c, s[i].id, s[i].is_selected, s[i].is_initiated,
                                         s[i].status, json_merge_text(&c->arena, s[i].data, patch),
                                         s[i].amount);
    }
    return 0;
}

int cart_session_delete(struct ctx *c, const char *id, const char *provider_id)
{
    struct cart_row cart;
    struct session_row *s;
    int n;
    if (cart_find_open(c, id, &cart) < 0 || db_cart_sessions(c, id, &s, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (!strcmp(s[i].provider_id, provider_id) && db_payment_session_delete(c, s[i].id) < 0)
            return -1;
    return 0;
}

int cart_session_refresh(struct ctx *c, const char *id, const char *provider_id)
{
    struct cart_row cart;
    struct session_row *s;
    int n;
    int64_t total;
    if (cart_find_open(c, id, &cart) < 0 || cart_total(c, id, 0, &total) < 0 ||
        db_cart_sessions(c, id, &s, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(s[i].provider_id, provider_id))
            continue;
        if (s[i].is_selected) {
            /* A fresh session replaces the selected one, unselected (Medusa's quirk). */
            if (db_payment_session_delete(c, s[i].id) < 0 ||
                db_payment_session_insert(c, id, provider_id, 0, 1, "pending",
                                          provider_data(provider_id), total) < 0)
                return -1;
        } else if (db_payment_session_update(c, s[i].id, 0, s[i].is_initiated, s[i].status,
                                             s[i].data, total) < 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- a remote provider's sessions (Stripe): called outside any transaction ---------------- */

/* The selected session of cart id, or NULL (none, or s unreadable: -1 with *rc). */
static const struct session_row *selected_session(struct ctx *c, const char *id, int *rc)
{
    struct session_row *s;
    int n;
    *rc = db_cart_sessions(c, id, &s, &n);
    for (int i = 0; *rc == 0 && i < n; i++)
        if (s[i].is_selected && s[i].is_initiated)
            return &s[i];
    return NULL;
}

/* Cart id, open, with a remote provider's session selected: 1 (cart and *sel filled), 0 when
 * not (completed, none selected, a local provider), -1 error. */
static int remote_selected(struct ctx *c, const char *id, struct cart_row *cart,
                           const struct session_row **sel)
{
    int rc;
    if (cart_find(c, id, cart) < 0)
        return -1;
    if (cart->completed_at)
        return 0;
    *sel = selected_session(c, id, &rc);
    if (rc < 0)
        return -1;
    return *sel && payment_provider_remote((*sel)->provider_id);
}

/* What cart_sessions_provide commits. */
struct provide_write {
    struct ctx *c;
    const char *cart_id, *session_id, *read_data, *customer_id, *customer_meta;
    const struct pp_session_out *out;
    int undo; /* the provider failed: the session goes back to a local, unselected one */
};

static int provide_commit(void *arg)
{
    struct provide_write *w = arg;
    struct ctx *c = w->c;
    struct cart_row cart;
    const struct session_row *now;
    int rc;
    if (cart_find(c, w->cart_id, &cart) < 0)
        return -1;
    now = selected_session(c, w->cart_id, &rc);
    if (rc < 0)
        return -1;
    /* Another request changed the cart's payment meanwhile: its answer stands. */
    if (cart.completed_at || cart.payment_authorized_at || !now || strcmp(now->id, w->session_id) ||
        strcmp(now->data ? now->data : "", w->read_data))
        return w->undo ? 0
                       : err_set(c, ERR_CONFLICT,
                                 "The payment session changed while the payment provider was "
                                 "called; try again");
    if (w->undo)
        return db_payment_session_update(c, now->id, 0, 0, "pending", "{}", now->amount);
    if (w->out->new_stripe_id && w->customer_id) {
        struct customer_update u;
        struct json_object *patch = json_own(&c->arena, json_object_new_object());
        json_set_str(patch, "stripe_id", w->out->new_stripe_id);
        memset(&u, 0, sizeof(u));
        u.metadata = metadata_merge(c, w->customer_meta, patch);
        if (db_customer_update(c, w->customer_id, &u) < 0)
            return -1;
    }
    return db_payment_session_update(c, now->id, 1, 1, w->out->status, w->out->data, now->amount);
}

int cart_sessions_provide(struct ctx *c, const char *id, const char *idem)
{
    struct cart_row cart;
    struct cart_priced p;
    struct customer_row cu;
    const struct session_row *sel;
    struct pp_session_in in;
    struct pp_session_out out;
    struct provide_write w;
    int rc;

    if ((rc = remote_selected(c, id, &cart, &sel)) <= 0)
        return rc;
    if (cart_price(c, id, 1, &p) < 0)
        return -1;
    memset(&in, 0, sizeof(in));
    memset(&w, 0, sizeof(w));
    in.provider_id = sel->provider_id;
    in.amount = p.t.total;
    in.currency = p.m.region.currency_code;
    in.resource_id = id;
    in.email = cart.email;
    in.data = sel->data ? sel->data : "{}";
    in.idem = idem;
    in.description = json_str_member(&c->arena, cart.context, "payment_description");
    if (cart.customer_id && (rc = db_customer_load(c, cart.customer_id, &cu)) < 0)
        return -1;
    if (cart.customer_id && rc == 1) {
        in.customer_stripe_id = json_str_member(&c->arena, cu.metadata, "stripe_id");
        if (!in.email)
            in.email = cu.email;
        w.customer_id = cu.id;
        w.customer_meta = cu.metadata;
    }
    w.c = c;
    w.cart_id = id;
    w.session_id = sel->id;
    w.read_data = in.data;
    w.out = &out;
    if (payment_provider_session(c, &in, &out) < 0) {
        /* Nothing half-done: a session never initiated at the provider is local again. */
        struct err saved = c->err;
        if (payment_provider_ref(c, in.data))
            return -1;
        err_clear(c);
        w.undo = 1;
        if (db_tx(c, provide_commit, &w) < 0)
            return -1;
        c->err = saved;
        return -1;
    }
    if (!out.changed)
        return 0;
    return db_tx(c, provide_commit, &w) < 0 ? -1 : 0;
}

int cart_payment_verdict(struct ctx *c, const char *id, struct payment_verdict *v)
{
    struct cart_row cart;
    const struct session_row *sel;
    int rc;
    memset(v, 0, sizeof(*v));
    if ((rc = remote_selected(c, id, &cart, &sel)) <= 0)
        return rc;
    if (!(v->ref = payment_provider_ref(c, sel->data)))
        return err_set(c, ERR_NOT_ALLOWED, "You cannot complete a cart without a payment session.");
    if (payment_provider_authorize(c, sel->provider_id, sel->data, &v->status, &v->data) < 0)
        return -1;
    v->checked = 1;
    v->session_id = sel->id;
    return 0;
}

/* ---- completion (checkout.md §11) --------------------------------------------------------- */

/* The tax lines shown are the ones kept (stage 1). */
static const struct tax_line_row *rows_of(struct ctx *c, const struct tax_rate_line *t, int n)
{
    struct tax_line_row *v = arena_calloc(&c->arena, sizeof(*v) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        v[i] = (struct tax_line_row){t[i].rate, t[i].name, t[i].code};
    return v;
}

static int tax_lines_keep(struct ctx *c, const struct cart_priced *p)
{
    for (int i = 0; i < p->m.nlines; i++)
        if (p->t.items[i].ntax &&
            db_item_tax_lines_set(c, p->m.lines[i].id,
                                  rows_of(c, p->t.items[i].tax, p->t.items[i].ntax),
                                  p->t.items[i].ntax) < 0)
            return -1;
    for (int i = 0; i < p->m.nmethods; i++)
        if (p->t.methods[i].ntax &&
            db_method_tax_lines_set(c, p->m.methods[i].id,
                                    rows_of(c, p->t.methods[i].tax, p->t.methods[i].ntax),
                                    p->t.methods[i].ntax) < 0)
            return -1;
    return 0;
}

int cart_gift_cards_allocate(const struct gift_card_row *g, int n, int64_t amount,
                             unsigned char *used_flags, struct gift_card_use *out)
{
    static const char never[] = "2100-02-01";
    int k = 0;
    memset(used_flags, 0, (size_t)(n > 0 ? n : 0));
    while (k < n && amount > 0) {
        int best = -1;
        for (int i = 0; i < n; i++) {
            const char *ea, *eb;
            if (used_flags[i])
                continue;
            if (best < 0) {
                best = i;
                continue;
            }
            ea = g[i].ends_at ? g[i].ends_at : never;
            eb = g[best].ends_at ? g[best].ends_at : never;
            if (strcmp(ea, eb) < 0 || (!strcmp(ea, eb) && g[i].balance < g[best].balance))
                best = i;
        }
        used_flags[best] = 1;
        int64_t after = g[best].balance - amount > 0 ? g[best].balance - amount : 0;
        out[k++] = (struct gift_card_use){best, g[best].balance - after, after};
        amount -= g[best].balance - after;
    }
    return k;
}

int cart_gift_card_issues(const struct cart_priced *p, double region_rate,
                          struct gift_card_issue *out)
{
    int k = 0;
    for (int i = 0; i < p->m.nlines; i++) {
        const struct tot_item *t = &p->t.items[i];
        double rate = 0;
        if (!p->m.lines[i].is_giftcard || t->subtotal <= 0 || t->quantity <= 0)
            continue;
        for (int j = 0; j < t->ntax; j++)
            rate += t->tax[j].rate;
        out[k++] = (struct gift_card_issue){i, t->subtotal / t->quantity,
                                            rate == 0 ? region_rate : rate, t->quantity};
    }
    return k;
}

/* Stage 3: every line's inventory, checked before anything is reserved. A swap's return lines
 * come back rather than go out, so they are neither checked nor reserved (Medusa reserves them
 * too, and twice with a positive total); a swap that allows backorders skips the check. */
static int inventory_short(struct ctx *c, const struct line_row *lines, int nl, int skip,
                           struct cart_completion *out)
{
    for (int i = 0; i < nl; i++) {
        struct variant_info v;
        int rc;
        if (!lines[i].variant_id || lines[i].is_return || skip)
            continue;
        if ((rc = db_variant_info(c, lines[i].variant_id, &v)) < 0)
            return -1;
        if (rc == 0 && !cart_inventory_ok(&v, lines[i].quantity)) {
            out->short_variants =
                arena_grow(&c->arena, out->short_variants, out->nshort, sizeof(char *));
            out->short_variants[out->nshort++] = lines[i].variant_id;
        }
    }
    return 0;
}

/* Stage 4's money: gift cards pay what they cover, earliest expiry first (§8.2); gift-card lines
 * become gift cards, one per unit (§8.3). */
static int order_money(struct ctx *c, const struct cart_priced *p, const char *order_id)
{
    const struct cart_model *m = &p->m;
    int n = m->ngift_cards, nl = m->nlines;
    struct gift_card_use *use = arena_calloc(&c->arena, sizeof(*use) * (size_t)(n ? n : 1));
    unsigned char *flags = arena_calloc(&c->arena, (size_t)(n ? n : 1));
    struct gift_card_issue *iss = arena_calloc(&c->arena, sizeof(*iss) * (size_t)(nl ? nl : 1));
    int k = cart_gift_cards_allocate(m->gift_cards, n, p->t.gift_card_total, flags, use);
    for (int i = 0; i < k; i++) {
        const struct gift_card_row *g = &m->gift_cards[use[i].index];
        if (db_gift_card_use(c, g->id, order_id, use[i].balance_after, use[i].used, g->has_tax_rate,
                             g->has_tax_rate ? g->tax_rate : 0) < 0)
            return -1;
    }
    k = cart_gift_card_issues(p, m->region.tax_rate, iss);
    for (int i = 0; i < k; i++)
        for (int64_t u = 0; u < iss[i].count; u++)
            if (db_gift_card_create(c, gift_card_code(c), iss[i].value, m->region.id, order_id,
                                    m->region.gift_cards_taxable, iss[i].rate,
                                    m->lines[iss[i].line].metadata) < 0)
                return -1;
    return 0;
}

/* A remote provider's session (Stripe) completes only on a verdict about its own object: not
 * authorized keeps the cart open with the session's status (Medusa's {type:"cart"}). 1: go on
 * (v->data is the payment's data), 0: out says pending, -1: error. */
static int remote_verdict(struct ctx *c, const struct session_row *sel,
                          const struct payment_verdict *v, struct cart_completion *out)
{
    const char *ref = payment_provider_ref(c, sel->data);
    if (!v || !v->checked || !ref || !v->ref || strcmp(ref, v->ref) ||
        (v->session_id && strcmp(v->session_id, sel->id)))
        return err_set(c, ERR_CONFLICT,
                       "The payment session changed while the cart was being completed; try again");
    if (!strcmp(v->status, "authorized"))
        return 1;
    if (db_payment_session_update(c, sel->id, 1, 1,
                                  !strcmp(v->status, "canceled") ? "canceled" : v->status, v->data,
                                  sel->amount) < 0)
        return -1;
    out->kind = CART_PAYMENT_PENDING;
    out->payment_status = v->status;
    return 0;
}

/* A draft order's cart completes its draft (DraftOrderService.registerCartCompletion), whether
 * the admin's pay or a store client completed it. */
static int draft_registered(struct ctx *c, const struct cart_row *cart, const char *order_id)
{
    const char *draft;
    if (!cart->type || strcmp(cart->type, "draft_order"))
        return 0;
    if (!(draft = db_draft_by_cart(c, cart->id)))
        return c->err.type ? -1 : 0;
    return db_draft_complete(c, draft, order_id);
}

int cart_complete(struct ctx *c, const char *id, const struct payment_verdict *v,
                  struct cart_completion *out)
{
    struct cart_row cart;
    struct cart_priced p;
    struct region_row region;
    struct session_row *s, *sel = NULL;
    struct swap_row swap;
    const char *payment_id = NULL, *order_id;
    char now[TIMEFMT_LEN];
    int ns, is_swap;
    int64_t total;

    memset(out, 0, sizeof(*out));
    timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms());
    if (cart_find(c, id, &cart) < 0)
        return -1;
    /* A swap cart completes into its swap (§11.6). */
    is_swap = cart.type && !strcmp(cart.type, "swap");
    if (is_swap && swap_of_cart(c, id, &swap) < 0)
        return -1;
    out->kind = is_swap ? CART_COMPLETED_SWAP : CART_COMPLETED_ORDER;
    if (cart.completed_at && is_swap) {
        out->id = swap.id;
        return 0;
    }
    if (cart.completed_at) {
        if (!(out->id = db_order_for_cart(c, id)))
            return c->err.type
                       ? -1
                       : err_set(c, ERR_NOT_FOUND, "Order with cart id %s was not found", id);
        return 0;
    }
    if (cart_load_region(c, cart.region_id, &region) < 0)
        return -1;
    /* Limits are checked again and consumed in this transaction (db_discount_count_use below),
     * so concurrent completions cannot all pass. A swap cart's discounts were counted by its
     * order. */
    if (!is_swap && cart_discounts_usable(c, id) < 0)
        return -1;
    if (db_cart_sessions(c, id, &s, &ns) < 0)
        return -1;
    for (int i = 0; i < ns; i++)
        if (s[i].is_selected)
            sel = &s[i];
    /* Stage 1: tax lines are computed and kept. */
    if (cart_price(c, id, 1, &p) < 0)
        return -1;
    total = p.t.total;
    if (total > 0 && sel && payment_provider_remote(sel->provider_id)) {
        int64_t authorized;
        int rc = remote_verdict(c, sel, v, out);
        if (rc <= 0)
            return rc;
        /* The provider authorized an amount: exactly the cart's total, or no order. */
        if (!payment_provider_amount(c, v->data, &authorized) || authorized != total)
            return err_set(c, ERR_NOT_ALLOWED,
                           "The authorized payment does not match the cart total; update the "
                           "payment sessions and pay again");
    }
    if (tax_lines_keep(c, &p) < 0)
        return -1;
    /* Stage 2: the payment. */
    if (total <= 0) {
        if (db_cart_set(c, id, "payment_authorized_at", now) < 0)
            return -1;
    } else if (!sel) {
        return err_set(c, ERR_NOT_ALLOWED, "You cannot complete a cart without a payment session.");
    } else {
        const char *data = payment_provider_remote(sel->provider_id) ? v->data
                           : !strcmp(sel->provider_id, "manual")     ? "{\"status\":\"authorized\"}"
                                                                     : "{}";
        if (db_payment_session_authorize(c, sel->id, now) < 0 ||
            (payment_provider_remote(sel->provider_id) &&
             db_payment_session_update(c, sel->id, 1, 1, "authorized", v->data, sel->amount) < 0) ||
            !(payment_id = db_payment_insert(c, id, total, p.m.region.currency_code,
                                             sel->provider_id, data)) ||
            db_cart_set(c, id, "payment_id", payment_id) < 0 ||
            db_cart_set(c, id, "payment_authorized_at", now) < 0)
            return -1;
    }
    /* Stage 3: inventory; what is short undoes stage 2 and is the answer (409). */
    if (inventory_short(c, p.m.lines, p.m.nlines, is_swap && swap.allow_backorder, out) < 0)
        return -1;
    if (out->nshort) {
        out->kind = CART_SHORT_OF_STOCK;
        if ((payment_id && db_payment_cancel(c, payment_id, now) < 0) ||
            db_cart_set(c, id, "payment_authorized_at", NULL) < 0 ||
            db_cart_tax_lines_drop(c, id) < 0)
            return -1;
        return 0;
    }
    if (is_swap) {
        for (int i = 0; i < p.m.nlines; i++)
            if (p.m.lines[i].variant_id && !p.m.lines[i].is_return &&
                db_variant_reserve(c, p.m.lines[i].variant_id, p.m.lines[i].quantity) < 0)
                return -1;
        if (swap_cart_register(c, &swap, id, total, payment_id, now) < 0)
            return -1;
        out->id = swap.id;
        return 0;
    }
    /* Stage 4: the order. */
    if (!p.m.nlines)
        return err_set(c, ERR_INVALID_DATA, "Cannot create order from empty cart");
    if (!cart.customer_id)
        return err_set(c, ERR_INVALID_DATA,
                       "Cannot create an order from the cart without a customer");
    for (int i = 0; i < p.m.nlines; i++)
        if (p.m.lines[i].variant_id &&
            db_variant_reserve(c, p.m.lines[i].variant_id, p.m.lines[i].quantity) < 0)
            return -1;
    if (!(order_id = db_order_create(c, &cart, p.m.region.currency_code, payment_id)) ||
        order_money(c, &p, order_id) < 0 || db_discount_count_use(c, order_id) < 0 ||
        draft_registered(c, &cart, order_id) < 0 || db_event_id(c, "order.placed", order_id) < 0)
        return -1;
    out->id = order_id;
    return 0;
}
