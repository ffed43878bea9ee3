/* tax_rate.h: the SQL of tax rates and their links to products, product types and shipping
 * options (the rules are domain/tax_rate.c's; carts read the rates through db/product.c and
 * db/cart.c, so a change shows in the next total). */
#ifndef DB_TAX_RATE_H
#define DB_TAX_RATE_H
#include "core/ctx.h"

/* Inserts a rate (rate NULL unless has_rate); its new id, or NULL. */
const char *db_tax_rate_insert(struct ctx *c, const char *code, const char *name,
                               const char *region_id, int has_rate, double rate);
/* Sets code, name, region_id and rate as given in fields_json (absent keys are kept; a JSON null
 * rate clears it). 0 or -1. */
int db_tax_rate_update(struct ctx *c, const char *id, const char *fields_json);
/* Deletes the rate for real (its links go with it). 0 or -1. */
int db_tax_rate_delete(struct ctx *c, const char *id);
/* The rate's region: 1 with *region_id, 0 if there is no such rate, -1. */
int db_tax_rate_region(struct ctx *c, const char *id, const char **region_id);

/* Links of kind 'p' (products), 't' (product types) or 's' (shipping options). ids_json: a JSON
 * array of ids. */
/* Links the rate to each id (existing links kept); with replace, unlinks every other. 0 or -1. */
int db_tax_rate_link(struct ctx *c, char kind, const char *id, const char *ids_json, int replace);
/* Unlinks the rate from each id. 0 or -1. */
int db_tax_rate_unlink(struct ctx *c, char kind, const char *id, const char *ids_json);
/* The first of ids_json that is no live product / product type / shipping option, into *missing
 * (arena): 1, or 0 when all exist, -1. */
int db_tax_rate_missing(struct ctx *c, char kind, const char *ids_json, const char **missing);
/* The first live shipping option of ids_json outside region_id: 1 with its id and region, 0, -1. */
int db_shipping_option_outside(struct ctx *c, const char *ids_json, const char *region_id,
                               const char **option_id, const char **option_region);

#endif
