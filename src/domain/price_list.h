/* price_list.h: Medusa v1's PriceListService for the Admin API: price lists with their prices
 * (per variant, by region or currency, with quantity tiers) and customer groups, as the Store
 * API's pricing then reads them (store.md §5.3). */
#ifndef DOMAIN_PRICE_LIST_H
#define DOMAIN_PRICE_LIST_H
#include <stdint.h>

#include "core/ctx.h"

struct price_list_price {
    const char *id; /* update: an existing price of the list, or NULL: a new one */
    const char *variant_id, *region_id, *currency_code;
    int64_t amount;
    int has_min, has_max;
    int64_t min_quantity, max_quantity;
};

/* A validated body: NULL strings keep (update) or default (create); has_starts/has_ends with a
 * NULL value clear the date. -1 counts: not given. */
struct price_list_input {
    const char *name, *description, *type, *status;
    int has_starts, has_ends;
    const char *starts_at, *ends_at; /* ISO texts */
    const struct price_list_price *prices;
    int nprices;
    const char *const *groups;
    int ngroups;
};

/* Creates a list (status draft by default) with its prices and groups; *id receives its id.
 * Errors as Medusa's: 404 for an unknown customer group ("CustomerGroup with id x was not
 * found"), variant ("Product_variant with variant_id x does not exist.") or currency; an unknown
 * region is 404 "Region with x was not found" (Medusa fails with a TypeError). 0 or -1. */
int price_list_create(struct ctx *c, const struct price_list_input *in, const char **id);
/* Updates a live list (404 "Price list with id: x was not found"): the columns given, prices
 * upserted (an id must be one of the list's prices), groups replaced. 0 or -1. */
int price_list_update(struct ctx *c, const char *id, const struct price_list_input *in);
/* Deletes a list with its prices (an unknown one is fine). 0 or -1. */
int price_list_delete(struct ctx *c, const char *id);
/* POST /admin/price-lists/:id/prices/batch: new prices (any id ignored, as Medusa's insert);
 * with replace, the list's other prices go. 0 or -1. */
int price_list_add_prices(struct ctx *c, const char *id, const struct price_list_price *prices,
                          int n, int replace);
/* Deletes prices of the list by id (404 for the list). 0 or -1. */
int price_list_delete_prices(struct ctx *c, const char *id, const char *const *ids, int n);
/* Deletes the list's prices of the products' (of_products) or the variants' ids; *deleted and
 * *ndeleted receive the deleted price ids. 0 or -1. */
int price_list_delete_prices_of(struct ctx *c, const char *id, const char *const *ids, int n,
                                int of_products, const char ***deleted, int *ndeleted);

#endif
