/* tax_rate.h: Medusa's TaxRateService rules (services/tax-rate.ts): rates of a region, linked to
 * products, product types and shipping options. The Store API reads the rates when it prices, so
 * every change shows in the next cart total. Writes run in the caller's transaction. */
#ifndef DOMAIN_TAX_RATE_H
#define DOMAIN_TAX_RATE_H
#include "core/ctx.h"

struct json_object;

/* Links of a create or update body: JSON arrays of ids, or NULL when not given. */
struct tax_rate_links {
    struct json_object *products, *product_types, *shipping_options;
};

/* create: a live region is needed (404 "Region with region_id <id> does not exist."); then the
 * links (tax_rate_link). *id receives the new id. body: the validated AdminPostTaxRatesReq. */
int tax_rate_create(struct ctx *c, struct json_object *body, const char **id);
/* update: 404 "TaxRate with <id> was not found"; code, name, region_id, rate as given; each given
 * link list replaces the rate's links of that kind. */
int tax_rate_update(struct ctx *c, const char *id, struct json_object *body);
/* delete: for real, idempotent. */
int tax_rate_delete(struct ctx *c, const char *id);
/* addToProduct ('p'), addToProductType ('t'), addToShippingOption ('s'): 404 for an unknown rate
 * or id ("Product with id: <id> was not found", "Product type with id: ...", "Shipping Option
 * with ..."), 400 not_allowed for an option of another region; with replace the other links of
 * that kind go. ids: a JSON array. */
int tax_rate_link(struct ctx *c, char kind, const char *id, struct json_object *ids, int replace);
/* removeFrom*: unlinks each id (unknown ones are no error). */
int tax_rate_unlink(struct ctx *c, char kind, const char *id, struct json_object *ids);

#endif
