/* customer_group.c: SQL of customer groups and their members (customer_group.h). */
#include "db/customer_group.h"

#include "db/internal.h"
#include "db/product.h"

const char *db_customer_group_insert(struct ctx *c, const char *name, const char *metadata)
{
    const char *id = db_new_id(c, "cgrp");
    return db_execf(c,
                    "INSERT INTO customer_group (id, name, metadata, created_at, updated_at)"
                    " VALUES (?1, ?2, ?3, " DB_NOW ", " DB_NOW ")",
                    "sss", id, name, metadata) < 0
               ? NULL
               : id;
}

int db_customer_group_load(struct ctx *c, const char *id, const char **name, const char **metadata)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT name, metadata FROM customer_group WHERE id = ?1 AND"
                                 " deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        *name = db_col_dup(c, st, 0);
        *metadata = db_col_dup(c, st, 1);
    }
    return rc;
}

int db_customer_group_name_taken(struct ctx *c, const char *name, const char *except_id)
{
    return db_exists(c,
                     "SELECT 1 FROM customer_group WHERE name = ?1 AND deleted_at IS NULL AND id"
                     " IS NOT ?2",
                     "ss", name, except_id);
}

int db_customer_group_update(struct ctx *c, const char *id, const char *name, const char *metadata)
{
    return db_execf(c,
                    "UPDATE customer_group SET name = ?2, metadata = ?3, updated_at = " DB_NOW
                    " WHERE id = ?1",
                    "sss", id, name, metadata);
}

int db_customer_group_delete(struct ctx *c, const char *id)
{
    if (db_execf(c, "DELETE FROM customer_group_customers WHERE customer_group_id = ?1", "s", id) <
        0)
        return -1;
    return db_execf(
        c, "UPDATE customer_group SET deleted_at = " DB_NOW " WHERE id = ?1 AND deleted_at IS NULL",
        "s", id);
}

int db_customer_group_add_customers(struct ctx *c, const char *id, const char *const *ids, int n)
{
    return db_execf(c,
                    "INSERT OR IGNORE INTO customer_group_customers (customer_group_id,"
                    " customer_id) SELECT ?1, value FROM json_each(?2)",
                    "ss", id, db_json_ids(c, ids, n));
}

int db_customer_group_remove_customers(struct ctx *c, const char *id, const char *const *ids, int n)
{
    return db_execf(c,
                    "DELETE FROM customer_group_customers WHERE customer_group_id = ?1 AND"
                    " customer_id IN (SELECT value FROM json_each(?2))",
                    "ss", id, db_json_ids(c, ids, n));
}

const char *db_missing_customers(struct ctx *c, const char *const *ids, int n)
{
    return db_one_text(c,
                       "SELECT group_concat(value, ', ') FROM (SELECT j.value FROM json_each(?1) j"
                       " WHERE NOT EXISTS (SELECT 1 FROM customer x WHERE x.id = j.value AND"
                       " x.deleted_at IS NULL) ORDER BY CAST(j.key AS INTEGER)) m",
                       "s", db_json_ids(c, ids, n));
}

const char *db_missing_customer_groups(struct ctx *c, const char *const *ids, int n)
{
    return db_one_text(c,
                       "SELECT group_concat(value, ', ') FROM (SELECT j.value FROM json_each(?1) j"
                       " WHERE NOT EXISTS (SELECT 1 FROM customer_group x WHERE x.id = j.value"
                       " AND x.deleted_at IS NULL) ORDER BY CAST(j.key AS INTEGER)) m",
                       "s", db_json_ids(c, ids, n));
}

int db_customer_set_groups(struct ctx *c, const char *customer_id, const char *const *ids, int n)
{
    if (db_execf(c, "DELETE FROM customer_group_customers WHERE customer_id = ?1", "s",
                 customer_id) < 0)
        return -1;
    return db_execf(c,
                    "INSERT OR IGNORE INTO customer_group_customers (customer_group_id,"
                    " customer_id) SELECT value, ?1 FROM json_each(?2)",
                    "ss", customer_id, db_json_ids(c, ids, n));
}
