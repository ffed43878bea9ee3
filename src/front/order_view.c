/* order_view.c: the store's order view (order_view.h; store.md §4.1, §4.2, §1.5). */
#include "front/order_view.h"

#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
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

struct json_object *order_view_one(struct req *r, const char *id, const struct listq *lq)
{
    struct listf f = {.id = id, .limit = 1};
    struct json_object *rows;
    struct gquery q;
    if (gq_list(&r->c, &q, &ent_order, order_view_select(r, lq), &f) < 0 ||
        !(rows = order_view_rows(r, &q)))
        return NULL;
    if (json_object_array_length(rows) == 0) {
        err_set(&r->c, ERR_NOT_FOUND, "Order with id %s was not found", id);
        return NULL;
    }
    return json_object_array_get_idx(rows, 0);
}

/* The element of arr whose id is id, or NULL. */
static struct json_object *by_id(struct json_object *arr, const char *id)
{
    for (size_t k = 0; arr && k < json_object_array_length(arr); k++) {
        struct json_object *o = json_object_array_get_idx(arr, k);
        const char *oid = json_get_str_opt(o, "id");
        if (oid && !strcmp(oid, id))
            return o;
    }
    return NULL;
}

/* A number as JavaScript prints it: 25, or 12.5. */
static struct json_object *number(double v)
{
    return v == (double)(int64_t)v ? json_object_new_int64((int64_t)v) : json_object_new_double(v);
}

void order_view_write(struct json_object *order, const struct order_model *m,
                      const struct order_totals *t)
{
    struct json_object *items = json_get(order, "items"),
                       *methods = json_get(order, "shipping_methods"), *o;
    static const char *const parents[] = {"swaps", "claims", NULL};
    for (int i = 0; i < m->nitems; i++) {
        const struct ot_item_totals *it = &t->items[i];
        if (!(o = by_id(items, m->items[i].id)))
            continue;
        json_set_int(o, "subtotal", it->subtotal);
        json_set_int(o, "discount_total", it->discount_total);
        json_set_int(o, "total", it->total);
        json_set_int(o, "original_total", it->original_total);
        json_set_int(o, "original_tax_total", it->original_tax_total);
        json_set_int(o, "tax_total", it->tax_total);
        json_set(o, "raw_discount_total", number(it->raw_discount_total));
        json_set_int(o, "refundable", t->refundable[i]);
    }
    for (int i = 0; i < m->nmethods; i++) {
        const struct ot_method_totals *mt = &t->methods[i];
        if (!(o = by_id(methods, m->methods[i].id)))
            continue;
        json_set_int(o, "price", mt->price);
        json_set_int(o, "original_total", mt->original_total);
        json_set_int(o, "total", mt->total);
        json_set_int(o, "subtotal", mt->subtotal);
        json_set_int(o, "original_tax_total", mt->original_tax_total);
        json_set_int(o, "tax_total", mt->tax_total);
    }
    /* The additional items of swaps and claims, where the answer has them. */
    for (const char *const *p = parents; *p; p++) {
        struct json_object *arr = json_get(order, *p);
        for (size_t k = 0; arr && k < json_object_array_length(arr); k++) {
            struct json_object *add =
                json_get(json_object_array_get_idx(arr, k), "additional_items");
            for (int i = 0; add && i < m->nextra; i++) {
                if (!(o = by_id(add, m->extra[i].id)))
                    continue;
                json_set_int(o, "quantity", t->extra_quantity[i]);
                json_set_int(o, "refundable", t->extra_refundable[i]);
            }
        }
    }
    json_set_int(order, "subtotal", t->subtotal);
    json_set_int(order, "discount_total", t->discount_total);
    json_set(order, "raw_discount_total", number(t->raw_discount_total));
    json_set_int(order, "shipping_total", t->shipping_total);
    json_set_int(order, "item_tax_total", t->item_tax_total);
    json_set_int(order, "shipping_tax_total", t->shipping_tax_total);
    json_set_int(order, "tax_total", t->tax_total);
    json_set_int(order, "gift_card_total", t->gift_card_total);
    json_set_int(order, "gift_card_tax_total", t->gift_card_tax_total);
    json_set_int(order, "total", t->total);
    json_set_int(order, "paid_total", t->paid_total);
    json_set_int(order, "refunded_total", t->refunded_total);
    json_set_int(order, "refundable_amount", t->refundable_amount);
}

