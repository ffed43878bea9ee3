/* catalog_admin.c: SQL of collection, category and return-reason inserts (catalog_admin.h). */
#include "db/catalog_admin.h"

#include "db/internal.h"

int db_collection_handle_taken(struct ctx *c, const char *handle)
{
    return db_exists(c, "SELECT 1 FROM product_collection WHERE handle = ?1 AND deleted_at IS NULL",
                     "s", handle);
}

int db_category_handle_taken(struct ctx *c, const char *handle)
{
    return db_exists(c, "SELECT 1 FROM product_category WHERE handle = ?1", "s", handle);
}

int db_return_reason_value_taken(struct ctx *c, const char *value)
{
    return db_exists(c, "SELECT 1 FROM return_reason WHERE value = ?1 AND deleted_at IS NULL", "s",
                     value);
}

const char *db_collection_insert(struct ctx *c, const char *title, const char *handle,
                                 const char *metadata)
{
    const char *id = db_new_id(c, "pcol");
    return db_execf(c,
                    "INSERT INTO product_collection (id, title, handle, metadata, created_at,"
                    " updated_at) VALUES (?1, ?2, ?3, ?4, " DB_NOW ", " DB_NOW ")",
                    "ssss", id, title, handle, metadata) < 0
               ? NULL
               : id;
}

int db_category_exists(struct ctx *c, const char *id)
{
    int rc = db_exists(c, "SELECT 1 FROM product_category WHERE id = ?1", "s", id);
    return rc < 0 ? -1 : !rc;
}

const char *db_category_insert(struct ctx *c, const struct category_row *row)
{
    const char *id = db_new_id(c, "pcat");
    /* rank: the number of siblings (Medusa counts them); mpath: the parent's path, this id, '.' */
    return db_execf(c,
                    "INSERT INTO product_category (id, name, description, handle, mpath,"
                    " is_active, is_internal, parent_category_id, rank, metadata, created_at,"
                    " updated_at) VALUES (?1, ?2, ?3, ?4, coalesce((SELECT mpath FROM"
                    " product_category WHERE id = ?7), '') || ?1 || '.', ?5, ?6, ?7,"
                    " (SELECT count(*) FROM product_category WHERE parent_category_id IS ?7),"
                    " ?8, " DB_NOW ", " DB_NOW ")",
                    "ssssbbss", id, row->name, row->description, row->handle, row->is_active,
                    row->is_internal, row->parent_id, row->metadata) < 0
               ? NULL
               : id;
}

int db_return_reason_parent(struct ctx *c, const char *id, const char **parent)
{
    sqlite3_stmt *st = db_prep(c,
                               "SELECT parent_return_reason_id FROM return_reason WHERE id = ?1"
                               " AND deleted_at IS NULL",
                               "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0)
        *parent = db_col_dup(c, st, 0);
    return rc;
}

const char *db_return_reason_insert(struct ctx *c, const char *value, const char *label,
                                    const char *description, const char *parent_id,
                                    const char *metadata)
{
    const char *id = db_new_id(c, "rr");
    return db_execf(c,
                    "INSERT INTO return_reason (id, value, label, description,"
                    " parent_return_reason_id, metadata, created_at, updated_at) VALUES (?1, ?2,"
                    " ?3, ?4, ?5, ?6, " DB_NOW ", " DB_NOW ")",
                    "ssssss", id, value, label, description, parent_id, metadata) < 0
               ? NULL
               : id;
}

int db_return_reason_value_other(struct ctx *c, const char *value, const char *id)
{
    return db_exists(c,
                     "SELECT 1 FROM return_reason WHERE value = ?1 AND id <> ?2 AND deleted_at IS"
                     " NULL",
                     "ss", value, id);
}

int db_return_reason_update(struct ctx *c, const char *id, const char *fields_json,
                            int metadata_given, const char *metadata)
{
    return db_execf(c,
                    "UPDATE return_reason SET"
                    " label = CASE WHEN json_type(?2, '$.label') IS NULL THEN label"
                    " ELSE json_extract(?2, '$.label') END,"
                    " value = CASE WHEN json_type(?2, '$.value') IS NULL THEN value"
                    " ELSE json_extract(?2, '$.value') END,"
                    " description = CASE WHEN json_type(?2, '$.description') IS NULL THEN"
                    " description ELSE json_extract(?2, '$.description') END,"
                    " metadata = CASE WHEN ?3 THEN json(?4) ELSE metadata END,"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ssbs", id, fields_json, metadata_given, metadata);
}

int db_return_reason_delete(struct ctx *c, const char *id)
{
    /* The children cascade (soft-remove), as the model's relation does. */
    return db_execf(c,
                    "UPDATE return_reason SET deleted_at = " DB_NOW ", updated_at = " DB_NOW
                    " WHERE (id = ?1 OR parent_return_reason_id = ?1) AND deleted_at IS NULL",
                    "s", id);
}
