/* region.h: Medusa's RegionService.create/update rules for the Admin API (region.ts): tax rate
 * bounds, store currencies, countries that belong to one region at most, known providers. */
#ifndef DOMAIN_REGION_H
#define DOMAIN_REGION_H
#include "core/ctx.h"

struct json_object;

/* A validated body. Strings NULL and flags -1 mean "not given" (an update keeps the value). */
struct region_input {
    const char *name, *currency_code, *tax_code;
    int has_tax_code;            /* tax_code given (null clears it) */
    const char *tax_provider_id; /* with has_tax_provider: null clears it */
    int has_tax_provider;
    int has_tax_rate;
    double tax_rate;
    int gift_cards_taxable, automatic_taxes; /* -1, 0, 1 */
    struct json_object *metadata;            /* an object, or NULL */
    const char *const *countries, *const *payment_providers, *const *fulfillment_providers;
    int ncountries, npayment, nfulfillment; /* -1: not given */
    const char *fields_json;                /* the body's keys (a JSON array), for the event */
};

/* Creates a region; *id receives its id. Records Medusa's errors (400 invalid_data, 422
 * duplicate_error for a country of another region). Emits region.created. 0 or -1. */
int region_create(struct ctx *c, const struct region_input *in, const char **id);
/* Updates a live region (404 "Region with <id> was not found"); emits region.updated with the
 * body's keys as `fields`. 0 or -1. */
int region_update(struct ctx *c, const char *id, const struct region_input *in);

/* RegionService.delete: 404 for an unknown region; a soft delete that frees its countries, and
 * region.deleted. */
int region_delete(struct ctx *c, const char *id);
/* addCountry: the country is checked first (400 "Invalid country code", 422 when another region
 * has it), then the region (404); nothing changes when the region has it already. */
int region_add_country(struct ctx *c, const char *id, const char *code);
/* removeCountry: 404 for an unknown region; a code the region lacks (compared as given) changes
 * nothing. */
int region_remove_country(struct ctx *c, const char *id, const char *code);
/* add/removePaymentProvider ('p') and add/removeFulfillmentProvider ('f'): 404 for an unknown
 * region; adding an unknown provider is 404 "<Payment|Fulfillment> provider <id> was not found";
 * adding one the region has, or removing one it lacks, changes nothing. */
int region_add_provider(struct ctx *c, char kind, const char *id, const char *provider_id);
int region_remove_provider(struct ctx *c, char kind, const char *id, const char *provider_id);

#endif
