/* region.h: SQL of the Admin API's region writes (domain/region.c holds Medusa's rules). */
#ifndef DB_REGION_H
#define DB_REGION_H
#include "core/ctx.h"

struct region_row {
    const char *name, *currency_code, *tax_code, *tax_provider_id, *metadata; /* NULL: SQL NULL */
    double tax_rate;
    int gift_cards_taxable, automatic_taxes;
};

/* Inserts a region; its new id, or NULL on error. */
const char *db_region_insert(struct ctx *c, const struct region_row *row);
/* The stored row of a live region: 0, 1 if there is none, -1 on error. */
int db_region_load(struct ctx *c, const char *id, struct region_row *row);
/* Writes every column of row (and updated_at) back. 0 or -1. */
int db_region_update(struct ctx *c, const char *id, const struct region_row *row);

/* A country by iso_2 (lower-case): 0 with its display name and region (NULL when free), 1 if
 * the table has no such country, -1 on error. */
int db_country_owner(struct ctx *c, const char *iso_2, const char **display_name,
                     const char **region_id);
/* Gives the region exactly these countries (lower-case iso_2): the others it had lose it. */
int db_region_set_countries(struct ctx *c, const char *id, const char *const *iso_2, int n);
/* 1 if a payment (kind 'p') / fulfillment ('f') / tax ('t') provider exists, 0 if not, -1. */
int db_provider_exists(struct ctx *c, char kind, const char *provider_id);
/* Replaces the region's payment ('p') or fulfillment ('f') providers. 0 or -1. */
int db_region_set_providers(struct ctx *c, char kind, const char *id, const char *const *ids,
                            int n);
/* 1 if the store lists the currency (lower-case), 0 if not, -1 on error. (A listed currency
 * always exists: the foreign key sees to it.) */
int db_store_currency(struct ctx *c, const char *code);

/* Soft-deletes a live region and frees its countries. 0 or -1. */
int db_region_delete(struct ctx *c, const char *id);
/* Gives country iso_2 (lower-case) to the region (NULL: to none). 0 or -1. */
int db_country_set_region(struct ctx *c, const char *iso_2, const char *region_id);
/* 1 if the region has country iso_2 (compared as given) / the payment ('p') or fulfillment ('f')
 * provider, 0 if not, -1. */
int db_region_has_country_code(struct ctx *c, const char *id, const char *iso_2);
int db_region_has_provider_of(struct ctx *c, char kind, const char *id, const char *provider_id);
/* Links (add) or unlinks one payment ('p') or fulfillment ('f') provider. 0 or -1. */
int db_region_link_provider(struct ctx *c, char kind, const char *id, const char *provider_id,
                            int add);

#endif
