/* shipping_option.h: the SQL of the Admin API's shipping options and shipping profiles. Reads for
 * the Store API live in db/catalog.c and db/cart.c. */
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

struct so_row {
    const char *price_type, *metadata;
    int has_amount;
    int64_t amount;
};
/* A live option's price and metadata: 1 with *out, 0 if there is none, -1. */
int db_shipping_option_load(struct ctx *c, const char *id, struct so_row *out);
/* Writes price_type, amount (NULL unless has_amount), name (NULL: kept), admin_only (-1: kept)
 * and metadata (NULL: kept). 0 or -1. */
int db_shipping_option_update(struct ctx *c, const char *id, const char *name,
                              const struct so_row *row, int admin_only);
/* Soft-deletes a live option. 0 or -1. */
int db_shipping_option_delete(struct ctx *c, const char *id);
/* 1 if req_id is a live requirement of option id, 0 if not, -1. */
int db_requirement_of(struct ctx *c, const char *id, const char *req_id);
/* Updates requirement req_id, or inserts one for option id when req_id is NULL; the
 * requirement's id (arena), or NULL. */
const char *db_requirement_save(struct ctx *c, const char *id, const char *req_id,
                                const struct so_requirement *r);
/* Soft-deletes the option's live requirements whose ids are not in keep_json (a JSON array). */
int db_requirements_keep(struct ctx *c, const char *id, const char *keep_json);

/* Inserts a shipping profile; its id (arena) or NULL. metadata: JSON text or NULL. */
const char *db_shipping_profile_insert(struct ctx *c, const char *name, const char *type,
                                       const char *metadata);
/* A live profile's metadata: 1 with *metadata (NULL when none), 0 if no such profile, -1. */
int db_shipping_profile_metadata(struct ctx *c, const char *id, const char **metadata);
/* Sets name and type (NULL: kept) and metadata (NULL: kept). 0 or -1. */
int db_shipping_profile_update(struct ctx *c, const char *id, const char *name, const char *type,
                               const char *metadata);
/* Soft-deletes a live profile. 0 or -1. */
int db_shipping_profile_delete(struct ctx *c, const char *id);
/* Gives the live products among ids_json (a JSON array) this profile and no other / moves the
 * options among ids_json to it. Unknown ids are skipped. 0 or -1. */
int db_shipping_profile_take_products(struct ctx *c, const char *id, const char *ids_json);
int db_shipping_profile_take_options(struct ctx *c, const char *id, const char *ids_json);

#endif
