/* order_view.c: the store's order view (order_view.h; store.md §4.1, §4.2, §1.5). */
#include "front/order_view.h"

#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
#include "core/strv.h"
#include "db/db.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/order.h"
#include "domain/order_totals.h"
#include "http/req.h"
#include "http/resp.h"

const char *const order_default_fields[] = {
    "id",          "status", "fulfillment_status", "payment_status", "display_id", "cart_id",
    "customer_id", "email",  "region_id",          "currency_code",  "tax_rate",   "created_at",
    NULL,
};

const char *const order_allowed_fields[] = {
    "id",
    "status",
    "fulfillment_status",
    "payment_status",
    "display_id",
    "cart_id",
    "customer_id",
    "email",
    "region_id",
    "currency_code",
    "tax_rate",
    "created_at",
    "object",
    "shipping_total",
    "discount_total",
    "tax_total",
    "refunded_total",
    "total",
    "subtotal",
    "paid_total",
    "refundable_amount",
    "gift_card_total",
    "gift_card_tax_total",
    "items.refundable",
    NULL,
};

const char *const order_default_relations[] = {
    "shipping_address",
    "fulfillments",
    "fulfillments.tracking_links",
    "items",
    "items.variant",
    "shipping_methods",
    "shipping_methods.shipping_option",
    "discounts",
    "discounts.rule",
    "customer",
    "payments",
    "region",
    NULL,
};

const char *const order_allowed_relations[] = {
    "shipping_address",
    "fulfillments",
    "fulfillments.tracking_links",
    "items",
    "items.variant",
    "shipping_methods",
    "shipping_methods.shipping_option",
    "discounts",
    "discounts.rule",
    "customer",
    "payments",
    "region",
    "billing_address",
    NULL,
};

/* OrderService.getTotalsRelations: loaded on every read, whatever `expand` says. */
static const char *const totals_relations[] = {
    "items",
    "items.tax_lines",
    "items.adjustments",
    "items.variant",
    "swaps",
    "swaps.additional_items",
    "swaps.additional_items.tax_lines",
    "swaps.additional_items.adjustments",
    "claims",
    "claims.additional_items",
    "claims.additional_items.tax_lines",
    "claims.additional_items.adjustments",
    "discounts",
    "discounts.rule",
    "gift_cards",
    "gift_card_transactions",
    "refunds",
    "shipping_methods",
    "shipping_methods.tax_lines",
    "region",
    "payments",
    NULL,
};

/* Kept by cleanResponseData whatever the query (INCLUDED_FIELDS). */
static const char *const totals_keys[] = {
    "shipping_total",
    "discount_total",
    "tax_total",
    "refunded_total",
    "total",
    "subtotal",
    "paid_total",
    "refundable_amount",
    "gift_card_total",
    "gift_card_tax_total",
    "item_tax_total",
    "shipping_tax_total",
    "refundable",
    "original_total",
    "original_tax_total",
    NULL,
};

struct gsel *order_view_select(struct req *r, const struct listq *lq)
{
    struct gsel *sel = gsel_build(&r->c, &ent_order, lq->fields, lq->relations);
    for (const char *const *t = totals_relations; *t; t++)
        gsel_add_rel(&r->c, sel, *t);
    /* `object` is a class property of Medusa's Order, and totals need tax_rate. */
    gsel_add_col(&r->c, sel, "object");
    if (lq->fields_given)
        gsel_add_col(&r->c, sel, "tax_rate");
    /* returnable_items (the admin routes' includes) lists items the dashboard shows with their
     * product's title: Medusa loads items.variant.product whenever totals are selected. */
    if (listq_has_relation(lq, "returnable_items"))
        gsel_add_rel(&r->c, sel, "items.variant.product");
    /* Tax-inclusive lines and methods total differently (checkout.md §5.2, §5.3). */
    gsel_add_col(&r->c, gsel_rel(sel, "items"), "includes_tax");
    if (gsel_rel(sel, "shipping_methods"))
        gsel_add_col(&r->c, gsel_rel(sel, "shipping_methods"), "includes_tax");
    return sel;
}

/* ---- the answer written from rows (db/graph.c's row loader), once ---------------------------- */

