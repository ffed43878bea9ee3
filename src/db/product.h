/* product.h: product, variant and pricing reads for the catalog (store.md §5). */
#ifndef DB_PRODUCT_H
#define DB_PRODUCT_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/graph.h"

struct json_object;

/* A string list from a query (string or array). */
struct strlist {
    const char *const *v;
    int n;
};

struct product_filter {
    const char *q;
    struct strlist ids, collection_ids, type_ids, tags, category_ids;
    int include_category_children;
    const char *title, *description, *handle;
    int is_giftcard; /* -1: any */
    int sc_filter;   /* 1: restrict to sales_channels */
    struct strlist sales_channels;
    int published_only;
    struct strlist statuses; /* the Admin API's status[] filter */
    /* The Admin API's: products with prices in these lists, in a discount condition; categories
     * whatever their visibility. */
    struct strlist price_lists;
    const char *discount_condition_id;
    int any_category;
    int order_by_ids; /* keep the order of `ids` (search ranking) */
};

/* gq_list plus the product filters; orders by `variants.title` / `variants.prices.amount` too
 * (each product ranked by its smallest value ascending, largest descending). */
int db_products_query(struct ctx *c, struct gquery *q, const struct gsel *sel,
                      const struct listf *lf, const struct product_filter *pf);

struct variant_filter {
    struct strlist ids, titles;
    const char *q;                              /* the Admin API: title, sku or product title */
    int has_manage_inventory, manage_inventory; /* has_*: filter on the flag */
    int has_allow_backorder, allow_backorder;
    int has_inventory; /* inventory_quantity filter */
    int64_t inv_eq;
    int has_inv_lt, has_inv_gt, has_inv_lte, has_inv_gte;
    int64_t inv_lt, inv_gt, inv_lte, inv_gte;
};
int db_variants_query(struct ctx *c, struct gquery *q, const struct gsel *sel,
                      const struct listf *lf, const struct variant_filter *vf);

/* Ranked full-text search (sql/0002): ids of the live, published products matching the FTS5
 * expression, best first, one page of them; *total = every match. */
int db_products_search(struct ctx *c, const char *match, int64_t limit, int64_t offset,
                       struct strlist *ids, int64_t *total);

/* A variant's price as pricing fetches it, with its price list (list.id NULL: none). */
struct db_price {
    const char *variant_id, *id, *currency_code, *region_id, *price_list_id;
    int64_t amount;
    int has_min, has_max;
    int64_t min_quantity, max_quantity;
    const char *created_at, *updated_at, *deleted_at;
    struct {
        const char *id, *name, *description, *type, *status, *starts_at, *ends_at, *created_at,
            *updated_at, *deleted_at;
    } list;
};
/* Prices fetched for pricing (store.md §5.3): live prices of the variants ids[0..nids) outside
 * price lists or in active, current lists open to the customer (NULL: anonymous), restricted to
 * region/currency as Medusa does; ordered by variant id, then created_at and id. Arena-owned.
 * 0 or -1. */
int db_catalog_price_rows(struct ctx *c, const char *const *variant_ids, int nids,
                          const char *region_id, const char *currency_code, const char *customer_id,
                          struct db_price **out, int *n);
/* A product's tax rate in a region. */
struct db_tax_rate {
    const char *product_id;
    const char *json; /* {"rate":..,"name":..,"code":..} */
    double rate;
};
/* Tax rates configured for the products ids[0..nids) (by product or by their type) in a region,
 * grouped by product id, only for products that have some. Arena-owned. 0 or -1. */
int db_product_tax_rate_rows(struct ctx *c, const char *region_id, const char *const *product_ids,
                             int nids, struct db_tax_rate **out, int *n);

/* The region's pricing facts; 1 if it does not exist. */
int db_region_pricing(struct ctx *c, const char *id, const char **currency_code,
                      int *automatic_taxes, double *tax_rate);
/* The region of a cart; 1 if there is no such cart. */
int db_cart_region(struct ctx *c, const char *cart_id, const char **region_id);

/* Sales channel ids a publishable key is scoped to (empty for an unknown key). A revoked key
 * keeps its channels, as Medusa v1's getResourceScopes reads the links alone: revoking never
 * widens a storefront to every channel's products. */
int db_pk_scope(struct ctx *c, const char *key, struct strlist *out);
/* The store's default sales channel id, or NULL. */
const char *db_default_sales_channel(struct ctx *c);
/* 1 if the product (variant) exists, 0 if not; and whether it is in one of the channels. */
int db_product_in_channels(struct ctx *c, const char *product_id, const struct strlist *sc,
                           int *in_scope);
int db_variant_in_channels(struct ctx *c, const char *variant_id, const struct strlist *sc,
                           int *in_scope);

/* A JSON array text of strings. */
const char *db_json_list(struct ctx *c, const struct strlist *l);
/* The same of an array ids[0..n). */
const char *db_json_ids(struct ctx *c, const char *const *ids, int n);

#endif