/* Appends to out the lines of arr with units shipped and not returned. */
static void returnable_of(struct json_object *out, struct json_object *arr)
{
    for (size_t k = 0; arr && k < json_object_array_length(arr); k++) {
        struct json_object *l = json_object_array_get_idx(arr, k);
        if (json_object_get_int64(json_get(l, "returned_quantity")) <
            json_object_get_int64(json_get(l, "shipped_quantity")))
            json_object_array_add(out, json_share(l));
    }
}

void order_view_returnable(struct json_object *order)
{
    static const char *const parents[] = {"swaps", "claims", NULL};
    struct json_object *out = json_object_new_array();
    returnable_of(out, json_get(order, "items"));
    for (const char *const *p = parents; *p; p++) {
        struct json_object *arr = json_get(order, *p);
        for (size_t k = 0; arr && k < json_object_array_length(arr); k++)
            returnable_of(out, json_get(json_object_array_get_idx(arr, k), "additional_items"));
    }
    json_set(order, "returnable_items", out);
}

struct json_object *order_view_decorate(struct ctx *c, struct json_object *rows)
{
    for (size_t i = 0; rows && i < json_object_array_length(rows); i++) {
        struct json_object *o = json_object_array_get_idx(rows, i);
        const char *id = json_get_str_opt(o, "id");
        struct order_model m;
        struct order_totals t;
        int rc;
        if (!id)
            continue;
        if ((rc = db_order_model(c, id, &m)) < 0)
            return NULL;
        if (rc)
            continue;
        order_totals_compute(&c->arena, &m, &t);
        order_view_write(o, &m, &t);
    }
    return rows;
}

struct json_object *order_view_rows(struct req *r, const struct gquery *q)
{
    return order_view_decorate(&r->c, gq_run_json(&r->c, q));
}

/* What the totals read, loaded on every full read whatever the relations asked. */
static const char *const full_totals_relations[] = {"items.tax_lines", "items.adjustments",
                                                    "gift_cards",      "gift_card_transactions",
                                                    "refunds",         "shipping_methods.tax_lines",
                                                    "region",          "payments",
                                                    "discounts.rule",  NULL};

struct json_object *order_view_full(struct ctx *c, const char *id, const char *const *relations)
{
    struct gquery q;
    struct listf f;
    struct gsel *sel = gsel_build(c, &ent_order, NULL, relations);
    struct json_object *rows;
    for (const char *const *r = full_totals_relations; *r; r++)
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
    if (!json_object_array_length(rows)) {
        err_set(c, ERR_NOT_FOUND, "Order with id %s was not found", id);
        return NULL;
    }
    if (!order_view_decorate(c, rows))
        return NULL;
    return json_object_array_get_idx(rows, 0);
}

static int listed(const char *const *list, const char *key)
{
    for (; list && *list; list++)
        if (!strcmp(*list, key))
            return 1;
    return 0;
}

/* 1 if key is a listed entry or the first part of a dotted one (pickDeep's partial match). */
static int picked(const char *const *list, const char *key)
{
    size_t n = strlen(key);
    for (; list && *list; list++)
        if (!strcmp(*list, key) || (!strncmp(*list, key, n) && (*list)[n] == '.'))
            return 1;
    return 0;
}

void order_view_subset(struct req *r, struct json_object *order, const struct listq *lq,
                       const struct listq_spec *spec)
{
    const char *const *fields = lq->fields_given ? lq->fields : spec->allowed_fields;
    const char *const *rels = lq->expand_given ? lq->relations : spec->allowed_relations;
    const char **drop;
    int n = 0;
    drop = arena_alloc(&r->c.arena, sizeof(*drop) * (json_object_object_length(order) + 1));
    json_object_object_foreach(order, key, val)
    {
        (void)val;
        if (!strcmp(key, "raw_discount_total") ||
            !(picked(fields, key) || picked(rels, key) || listed(totals_keys, key)))
            drop[n++] = arena_strdup(&r->c.arena, key);
    }
    for (int i = 0; i < n; i++)
        json_object_object_del(order, drop[i]);
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
    struct json_object *rows;
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
    if (db_orders_query(&r->c, &q, order_view_select(r, &lq), &f, &of) < 0 ||
        (count = gq_count(&r->c, &q)) < 0 || !(rows = order_view_rows(r, &q)))
        return -1;
    /* No response subsetting here: every loaded relation and raw_discount_total stay. */
    struct sbuf *b = resp_body(r);
    size_t len;
    sbuf_adds(b, "{\"orders\":");
    sbuf_adds(b, json_text(rows, &len));
    sbuf_addf(b, ",\"count\":%lld,\"offset\":%lld,\"limit\":%lld}", (long long)count,
              (long long)lq.offset, (long long)lq.limit);
    return resp_body_send(r, 200);
}
