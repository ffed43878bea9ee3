/* entities_product.c: the descriptors (graph.h) of the catalog: products, variants, prices,
 * price lists, options, images, tags, types, collections, categories (store and admin views). */
#include "db/entities.h"
#include "db/entities_internal.h"

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
    {"inventory_items", &ent_product_variant, 1, "FALSE", NULL},
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
#define PRICE_VARIANT                                                                              \
    "%c.id IN (SELECT variant_id FROM product_variant_money_amount WHERE money_amount_id = %p.id)"
static const struct grel money_amount_rels[] = {
    {"price_list", &ent_price_list, 0, "%c.id = %p.price_list_id", NULL},
    {"variants", &ent_product_variant, 1, PRICE_VARIANT, "%c.created_at"},
    {"variant", &ent_product_variant, 0, PRICE_VARIANT, NULL},
    {"region", &ent_region, 0, "%c.id = %p.region_id", NULL},
    {"currency", &ent_currency, 0, "%c.code = %p.currency_code", NULL},
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
static const struct grel price_list_rels[] = {
    {"prices", &ent_money_amount, 1, "%c.price_list_id = %p.id", "%c.created_at, %c.id"},
    {"customer_groups", &ent_customer_group, 1,
     "%c.id IN (SELECT customer_group_id FROM price_list_customer_groups WHERE price_list_id = "
     "%p.id)",
     "%c.created_at"},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_price_list = {"price_list", price_list_cols, price_list_rels, LIVE};

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
