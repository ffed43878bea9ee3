/* entities.c: entity descriptors (graph.h). Columns are listed in Medusa's serialisation order
 * where it matters to nobody but a human reader; `hidden` ones need an explicit `fields`. */
#include "db/entities.h"

#define TIMESTAMPS                                                                                 \
    {"created_at", G_TEXT, NULL, 0}, {"updated_at", G_TEXT, NULL, 0},                              \
    {                                                                                              \
        "deleted_at", G_TEXT, NULL, 0                                                              \
    }
#define LIVE "%c.deleted_at IS NULL"

/* ---- store setup ---------------------------------------------------------------------------- */

static const struct gcol currency_cols[] = {
    {"code", G_TEXT, NULL, 0},          {"symbol", G_TEXT, NULL, 0},
    {"symbol_native", G_TEXT, NULL, 0}, {"name", G_TEXT, NULL, 0},
    {"includes_tax", G_BOOL, NULL, 1},  {NULL, 0, NULL, 0},
};
const struct gent ent_currency = {"currency", currency_cols, NULL, NULL};

static const struct gcol country_cols[] = {
    {"id", G_INT, NULL, 0},         {"iso_2", G_TEXT, NULL, 0}, {"iso_3", G_TEXT, NULL, 0},
    {"num_code", G_INT, NULL, 0},   {"name", G_TEXT, NULL, 0},  {"display_name", G_TEXT, NULL, 0},
    {"region_id", G_TEXT, NULL, 0}, {NULL, 0, NULL, 0},
};
static const struct grel country_rels[] = {
    {"region", &ent_region, 0, "%c.id = %p.region_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_country = {"country", country_cols, country_rels, NULL};

static const struct gcol provider_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"is_installed", G_BOOL, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_payment_provider = {"payment_provider", provider_cols, NULL, NULL};
const struct gent ent_fulfillment_provider = {"fulfillment_provider", provider_cols, NULL, NULL};

static const struct gcol region_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"name", G_TEXT, NULL, 0},
    {"currency_code", G_TEXT, NULL, 0},
    {"tax_rate", G_REAL, NULL, 0},
    {"tax_code", G_TEXT, NULL, 0},
    {"gift_cards_taxable", G_BOOL, NULL, 0},
    {"automatic_taxes", G_BOOL, NULL, 0},
    {"tax_provider_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {"includes_tax", G_BOOL, NULL, 1},
    {NULL, 0, NULL, 0},
};
static const struct grel region_rels[] = {
    {"countries", &ent_country, 1, "%c.region_id = %p.id", "%c.id"},
    {"payment_providers", &ent_payment_provider, 1,
     "%c.id IN (SELECT provider_id FROM region_payment_providers WHERE region_id = %p.id)",
     "%c.id"},
    {"fulfillment_providers", &ent_fulfillment_provider, 1,
     "%c.id IN (SELECT provider_id FROM region_fulfillment_providers WHERE region_id = %p.id)",
     "%c.id"},
    {"currency", &ent_currency, 0, "%c.code = %p.currency_code", NULL},
    {"tax_rates", &ent_tax_rate, 1, "%c.region_id = %p.id", "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_region = {"region", region_cols, region_rels, LIVE};

/* The counts are Medusa's resolvable fields: selected by name through `fields` only. */
static const struct gcol tax_rate_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"rate", G_REAL, NULL, 0},
    {"code", G_TEXT, NULL, 0},
    {"name", G_TEXT, NULL, 0},
    {"region_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {"product_count", G_INT, "SELECT count(*) FROM product_tax_rate WHERE rate_id = %c.id", 1},
    {"product_type_count", G_INT,
     "SELECT count(*) FROM product_type_tax_rate WHERE rate_id = %c.id", 1},
    {"shipping_option_count", G_INT, "SELECT count(*) FROM shipping_tax_rate WHERE rate_id = %c.id",
     1},
    {NULL, 0, NULL, 0},
};
static const struct grel tax_rate_rels[] = {
    {"region", &ent_region, 0, "%c.id = %p.region_id", NULL},
    {"products", &ent_admin_product, 1,
     "%c.id IN (SELECT product_id FROM product_tax_rate WHERE rate_id = %p.id)", "%c.created_at"},
    {"product_types", &ent_product_type, 1,
     "%c.id IN (SELECT product_type_id FROM product_type_tax_rate WHERE rate_id = %p.id)",
     "%c.created_at"},
    {"shipping_options", &ent_shipping_option, 1,
     "%c.id IN (SELECT shipping_option_id FROM shipping_tax_rate WHERE rate_id = %p.id)",
     "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_tax_rate = {"tax_rate", tax_rate_cols, tax_rate_rels, NULL};

static const struct gcol sales_channel_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"name", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0},
    {"is_disabled", G_BOOL, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
const struct gent ent_sales_channel = {"sales_channel", sales_channel_cols, NULL, LIVE};

static const struct gcol shipping_profile_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"name", G_TEXT, NULL, 0},
    {"type", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
/* A product's profile is the last one linked to it (product_shipping_profile), as profile_id. */
static const struct grel shipping_profile_rels[] = {
    {"products", &ent_admin_product, 1,
     "%c.id IN (SELECT product_id FROM product_shipping_profile WHERE profile_id = %p.id)",
     "%c.created_at"},
    {"shipping_options", &ent_shipping_option, 1, "%c.profile_id = %p.id", "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_shipping_profile = {"shipping_profile", shipping_profile_cols,
                                          shipping_profile_rels, LIVE};

/* ---- products ------------------------------------------------------------------------------- */

static const struct gcol product_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"title", G_TEXT, NULL, 0},
    {"subtitle", G_TEXT, NULL, 0},
    {"status", G_TEXT, NULL, 0},
    {"external_id", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0},
    {"handle", G_TEXT, NULL, 0},
    {"is_giftcard", G_BOOL, NULL, 0},
    {"discountable", G_BOOL, NULL, 0},
    {"thumbnail", G_TEXT, NULL, 0},
    {"collection_id", G_TEXT, NULL, 0},
    {"type_id", G_TEXT, NULL, 0},
    {"weight", G_INT, NULL, 0},
    {"length", G_INT, NULL, 0},
    {"height", G_INT, NULL, 0},
    {"width", G_INT, NULL, 0},
    {"hs_code", G_TEXT, NULL, 0},
    {"origin_country", G_TEXT, NULL, 0},
    {"mid_code", G_TEXT, NULL, 0},
    {"material", G_TEXT, NULL, 0},
    TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0},
    /* Medusa shows the id of the last linked profile, and only with `profiles` loaded. */
    {"profile_id", G_TEXT,
     "SELECT profile_id FROM product_shipping_profile WHERE product_id = %c.id "
     "ORDER BY rowid DESC LIMIT 1",
     1},
    {NULL, 0, NULL, 0},
};
/* The store and the admin show the same relations, except which categories (CATS). */
#define PRODUCT_RELS(CATS, CAT_ENT)                                                                \
    {"variants", &ent_product_variant, 1, "%c.product_id = %p.id",                                 \
     "%c.variant_rank, %c.created_at"},                                                            \
        {"options", &ent_product_option, 1, "%c.product_id = %p.id", "%c.created_at"},             \
        {"images", &ent_image, 1,                                                                  \
         "%c.id IN (SELECT image_id FROM product_images WHERE product_id = %p.id)",                \
         "%c.created_at"},                                                                         \
        {"tags", &ent_product_tag, 1,                                                              \
         "%c.id IN (SELECT product_tag_id FROM product_tags WHERE product_id = %p.id)",            \
         "%c.created_at"},                                                                         \
        {"collection", &ent_product_collection, 0, "%c.id = %p.collection_id", NULL},              \
        {"type", &ent_product_type, 0, "%c.id = %p.type_id", NULL},                                \
        {"profiles", &ent_shipping_profile, 1,                                                     \
         "%c.id IN (SELECT profile_id FROM product_shipping_profile WHERE product_id = %p.id)",    \
         "%c.created_at"},                                                                         \
        {"sales_channels", &ent_sales_channel, 1,                                                  \
         "%c.id IN (SELECT sales_channel_id FROM product_sales_channel WHERE product_id = %p.id)", \
         "%c.created_at"},                                                                         \
        {"categories", CAT_ENT, 1,                                                                 \
         "%c.id IN (SELECT product_category_id FROM product_category_product WHERE product_id = "  \
         "%p.id)" CATS,                                                                            \
         "%c.rank, %c.handle"},                                                                    \
    {                                                                                              \
        NULL, NULL, 0, NULL, NULL                                                                  \
    }
/* Only active, public categories are shown in the store (store.md §5.1). */
static const struct grel product_rels[] = {
    PRODUCT_RELS(" AND %c.is_active = 1 AND %c.is_internal = 0", &ent_product_category)};
/* The admin sees every category of the product, with its admin columns. */
static const struct grel admin_product_rels[] = {PRODUCT_RELS("", &ent_admin_product_category)};
const struct gent ent_admin_product = {"product", product_cols, admin_product_rels, LIVE};
const struct gent ent_product = {"product", product_cols, product_rels, LIVE};

static const struct gcol variant_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"title", G_TEXT, NULL, 0},
    {"product_id", G_TEXT, NULL, 0},
    {"sku", G_TEXT, NULL, 0},
    {"barcode", G_TEXT, NULL, 0},
    {"ean", G_TEXT, NULL, 0},
    {"upc", G_TEXT, NULL, 0},
    {"variant_rank", G_INT, NULL, 0},
    {"inventory_quantity", G_INT, NULL, 0},
    {"allow_backorder", G_BOOL, NULL, 0},
    {"manage_inventory", G_BOOL, NULL, 0},
    {"hs_code", G_TEXT, NULL, 0},
    {"origin_country", G_TEXT, NULL, 0},
    {"mid_code", G_TEXT, NULL, 0},
    {"material", G_TEXT, NULL, 0},
    {"weight", G_INT, NULL, 0},
    {"length", G_INT, NULL, 0},
    {"height", G_INT, NULL, 0},
    {"width", G_INT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel variant_rels[] = {
    {"prices", &ent_money_amount, 1,
     "%c.id IN (SELECT money_amount_id FROM product_variant_money_amount WHERE variant_id = %p.id "
     "AND deleted_at IS NULL)",
     "%c.created_at"},
    {"options", &ent_product_option_value, 1, "%c.variant_id = %p.id", "%c.created_at"},
    {"product", &ent_product, 0, "%c.id = %p.product_id", NULL},
    /* No inventory module: a variant has no inventory items. */
    {"inventory_items", &ent_product_variant, 1, "0", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_product_variant = {"product_variant", variant_cols, variant_rels, LIVE};

static const struct gcol money_amount_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"currency_code", G_TEXT, NULL, 0},
    {"amount", G_INT, NULL, 0},
    {"min_quantity", G_INT, NULL, 0},
    {"max_quantity", G_INT, NULL, 0},
    {"price_list_id", G_TEXT, NULL, 0},
    {"region_id", G_TEXT, NULL, 0},
    {"variant_id", G_TEXT,
     "SELECT variant_id FROM product_variant_money_amount WHERE money_amount_id = %c.id LIMIT 1",
     0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel money_amount_rels[] = {
    {"price_list", &ent_price_list, 0, "%c.id = %p.price_list_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_money_amount = {"money_amount", money_amount_cols, money_amount_rels, LIVE};

static const struct gcol price_list_cols[] = {
    {"id", G_TEXT, NULL, 0},           {"name", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0},  {"type", G_TEXT, NULL, 0},
    {"status", G_TEXT, NULL, 0},       {"starts_at", G_TEXT, NULL, 0},
    {"ends_at", G_TEXT, NULL, 0},      TIMESTAMPS,
    {"includes_tax", G_BOOL, NULL, 1}, {NULL, 0, NULL, 0},
};
const struct gent ent_price_list = {"price_list", price_list_cols, NULL, LIVE};

static const struct gcol option_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"title", G_TEXT, NULL, 0},
    {"product_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel option_rels[] = {
    {"values", &ent_product_option_value, 1, "%c.option_id = %p.id", "%c.created_at"},
    {"product", &ent_product, 0, "%c.id = %p.product_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_product_option = {"product_option", option_cols, option_rels, LIVE};

static const struct gcol option_value_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"value", G_TEXT, NULL, 0},
    {"option_id", G_TEXT, NULL, 0},
    {"variant_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel option_value_rels[] = {
    {"option", &ent_product_option, 0, "%c.id = %p.option_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_product_option_value = {"product_option_value", option_value_cols,
                                              option_value_rels, LIVE};

static const struct gcol image_cols[] = {
    {"id", G_TEXT, NULL, 0}, {"url", G_TEXT, NULL, 0}, {"metadata", G_JSON, NULL, 0}, TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
const struct gent ent_image = {"image", image_cols, NULL, LIVE};

static const struct gcol value_cols[] = {
    {"id", G_TEXT, NULL, 0}, {"value", G_TEXT, NULL, 0}, {"metadata", G_JSON, NULL, 0}, TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
const struct gent ent_product_tag = {"product_tag", value_cols, NULL, LIVE};
const struct gent ent_product_type = {"product_type", value_cols, NULL, LIVE};

static const struct gcol collection_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"title", G_TEXT, NULL, 0},
    {"handle", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel collection_rels[] = {
    {"products", &ent_product, 1, "%c.collection_id = %p.id", "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_product_collection = {"product_collection", collection_cols, collection_rels,
                                            LIVE};

/* Store view of a category: is_active, is_internal and mpath are not shown. */
static const struct gcol category_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"name", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0},
    {"handle", G_TEXT, NULL, 0},
    {"parent_category_id", G_TEXT, NULL, 0},
    {"rank", G_INT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {"is_active", G_BOOL, NULL, 1},
    {"is_internal", G_BOOL, NULL, 1},
    {"mpath", G_TEXT, NULL, 1},
    {NULL, 0, NULL, 0},
};
#define VISIBLE " AND %c.is_active = 1 AND %c.is_internal = 0"
static const struct grel category_rels[] = {
    {"parent_category", &ent_product_category, 0, "%c.id = %p.parent_category_id" VISIBLE, NULL},
    {"category_children", &ent_product_category, 1, "%c.parent_category_id = %p.id" VISIBLE,
     "%c.rank, %c.handle"},
    {"products", &ent_product, 1,
     "%c.id IN (SELECT product_id FROM product_category_product WHERE product_category_id = %p.id)",
     "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
/* Categories are deleted for real in Medusa v1: no deleted_at. */
const struct gent ent_product_category = {"product_category", category_cols, category_rels, NULL};

/* Admin view of a category (defaultProductCategoryFields): is_active and is_internal shown, mpath
 * only on request; parent and children whatever their visibility. */
static const struct gcol admin_category_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"name", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0},
    {"handle", G_TEXT, NULL, 0},
    {"is_active", G_BOOL, NULL, 0},
    {"is_internal", G_BOOL, NULL, 0},
    {"rank", G_INT, NULL, 0},
    {"parent_category_id", G_TEXT, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"mpath", G_TEXT, NULL, 1},
    {NULL, 0, NULL, 0},
};
static const struct grel admin_category_rels[] = {
    {"parent_category", &ent_admin_product_category, 0, "%c.id = %p.parent_category_id", NULL},
    {"category_children", &ent_admin_product_category, 1, "%c.parent_category_id = %p.id",
     "%c.rank, %c.handle"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_admin_product_category = {"product_category", admin_category_cols,
                                                admin_category_rels, NULL};

/* ---- returns and shipping ------------------------------------------------------------------- */

static const struct gcol return_reason_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"value", G_TEXT, NULL, 0},
    {"label", G_TEXT, NULL, 0},
    {"description", G_TEXT, NULL, 0},
    {"parent_return_reason_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel return_reason_rels[] = {
    {"parent_return_reason", &ent_return_reason, 0, "%c.id = %p.parent_return_reason_id", NULL},
    {"return_reason_children", &ent_return_reason, 1, "%c.parent_return_reason_id = %p.id",
     "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_return_reason = {"return_reason", return_reason_cols, return_reason_rels,
                                       LIVE};

/* The rates Medusa's pricing puts on a shipping option (store.md §6.2): none without automatic
 * taxes; else the option's own rates in its region, or the region's default rate. Rates print
 * as JavaScript numbers (25, not 25.0), as G_REAL. */
#define SHIPPING_TAX_RATES                                                                         \
    "SELECT CASE WHEN r.automatic_taxes THEN coalesce((SELECT nullif(json_group_array("            \
    "json_object('rate', CASE WHEN t.rate = CAST(t.rate AS INTEGER) THEN CAST(t.rate AS INTEGER)"  \
    " ELSE t.rate END, 'name', t.name, 'code', t.code)), '[]')"                                    \
    " FROM (SELECT tr.rate, tr.name, tr.code FROM shipping_tax_rate s"                             \
    " JOIN tax_rate tr ON tr.id = s.rate_id"                                                       \
    " WHERE s.shipping_option_id = %c.id AND tr.region_id = %c.region_id"                          \
    " ORDER BY tr.created_at, tr.id) t),"                                                          \
    " json_array(json_object('rate', CASE WHEN r.tax_rate = CAST(r.tax_rate AS INTEGER)"           \
    " THEN CAST(r.tax_rate AS INTEGER) ELSE r.tax_rate END, 'name', 'default',"                    \
    " 'code', 'default'))) ELSE json_array() END FROM region r WHERE r.id = %c.region_id"

static const struct gcol shipping_option_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"name", G_TEXT, NULL, 0},
    {"region_id", G_TEXT, NULL, 0},
    {"profile_id", G_TEXT, NULL, 0},
    {"provider_id", G_TEXT, NULL, 0},
    {"price_type", G_TEXT, NULL, 0},
    {"amount", G_INT, NULL, 0},
    {"is_return", G_BOOL, NULL, 0},
    {"admin_only", G_BOOL, NULL, 0},
    {"data", G_JSON, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {"includes_tax", G_BOOL, NULL, 1},
    {"tax_rates", G_JSON, SHIPPING_TAX_RATES, 1},
    {NULL, 0, NULL, 0},
};
static const struct grel shipping_option_rels[] = {
    {"requirements", &ent_shipping_option_requirement, 1, "%c.shipping_option_id = %p.id", "%c.id"},
    {"region", &ent_region, 0, "%c.id = %p.region_id", NULL},
    {"profile", &ent_shipping_profile, 0, "%c.id = %p.profile_id", NULL},
    {"provider", &ent_fulfillment_provider, 0, "%c.id = %p.provider_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_shipping_option = {"shipping_option", shipping_option_cols,
                                         shipping_option_rels, LIVE};

static const struct gcol requirement_cols[] = {
    {"id", G_TEXT, NULL, 0},    {"shipping_option_id", G_TEXT, NULL, 0}, {"type", G_TEXT, NULL, 0},
    {"amount", G_INT, NULL, 0}, {"deleted_at", G_TEXT, NULL, 0},         {NULL, 0, NULL, 0},
};
const struct gent ent_shipping_option_requirement = {"shipping_option_requirement",
                                                     requirement_cols, NULL, LIVE};

/* ---- customers ------------------------------------------------------------------------------ */

/* password_hash is never serialised (Medusa selects it only to authenticate). */
static const struct gcol customer_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"email", G_TEXT, NULL, 0},
    {"first_name", G_TEXT, NULL, 0},
    {"last_name", G_TEXT, NULL, 0},
    {"billing_address_id", G_TEXT, NULL, 0},
    {"phone", G_TEXT, NULL, 0},
    {"has_account", G_BOOL, NULL, 0},
    TIMESTAMPS,
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
static const struct grel customer_rels[] = {
    {"shipping_addresses", &ent_address, 1, "%c.customer_id = %p.id", "%c.created_at, %c.id"},
    {"billing_address", &ent_address, 0, "%c.id = %p.billing_address_id", NULL},
    {"orders", &ent_order, 1, "%c.customer_id = %p.id", "%c.created_at, %c.id"},
    {"groups", &ent_customer_group, 1,
     "%c.id IN (SELECT customer_group_id FROM customer_group_customers WHERE customer_id = %p.id)",
     "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_customer = {"customer", customer_cols, customer_rels, LIVE};

static const struct gcol customer_group_cols[] = {
    {"id", G_TEXT, NULL, 0}, {"name", G_TEXT, NULL, 0}, {"metadata", G_JSON, NULL, 0}, TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
const struct gent ent_customer_group = {"customer_group", customer_group_cols, NULL, LIVE};

static const struct gcol address_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"customer_id", G_TEXT, NULL, 0},
    {"company", G_TEXT, NULL, 0},
    {"first_name", G_TEXT, NULL, 0},
    {"last_name", G_TEXT, NULL, 0},
    {"address_1", G_TEXT, NULL, 0},
    {"address_2", G_TEXT, NULL, 0},
    {"city", G_TEXT, NULL, 0},
    {"country_code", G_TEXT, NULL, 0},
    {"province", G_TEXT, NULL, 0},
    {"postal_code", G_TEXT, NULL, 0},
    {"phone", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
static const struct grel address_rels[] = {
    {"country", &ent_country, 0, "%c.iso_2 = %p.country_code", NULL},
    {"customer", &ent_customer, 0, "%c.id = %p.customer_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_address = {"address", address_cols, address_rels, LIVE};

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
const struct gent ent_discount_condition = {"discount_condition", discount_condition_cols, NULL,
                                            LIVE};

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
static const struct grel claim_order_rels[] = {
    {"additional_items", &ent_line_item, 1, "%c.claim_order_id = %p.id", "%c.created_at, %c.id"},
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

/* ---- admin users ---------------------------------------------------------------------------- */

/* password_hash is never serialised (Medusa omits it from every answer). */
static const struct gcol user_cols[] = {
    {"id", G_TEXT, NULL, 0},
    TIMESTAMPS,
    {"role", G_TEXT, NULL, 0},
    {"email", G_TEXT, NULL, 0},
    {"first_name", G_TEXT, NULL, 0},
    {"last_name", G_TEXT, NULL, 0},
    {"api_token", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_user = {"user", user_cols, NULL, LIVE};

/* Invitations; the token is shown to admins (the dashboard copies invite links from it). */
static const struct gcol invite_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"user_email", G_TEXT, NULL, 0},
    {"role", G_TEXT, NULL, 0},
    {"accepted", G_BOOL, NULL, 0},
    {"token", G_TEXT, NULL, 0},
    {"expires_at", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    TIMESTAMPS,
    {NULL, 0, NULL, 0},
};
const struct gent ent_invite = {"invite", invite_cols, NULL, LIVE};

/* ---- publishable API keys ------------------------------------------------------------------- */

static const struct gcol publishable_api_key_cols[] = {
    {"id", G_TEXT, NULL, 0},         {"created_by", G_TEXT, NULL, 0},
    {"revoked_by", G_TEXT, NULL, 0}, {"revoked_at", G_TEXT, NULL, 0},
    {"title", G_TEXT, NULL, 0},      {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0}, {NULL, 0, NULL, 0},
};
static const struct grel publishable_api_key_rels[] = {
    {"sales_channels", &ent_sales_channel, 1,
     "%c.id IN (SELECT sales_channel_id FROM publishable_api_key_sales_channel WHERE "
     "publishable_key_id = %p.id)",
     "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
/* Deleted for real, as Medusa removes them. */
const struct gent ent_publishable_api_key = {"publishable_api_key", publishable_api_key_cols,
                                             publishable_api_key_rels, NULL};
