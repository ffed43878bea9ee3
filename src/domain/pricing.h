/* pricing.h: Medusa's price selection (store.md §5.3): which of a variant's prices is its
 * original and its calculated price in a region/currency context, and the tax on them. The pure
 * part (pricing_select) works on plain structs; pricing_compute prices loaded variants (the fronts
 * write what it decided: front/catalog_common.c). */
#ifndef DOMAIN_PRICING_H
#define DOMAIN_PRICING_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/product.h"

struct price {
    int64_t amount;
    const char *currency_code;
    const char *region_id;     /* or NULL */
    const char *price_list_id; /* or NULL */
    const char *list_type;     /* the price list's type ("sale", "override"), or NULL */
    int has_min, has_max;
    int64_t min_quantity, max_quantity;
};

struct price_query {
    const char *region_id;     /* or NULL */
    const char *currency_code; /* or NULL */
    int has_quantity;
    int64_t quantity;
};

struct price_result {
    int has_original, has_calculated;
    int64_t original, calculated;
    const char *calculated_type; /* "default" or the list's type */
    int calculated_index;        /* which price won, or -1 */
};

/* Medusa's calculateVariantPrice over prices in their stored order. */
void pricing_select(const struct price *p, int n, const struct price_query *pq,
                    struct price_result *out);

/* The pricing context of a store request (store.md §12.2). */
struct price_context {
    const char *region_id;     /* NULL: none */
    const char *currency_code; /* the region's when a region is given */
    int automatic_taxes;       /* of the region */
    double region_tax_rate;    /* percent */
    const char *customer_id;   /* for customer-group price lists, or NULL */
    /* The Admin API's pricing without a context (setAdminProductPricing): only the prices outside
     * price lists, and "prices" always replaced (an empty array when there are none). */
    int plain_only;
};

/* Resolves cart_id / region_id / currency_code as Medusa does: the cart's region, else the region
 * (its currency overrides currency_code), else the currency alone. 404s for unknown ids. */
int pricing_context(struct ctx *c, const char *cart_id, const char *region_id,
                    const char *currency_code, struct price_context *pc);

/* Pricing's decisions for variants (read as rows or as json-c objects), for the writers:
 * PRICED_NONE leaves the variant as loaded, PRICED_EMPTY replaces "prices" with [] (plain_only),
 * PRICED_DROP removes "prices" (drop_unpriced), PRICED replaces "prices" and adds the fields. */
enum { PRICED_NONE, PRICED_EMPTY, PRICED_DROP, PRICED };
struct variant_pricing {
    int state;
    const struct db_price *prices; /* PRICED: the fetched prices, in order */
    int nprices;
    struct price_result res;
    int taxed;
    int64_t original_tax, calculated_tax;
    const struct db_tax_rate *rates; /* taxed: the product's rates; none: the region's default */
    int nrates;
};
/* The decisions for n variants (ids, and their products' ids or NULL),
 * into out[0..n). 0 or -1. */
int pricing_compute(struct ctx *c, const char *const *variant_ids, const char *const *product_ids,
                    int n, const struct price_context *pc, int drop_unpriced,
                    struct variant_pricing *out);

#endif
