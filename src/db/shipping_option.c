/* shipping_option.c: the SQL of creating shipping options (shipping_option.h). */
#include "db/shipping_option.h"

#include "db/internal.h"

int db_region_has_fulfillment_provider(struct ctx *c, const char *region_id,
                                       const char *provider_id)
{
    return db_exists(c,
                     "SELECT 1 FROM region_fulfillment_providers WHERE region_id = ?1 "
                     "AND provider_id = ?2",
                     "ss", region_id, provider_id);
}

const char *db_shipping_profile_of_type(struct ctx *c, const char *type)
{
    sqlite3_stmt *st = db_prep(c,
                               "SELECT id FROM shipping_profile WHERE type = ?1 AND "
                               "deleted_at IS NULL ORDER BY created_at, id LIMIT 1",
                               "s", type);
    int rc = db_one_row(c, st);
    if (rc == 0)
        return db_col_dup(c, st, 0);
    if (rc == 1)
        err_set(c, ERR_NOT_FOUND, "Profile with type %s was not found", type);
    return NULL;
}

int db_shipping_profile_exists(struct ctx *c, const char *id)
{
    return db_exists(c,
                     "SELECT 1 FROM shipping_profile WHERE id = ?1 AND "
                     "deleted_at IS NULL",
                     "s", id);
}

const char *db_shipping_option_insert(struct ctx *c, const struct so_new *o)
{
    const char *id = db_new_id(c, "so");
    if (db_execf(c,
                 "INSERT INTO shipping_option (id, name, region_id, profile_id, provider_id, "
                 "price_type, amount, is_return, admin_only, data, includes_tax, metadata) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, json(?10), ?11, json(?12))",
                 "ssssssibbsbs", id, o->name, o->region_id, o->profile_id, o->provider_id,
                 o->price_type, o->amount, o->is_return, o->admin_only, o->data, o->includes_tax,
                 o->metadata) < 0)
        return NULL;
    if (!o->has_amount &&
        db_execf(c, "UPDATE shipping_option SET amount = NULL WHERE id = ?1", "s", id) < 0)
        return NULL;
    for (int i = 0; i < o->nreqs; i++)
        if (db_execf(c,
                     "INSERT INTO shipping_option_requirement (id, shipping_option_id, type, "
                     "amount) VALUES (?1, ?2, ?3, ?4)",
                     "sssi", db_new_id(c, "sor"), id, o->reqs[i].type, o->reqs[i].amount) < 0)
            return NULL;
    return id;
}
