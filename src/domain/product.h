/* product.h: Medusa's product create/update/delete for the Admin API (create-product.ts,
 * ProductService, ProductVariantService): default handle and profile, the store's default sales
 * channel, tags and types upserted by value, options then variants with their prices. */
#ifndef DOMAIN_PRODUCT_H
#define DOMAIN_PRODUCT_H
#include <stdint.h>

#include "core/ctx.h"

struct json_object;

struct price_input {
    const char *id;                        /* update: an existing price of the variant, or NULL */
    const char *region_id, *currency_code; /* exactly one (the DTO's XOR) unless id is given */
    int64_t amount;
    int has_min, has_max;
    int64_t min_quantity, max_quantity;
};

struct variant_input {
    const char *id; /* update: an existing variant of the product; NULL: a new one */
    const char *title, *sku, *ean, *upc, *barcode, *hs_code, *origin_country, *mid_code, *material;
    struct json_object *metadata;
    int has_inventory;
    int64_t inventory_quantity;
    int allow_backorder, manage_inventory; /* -1: not given (the model's default on create) */
    int has_weight, has_length, has_height, has_width;
    int64_t weight, length, height, width;
    const struct price_input *prices;
    int nprices;                      /* -1: not given */
    const char *const *option_values; /* create: by position, one per product option */
    const char *const *option_ids;    /* update: the option of each value */
    int noptions;
};

/* A validated body. NULL strings and -1 flags/counts: not given (an update keeps the value). */
struct product_input {
    const char *title, *subtitle, *description, *handle, *thumbnail, *status, *collection_id,
        *hs_code, *origin_country, *mid_code, *material;
    int is_giftcard, discountable;
    int has_weight, has_length, has_height, has_width;
    int64_t weight, length, height, width;
    const char *type_value; /* type {value}, or NULL */
    struct json_object *metadata;
    const char *const *images;
    int nimages;
    const char *const *tag_ids, *const *tag_values;
    int ntags;
    const char *const *category_ids;
    int ncategories;
    const char *const *channel_ids;
    int nchannels;
    const char *const *option_titles;
    int noptions;
    const struct variant_input *variants;
    int nvariants;
};

/* Creates a product (status default draft, handle kebabCase(title) when absent, the default or
 * gift-card shipping profile, the store's default sales channel when none is given) with its
 * options and variants. *id receives its id. 0 or -1 with Medusa's error. */
int product_create(struct ctx *c, const struct product_input *in, const char **id);
/* Updates a live product's scalars, status, images, tags, type, collection, categories, sales
 * channels and metadata (404 "Product with id: <id> was not found"). With variants (nvariants >=
 * 0) they become the product's: listed ids are updated (fields given, rank, prices replaced),
 * others deleted, new ones created against the product's options. 0 or -1. */
int product_update(struct ctx *c, const char *id, const struct product_input *in);
/* Soft-deletes a product with its variants (idempotent: an unknown id is fine). 0 or -1. */
int product_delete(struct ctx *c, const char *id);

/* POST /admin/products/:id/variants (ProductVariantService.create): the variant's {value,
 * option_id} pairs must cover the product's options and be a new combination; it is ranked last.
 * An unknown product is Medusa's 400 "Product id missing". 0 or -1. */
int product_variant_create(struct ctx *c, const char *product_id, const struct variant_input *v);
/* POST /admin/products/:id/variants/:variant_id: v->id is the variant (404 "Variant with id: x
 * was not found" unless it is a live variant of the product); the fields given, option values
 * by option (404 "Product option value not found"), prices replaced when given. 0 or -1. */
int product_variant_update(struct ctx *c, const char *product_id, const struct variant_input *v);
/* DELETE /admin/products/:id/variants/:variant_id: soft-deletes the variant with its prices and
 * option values when it is one of the product's (an unknown one is fine). 0 or -1. */
int product_variant_delete(struct ctx *c, const char *product_id, const char *variant_id);

/* Product options (ProductService.addOption / updateOption / deleteOption). Each records 404
 * "Product with id: x was not found" for an unknown product. add: a title already used is 422
 * "An option with the title: x already exists"; every variant gets "Default Value". update:
 * another option with the title in any case is Medusa's 404 "An option with title x already
 * exists"; an unknown option 404 "Option with id: x does not exist". delete: a no-op for an
 * unknown option; 400 unless every variant has the same value for it. 0 or -1. */
int product_option_add(struct ctx *c, const char *product_id, const char *title);
int product_option_update(struct ctx *c, const char *product_id, const char *option_id,
                          const char *title);
int product_option_delete(struct ctx *c, const char *product_id, const char *option_id);

#endif
