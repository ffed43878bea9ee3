/* cart_view.c: the cart answer (cart_view.h; checkout.md §1.5, §1.6, §5). The money is the priced
 * cart's; this file only writes it, once, into the shape the client selected. */
#include "front/cart_view.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/db.h"
#include "db/graph.h"
#include "core/sbuf.h"
#include "domain/cart.h"

static const char *const default_relations[] = {"gift_cards",
                                                "region",
                                                "items",
                                                "items.variant",
                                                "items.adjustments",
                                                "payment",
                                                "shipping_address",
                                                "billing_address",
                                                "region.countries",
                                                "region.payment_providers",
                                                "shipping_methods",
                                                "payment_sessions",
                                                "shipping_methods.shipping_option",
                                                "discounts",
                                                "discounts.rule",
                                                "sales_channel",
                                                NULL};
/* Medusa's totals relations: loaded on every cart answer, whatever `expand` says. */
static const char *const totals_relations[] = {"items.variant.product.profiles",
                                               "items.tax_lines",
                                               "items.adjustments",
                                               "gift_cards",
                                               "discounts",
                                               "discounts.rule",
                                               "shipping_methods",
                                               "shipping_methods.tax_lines",
                                               "shipping_address",
                                               "region",
                                               "region.tax_rates",
                                               NULL};

/* ---- the answer written from rows (db/graph.c's row loader), once ---------------------------- */

static void tax_lines_text(struct sbuf *out, const struct tax_rate_line *t, int n,
                           const char *owner_key, const char *owner_id)
{
    sbuf_addc(out, '[');
    for (int i = 0; i < n; i++) {
        if (i)
            sbuf_addc(out, ',');
        sbuf_adds(out, "{\"rate\":");
        sbuf_add_json_num(out, t[i].rate);
        sbuf_member_str(out, "name", t[i].name);
        sbuf_member_str(out, "code", t[i].code);
        sbuf_member_str(out, owner_key, owner_id);
        sbuf_addc(out, '}');
    }
    sbuf_addc(out, ']');
}

struct view {
    const struct cart_priced *p;
    int cursor[2];       /* per lines (0) and methods (1): the index of the node last found */
    int sessions_loaded; /* the answer has payment_sessions, so payment_session too */
};

/* The model index of the line (or method) whose id is the node's, or -1. */
static int model_index(struct view *v, const struct gnode *node, int methods)
{
    const char *id = gnode_text(node, "id");
    int n = methods ? v->p->m.nmethods : v->p->m.nlines;
    if (!id)
        return -1;
    for (int k = 0; k < n; k++) {
        int i = (v->cursor[methods] + k) % n;
        const char *mid = methods ? v->p->m.methods[i].id : v->p->m.lines[i].id;
        if (mid && !strcmp(mid, id)) {
            v->cursor[methods] = i; /* the hooks of one node ask again, then the next */
            return i;
        }
    }
    return -1;
}

static int item_rel(void *arg, const struct gnode *node, const char *name, struct sbuf *out)
{
    struct view *v = arg;
    int i;
    if (strcmp(name, "tax_lines") || (i = model_index(v, node, 0)) < 0 || !v->p->item_taxed[i])
        return GHOOK_LOADED;
    tax_lines_text(out, v->p->t.items[i].tax, v->p->t.items[i].ntax, "item_id",
                   v->p->m.lines[i].id);
    return GHOOK_WRITTEN;
}

/* includes_tax shows only where tax-inclusive pricing is in use (Medusa's feature flag). */
static int item_skip(void *arg, const struct gnode *node, const char *col)
{
    struct view *v = arg;
    int i;
    if (strcmp(col, "includes_tax") || (i = model_index(v, node, 0)) < 0)
        return 0;
    return !v->p->t.items[i].includes_tax;
}

static void item_tail(void *arg, const struct gnode *node, struct sbuf *out)
{
    struct view *v = arg;
    int i = model_index(v, node, 0);
    const struct tot_item *t;
    if (i < 0)
        return;
    t = &v->p->t.items[i];
    sbuf_member_int(out, "subtotal", t->subtotal);
    sbuf_member_int(out, "discount_total", t->discount_total);
    sbuf_member_int(out, "tax_total", t->tax_total);
    sbuf_member_int(out, "total", t->total);
    sbuf_member_int(out, "original_total", t->original_total);
    sbuf_member_int(out, "original_tax_total", t->original_tax_total);
    sbuf_adds(out, ",\"raw_discount_total\":");
    sbuf_add_json_num(out, t->raw_discount_total);
}

static int method_rel(void *arg, const struct gnode *node, const char *name, struct sbuf *out)
{
    struct view *v = arg;
    int i;
    if (strcmp(name, "tax_lines") || !v->p->methods_taxed || (i = model_index(v, node, 1)) < 0)
        return GHOOK_LOADED;
    tax_lines_text(out, v->p->t.methods[i].tax, v->p->t.methods[i].ntax, "shipping_method_id",
                   v->p->m.methods[i].id);
    return GHOOK_WRITTEN;
}

