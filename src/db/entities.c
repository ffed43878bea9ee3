/* entities.c: the descriptors (graph.h) of orders and what follows them (line items, payments,
 * fulfillments, discounts, gift cards, refunds, swaps, claims, returns, order edits, payment
 * collections) and of carts. Columns are listed in Medusa's serialisation order where it matters
 * to nobody but a human reader; `hidden` ones need an explicit `fields`. */
#include "db/entities.h"
#include "db/entities_internal.h"

/* ---- orders (store.md §4) ------------------------------------------------------------------- */

static const struct gcol order_cols[] = {
    {"object", G_TEXT, "'order'", 0},
    {"id", G_TEXT, NULL, 0},
    {"status", G_TEXT, NULL, 0},
    {"fulfillment_status", G_TEXT, NULL, 0},
    {"payment_status", G_TEXT, NULL, 0},
    {"display_id", G_INT, NULL, 0},
    {"cart_id", G_TEXT, NULL, 0},
    {"customer_id", G_TEXT, NULL, 0},
    {"email", G_TEXT, NULL, 0},
    {"billing_address_id", G_TEXT, NULL, 0},
    {"shipping_address_id", G_TEXT, NULL, 0},
    {"region_id", G_TEXT, NULL, 0},
    {"currency_code", G_TEXT, NULL, 0},
    {"tax_rate", G_REAL, NULL, 0},
    {"draft_order_id", G_TEXT, NULL, 0},
    {"canceled_at", G_TEXT, NULL, 0},
    {"no_notification", G_BOOL, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    {"external_id", G_TEXT, NULL, 0},
    {"sales_channel_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {NULL, 0, NULL, 0},
};
#define BY_ORDER "%c.order_id = %p.id"
static const struct grel order_rels[] = {
    {"shipping_address", &ent_address, 0, "%c.id = %p.shipping_address_id", NULL},
    {"billing_address", &ent_address, 0, "%c.id = %p.billing_address_id", NULL},
    {"customer", &ent_customer, 0, "%c.id = %p.customer_id", NULL},
    {"region", &ent_region, 0, "%c.id = %p.region_id", NULL},
    {"items", &ent_line_item, 1, BY_ORDER, "%c.created_at, %c.id"},
    {"shipping_methods", &ent_shipping_method, 1, BY_ORDER, "%c.id"},
    {"payments", &ent_payment, 1, BY_ORDER, "%c.created_at, %c.id"},
    {"fulfillments", &ent_fulfillment, 1, BY_ORDER, "%c.created_at, %c.id"},
    {"discounts", &ent_discount, 1,
     "%c.id IN (SELECT discount_id FROM order_discounts WHERE order_id = %p.id)", "%c.created_at"},
    {"gift_cards", &ent_gift_card, 1,
     "%c.id IN (SELECT gift_card_id FROM order_gift_cards WHERE order_id = %p.id)",
     "%c.created_at"},
    {"gift_card_transactions", &ent_gift_card_transaction, 1, BY_ORDER, "%c.created_at, %c.id"},
    {"refunds", &ent_refund, 1, BY_ORDER, "%c.created_at, %c.id"},
    {"swaps", &ent_swap, 1, BY_ORDER, "%c.created_at, %c.id"},
    {"claims", &ent_claim_order, 1, BY_ORDER, "%c.created_at, %c.id"},
    {"returns", &ent_return, 1, BY_ORDER, "%c.created_at, %c.id"},
    {"sales_channel", &ent_sales_channel, 0, "%c.id = %p.sales_channel_id", NULL},
    {"edits", &ent_order_edit, 1, BY_ORDER, "%c.created_at, %c.id"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_order = {"\"order\"", order_cols, order_rels, NULL};

/* Medusa's LineItem; includes_tax exists only with the tax-inclusive flag (off). */
static const struct gcol line_item_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"cart_id", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"swap_id", G_TEXT, NULL, 0},
    {"claim_order_id", G_TEXT, NULL, 0},
    {"original_item_id", G_TEXT, NULL, 0},
    {"order_edit_id", G_TEXT, NULL, 0},
    {"title", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0},
    {"thumbnail", G_TEXT, NULL, 0},
    {"is_return", G_BOOL, NULL, 0},
    {"is_giftcard", G_BOOL, NULL, 0},
    {"should_merge", G_BOOL, NULL, 0},
    {"allow_discounts", G_BOOL, NULL, 0},
    {"has_shipping", G_BOOL, NULL, 0},
    {"unit_price", G_INT, NULL, 0},
    {"variant_id", G_TEXT, NULL, 0},
    {"quantity", G_INT, NULL, 0},
    {"fulfilled_quantity", G_INT, NULL, 0},
    {"returned_quantity", G_INT, NULL, 0},
    {"shipped_quantity", G_INT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {"includes_tax", G_BOOL, NULL, 1},
    {NULL, 0, NULL, 0},
};
static const struct grel line_item_rels[] = {
    {"tax_lines", &ent_line_item_tax_line, 1, "%c.item_id = %p.id", "%c.created_at, %c.id"},
    {"adjustments", &ent_line_item_adjustment, 1, "%c.item_id = %p.id", "%c.rowid"},
    {"variant", &ent_product_variant, 0, "%c.id = %p.variant_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_line_item = {"line_item", line_item_cols, line_item_rels, NULL};

static const struct gcol item_tax_line_cols[] = {
    {"id", G_TEXT, NULL, 0},         {"rate", G_REAL, NULL, 0},       {"name", G_TEXT, NULL, 0},
    {"code", G_TEXT, NULL, 0},       {"item_id", G_TEXT, NULL, 0},    {"metadata", G_JSON, NULL, 0},
    {"created_at", G_TEXT, NULL, 0}, {"updated_at", G_TEXT, NULL, 0}, {NULL, 0, NULL, 0},
};
const struct gent ent_line_item_tax_line = {"line_item_tax_line", item_tax_line_cols, NULL, NULL};

/* Fixed `total` allocations are fractional (checkout.md §5.7): amount is a number. */
static const struct gcol adjustment_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"item_id", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0},
    {"discount_id", G_TEXT, NULL, 0},
    {"amount", G_REAL, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_line_item_adjustment = {"line_item_adjustment", adjustment_cols, NULL, NULL};

static const struct gcol shipping_method_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"shipping_option_id", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"claim_order_id", G_TEXT, NULL, 0},
    {"cart_id", G_TEXT, NULL, 0},
    {"swap_id", G_TEXT, NULL, 0},
    {"return_id", G_TEXT, NULL, 0},
    {"price", G_INT, NULL, 0},
    {"data", G_JSON, NULL, 0},
    {"includes_tax", G_BOOL, NULL, 1},
    {NULL, 0, NULL, 0},
};
static const struct grel shipping_method_rels[] = {
    {"shipping_option", &ent_shipping_option, 0, "%c.id = %p.shipping_option_id", NULL},
    {"tax_lines", &ent_shipping_method_tax_line, 1, "%c.shipping_method_id = %p.id",
     "%c.created_at, %c.id"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_shipping_method = {"shipping_method", shipping_method_cols,
                                         shipping_method_rels, NULL};

static const struct gcol method_tax_line_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"rate", G_REAL, NULL, 0},
    {"name", G_TEXT, NULL, 0},
    {"code", G_TEXT, NULL, 0},
    {"shipping_method_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_shipping_method_tax_line = {"shipping_method_tax_line", method_tax_line_cols,
                                                  NULL, NULL};

static const struct gcol payment_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"swap_id", G_TEXT, NULL, 0},
    {"cart_id", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"amount", G_INT, NULL, 0},
    {"currency_code", G_TEXT, NULL, 0},
    {"amount_refunded", G_INT, NULL, 0},
    {"provider_id", G_TEXT, NULL, 0},
    {"data", G_JSON, NULL, 0},
    {"captured_at", G_TEXT, NULL, 0},
    {"canceled_at", G_TEXT, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_payment = {"payment", payment_cols, NULL, NULL};

static const struct gcol fulfillment_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"claim_order_id", G_TEXT, NULL, 0},
    {"swap_id", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"provider_id", G_TEXT, NULL, 0},
    {"location_id", G_TEXT, NULL, 0},
    {"tracking_numbers", G_JSON, NULL, 0},
    {"data", G_JSON, NULL, 0},
    {"shipped_at", G_TEXT, NULL, 0},
    {"no_notification", G_BOOL, NULL, 0},
    {"canceled_at", G_TEXT, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
static const struct grel fulfillment_rels[] = {
    {"tracking_links", &ent_tracking_link, 1, "%c.fulfillment_id = %p.id", "%c.created_at"},
    /* Eager in Medusa's model: always there when fulfillments are. */
    {"items", &ent_fulfillment_item, 1, "%c.fulfillment_id = %p.id", "%c.item_id"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_fulfillment = {"fulfillment", fulfillment_cols, fulfillment_rels, NULL};

static const struct gcol fulfillment_item_cols[] = {
    {"fulfillment_id", G_TEXT, NULL, 0},
    {"item_id", G_TEXT, NULL, 0},
    {"quantity", G_INT, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_fulfillment_item = {"fulfillment_item", fulfillment_item_cols, NULL, NULL};

static const struct gcol tracking_link_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"url", G_TEXT, NULL, 0},
    {"tracking_number", G_TEXT, NULL, 0},
    {"fulfillment_id", G_TEXT, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_tracking_link = {"tracking_link", tracking_link_cols, NULL, LIVE};

static const struct gcol discount_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"code", G_TEXT, NULL, 0},
    {"is_dynamic", G_BOOL, NULL, 0},
    {"rule_id", G_TEXT, NULL, 0},
    {"is_disabled", G_BOOL, NULL, 0},
    {"parent_discount_id", G_TEXT, NULL, 0},
    {"starts_at", G_TEXT, NULL, 0},
    {"ends_at", G_TEXT, NULL, 0},
    {"valid_duration", G_TEXT, NULL, 0},
    {"usage_limit", G_INT, NULL, 0},
    {"usage_count", G_INT, NULL, 0},
    TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
static const struct grel discount_rels[] = {
    {"rule", &ent_discount_rule, 0, "%c.id = %p.rule_id", NULL},
    {"parent_discount", &ent_discount, 0, "%c.id = %p.parent_discount_id", NULL},
    {"regions", &ent_region, 1,
     "%c.id IN (SELECT region_id FROM discount_regions WHERE discount_id = %p.id)",
     "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
/* An order keeps showing a discount deleted since (no live filter on the link). */
const struct gent ent_discount = {"discount", discount_cols, discount_rels, NULL};

static const struct gcol discount_rule_cols[] = {
    {"id", G_TEXT, NULL, 0},          {"type", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0}, {"value", G_INT, NULL, 0},
    {"allocation", G_TEXT, NULL, 0},  TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0},    {NULL, 0, NULL, 0},
};
static const struct grel discount_rule_rels[] = {
    {"conditions", &ent_discount_condition, 1, "%c.discount_rule_id = %p.id",
     "%c.created_at, %c.id"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_discount_rule = {"discount_rule", discount_rule_cols, discount_rule_rels,
                                       NULL};

static const struct gcol discount_condition_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"type", G_TEXT, NULL, 0},
    {"operator", G_TEXT, NULL, 0},
    {"discount_rule_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
/* A condition's resources: each type has its own join table. */
#define COND_REL(name, ent, table, col)                                                            \
    {                                                                                              \
        name, ent, 1, "%c.id IN (SELECT " col " FROM " table " WHERE condition_id = %p.id)",       \
            "%c.created_at"                                                                        \
    }
static const struct grel discount_condition_rels[] = {
    COND_REL("products", &ent_product, "discount_condition_product", "product_id"),
    COND_REL("product_types", &ent_product_type, "discount_condition_product_type",
             "product_type_id"),
    COND_REL("product_collections", &ent_product_collection,
             "discount_condition_product_collection", "product_collection_id"),
    COND_REL("product_tags", &ent_product_tag, "discount_condition_product_tag", "product_tag_id"),
    COND_REL("customer_groups", &ent_customer_group, "discount_condition_customer_group",
             "customer_group_id"),
    {"discount_rule", &ent_discount_rule, 0, "%c.id = %p.discount_rule_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_discount_condition = {"discount_condition", discount_condition_cols,
                                            discount_condition_rels, LIVE};

static const struct gcol gift_card_cols[] = {
    {"id", G_TEXT, NULL, 0},          {"code", G_TEXT, NULL, 0},
    {"value", G_INT, NULL, 0},        {"balance", G_INT, NULL, 0},
    {"region_id", G_TEXT, NULL, 0},   {"order_id", G_TEXT, NULL, 0},
    {"is_disabled", G_BOOL, NULL, 0}, {"ends_at", G_TEXT, NULL, 0},
    {"tax_rate", G_REAL, NULL, 0},    TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0},    {NULL, 0, NULL, 0},
};
static const struct grel gift_card_rels[] = {
    {"region", &ent_region, 0, "%c.id = %p.region_id", NULL},
    {"order", &ent_order, 0, "%c.id = %p.order_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_gift_card = {"gift_card", gift_card_cols, gift_card_rels, LIVE};

static const struct gcol gift_card_transaction_cols[] = {
    {"id", G_TEXT, NULL, 0},         {"gift_card_id", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},   {"amount", G_INT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0}, {"is_taxable", G_BOOL, NULL, 0},
    {"tax_rate", G_REAL, NULL, 0},   {NULL, 0, NULL, 0},
};
static const struct grel gift_card_transaction_rels[] = {
    {"gift_card", &ent_gift_card, 0, "%c.id = %p.gift_card_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_gift_card_transaction = {"gift_card_transaction", gift_card_transaction_cols,
                                               gift_card_transaction_rels, NULL};

static const struct gcol refund_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"payment_id", G_TEXT, NULL, 0},
    {"amount", G_INT, NULL, 0},
    {"note", G_TEXT, NULL, 0},
    {"reason", G_TEXT, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_refund = {"refund", refund_cols, NULL, NULL};

static const struct gcol swap_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"fulfillment_status", G_TEXT, NULL, 0},
    {"payment_status", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"difference_due", G_INT, NULL, 0},
    {"shipping_address_id", G_TEXT, NULL, 0},
    {"cart_id", G_TEXT, NULL, 0},
    {"confirmed_at", G_TEXT, NULL, 0},
    {"canceled_at", G_TEXT, NULL, 0},
    {"no_notification", G_BOOL, NULL, 0},
    {"allow_backorder", G_BOOL, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
/* The swap's return is its return_order; shipping methods and the payment point back at it. */
static const struct grel swap_rels[] = {
    {"additional_items", &ent_line_item, 1, "%c.swap_id = %p.id", "%c.created_at, %c.id"},
    {"order", &ent_order, 0, "%c.id = %p.order_id", NULL},
    {"return_order", &ent_return, 0, "%c.swap_id = %p.id", NULL},
    {"fulfillments", &ent_fulfillment, 1, "%c.swap_id = %p.id", "%c.created_at, %c.id"},
    {"payment", &ent_payment, 0, "%c.swap_id = %p.id", NULL},
    {"shipping_address", &ent_address, 0, "%c.id = %p.shipping_address_id", NULL},
    {"shipping_methods", &ent_shipping_method, 1, "%c.swap_id = %p.id", "%c.rowid"},
    {"cart", &ent_cart, 0, "%c.id = %p.cart_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_swap = {"swap", swap_cols, swap_rels, LIVE};

static const struct gcol claim_order_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"type", G_TEXT, NULL, 0},
    {"payment_status", G_TEXT, NULL, 0},
    {"fulfillment_status", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"shipping_address_id", G_TEXT, NULL, 0},
    {"refund_amount", G_INT, NULL, 0},
    {"canceled_at", G_TEXT, NULL, 0},
    TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0},
    {"no_notification", G_BOOL, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    {NULL, 0, NULL, 0},
};
static const struct gcol claim_image_cols[] = {
    {"id", G_TEXT, NULL, 0},       {"claim_item_id", G_TEXT, NULL, 0},
    {"url", G_TEXT, NULL, 0},      TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0}, {NULL, 0, NULL, 0},
};
static const struct gent ent_claim_image = {"claim_image", claim_image_cols, NULL, LIVE};
static const struct gcol claim_tag_cols[] = {
    {"id", G_TEXT, NULL, 0},       {"value", G_TEXT, NULL, 0}, TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0}, {NULL, 0, NULL, 0},
};
static const struct gent ent_claim_tag = {"claim_tag", claim_tag_cols, NULL, LIVE};
static const struct gcol claim_item_cols[] = {
    {"id", G_TEXT, NULL, 0},       {"claim_order_id", G_TEXT, NULL, 0},
    {"item_id", G_TEXT, NULL, 0},  {"variant_id", G_TEXT, NULL, 0},
    {"reason", G_TEXT, NULL, 0},   {"note", G_TEXT, NULL, 0},
    {"quantity", G_INT, NULL, 0},  TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0}, {NULL, 0, NULL, 0},
};
static const struct grel claim_item_rels[] = {
    {"images", &ent_claim_image, 1, "%c.claim_item_id = %p.id", "%c.created_at, %c.id"},
    {"tags", &ent_claim_tag, 1,
     "%c.id IN (SELECT tag_id FROM claim_item_tags WHERE item_id = %p.id)", "%c.value"},
    {"item", &ent_line_item, 0, "%c.id = %p.item_id", NULL},
    {"variant", &ent_product_variant, 0, "%c.id = %p.variant_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
static const struct gent ent_claim_item = {"claim_item", claim_item_cols, claim_item_rels, LIVE};

/* The claim's return is its return_order; shipping methods and fulfillments point back at it. */
static const struct grel claim_order_rels[] = {
    {"additional_items", &ent_line_item, 1, "%c.claim_order_id = %p.id", "%c.created_at, %c.id"},
    {"claim_items", &ent_claim_item, 1, "%c.claim_order_id = %p.id", "%c.created_at, %c.id"},
    {"order", &ent_order, 0, "%c.id = %p.order_id", NULL},
    {"return_order", &ent_return, 0, "%c.claim_order_id = %p.id", NULL},
    {"fulfillments", &ent_fulfillment, 1, "%c.claim_order_id = %p.id", "%c.created_at, %c.id"},
    {"shipping_address", &ent_address, 0, "%c.id = %p.shipping_address_id", NULL},
    {"shipping_methods", &ent_shipping_method, 1, "%c.claim_order_id = %p.id", "%c.rowid"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_claim_order = {"claim_order", claim_order_cols, claim_order_rels, LIVE};

/* ---- carts ---------------------------------------------------------------------------------- */

static const struct gcol payment_session_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"cart_id", G_TEXT, NULL, 0},
    {"provider_id", G_TEXT, NULL, 0},
    {"is_selected", G_BOOL, NULL, 0},
    {"is_initiated", G_BOOL, NULL, 0},
    {"status", G_TEXT, NULL, 0},
    {"data", G_JSON, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    {"amount", G_INT, NULL, 0},
    {"payment_authorized_at", G_TEXT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_payment_session = {"payment_session", payment_session_cols, NULL, NULL};

static const struct gcol cart_cols[] = {
    {"object", G_TEXT, "'cart'", 0},
    {"id", G_TEXT, NULL, 0},
    {"email", G_TEXT, NULL, 0},
    {"billing_address_id", G_TEXT, NULL, 0},
    {"shipping_address_id", G_TEXT, NULL, 0},
    {"region_id", G_TEXT, NULL, 0},
    {"customer_id", G_TEXT, NULL, 0},
    {"payment_id", G_TEXT, NULL, 0},
    {"type", G_TEXT, NULL, 0},
    {"completed_at", G_TEXT, NULL, 0},
    {"payment_authorized_at", G_TEXT, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    {"context", G_JSON, NULL, 0},
    {"sales_channel_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel cart_rels[] = {
    {"billing_address", &ent_address, 0, "%c.id = %p.billing_address_id", NULL},
    {"shipping_address", &ent_address, 0, "%c.id = %p.shipping_address_id", NULL},
    {"items", &ent_line_item, 1, "%c.cart_id = %p.id", "%c.created_at, %c.id"},
    {"region", &ent_region, 0, "%c.id = %p.region_id", NULL},
    {"discounts", &ent_discount, 1,
     "%c.id IN (SELECT discount_id FROM cart_discounts WHERE cart_id = %p.id)", "%c.rowid"},
    {"gift_cards", &ent_gift_card, 1,
     "%c.id IN (SELECT gift_card_id FROM cart_gift_cards WHERE cart_id = %p.id)", "%c.rowid"},
    {"customer", &ent_customer, 0, "%c.id = %p.customer_id", NULL},
    {"payment", &ent_payment, 0, "%c.id = %p.payment_id", NULL},
    {"payment_sessions", &ent_payment_session, 1, "%c.cart_id = %p.id", "%c.created_at, %c.id"},
    {"shipping_methods", &ent_shipping_method, 1, "%c.cart_id = %p.id", "%c.rowid"},
    {"sales_channel", &ent_sales_channel, 0, "%c.id = %p.sales_channel_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_cart = {"cart", cart_cols, cart_rels, LIVE};

/* A draft order (Medusa's DraftOrder); its cart's answer is priced by the cart view. Drafts are
 * deleted for good, as Medusa removes them. */
static const struct gcol draft_order_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"status", G_TEXT, NULL, 0},
    {"display_id", G_INT, NULL, 0},
    {"cart_id", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"canceled_at", G_TEXT, NULL, 0},
    {"completed_at", G_TEXT, NULL, 0},
    {"no_notification_order", G_BOOL, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {NULL, 0, NULL, 0},
};
static const struct grel draft_order_rels[] = {
    {"order", &ent_order, 0, "%c.id = %p.order_id", NULL},
    {"cart", &ent_cart, 0, "%c.id = %p.cart_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_draft_order = {"draft_order", draft_order_cols, draft_order_rels, NULL};

/* ---- returns, order edits, payment collections (store.md §7, §9, §10) ---------------------- */

static const struct gcol return_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"status", G_TEXT, NULL, 0},
    {"swap_id", G_TEXT, NULL, 0},
    {"claim_order_id", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"location_id", G_TEXT, NULL, 0},
    {"shipping_data", G_JSON, NULL, 0},
    {"refund_amount", G_INT, NULL, 0},
    {"received_at", G_TEXT, NULL, 0},
    {"no_notification", G_BOOL, NULL, 0},
    {"idempotency_key", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {NULL, 0, NULL, 0},
};
static const struct grel return_rels[] = {
    {"items", &ent_return_item, 1, "%c.return_id = %p.id", "%c.rowid"},
    {"shipping_method", &ent_shipping_method, 0, "%c.return_id = %p.id", NULL},
    {"swap", &ent_swap, 0, "%c.id = %p.swap_id", NULL},
    {"order", &ent_order, 0, "%c.id = %p.order_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_return = {"\"return\"", return_cols, return_rels, NULL};

static const struct gcol return_item_cols[] = {
    {"return_id", G_TEXT, NULL, 0},         {"item_id", G_TEXT, NULL, 0},
    {"quantity", G_INT, NULL, 0},           {"is_requested", G_BOOL, NULL, 0},
    {"requested_quantity", G_INT, NULL, 0}, {"received_quantity", G_INT, NULL, 0},
    {"reason_id", G_TEXT, NULL, 0},         {"note", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},          {NULL, 0, NULL, 0},
};
static const struct grel return_item_rels[] = {
    {"reason", &ent_return_reason, 0, "%c.id = %p.reason_id", NULL},
    {"item", &ent_line_item, 0, "%c.id = %p.item_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_return_item = {"return_item", return_item_cols, return_item_rels, NULL};

/* created_by is kept out of the default columns: only the session routes send it. */
static const struct gcol payment_collection_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"type", G_TEXT, NULL, 0},
    {"status", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0},
    {"amount", G_INT, NULL, 0},
    {"authorized_amount", G_INT, NULL, 0},
    {"region_id", G_TEXT, NULL, 0},
    {"currency_code", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"created_by", G_TEXT, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel payment_collection_rels[] = {
    {"region", &ent_region, 0, "%c.id = %p.region_id", NULL},
    {"currency", &ent_currency, 0, "%c.code = %p.currency_code", NULL},
    {"payment_sessions", &ent_payment_session, 1,
     "%c.id IN (SELECT payment_session_id FROM payment_collection_sessions "
     "WHERE payment_collection_id = %p.id)",
     "%c.created_at, %c.id"},
    {"payments", &ent_payment, 1,
     "%c.id IN (SELECT payment_id FROM payment_collection_payments "
     "WHERE payment_collection_id = %p.id)",
     "%c.created_at, %c.id"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_payment_collection = {"payment_collection", payment_collection_cols,
                                            payment_collection_rels, LIVE};

/* The store never sees internal_note, created_by, confirmed_by, canceled_by or updated_at
 * (hidden: the admin selects them by name); status is derived from the timestamps (the last
 * that is set wins). */
static const struct gcol order_edit_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"order_id", G_TEXT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"requested_by", G_TEXT, NULL, 0},
    {"requested_at", G_TEXT, NULL, 0},
    {"confirmed_at", G_TEXT, NULL, 0},
    {"declined_by", G_TEXT, NULL, 0},
    {"declined_reason", G_TEXT, NULL, 0},
    {"declined_at", G_TEXT, NULL, 0},
    {"canceled_at", G_TEXT, NULL, 0},
    {"payment_collection_id", G_TEXT, NULL, 0},
    {"status", G_TEXT,
     "CASE WHEN %c.canceled_at IS NOT NULL THEN 'canceled' WHEN %c.confirmed_at IS NOT NULL "
     "THEN 'confirmed' WHEN %c.declined_at IS NOT NULL THEN 'declined' WHEN %c.requested_at IS "
     "NOT NULL THEN 'requested' ELSE 'created' END",
     0},
    {"internal_note", G_TEXT, NULL, 1},
    {"created_by", G_TEXT, NULL, 1},
    {"confirmed_by", G_TEXT, NULL, 1},
    {"canceled_by", G_TEXT, NULL, 1},
    {"updated_at", G_TEXT, NULL, 1},
    {NULL, 0, NULL, 0},
};
static const struct grel order_edit_rels[] = {
    {"changes", &ent_order_item_change, 1, "%c.order_edit_id = %p.id", "%c.created_at, %c.id"},
    {"items", &ent_line_item, 1, "%c.order_edit_id = %p.id", "%c.created_at, %c.id"},
    {"payment_collection", &ent_payment_collection, 0, "%c.id = %p.payment_collection_id", NULL},
    {"order", &ent_order, 0, "%c.id = %p.order_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_order_edit = {"order_edit", order_edit_cols, order_edit_rels, NULL};

static const struct gcol order_item_change_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"type", G_TEXT, NULL, 0},
    {"order_edit_id", G_TEXT, NULL, 0},
    {"original_line_item_id", G_TEXT, NULL, 0},
    {"line_item_id", G_TEXT, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel order_item_change_rels[] = {
    {"line_item", &ent_line_item, 0, "%c.id = %p.line_item_id", NULL},
    {"original_line_item", &ent_line_item, 0, "%c.id = %p.original_line_item_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_order_item_change = {"order_item_change", order_item_change_cols,
                                           order_item_change_rels, LIVE};

const struct geager gent_eager[] = {
    {&ent_return, "items"},
    {&ent_fulfillment, "items"},
};
const int gent_neager = sizeof(gent_eager) / sizeof(gent_eager[0]);