/* 1 if key is a listed entry or the first part of a dotted one (pickDeep's partial match). */
static int picked(const char *const *list, const char *key)
{
    size_t n = strlen(key);
    for (; list && *list; list++)
        if (!strcmp(*list, key) || (!strncmp(*list, key, n) && (*list)[n] == '.'))
            return 1;
    return 0;
}

enum { LINES, METHODS, EXTRA };

struct oview {
    const struct order_shape *s;
    const char *const *fields, *const *rels; /* cleanResponseData's lists, when subsetting */
    const struct gsel *methods_sel;
    int has_model; /* the order's model and totals below are loaded */
    struct order_model m;
    struct order_totals t;
    int cursor[3];             /* per LINES, METHODS, EXTRA: the index of the node last found */
    const struct ghook *lines; /* the hooks of the lines, for returnable_items */
};

/* The model index of the item, method or extra item whose id is the node's, or -1. */
static int model_index(struct oview *v, const struct gnode *node, int kind)
{
    const char *id = gnode_text(node, "id");
    int n = kind == LINES ? v->m.nitems : kind == METHODS ? v->m.nmethods : v->m.nextra;
    if (!v->has_model || !id)
        return -1;
    for (int k = 0; k < n; k++) {
        int i = (v->cursor[kind] + k) % n;
        const char *mid = kind == LINES     ? v->m.items[i].id
                          : kind == METHODS ? v->m.methods[i].id
                                            : v->m.extra[i].id;
        if (mid && !strcmp(mid, id)) {
            v->cursor[kind] = i; /* the hooks of one node ask again, then the next */
            return i;
        }
    }
    return -1;
}

static void item_tail(void *arg, const struct gnode *node, struct sbuf *out)
{
    struct oview *v = arg;
    int i = model_index(v, node, LINES);
    const struct ot_item_totals *t;
    if (i < 0)
        return;
    t = &v->t.items[i];
    sbuf_member_int(out, "subtotal", t->subtotal);
    sbuf_member_int(out, "discount_total", t->discount_total);
    sbuf_member_int(out, "total", t->total);
    sbuf_member_int(out, "original_total", t->original_total);
    sbuf_member_int(out, "original_tax_total", t->original_tax_total);
    sbuf_member_int(out, "tax_total", t->tax_total);
    sbuf_adds(out, ",\"raw_discount_total\":");
    sbuf_add_json_num(out, t->raw_discount_total);
    sbuf_member_int(out, "refundable", v->t.refundable[i]);
}

static void method_tail(void *arg, const struct gnode *node, struct sbuf *out)
{
    struct oview *v = arg;
    int i = model_index(v, node, METHODS);
    const struct ot_method_totals *t;
    if (i < 0)
        return;
    t = &v->t.methods[i];
    if (!gsel_has_col(v->methods_sel, "price"))
        sbuf_member_int(out, "price", t->price);
    sbuf_member_int(out, "original_total", t->original_total);
    sbuf_member_int(out, "total", t->total);
    sbuf_member_int(out, "subtotal", t->subtotal);
    sbuf_member_int(out, "original_tax_total", t->original_tax_total);
    sbuf_member_int(out, "tax_total", t->tax_total);
}

/* The additional items of swaps and claims: quantity is what was not returned. */
static int extra_skip(void *arg, const struct gnode *node, const char *col)
{
    return !strcmp(col, "quantity") && model_index(arg, node, EXTRA) >= 0;
}

static void extra_tail(void *arg, const struct gnode *node, struct sbuf *out)
{
    struct oview *v = arg;
    int i = model_index(v, node, EXTRA);
    if (i < 0)
        return;
    sbuf_member_int(out, "quantity", v->t.extra_quantity[i]);
    sbuf_member_int(out, "refundable", v->t.extra_refundable[i]);
}

/* cleanResponseData: a top-level key stays when the query selected it or the endpoint allows it,
 * or it is a total. */
static int kept(const struct oview *v, const char *key)
{
    return !v->s->lq || picked(v->fields, key) || picked(v->rels, key) ||
           strv_has(totals_keys, key);
}

static int order_skip(void *arg, const struct gnode *node, const char *col)
{
    (void)node;
    return !kept(arg, col);
}

static int order_rel(void *arg, const struct gnode *node, const char *name, struct sbuf *out)
{
    (void)node;
    (void)out;
    return kept(arg, name) ? GHOOK_LOADED : GHOOK_DROP;
}

