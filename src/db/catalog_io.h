/* catalog_io.h: the SQL of the catalogue's CSV import and export (domain/product_import.c,
 * domain/product_export.c): lookups by handle, name and id, and the export's column shape.
 * Each lookup: 0 found (out set, arena), 1 none, -1 error. */
#ifndef DB_CATALOG_IO_H
#define DB_CATALOG_IO_H
#include <stdint.h>

#include "core/ctx.h"

/* A live product by id: its handle. */
int db_io_product_handle(struct ctx *c, const char *id, const char **handle);
/* A live product by handle: its id. */
int db_io_product_by_handle(struct ctx *c, const char *handle, const char **id);
/* A live variant: its product's id. */
int db_io_variant_product(struct ctx *c, const char *variant_id, const char **product_id);
/* The live variant holding sku. */
int db_io_sku_owner(struct ctx *c, const char *sku, const char **variant_id);
/* A live collection by handle, a category by handle, a live sales channel by id or by name. */
int db_io_collection_by_handle(struct ctx *c, const char *handle, const char **id);
int db_io_category_by_handle(struct ctx *c, const char *handle, const char **id);
int db_io_channel_by_id(struct ctx *c, const char *id);
int db_io_channel_by_name(struct ctx *c, const char *name, const char **id);
/* A live region by exact name: its id and currency. */
int db_io_region_by_name(struct ctx *c, const char *name, const char **id, const char **currency);
/* Sets a product's external_id. 0 or -1. */
int db_io_set_external_id(struct ctx *c, const char *product_id, const char *external_id);

/* The export's shape over the live products: the most options, images, sales channels and
 * categories one product has, and the number of products. 0 or -1. */
struct export_shape {
    int options, images, channels, categories;
    int64_t products;
};
int db_io_export_shape(struct ctx *c, struct export_shape *s);
/* The distinct prices' columns (outside price lists) of live variants of live products:
 * currency codes and regions (id, name, currency), as arena arrays; *n the count. A currency
 * column has region_id NULL. Ordered as the export's columns: currencies, then regions by name.
 * 0 or -1. */
int db_io_export_price_columns(struct ctx *c, const char ***currency, const char ***region_id,
                               const char ***region_name, int *n);

#endif
