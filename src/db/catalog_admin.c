/* catalog_admin.c: SQL of collection, category and return-reason inserts (catalog_admin.h). */
#include "db/catalog_admin.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/product.h"

int db_collection_handle_taken(struct ctx *c, const char *handle, const char *except_id)
{
    return db_exists(c,
                     "SELECT 1 FROM product_collection WHERE handle = ?1 AND deleted_at IS NULL"
                     " AND id IS NOT ?2",
                     "ss", handle, except_id);
}

int db_category_handle_taken(struct ctx *c, const char *handle, const char *except_id)
{
    return db_exists(c, "SELECT 1 FROM product_category WHERE handle = ?1 AND id IS NOT ?2", "ss",
                     handle, except_id);
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
                    " updated_at) VALUES (CAST(?1 AS TEXT), ?2, ?3, ?4, coalesce((SELECT mpath FROM"
                    " product_category WHERE id = ?7), '') || CAST(?1 AS TEXT) || '.', ?5, ?6, ?7,"
                    " (SELECT count(*) FROM product_category WHERE parent_category_id IS ?7),"
                    " ?8, " DB_NOW ", " DB_NOW ")",
                    "ssssbbss", id, row->name, row->description, row->handle, row->is_active,
                    row->is_internal, row->parent_id, row->metadata) < 0
               ? NULL
               : id;
}

int db_return_reason_parent(struct ctx *c, const char *id, const char **parent)
{
    struct db_stmt *st = db_prep(c,
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

int db_collection_load(struct ctx *c, const char *id, const char **title, const char **handle,
                       const char **metadata)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT title, handle, metadata FROM product_collection WHERE id ="
                                 " ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        *title = db_col_dup(c, st, 0);
        *handle = db_col_dup(c, st, 1);
        *metadata = db_col_dup(c, st, 2);
    }
    return rc;
}

int db_collection_update(struct ctx *c, const char *id, const char *title, const char *handle,
                         const char *metadata)
{
    return db_execf(c,
                    "UPDATE product_collection SET title = ?2, handle = ?3, metadata = ?4,"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ssss", id, title, handle, metadata);
}

int db_collection_soft_delete(struct ctx *c, const char *id)
{
    return db_execf(c, "UPDATE product_collection SET deleted_at = " DB_NOW " WHERE id = ?1", "s",
                    id);
}

int db_collection_add_products(struct ctx *c, const char *id, const char *const *ids, int n)
{
    return db_execf(c,
                    "UPDATE product SET collection_id = ?1, updated_at = " DB_NOW
                    " WHERE id IN (SELECT value FROM json_each(?2)) AND deleted_at IS NULL",
                    "ss", id, db_json_ids(c, ids, n));
}

int db_collection_remove_products(struct ctx *c, const char *id, const char *const *ids, int n)
{
    return db_execf(c,
                    "UPDATE product SET collection_id = NULL, updated_at = " DB_NOW
                    " WHERE id IN (SELECT value FROM json_each(?2)) AND collection_id = ?1",
                    "ss", id, db_json_ids(c, ids, n));
}

int db_category_load(struct ctx *c, const char *id, struct category_row *row, int64_t *rank)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT name, description, handle, parent_category_id, metadata,"
                " is_active, is_internal, rank FROM product_category WHERE id = ?1",
                "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        row->name = db_col_dup(c, st, 0);
        row->description = db_col_dup(c, st, 1);
        row->handle = db_col_dup(c, st, 2);
        row->parent_id = db_col_dup(c, st, 3);
        row->metadata = db_col_dup(c, st, 4);
        row->is_active = db_col_int(st, 5);
        row->is_internal = db_col_int(st, 6);
        *rank = db_col_int64(st, 7);
    }
    return rc;
}

int db_category_update(struct ctx *c, const char *id, const struct category_row *row)
{
    return db_execf(c,
                    "UPDATE product_category SET name = ?2, description = ?3, handle = ?4,"
                    " is_active = ?5, is_internal = ?6, metadata = ?7, updated_at = " DB_NOW
                    " WHERE id = ?1",
                    "ssssbbs", id, row->name, row->description, row->handle, row->is_active,
                    row->is_internal, row->metadata);
}

