/* tax_rate.c: the SQL of tax rates and their links (tax_rate.h). */
#include "db/tax_rate.h"

#include "db/internal.h"

const char *db_tax_rate_insert(struct ctx *c, const char *code, const char *name,
                               const char *region_id, int has_rate, double rate)
{
    const char *id = db_new_id(c, "txr");
    return db_execf(c,
                    "INSERT INTO tax_rate (id, rate, code, name, region_id, created_at,"
                    " updated_at) VALUES (?1, CASE WHEN ?2 THEN ?3 END, ?4, ?5, ?6, " DB_NOW
                    ", " DB_NOW ")",
                    "sbdsss", id, has_rate, rate, code, name, region_id) < 0
               ? NULL
               : id;
}

int db_tax_rate_update(struct ctx *c, const char *id, const char *fields_json)
{
    return db_execf(c,
                    "UPDATE tax_rate SET"
                    " code = CASE WHEN json_type(?2, '$.code') IS NULL THEN code"
                    " ELSE json_extract(?2, '$.code') END,"
                    " name = CASE WHEN json_type(?2, '$.name') IS NULL THEN name"
                    " ELSE json_extract(?2, '$.name') END,"
                    " region_id = CASE WHEN json_type(?2, '$.region_id') IS NULL THEN region_id"
                    " ELSE json_extract(?2, '$.region_id') END,"
                    " rate = CASE WHEN json_type(?2, '$.rate') IS NULL THEN rate"
                    " ELSE CAST(json_extract(?2, '$.rate') AS REAL) END,"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", id, fields_json);
}

int db_tax_rate_delete(struct ctx *c, const char *id)
{
    return db_execf(c, "DELETE FROM tax_rate WHERE id = ?1", "s", id);
}

int db_tax_rate_region(struct ctx *c, const char *id, const char **region_id)
{
    struct db_stmt *st = db_prep(c, "SELECT region_id FROM tax_rate WHERE id = ?1", "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0)
        *region_id = db_col_dup(c, st, 0);
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

/* The statements of each kind of link: products, product types, shipping options. */
#define LINK_SQL(table, col)                                                                       \
    {                                                                                              \
        "INSERT OR IGNORE INTO " table " (rate_id, " col ", created_at, updated_at) SELECT ?1,"    \
        " value, " DB_NOW ", " DB_NOW " FROM json_each(?2)",                                       \
            "DELETE FROM " table " WHERE rate_id = ?1 AND " col " NOT IN (SELECT value FROM"       \
            " json_each(?2))",                                                                     \
            "DELETE FROM " table " WHERE rate_id = ?1 AND " col                                    \
            " IN (SELECT value FROM json_each(?2))"                                                \
    }
static const char *const link_sql[3][3] = {
    LINK_SQL("product_tax_rate", "product_id"),
    LINK_SQL("product_type_tax_rate", "product_type_id"),
    LINK_SQL("shipping_tax_rate", "shipping_option_id"),
};

static const char *const *link_of(char kind)
{
    return link_sql[kind == 'p' ? 0 : kind == 't' ? 1 : 2];
}

int db_tax_rate_link(struct ctx *c, char kind, const char *id, const char *ids_json, int replace)
{
    if (db_execf(c, link_of(kind)[0], "ss", id, ids_json) < 0)
        return -1;
    return replace ? db_execf(c, link_of(kind)[1], "ss", id, ids_json) : 0;
}

int db_tax_rate_unlink(struct ctx *c, char kind, const char *id, const char *ids_json)
{
    return db_execf(c, link_of(kind)[2], "ss", id, ids_json);
}

int db_tax_rate_missing(struct ctx *c, char kind, const char *ids_json, const char **missing)
{
#define MISSING_SQL(table)                                                                         \
    "SELECT j.value FROM json_each(?1) j WHERE NOT EXISTS (SELECT 1 FROM " table " t WHERE t.id"   \
    " = j.value AND t.deleted_at IS NULL) ORDER BY j.key LIMIT 1"
    static const char *const sql[3] = {MISSING_SQL("product"), MISSING_SQL("product_type"),
                                       MISSING_SQL("shipping_option")};
    struct db_stmt *st = db_prep(c, sql[kind == 'p' ? 0 : kind == 't' ? 1 : 2], "s", ids_json);
    int rc = db_one_row(c, st);
    if (rc == 0)
        *missing = db_col_dup(c, st, 0);
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

int db_shipping_option_outside(struct ctx *c, const char *ids_json, const char *region_id,
                               const char **option_id, const char **option_region)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT o.id, o.region_id FROM json_each(?1) j JOIN shipping_option"
                " o ON o.id = j.value AND o.deleted_at IS NULL WHERE o.region_id"
                " <> ?2 ORDER BY j.key LIMIT 1",
                "ss", ids_json, region_id);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        *option_id = db_col_dup(c, st, 0);
        *option_region = db_col_dup(c, st, 1);
    }
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}
