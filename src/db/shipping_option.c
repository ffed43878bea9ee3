/* shipping_option.c: the SQL of shipping options and profiles (shipping_option.h). */
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
    struct db_stmt *st = db_prep(c,
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
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, json(?10), ?11,"
                 " json(?12))",
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

int db_shipping_option_load(struct ctx *c, const char *id, struct so_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT price_type, amount, metadata FROM shipping_option"
                                 " WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        out->price_type = db_col_dup(c, st, 0);
        out->has_amount = !db_col_null(st, 1);
        out->amount = db_col_int64(st, 1);
        out->metadata = db_col_dup(c, st, 2);
    }
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

int db_shipping_option_update(struct ctx *c, const char *id, const char *name,
                              const struct so_row *row, int admin_only)
{
    return db_execf(c,
                    "UPDATE shipping_option SET name = coalesce(?2, name), price_type = ?3,"
                    " amount = CASE WHEN ?4 THEN ?5 END, admin_only = CASE WHEN ?6 < 0 THEN"
                    " admin_only WHEN ?6 > 0 THEN TRUE ELSE FALSE END,"
                    " metadata = coalesce(json(?7), json(metadata)),"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "sssbiis", id, name, row->price_type, row->has_amount, row->amount,
                    (int64_t)admin_only, row->metadata);
}

int db_shipping_option_delete(struct ctx *c, const char *id)
{
    return db_execf(c,
                    "UPDATE shipping_option SET deleted_at = " DB_NOW ", updated_at = " DB_NOW
                    " WHERE id = ?1 AND deleted_at IS NULL",
                    "s", id);
}

int db_requirement_of(struct ctx *c, const char *id, const char *req_id)
{
    return db_exists(c,
                     "SELECT 1 FROM shipping_option_requirement WHERE id = ?2 AND"
                     " shipping_option_id = ?1 AND deleted_at IS NULL",
                     "ss", id, req_id);
}

const char *db_requirement_save(struct ctx *c, const char *id, const char *req_id,
                                const struct so_requirement *r)
{
    if (req_id)
        return db_execf(c,
                        "UPDATE shipping_option_requirement SET type = ?2, amount = ?3 WHERE"
                        " id = ?1",
                        "ssi", req_id, r->type, r->amount) < 0
                   ? NULL
                   : req_id;
    req_id = db_new_id(c, "sor");
    return db_execf(c,
                    "INSERT INTO shipping_option_requirement (id, shipping_option_id, type,"
                    " amount) VALUES (?1, ?2, ?3, ?4)",
                    "sssi", req_id, id, r->type, r->amount) < 0
               ? NULL
               : req_id;
}

int db_requirements_keep(struct ctx *c, const char *id, const char *keep_json)
{
    return db_execf(c,
                    "UPDATE shipping_option_requirement SET deleted_at = " DB_NOW
                    " WHERE shipping_option_id = ?1 AND deleted_at IS NULL AND id NOT IN"
                    " (SELECT value FROM json_each(?2))",
                    "ss", id, keep_json);
}

const char *db_shipping_profile_insert(struct ctx *c, const char *name, const char *type,
                                       const char *metadata)
{
    const char *id = db_new_id(c, "sp");
    return db_execf(c,
                    "INSERT INTO shipping_profile (id, name, type, metadata, created_at,"
                    " updated_at) VALUES (?1, ?2, ?3, ?4, " DB_NOW ", " DB_NOW ")",
                    "ssss", id, name, type, metadata) < 0
               ? NULL
               : id;
}

int db_shipping_profile_metadata(struct ctx *c, const char *id, const char **metadata)
{
    struct db_stmt *st = db_prep(
        c, "SELECT metadata FROM shipping_profile WHERE id = ?1 AND deleted_at IS NULL", "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0)
        *metadata = db_col_dup(c, st, 0);
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

int db_shipping_profile_update(struct ctx *c, const char *id, const char *name, const char *type,
                               const char *metadata)
{
    return db_execf(c,
                    "UPDATE shipping_profile SET name = coalesce(?2, name), type = coalesce(?3,"
                    " type), metadata = coalesce(?4, metadata), updated_at = " DB_NOW
                    " WHERE id = ?1",
                    "ssss", id, name, type, metadata);
}

int db_shipping_profile_delete(struct ctx *c, const char *id)
{
    return db_execf(c,
                    "UPDATE shipping_profile SET deleted_at = " DB_NOW ", updated_at = " DB_NOW
                    " WHERE id = ?1 AND deleted_at IS NULL",
                    "s", id);
}

int db_shipping_profile_take_products(struct ctx *c, const char *id, const char *ids_json)
{
    if (db_execf(c,
                 "DELETE FROM product_shipping_profile WHERE product_id IN (SELECT id FROM"
                 " product WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?1)))",
                 "s", ids_json) < 0)
        return -1;
    /* The column that carts read is kept in step with the link (0001_init.sql). */
    if (db_execf(c,
                 "UPDATE product SET profile_id = ?1, updated_at = " DB_NOW " WHERE deleted_at IS"
                 " NULL AND id IN (SELECT value FROM json_each(?2))",
                 "ss", id, ids_json) < 0)
        return -1;
    return db_execf(c,
                    "INSERT INTO product_shipping_profile (profile_id, product_id) SELECT ?1, id"
                    " FROM product WHERE deleted_at IS NULL AND id IN (SELECT value FROM"
                    " json_each(?2))",
                    "ss", id, ids_json);
}

int db_shipping_profile_take_options(struct ctx *c, const char *id, const char *ids_json)
{
    return db_execf(c,
                    "UPDATE shipping_option SET profile_id = ?1, updated_at = " DB_NOW
                    " WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?2))",
                    "ss", id, ids_json);
}
