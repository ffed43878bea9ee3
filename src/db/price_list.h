/* price_list.h: SQL of price lists, their prices and customer groups (the rules are in
 * domain/price_list.c). The Store API's pricing reads these rows as they are written
 * (db/product.c db_catalog_price_rows). */
#ifndef DB_PRICE_LIST_H
#define DB_PRICE_LIST_H
#include <stdint.h>

#include "core/ctx.h"

struct price_list_row {
    const char *name, *description, *type, *status;
    const char *starts_at, *ends_at; /* ISO texts or NULL */
};

/* Inserts a price list; its new id, or NULL. */
const char *db_price_list_insert(struct ctx *c, const struct price_list_row *row);
/* A live price list's columns (arena): 0, 1 if none, -1. */
int db_price_list_load(struct ctx *c, const char *id, struct price_list_row *row);
int db_price_list_update(struct ctx *c, const char *id, const struct price_list_row *row);
/* Deletes a price list with its prices and customer group links. 0 or -1. */
int db_price_list_delete(struct ctx *c, const char *id);
/* The list's customer groups become exactly ids[0..n). 0 or -1. */
int db_price_list_set_groups(struct ctx *c, const char *id, const char *const *ids, int n);

/* A price of the list for a variant (min/max NULL unless has_*). 0 or -1. */
int db_price_list_price_insert(struct ctx *c, const char *list_id, const char *variant_id,
                               const char *currency_code, const char *region_id, int64_t amount,
                               const int64_t *min_quantity, const int64_t *max_quantity);
/* Updates a price of the list (its variant link too); 1 if it is not one of the list's. */
int db_price_list_price_update(struct ctx *c, const char *list_id, const char *price_id,
                               const char *variant_id, const char *currency_code,
                               const char *region_id, int64_t amount, const int64_t *min_quantity,
                               const int64_t *max_quantity);
/* 1 if price_id is one of the list's prices, 0 if not, -1. */
int db_price_list_has_price(struct ctx *c, const char *list_id, const char *price_id);
/* Deletes the list's prices among ids[0..n), or all of them. 0 or -1. */
int db_price_list_prices_delete(struct ctx *c, const char *list_id, const char *const *ids, int n);
int db_price_list_prices_clear(struct ctx *c, const char *list_id);
/* The ids of the list's prices of the variants of products ids[0..n) (of_products) or of the
 * variants ids[0..n), as an arena array; the count, or -1. */
int db_price_list_price_ids(struct ctx *c, const char *list_id, const char *const *ids, int n,
                            int of_products, const char ***out);

/* 1 if the row exists and is live: a variant, a currency (code), 0 if not, -1. */
int db_price_list_variant_exists(struct ctx *c, const char *id);

struct gquery;
/* Price lists whose name or description, or one of whose live customer groups' names, contains
 * text (PriceListService.listAndCount's q). */
void db_price_list_where_q(struct ctx *c, struct gquery *q, const char *text);

#endif
