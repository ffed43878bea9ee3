/* checkout.c: payment sessions and completion into an order or a swap (checkout.md §10, §11). */
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

int cart_session_update(struct ctx *c, const char *id, const char *provider_id,
                        struct json_object *data)
{
    struct session_row *s;
    int n;
    if (cart_session_select(c, id, provider_id) < 0 || db_cart_sessions(c, id, &s, &n) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(s[i].provider_id, provider_id))
            continue;
        /* The manual provider merges the nested data.data (Medusa's quirk); system changes nothing.
         */
        struct json_object *inner = json_get(data, "data");
        if (strcmp(provider_id, "manual") || !inner ||
            !json_object_is_type(inner, json_type_object))
            return 0;
        struct json_object *cur =
            json_own(&c->arena, json_tokener_parse(s[i].data ? s[i].data : "{}"));
        if (!cur || !json_object_is_type(cur, json_type_object))
            cur = json_own(&c->arena, json_object_new_object());
        json_object_object_foreach(inner, k, v) json_set(cur, k, json_share(v));
        return db_payment_session_update(c, s[i].id, s[i].is_selected, s[i].is_initiated,
                                         s[i].status, json_text(cur, NULL), s[i].amount);
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

/* ---- orders ------------------------------------------------------------------------------- */

static const char *const order_totals_relations[] = {
    "items.tax_lines", "items.adjustments",
    "gift_cards",      "gift_card_transactions",
    "refunds",         "shipping_methods.tax_lines",
    "region",          "payments",
    "discounts.rule",  NULL};

struct json_object *order_view_full(struct ctx *c, const char *id, const char *const *relations)
{
    struct gquery q;
    struct listf f;
    struct gsel *sel = gsel_build(c, &ent_order, NULL, relations);
    struct json_object *rows, *o;
    for (const char *const *r = order_totals_relations; *r; r++)
        gsel_add_rel(c, sel, *r);
    gsel_add_col(c, sel, "region_id");
    gsel_add_col(c, gsel_rel(sel, "items"), "includes_tax");
    if (gsel_rel(sel, "shipping_methods"))
        gsel_add_col(c, gsel_rel(sel, "shipping_methods"), "includes_tax");
    memset(&f, 0, sizeof(f));
    f.id = id;
    f.limit = 1;
    if (gq_list(c, &q, &ent_order, sel, &f) < 0 || !(rows = gq_run_json(c, &q)))
        return NULL;
    if (!len(rows)) {
        err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", id);
        return NULL;
    }
    o = at(rows, 0);
    order_totals_decorate(o);
    return o;
}

/* ---- completion (checkout.md §11) --------------------------------------------------------- */

static int answer(struct ctx *c, int status, struct json_object *body, int *out_status,
                  const char **out_body)
{
    *out_status = status;
    *out_body = arena_strdup(&c->arena, json_text(body, NULL));
    return 0;
}

static int answer_order(struct ctx *c, const char *order_id, int *status, const char **body)
{
    static const char *const rels[] = {"shipping_address", "items", "payments", NULL};
    struct json_object *o = order_view_full(c, order_id, rels), *b;
    if (!o)
        return -1;
    b = json_own(&c->arena, json_object_new_object());
    json_set(b, "data", json_share(o));
    json_set_str(b, "type", "order");
    return answer(c, 200, b, status, body);
}

static int answer_swap(struct ctx *c, const char *swap_id, int *status, const char **body)
{
    if (!(*body = swap_completion_answer(c, swap_id)))
        return -1;
    *status = 200;
    return 0;
}

int cart_complete(struct ctx *c, const char *id, int *status, const char **body)
{
    struct cart_row cart;
    struct region_row region;
    struct session_row *s, *sel = NULL;
    struct line_row *lines;
    struct json_object *view;
    struct swap_row swap;
    const char *payment_id = NULL, *order_id;
    char now[TIMEFMT_LEN];
    int ns, nl, is_swap;
    int64_t total;

    timefmt_iso(now, sizeof(now), c->now_ms ? c->now_ms : timefmt_now_ms());
    if (cart_find(c, id, &cart) < 0)
        return -1;
    /* A swap cart completes into its swap (§11.6). */
    is_swap = cart.type && !strcmp(cart.type, "swap");
    if (is_swap && swap_of_cart(c, id, &swap) < 0)
        return -1;
    if (cart.completed_at && is_swap)
        return answer_swap(c, swap.id, status, body);
    if (cart.completed_at) {
        if (!(order_id = db_order_for_cart(c, id)))
            return c->err.type
                       ? -1
                       : err_set(c, ERR_NOT_FOUND, "Order with cart id %s was not found", id);
        return answer_order(c, order_id, status, body);
    }
    if (cart_load_region(c, cart.region_id, &region) < 0)
        return -1;
    /* Limits are checked again and consumed in this transaction (db_discount_count_use below),
     * so concurrent completions cannot all pass. A swap cart's discounts were counted by its
     * order. */
    if (!is_swap && cart_discounts_usable(c, id) < 0)
        return -1;
    /* Stage 1: tax lines are computed and kept. */
    if (!(view = cart_view(c, id, NULL, NULL, 1)) || db_cart_tax_lines_persist(c, id, view) < 0)
        return -1;
    total = num(view, "total");
    /* Stage 2: the payment. */
    if (db_cart_sessions(c, id, &s, &ns) < 0)
        return -1;
    for (int i = 0; i < ns; i++)
        if (s[i].is_selected)
            sel = &s[i];
    if (total <= 0) {
        if (db_cart_set(c, id, "payment_authorized_at", now) < 0)
            return -1;
    } else if (!sel) {
        return err_set(c, ERR_NOT_ALLOWED, "You cannot complete a cart without a payment session.");
    } else {
        const char *data =
            !strcmp(sel->provider_id, "manual") ? "{\"status\":\"authorized\"}" : "{}";
        if (db_payment_session_authorize(c, sel->id, now) < 0 ||
            !(payment_id =
                  db_payment_insert(c, id, total, region.currency_code, sel->provider_id, data)) ||
            db_cart_set(c, id, "payment_id", payment_id) < 0 ||
            db_cart_set(c, id, "payment_authorized_at", now) < 0)
            return -1;
    }
    /* Stage 3: inventory, checked for every line before anything is reserved. A swap's return
     * lines come back rather than go out, so they are neither checked nor reserved (Medusa
     * reserves them too, and twice with a positive total); a swap that allows backorders skips
     * the check. */
    if (db_cart_lines(c, id, &lines, &nl) < 0)
        return -1;
    struct json_object *errors = json_own(&c->arena, json_object_new_array());
    for (int i = 0; i < nl; i++) {
        struct variant_info v;
        int rc;
        if (!lines[i].variant_id || lines[i].is_return || (is_swap && swap.allow_backorder))
            continue;
        if ((rc = db_variant_info(c, lines[i].variant_id, &v)) < 0)
            return -1;
        if (rc == 0 && !cart_inventory_ok(&v, lines[i].quantity)) {
            struct json_object *e = json_object_new_object();
            json_set_str(e, "message",
                         arena_printf(&c->arena,
                                      "Variant with id: %s does not have the "
                                      "required inventory",
                                      lines[i].variant_id));
            json_set_str(e, "type", "not_allowed");
            json_set_str(e, "code", "insufficient_inventory");
            json_object_array_add(errors, e);
        }
    }
    if (len(errors)) {
        struct json_object *b = json_own(&c->arena, json_object_new_object());
        if ((payment_id && db_payment_cancel(c, payment_id, now) < 0) ||
            db_cart_set(c, id, "payment_authorized_at", NULL) < 0 ||
            db_cart_tax_lines_drop(c, id) < 0)
            return -1;
        json_set(b, "errors", json_share(errors));
        return answer(c, 409, b, status, body);
    }
    if (is_swap) {
        for (int i = 0; i < nl; i++)
            if (lines[i].variant_id && !lines[i].is_return &&
                db_variant_reserve(c, lines[i].variant_id, lines[i].quantity) < 0)
                return -1;
        if (swap_cart_register(c, &swap, id, total, payment_id, now) < 0)
            return -1;
        return answer_swap(c, swap.id, status, body);
    }
    /* Stage 4: the order. */
    if (!nl)
        return err_set(c, ERR_INVALID_DATA, "Cannot create order from empty cart");
    if (!cart.customer_id)
        return err_set(c, ERR_INVALID_DATA,
                       "Cannot create an order from the cart without a customer");
    for (int i = 0; i < nl; i++)
        if (lines[i].variant_id &&
            db_variant_reserve(c, lines[i].variant_id, lines[i].quantity) < 0)
            return -1;
    if (!(order_id = db_order_create(c, &cart, region.currency_code, payment_id)))
        return -1;
    /* Gift cards pay what they cover, earliest expiry first (§8.2). */
    {
        struct json_object *gcs = json_get(view, "gift_cards");
        int64_t remaining = num(view, "gift_card_total");
        size_t n = len(gcs);
        int *used = arena_calloc(&c->arena, sizeof(int) * (n ? n : 1));
        for (size_t k = 0; k < n && remaining > 0; k++) {
            size_t best = n;
            for (size_t i = 0; i < n; i++) {
                if (used[i])
                    continue;
                const char *ea = str(at(gcs, i), "ends_at"),
                           *eb = best < n ? str(at(gcs, best), "ends_at") : NULL;
                if (best == n || strcmp(ea ? ea : "2100-02-01", eb ? eb : "2100-02-01") < 0 ||
                    (!strcmp(ea ? ea : "2100-02-01", eb ? eb : "2100-02-01") &&
                     num(at(gcs, i), "balance") < num(at(gcs, best), "balance")))
                    best = i;
            }
            used[best] = 1;
            struct json_object *g = at(gcs, best), *tr = json_get(g, "tax_rate");
            int64_t bal = num(g, "balance"), nb = bal - remaining > 0 ? bal - remaining : 0;
            int has_rate = tr && !json_object_is_type(tr, json_type_null);
            if (db_gift_card_use(c, str(g, "id"), order_id, nb, bal - nb, has_rate,
                                 has_rate ? json_object_get_double(tr) : 0) < 0)
                return -1;
            remaining -= bal - nb;
        }
    }
    /* Gift-card lines become gift cards: one per unit (§8.3). */
    {
        struct json_object *items = json_get(view, "items");
        for (size_t i = 0; i < len(items); i++) {
            struct json_object *it = at(items, i), *tl = json_get(it, "tax_lines");
            int64_t q = num(it, "quantity"), sub = num(it, "subtotal");
            double rate = 0;
            if (!flag(it, "is_giftcard") || sub <= 0 || q <= 0)
                continue;
            for (size_t k = 0; k < len(tl); k++)
                rate += dnum(at(tl, k), "rate");
            if (rate == 0)
                rate = region.tax_rate;
            for (int64_t u = 0; u < q; u++) {
                struct json_object *m = json_get(it, "metadata");
                if (db_gift_card_create(c, gift_card_code(c), sub / q, region.id, order_id,
                                        region.gift_cards_taxable, rate,
                                        m ? json_text(m, NULL) : NULL) < 0)
                    return -1;
            }
        }
    }
    if (db_discount_count_use(c, order_id) < 0 ||
        db_event(c, "order.placed", arena_printf(&c->arena, "{\"id\":\"%s\"}", order_id)) < 0)
        return -1;
    return answer_order(c, order_id, status, body);
}