/* Appends the lines of nodes with units shipped and not returned (retrieveWithTotals'
 * returnable_items), as the answer writes them. */
static void returnable_of(struct sbuf *out, struct gnode **nodes, int n, const struct ghook *h,
                          int *first)
{
    for (int i = 0; i < n; i++) {
        int64_t shipped = 0, returned = 0;
        gnode_int(nodes[i], "shipped_quantity", &shipped);
        gnode_int(nodes[i], "returned_quantity", &returned);
        if (returned >= shipped)
            continue;
        if (!*first)
            sbuf_addc(out, ',');
        *first = 0;
        gnode_write(out, nodes[i], h);
    }
}

static void order_tail(void *arg, const struct gnode *node, struct sbuf *out)
{
    struct oview *v = arg;
    const struct order_totals *t = &v->t;
    static const char *const parents[] = {"swaps", "claims", NULL};
    struct gnode **kids;
    int n, first = 1;
    if (v->has_model) {
        sbuf_member_int(out, "subtotal", t->subtotal);
        sbuf_member_int(out, "discount_total", t->discount_total);
        if (v->s->raw_discount_total) {
            sbuf_adds(out, ",\"raw_discount_total\":");
            sbuf_add_json_num(out, t->raw_discount_total);
        }
        sbuf_member_int(out, "shipping_total", t->shipping_total);
        sbuf_member_int(out, "item_tax_total", t->item_tax_total);
        sbuf_member_int(out, "shipping_tax_total", t->shipping_tax_total);
        sbuf_member_int(out, "tax_total", t->tax_total);
        sbuf_member_int(out, "gift_card_total", t->gift_card_total);
        sbuf_member_int(out, "gift_card_tax_total", t->gift_card_tax_total);
        sbuf_member_int(out, "total", t->total);
        sbuf_member_int(out, "paid_total", t->paid_total);
        sbuf_member_int(out, "refunded_total", t->refunded_total);
        sbuf_member_int(out, "refundable_amount", t->refundable_amount);
    }
    if (!v->s->returnable)
        return;
    sbuf_adds(out, ",\"returnable_items\":[");
    kids = gnode_rel(node, "items", &n);
    returnable_of(out, kids, n, v->lines, &first);
    for (const char *const *p = parents; *p; p++) {
        struct gnode **parent = gnode_rel(node, *p, &n);
        for (int k = 0; k < n; k++) {
            int m;
            kids = gnode_rel(parent[k], "additional_items", &m);
            returnable_of(out, kids, m, v->lines, &first);
        }
    }
    sbuf_addc(out, ']');
}

struct text_args {
    struct ctx *c;
    const struct gquery *q;
    const struct order_shape *s;
    struct sbuf *out;
    int *n;
};

static int text_read(void *arg)
{
    struct text_args *a = arg;
    const struct gsel *sel = a->q->sel, *swaps = gsel_rel(sel, "swaps"),
                      *claims = gsel_rel(sel, "claims");
    struct oview v;
    struct gnode **rows;
    int n = 0;
    memset(&v, 0, sizeof(v));
    v.s = a->s;
    v.methods_sel = gsel_rel(sel, "shipping_methods");
    if (a->s->lq) {
        v.fields = a->s->lq->fields_given ? a->s->lq->fields : a->s->spec->allowed_fields;
        v.rels = a->s->lq->expand_given ? a->s->lq->relations : a->s->spec->allowed_relations;
    }
    if (gq_run_nodes(a->c, a->q, &rows, &n) < 0)
        return -1;
    struct ghook claim_extra = {claims ? gsel_rel(claims, "additional_items") : NULL,
                                NULL,
                                extra_tail,
                                &v,
                                extra_skip,
                                NULL};
    struct ghook swap_extra = {swaps ? gsel_rel(swaps, "additional_items") : NULL,
                               NULL,
                               extra_tail,
                               &v,
                               extra_skip,
                               &claim_extra};
    struct ghook methods = {v.methods_sel, NULL, method_tail, &v, NULL, &swap_extra};
    struct ghook items = {gsel_rel(sel, "items"), NULL, item_tail, &v, NULL, &methods};
    struct ghook root = {sel, order_rel, order_tail, &v, order_skip, &items};
    v.lines = &items;
    for (int i = 0; i < n; i++) {
        const char *id = gnode_text(rows[i], "id");
        int rc = id ? db_order_model(a->c, id, &v.m) : 1;
        if (rc < 0)
            return -1;
        v.has_model = !rc;
        if (v.has_model)
            order_totals_compute(&a->c->arena, &v.m, &v.t);
        memset(v.cursor, 0, sizeof(v.cursor));
        if (i)
            sbuf_addc(a->out, ',');
        gnode_write(a->out, rows[i], &root);
    }
    *a->n = n;
    return 0;
}

