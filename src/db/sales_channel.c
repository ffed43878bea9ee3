/* sales_channel.c: the SQL of sales channels and publishable API keys (sales_channel.h). */
#include "db/sales_channel.h"

#include "db/graph.h"
#include "db/internal.h"

const char *db_sales_channel_insert(struct ctx *c, const char *name, const char *description,
                                    int is_disabled)
{
    const char *id = db_new_id(c, "sc");
    return db_execf(c,
                    "INSERT INTO sales_channel (id, name, description, is_disabled, created_at,"
                    " updated_at) VALUES (?1, ?2, ?3, ?4, " DB_NOW ", " DB_NOW ")",
                    "sssb", id, name, description, is_disabled) < 0
               ? NULL
               : id;
}

int db_sales_channel_update(struct ctx *c, const char *id, const char *fields_json)
{
    return db_execf(c,
                    "UPDATE sales_channel SET"
                    " name = CASE WHEN json_type(?2, '$.name') IS NULL THEN name"
                    " ELSE json_extract(?2, '$.name') END,"
                    " description = CASE WHEN json_type(?2, '$.description') IS NULL THEN"
                    " description ELSE json_extract(?2, '$.description') END,"
                    " is_disabled = CASE WHEN json_type(?2, '$.is_disabled') IS NULL THEN"
                    " is_disabled ELSE json_extract(?2, '$.is_disabled') END,"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", id, fields_json);
}

int db_sales_channel_delete(struct ctx *c, const char *id)
{
    return db_execf(c,
                    "UPDATE sales_channel SET deleted_at = " DB_NOW ", updated_at = " DB_NOW
                    " WHERE id = ?1 AND deleted_at IS NULL",
                    "s", id);
}

int db_sales_channel_row(struct ctx *c, const char *id)
{
    return db_exists(c, "SELECT 1 FROM sales_channel WHERE id = ?1", "s", id);
}

int db_sales_channel_products(struct ctx *c, const char *id, const char *const *ids, int n, int add)
{
    for (int i = 0; i < n; i++) {
        int rc =
            add ? db_execf(c,
                           "INSERT OR IGNORE INTO product_sales_channel (id, product_id,"
                           " sales_channel_id, created_at, updated_at) VALUES (?1, ?2, ?3, " DB_NOW
                           ", " DB_NOW ")",
                           "sss", db_new_id(c, "prodsc"), ids[i], id)
                : db_execf(c,
                           "DELETE FROM product_sales_channel WHERE sales_channel_id = ?1"
                           " AND product_id = ?2",
                           "ss", id, ids[i]);
        if (rc < 0)
            return -1;
    }
    return 0;
}

const char *db_products_missing(struct ctx *c, const char *ids_json, int *err)
{
    const char *out;
    *err = 0;
    out = db_one_text(c,
                      "SELECT group_concat(value, ', ') FROM (SELECT j.value FROM json_each(?1) j"
                      " WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.id = j.value AND"
                      " p.deleted_at IS NULL) ORDER BY CAST(j.key AS INTEGER)) m",
                      "s", ids_json);
    if (!out && c->err.type)
        *err = 1;
    return out;
}

const char *db_pubkey_insert(struct ctx *c, const char *title, const char *created_by)
{
    const char *id = db_new_id(c, "pk");
    return db_execf(c,
                    "INSERT INTO publishable_api_key (id, title, created_by, created_at,"
                    " updated_at) VALUES (?1, ?2, ?3, " DB_NOW ", " DB_NOW ")",
                    "sss", id, title, created_by) < 0
               ? NULL
               : id;
}

int db_pubkey_update(struct ctx *c, const char *id, const char *title)
{
    return db_execf(
        c,
        "UPDATE publishable_api_key SET title = coalesce(?2, title), updated_at = " DB_NOW
        " WHERE id = ?1",
        "ss", id, title);
}

int db_pubkey_delete(struct ctx *c, const char *id)
{
    return db_execf(c, "DELETE FROM publishable_api_key WHERE id = ?1", "s", id);
}

int db_pubkey_state(struct ctx *c, const char *id, int *revoked)
{
    struct db_stmt *st =
        db_prep(c, "SELECT revoked_at IS NOT NULL FROM publishable_api_key WHERE id = ?1", "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0)
        *revoked = db_col_int(st, 0);
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

int db_pubkey_revoke(struct ctx *c, const char *id, const char *user_id)
{
    return db_execf(c,
                    "UPDATE publishable_api_key SET revoked_at = " DB_NOW ", revoked_by = ?2,"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", id, user_id);
}

int db_pubkey_channels(struct ctx *c, const char *id, const char *const *ids, int n, int add)
{
    for (int i = 0; i < n; i++) {
        int rc = add ? db_execf(c,
                                "INSERT OR IGNORE INTO publishable_api_key_sales_channel (id,"
                                " publishable_key_id, sales_channel_id) VALUES (?1, ?2, ?3)",
                                "sss", db_new_id(c, "pksc"), id, ids[i])
                     : db_execf(c,
                                "DELETE FROM publishable_api_key_sales_channel WHERE"
                                " publishable_key_id = ?1 AND sales_channel_id = ?2",
                                "ss", id, ids[i]);
        if (rc < 0)
            return -1;
    }
    return 0;
}

int db_channels_missing(struct ctx *c, const char *ids_json, const char **missing)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT j.value FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1"
                                 " FROM sales_channel s WHERE s.id = j.value) ORDER BY j.key"
                                 " LIMIT 1",
                                 "s", ids_json);
    int rc = db_one_row(c, st);
    if (rc == 0)
        *missing = db_col_dup(c, st, 0);
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

void db_pubkey_channels_where(struct gquery *q, const char *key_id)
{
    gq_where_text(q,
                  "%c.id IN (SELECT sales_channel_id FROM publishable_api_key_sales_channel WHERE"
                  " publishable_key_id = ?)",
                  key_id);
}
