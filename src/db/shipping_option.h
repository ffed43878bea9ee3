/* shipping_option.h: the SQL of creating shipping options (the Admin API). Reads for the Store
 * API live in db/catalog.c and db/cart.c. */
#ifndef DB_SHIPPING_OPTION_H
#define DB_SHIPPING_OPTION_H
#include <stdint.h>

#include "core/ctx.h"

struct so_requirement {
    const char *type; /* "min_subtotal" or "max_subtotal" */
    int64_t amount;
};

struct so_new {
    const char *name, *region_id, *profile_id, *provider_id, *price_type;
    const char *data, *metadata; /* JSON texts; metadata may be NULL */
    int has_amount;
    int64_t amount;
    int is_return, admin_only, includes_tax;
    const struct so_requirement *reqs;
    int nreqs;
};

/* 1 if provider_id is one of region_id's fulfillment providers, 0 if not, -1 on error. */
int db_region_has_fulfillment_provider(struct ctx *c, const char *region_id,
                                       const char *provider_id);
/* The id of the live shipping profile of type ("default", "gift_card"), in the arena; NULL with
 * an error recorded when there is none. */
const char *db_shipping_profile_of_type(struct ctx *c, const char *type);
/* 1 if the live profile id exists, 0 if not, -1 on error. */
int db_shipping_profile_exists(struct ctx *c, const char *id);
/* Inserts the option and its requirements; its new id (arena), or NULL. */
const char *db_shipping_option_insert(struct ctx *c, const struct so_new *o);

#endif