int order_view_text(struct ctx *c, const struct gquery *q, const struct order_shape *s,
                    struct sbuf *out, int *n)
{
    struct text_args a = {c, q, s, out, n};
    *n = 0;
    /* One snapshot: the totals' model and the shape agree, and SQLite locks once. */
    return db_read(c, text_read, &a);
}

int order_view_one(struct req *r, const char *id, const struct listq *lq,
                   const struct order_shape *s, struct sbuf *out)
{
    struct listf f = {.id = id, .limit = 1};
    struct gquery q;
    size_t at = out->len;
    int n = 0;
    if (gq_list(&r->c, &q, &ent_order, order_view_select(r, lq), &f) < 0 ||
        order_view_text(&r->c, &q, s, out, &n) < 0)
        return -1;
    if (!n) {
        out->len = at;
        out->buf[at] = '\0';
        return err_set(&r->c, ERR_NOT_FOUND, "Order with id %s was not found", id);
    }
    return 0;
}

/* What the totals read, loaded on every full read whatever the relations asked. */
static const char *const full_totals_relations[] = {"items.tax_lines", "items.adjustments",
                                                    "gift_cards",      "gift_card_transactions",
                                                    "refunds",         "shipping_methods.tax_lines",
                                                    "region",          "payments",
                                                    "discounts.rule",  NULL};

int order_view_full(struct ctx *c, const char *id, const char *const *relations, struct sbuf *out)
{
    static const struct order_shape whole = {.raw_discount_total = 1};
    struct gquery q;
    struct listf f;
    struct gsel *sel = gsel_build(c, &ent_order, NULL, relations);
    size_t at = out->len;
    int n = 0;
    for (const char *const *r = full_totals_relations; *r; r++)
        gsel_add_rel(c, sel, *r);
    gsel_add_col(c, sel, "region_id");
    gsel_add_col(c, gsel_rel(sel, "items"), "includes_tax");
    if (gsel_rel(sel, "shipping_methods"))
        gsel_add_col(c, gsel_rel(sel, "shipping_methods"), "includes_tax");
    memset(&f, 0, sizeof(f));
    f.id = id;
    f.limit = 1;
    if (gq_list(c, &q, &ent_order, sel, &f) < 0 || order_view_text(c, &q, &whole, out, &n) < 0)
        return -1;
    if (!n) {
        out->len = at;
        out->buf[at] = '\0';
        return err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", id);
    }
    return 0;
}

