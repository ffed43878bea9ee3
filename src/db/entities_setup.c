/* entities_setup.c: the descriptors (graph.h) of the shop's setup: currencies, countries,
 * providers, regions, tax rates, sales channels, shipping profiles and options, return reasons,
 * publishable API keys. */
#include "db/entities.h"
#include "db/entities_internal.h"

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