static int method_skip(void *arg, const struct gnode *node, const char *col)
{
    struct view *v = arg;
    int i;
    if (strcmp(col, "includes_tax") || (i = model_index(v, node, 1)) < 0)
        return 0;
    return !v->p->t.methods[i].includes_tax;
}

static void method_tail(void *arg, const struct gnode *node, struct sbuf *out)
{
    struct view *v = arg;
    int i = model_index(v, node, 1);
    const struct tot_method *t;
    if (i < 0)
        return;
    t = &v->p->t.methods[i];
    sbuf_member_int(out, "subtotal", t->subtotal);
    sbuf_member_int(out, "tax_total", t->tax_total);
    sbuf_member_int(out, "total", t->total);
    sbuf_member_int(out, "original_total", t->original_total);
    sbuf_member_int(out, "original_tax_total", t->original_tax_total);
}

static void cart_tail(void *arg, const struct gnode *node, struct sbuf *out)
{
    struct view *v = arg;
    const struct tot_cart *t = &v->p->t;
    struct gnode **sessions;
    int n;
    sbuf_member_int(out, "subtotal", t->subtotal);
    sbuf_member_int(out, "discount_total", t->discount_total);
    sbuf_member_int(out, "item_tax_total", t->item_tax_total);
    sbuf_member_int(out, "shipping_total", t->shipping_total);
    sbuf_member_int(out, "shipping_tax_total", t->shipping_tax_total);
    sbuf_member_int(out, "tax_total", t->tax_total);
    sbuf_member_int(out, "gift_card_total", t->gift_card_total);
    sbuf_member_int(out, "gift_card_tax_total", t->gift_card_tax_total);
    sbuf_member_int(out, "total", t->total);
    /* payment_session: the selected one (the last selected, as the sessions come), or null;
     * only when the sessions are loaded. */
    if (!v->sessions_loaded)
        return;
    sessions = gnode_rel(node, "payment_sessions", &n);
    sbuf_adds(out, ",\"payment_session\":");
    for (int i = n - 1; i >= 0; i--)
        if (gnode_true(sessions[i], "is_selected")) {
            gnode_write(out, sessions[i], NULL);
            return;
        }
    sbuf_add(out, "null", 4);
}

struct view_args {
    struct ctx *c;
    const char *id;
    const char *const *relations, *const *fields;
    int force_taxes;
    struct sbuf *out;
};

static int view_read(void *arg)
{
    struct view_args *a = arg;
    struct ctx *c = a->c;
    struct gsel *sel =
        gsel_build(c, &ent_cart, a->fields, a->relations ? a->relations : default_relations);
    struct cart_priced p;
    struct view v = {&p, {0, 0}, 0};
    struct gnode **rows;
    struct gquery q;
    struct listf f;
    int n;
    if (cart_price(c, a->id, a->force_taxes, &p) < 0)
        return -1;
    for (const char *const *r = totals_relations; *r; r++)
        gsel_add_rel(c, sel, *r);
    gsel_add_col(c, sel, "region_id");
    gsel_add_col(c, gsel_rel(sel, "items"), "includes_tax");
    gsel_add_col(c, gsel_rel(sel, "shipping_methods"), "includes_tax");
    memset(&f, 0, sizeof(f));
    f.id = a->id;
    f.limit = 1;
    if (gq_list(c, &q, &ent_cart, sel, &f) < 0 || gq_run_nodes(c, &q, &rows, &n) < 0)
        return -1;
    if (!n)
        return err_set(c, ERR_NOT_FOUND, "Cart with %s was not found", a->id);
    v.sessions_loaded = gsel_has_rel(sel, "payment_sessions");
    {
        struct ghook methods = {
            gsel_rel(sel, "shipping_methods"), method_rel, method_tail, &v, method_skip, NULL};
        struct ghook items = {gsel_rel(sel, "items"), item_rel, item_tail, &v, item_skip, &methods};
        struct ghook root = {sel, NULL, cart_tail, &v, NULL, &items};
        gnode_write(a->out, rows[0], &root);
    }
    return 0;
}

int cart_view_text(struct ctx *c, const char *id, const char *const *relations,
                   const char *const *fields, int force_taxes, struct sbuf *out)
{
    struct view_args a = {c, id, relations, fields, force_taxes, out};
    /* The answer reads one snapshot: the priced model and the shape agree, and SQLite locks
     * once. */
    return db_read(c, view_read, &a);
}

struct json_object *cart_view_json(struct ctx *c, const char *id, const char *const *relations,
                                   const char *const *fields, int force_taxes)
{
    struct sbuf b = SBUF_INIT;
    struct json_object *o = NULL;
    if (cart_view_text(c, id, relations, fields, force_taxes, &b) == 0 &&
        !(o = json_tokener_parse(b.buf)))
        err_set(c, ERR_UNKNOWN, "cart answer is not JSON");
    sbuf_release(&b);
    return o ? json_own(&c->arena, o) : NULL;
}
