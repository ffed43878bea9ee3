/* order_view.c: the store's order view (order_view.h; store.md §4.1, §4.2, §1.5). */
#include "store/order_view.h"

#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/order_totals.h"
#include "http/req.h"

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
    /* Tax-inclusive lines and methods total differently (checkout.md §5.2, §5.3). */
    gsel_add_col(&r->c, gsel_rel(sel, "items"), "includes_tax");
    if (gsel_rel(sel, "shipping_methods"))
        gsel_add_col(&r->c, gsel_rel(sel, "shipping_methods"), "includes_tax");
    return sel;
}

struct json_object *order_view_rows(struct req *r, const struct gquery *q)
{
    struct json_object *rows = gq_run_json(&r->c, q);
    if (!rows)
        return NULL;
    for (size_t i = 0; i < json_object_array_length(rows); i++)
        order_totals_decorate(json_object_array_get_idx(rows, i));
    return rows;
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