/* GET /store/customers/me/orders and GET /admin/orders (OrderService.listAndCount). */
int order_list_send(struct req *r, const struct listq_spec *spec, const char *customer_id)
{
    /* customer_id and sales_channel_id first: the Admin API's filters; the store's list skips
     * them (always the customer's own orders), so there they are unknown properties. The admin's
     * region_id may be an array (AdminGetOrdersParams: string | string[]). */
    static const struct vparam params[] = {
        {"customer_id", V_STRING, V_OPTIONAL},
        {"sales_channel_id", V_STRARRAY, V_OPTIONAL},
        {"limit", V_NUMBER, V_OPTIONAL},
        {"offset", V_NUMBER, V_OPTIONAL},
        {"fields", V_STRING, V_OPTIONAL},
        {"expand", V_STRING, V_OPTIONAL},
        {"id", V_STRING, V_OPTIONAL},
        {"q", V_STRING, V_OPTIONAL},
        {"status", V_STR_OR_ARRAY, V_OPTIONAL},
        {"fulfillment_status", V_STR_OR_ARRAY, V_OPTIONAL},
        {"payment_status", V_STR_OR_ARRAY, V_OPTIONAL},
        {"display_id", V_STRING, V_OPTIONAL},
        {"cart_id", V_STRING, V_OPTIONAL},
        {"email", V_STRING, V_OPTIONAL},
        {"region_id", V_STRING, V_OPTIONAL},
        {"currency_code", V_STRING, V_OPTIONAL},
        {"tax_rate", V_STRING, V_OPTIONAL},
        {"created_at", V_DATEFILTER, V_OPTIONAL},
        {"updated_at", V_DATEFILTER, V_OPTIONAL},
        {"canceled_at", V_DATEFILTER, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct vparam admin_params[sizeof(params) / sizeof(params[0])];
    static const char *const statuses[] = {"pending",  "completed",       "archived",
                                           "canceled", "requires_action", NULL};
    static const char *const fulfillment[] = {"not_fulfilled",   "partially_fulfilled",
                                              "fulfilled",       "partially_shipped",
                                              "shipped",         "partially_returned",
                                              "returned",        "canceled",
                                              "requires_action", NULL};
    static const char *const payment[] = {"not_paid",           "awaiting", "captured",
                                          "partially_refunded", "refunded", "canceled",
                                          "requires_action",    NULL};
    static const struct {
        const char *name;
        const char *const *values;
    } enums[] = {
        {"status", statuses}, {"fulfillment_status", fulfillment}, {"payment_status", payment}};
    struct sbuf msgs = SBUF_INIT;
    struct order_filter of = {0};
    const char **lists[3];
    int counts[3];
    struct listq lq;
    struct listf f;
    struct gquery q;
    int64_t count;

    memcpy(admin_params, params, sizeof(params));
    for (struct vparam *p = admin_params; p->name; p++)
        if (!strcmp(p->name, "region_id"))
            p->type = V_STR_OR_ARRAY;
    validate_msgs(r->qs, customer_id ? params + 2 : admin_params, 1, &msgs);
    /* IsEnum({each: true}): every element must be one of the values. */
    for (int e = 0; e < 3; e++) {
        lists[e] = v_strs(r, r->qs, enums[e].name, &counts[e]);
        for (int i = 0; i < counts[e]; i++) {
            int ok = 0;
            for (const char *const *v = enums[e].values; *v; v++)
                ok |= !strcmp(*v, lists[e][i]);
            if (ok)
                continue;
            if (msgs.len)
                sbuf_adds(&msgs, ", ");
            sbuf_addf(&msgs,
                      "each value in %s must be one of the following values: ", enums[e].name);
            for (const char *const *v = enums[e].values; *v; v++)
                sbuf_addf(&msgs, v == enums[e].values ? "%s" : ", %s", *v);
            break;
        }
    }
    if (validate_done(r, &msgs) < 0 || listq_parse(r, spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    of.customer_id = customer_id ? customer_id : v_str(r->qs, "customer_id");
    of.id = v_str(r->qs, "id");
    of.q = v_str(r->qs, "q");
    of.display_id = v_str(r->qs, "display_id");
    of.cart_id = v_str(r->qs, "cart_id");
    of.email = v_str(r->qs, "email");
    of.region_id = v_str(r->qs, "region_id");
    if (!customer_id) {
        of.region_ids = v_strs(r, r->qs, "region_id", &of.nregion_ids);
        of.sales_channel_ids = v_strs(r, r->qs, "sales_channel_id", &of.nsales_channel_ids);
        of.region_id = NULL;
    }
    of.currency_code = v_str(r->qs, "currency_code");
    of.tax_rate = v_str(r->qs, "tax_rate");
    of.status = lists[0];
    of.nstatus = counts[0];
    of.fulfillment_status = lists[1];
    of.nfulfillment_status = counts[1];
    of.payment_status = lists[2];
    of.npayment_status = counts[2];
    v_datefilter(r->qs, "canceled_at", &of.canceled_at);
    static const struct order_shape whole = {.raw_discount_total = 1};
    if (db_orders_query(&r->c, &q, order_view_select(r, &lq), &f, &of) < 0 ||
        (count = gq_count(&r->c, &q)) < 0)
        return -1;
    /* No response subsetting here: every loaded relation and raw_discount_total stay. */
    struct sbuf *b = resp_body(r);
    int n = 0;
    sbuf_adds(b, "{\"orders\":[");
    if (order_view_text(&r->c, &q, &whole, b, &n) < 0)
        return -1;
    sbuf_addf(b, "],\"count\":%lld,\"offset\":%lld,\"limit\":%lld}", (long long)count,
              (long long)lq.offset, (long long)lq.limit);
    return resp_body_send(r, 200);
}