int db_category_in_subtree(struct ctx *c, const char *id, const char *anc)
{
    return db_exists(c,
                     "SELECT 1 FROM product_category k, product_category a WHERE k.id = ?1 AND"
                     " a.id = ?2 AND substr(k.mpath, 1, length(a.mpath)) = a.mpath",
                     "ss", id, anc);
}

int db_category_siblings(struct ctx *c, const char *parent_id, const char *except_id,
                         const char ***ids)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id FROM product_category WHERE parent_category_id IS ?1"
                                 " AND id IS NOT ?2 ORDER BY rank, handle",
                                 "ss", parent_id, except_id);
    return db_collect(c, st, ids, NULL);
}

/* Re-roots id's materialized path (and its descendants') under its current parent. */
static int category_fix_mpath(struct ctx *c, const char *id)
{
    const char *old = db_one_text(c, "SELECT mpath FROM product_category WHERE id = ?1", "s", id);
    if (!old)
        return c->err.type != ERR_NONE ? -1 : 0;
    return db_execf(c,
                    "UPDATE product_category SET mpath = coalesce((SELECT p.mpath FROM"
                    " product_category k JOIN product_category p ON p.id = k.parent_category_id"
                    " WHERE k.id = ?1), '') || ?1 || '.' || substr(mpath, length(?2) + 1)"
                    " WHERE substr(mpath, 1, length(?2)) = ?2",
                    "ss", id, old);
}

int db_category_rerank(struct ctx *c, const char *parent_id, const char *const *ids, int n)
{
    /* Negative ranks first: no two rows of a parent ever share a rank on the way. */
    for (int i = 0; i < n; i++) {
        const char *was = NULL;
        int moved;
        was = db_one_text(c, "SELECT parent_category_id FROM product_category WHERE id = ?1", "s",
                          ids[i]);
        if (!was && c->err.type != ERR_NONE)
            return -1;
        moved = !(was ? parent_id && !strcmp(was, parent_id) : !parent_id);
        if (db_execf(c,
                     "UPDATE product_category SET parent_category_id = ?2, rank = ?3 WHERE id = ?1",
                     "ssi", ids[i], parent_id, (int64_t)(-1 - i)) < 0)
            return -1;
        if (moved && category_fix_mpath(c, ids[i]) < 0)
            return -1;
    }
    for (int i = 0; i < n; i++)
        if (db_execf(c, "UPDATE product_category SET rank = ?2 WHERE id = ?1", "si", ids[i],
                     (int64_t)i) < 0)
            return -1;
    return 0;
}

int db_category_park(struct ctx *c, const char *id)
{
    return db_execf(c, "UPDATE product_category SET rank = -1000000 WHERE id = ?1", "s", id);
}

int db_category_has_children(struct ctx *c, const char *id)
{
    return db_exists(c, "SELECT 1 FROM product_category WHERE parent_category_id = ?1", "s", id);
}

int db_category_delete(struct ctx *c, const char *id)
{
    return db_execf(c, "DELETE FROM product_category WHERE id = ?1", "s", id);
}

int db_category_add_products(struct ctx *c, const char *id, const char *const *ids, int n)
{
    return db_execf(c,
                    "INSERT OR IGNORE INTO product_category_product (product_category_id,"
                    " product_id) SELECT ?1, value FROM json_each(?2)",
                    "ss", id, db_json_ids(c, ids, n));
}

int db_category_remove_products(struct ctx *c, const char *id, const char *const *ids, int n)
{
    return db_execf(c,
                    "DELETE FROM product_category_product WHERE product_category_id = ?1 AND"
                    " product_id IN (SELECT value FROM json_each(?2))",
                    "ss", id, db_json_ids(c, ids, n));
}

int db_category_max_depth(struct ctx *c)
{
    const char *n = db_one_text(c,
                                "SELECT coalesce(max(length(mpath) - length(replace(mpath, '.',"
                                " ''))), 0) FROM product_category",
                                "");
    return n ? (int)strtol(n, NULL, 10) : -1;
}

const char *db_missing_products(struct ctx *c, const char *const *ids, int n)
{
    return db_one_text(c,
                       "SELECT group_concat(value, ', ') FROM (SELECT j.value FROM json_each(?1) j"
                       " WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.id = j.value AND"
                       " p.deleted_at IS NULL) ORDER BY CAST(j.key AS INTEGER)) m",
                       "s", db_json_ids(c, ids, n));
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
                    " metadata = CASE WHEN ?3 THEN json(?4) ELSE json(metadata) END,"
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
