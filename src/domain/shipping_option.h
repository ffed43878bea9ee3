/* shipping_option.h: Medusa's ShippingOptionService and ShippingProfileService rules for the Admin
 * API: a new option's price and subtotal requirements (pure functions), updates and deletes of
 * options, shipping profiles, the pricing keys of a listed option, and what the installed
 * fulfillment provider offers. */
#ifndef DOMAIN_SHIPPING_OPTION_H
#define DOMAIN_SHIPPING_OPTION_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/shipping_option.h"

struct json_object;

/* validateAndMutatePrice: a flat rate needs an amount >= 0; a calculated price needs a provider
 * that can calculate (*amount is then dropped). can_calculate: the provider's answer.
 * 0, or -1 with Medusa's invalid_data error. */
int shipping_option_check_price(struct ctx *c, const char *price_type, int *has_amount,
                                int64_t *amount, int can_calculate);
/* The requirements in order: one of each type, and a max above any min before it. 0 or -1. */
int shipping_option_check_requirements(struct ctx *c, const struct so_requirement *r, int n);

/* The options a fulfillment provider offers (getFulfillmentOptions) as JSON array text, or NULL
 * for one that is not installed: only the manual provider is. */
const char *shipping_provider_options(const char *provider_id);

/* An update's requirement: id NULL for a new one. */
struct so_requirement_update {
    const char *id;
    struct so_requirement r;
};

/* A validated update; NULL / has_* 0 / -1: not given. */
struct so_update {
    const char *name, *price_type;
    int has_amount, amount_null;
    int64_t amount;
    int admin_only;
    struct json_object *metadata; /* an object to merge, or NULL */
    const struct so_requirement_update *reqs;
    int nreqs;
};

/* ShippingOptionService.update: 404 "Shipping Option with <id> was not found"; the requirements
 * become exactly the given ones (an id must be one of the option's: 400 "Shipping option
 * requirement with id <id> does not exist"), then the price rules, then name, admin_only and the
 * merged metadata. 0 or -1. */
int shipping_option_update(struct ctx *c, const char *id, const struct so_update *u);
/* ShippingOptionService.delete: a soft delete, idempotent. */
int shipping_option_delete(struct ctx *c, const char *id);

/* ShippingProfileService.create: *id receives the new id. metadata: an object or NULL. */
int shipping_profile_create(struct ctx *c, const char *name, const char *type,
                            struct json_object *metadata, const char **id);
/* ShippingProfileService.update from a validated body: 404 "Profile with id: <id> was not found";
 * products and shipping_options are moved to the profile; name, type, merged metadata. */
int shipping_profile_update(struct ctx *c, const char *id, struct json_object *body);
/* ShippingProfileService.delete: a soft delete, idempotent. */
int shipping_profile_delete(struct ctx *c, const char *id);

#endif
