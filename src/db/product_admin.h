/* product_admin.h: SQL of the Admin API's product writes (domain/product.c holds the rules). */
#ifndef DB_PRODUCT_ADMIN_H
#define DB_PRODUCT_ADMIN_H
#include <stdint.h>

#include "core/ctx.h"

/* The product's own columns. Dimensions: has_* 0 stores NULL. */
struct product_row {
    const char *title, *subtitle, *description, *handle, *status, *thumbnail, *profile_id,
        *collection_id, *type_id, *hs_code, *origin_country, *mid_code, *material, *metadata;
    int is_giftcard, discountable;
    int has_weight, has_length, has_height, has_width;
    int64_t weight, length, height, width;
};

struct variant_row {
    const char *title, *sku, *barcode, *ean, *upc, *hs_code, *origin_country, *mid_code, *material,
        *metadata;
    int64_t inventory_quantity, variant_rank;
    int allow_backorder, manage_inventory;
    int has_weight, has_length, has_height, has_width;
    int64_t weight, length, height, width;
};

/* Inserts a product; its new id, or NULL. */
const char *db_product_insert(struct ctx *c, const struct product_row *row);
/* A live product's columns: 0, 1 if there is none, -1. */
int db_product_load_row(struct ctx *c, const char *id, struct product_row *row);
/* Writes every column of row back (and updated_at). 0 or -1. */
int db_product_update_row(struct ctx *c, const char *id, const struct product_row *row);
/* Soft-deletes a product with its variants, their option values and prices. 0 or -1. */
int db_product_soft_delete(struct ctx *c, const char *id);

/* 1 if a live product other than except_id (may be NULL) has the handle, 0 if not, -1. */
int db_product_handle_taken(struct ctx *c, const char *handle, const char *except_id);
/* 1 if a live variant has this value in column col ("sku", "ean", "upc", "barcode"), 0, -1. */
int db_variant_value_taken(struct ctx *c, const char *col, const char *value);
/* 1 if a live row with the id exists in table ("product_collection", "product_category",
 * "sales_channel", "region", "product", "product_type", "shipping_option", "shipping_profile",
 * "tax_rate", "publishable_api_key", "currency": code), 0 if not, -1. table is a constant. */
int db_row_exists(struct ctx *c, const char *table, const char *id);

/* Links the product to exactly this profile (and sets product.profile_id). 0 or -1. */
int db_product_set_profile(struct ctx *c, const char *id, const char *profile_id);
/* The store's default sales channel, or NULL (none configured). */
const char *db_store_default_channel(struct ctx *c);

/* Medusa's upsertImages: a live image with the same url is reused; the product's images become
 * exactly these. */
int db_product_set_images(struct ctx *c, const char *id, const char *const *urls, int n);
/* Medusa's upsertTags: a live tag with the same value is reused, else one is made (with the
 * given id, if any); the product's tags become exactly these. */
int db_product_set_tags(struct ctx *c, const char *id, const char *const *tag_ids,
                        const char *const *values, int n);
/* Medusa's upsertType: the live type with this value, else a new one. Its id, or NULL. */
const char *db_product_type_upsert(struct ctx *c, const char *value);
/* The product's categories / sales channels become exactly these ids. 0 or -1. */
int db_product_set_categories(struct ctx *c, const char *id, const char *const *ids, int n);
int db_product_set_channels(struct ctx *c, const char *id, const char *const *ids, int n);

/* A product option; its id or NULL. */
const char *db_product_option_insert(struct ctx *c, const char *product_id, const char *title);
/* A variant of the product; its id or NULL. */
const char *db_variant_insert(struct ctx *c, const char *product_id, const struct variant_row *row);
int db_option_value_insert(struct ctx *c, const char *variant_id, const char *option_id,
                           const char *value);
/* A price of the variant outside price lists (region_id may be NULL). 0 or -1. */
int db_variant_price_insert(struct ctx *c, const char *variant_id, const char *currency_code,
                            const char *region_id, int64_t amount, const int64_t *min_quantity,
                            const int64_t *max_quantity);
/* The live variants' ids of a product (creation order), or the product's options' ids and titles
 * (creation order), as arena arrays. The count, or -1. */
int db_product_variant_ids(struct ctx *c, const char *product_id, const char ***ids);
int db_product_options(struct ctx *c, const char *product_id, const char ***ids,
                       const char ***titles);
/* 1 if a live variant of the product has exactly these option values (by option), 0, -1. */
int db_variant_combo_taken(struct ctx *c, const char *product_id, const char *const *opt_ids,
                           const char *const *values, int n, const char **title);
/* A live variant's columns: 0, 1 if none, -1. */
int db_variant_load_row(struct ctx *c, const char *id, struct variant_row *row);
int db_variant_update_row(struct ctx *c, const char *id, const struct variant_row *row);
/* Soft-deletes a variant with its option values and prices. 0 or -1. */
int db_variant_soft_delete(struct ctx *c, const char *id);
/* The region and currency of a live price of the variant: 0, 1 if it has no such price, -1. */
int db_variant_price_of(struct ctx *c, const char *variant_id, const char *price_id,
                        const char **region_id, const char **currency_code);
/* Soft-deletes the variant's prices outside price lists. 0 or -1. */
int db_variant_prices_clear(struct ctx *c, const char *id);
/* The product of a live variant, or NULL (none: nothing recorded). */
const char *db_variant_product_id(struct ctx *c, const char *variant_id);
/* Sets the live value of the variant for an option: 0, 1 if the variant has none, -1. */
int db_option_value_set(struct ctx *c, const char *variant_id, const char *option_id,
                        const char *value);
/* 1 if a live option of the product other than except_id (may be NULL) has the title (nocase:
 * in any letter case), 0 if not, -1. */
int db_product_option_title_taken(struct ctx *c, const char *product_id, const char *title,
                                  const char *except_id, int nocase);
/* 1 if the option is a live option of the product, 0 if not, -1. */
int db_product_option_exists(struct ctx *c, const char *product_id, const char *option_id);
int db_product_option_set_title(struct ctx *c, const char *option_id, const char *title);
/* Soft-deletes an option with its values. 0 or -1. */
int db_product_option_soft_delete(struct ctx *c, const char *option_id);
/* How many different values (a missing one counts as one) the live variants of the product have
 * for the option; -1. */
int db_option_distinct_values(struct ctx *c, const char *product_id, const char *option_id);
/* Gives every live variant of the product the value for the option. 0 or -1. */
int db_option_values_fill(struct ctx *c, const char *product_id, const char *option_id,
                          const char *value);

/* The currency of a live region, or NULL (no such region: nothing recorded). */
const char *db_region_currency(struct ctx *c, const char *region_id);

#endif
