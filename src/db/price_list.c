/* price_list.c: SQL of price lists (price_list.h). Prices of a list are money_amount rows with
 * price_list_id set, linked to their variant as every price is. */
#include "db/price_list.h"

#include "db/graph.h"
#include "db/internal.h"
#include "db/product.h"

/* Nullable quantities bind as (given, value) pairs. */
#define QTY(a, b) "iif(?" #a ", ?" #b ", NULL)"

const char *db_price_list_insert(struct ctx *c, const struct price_list_row *row)
{
    const char *id = db_new_id(c, "pl");
    return db_execf(c,
                    "INSERT INTO price_list (id, name, description, type, status, starts_at,"
                    " ends_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " DB_NOW
                    ", " DB_NOW ")",
                    "sssssss", id, row->name, row->description, row->type, row->status,
                    row->starts_at, row->ends_at) < 0
               ? NULL
               : id;
}

int db_price_list_load(struct ctx *c, const char *id, struct price_list_row *row)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT name, description, type, status, starts_at, ends_at FROM"
                                 " price_list WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        row->name = db_col_dup(c, st, 0);
        row->description = db_col_dup(c, st, 1);
        row->type = db_col_dup(c, st, 2);
        row->status = db_col_dup(c, st, 3);
        row->starts_at = db_col_dup(c, st, 4);
        row->ends_at = db_col_dup(c, st, 5);
    }
    return rc;
}

int db_price_list_update(struct ctx *c, const char *id, const struct price_list_row *row)
{
    return db_execf(c,
                    "UPDATE price_list SET name = ?2, description = ?3, type = ?4, status = ?5,"
                    " starts_at = ?6, ends_at = ?7, updated_at = " DB_NOW " WHERE id = ?1",
                    "sssssss", id, row->name, row->description, row->type, row->status,
                    row->starts_at, row->ends_at);
}

int db_price_list_delete(struct ctx *c, const char *id)
{
    /* money_amount and the group links cascade; so does each price's variant link. */
    return db_execf(c, "DELETE FROM price_list WHERE id = ?1", "s", id);
}

int db_price_list_set_groups(struct ctx *c, const char *id, const char *const *ids, int n)
{
    if (db_execf(c, "DELETE FROM price_list_customer_groups WHERE price_list_id = ?1", "s", id) < 0)
        return -1;
    return db_execf(c,
                    "INSERT OR IGNORE INTO price_list_customer_groups (price_list_id,"
                    " customer_group_id) SELECT ?1, value FROM json_each(?2)",
                    "ss", id, db_json_ids(c, ids, n));
}

int db_price_list_price_insert(struct ctx *c, const char *list_id, const char *variant_id,
                               const char *currency_code, const char *region_id, int64_t amount,
                               const int64_t *min_quantity, const int64_t *max_quantity)
{
    const char *ma = db_new_id(c, "ma");
    if (db_execf(c,
                 "INSERT INTO money_amount (id, currency_code, amount, min_quantity, max_quantity,"
                 " price_list_id, region_id, created_at, updated_at) VALUES (?1, ?2, ?3, " QTY(
                     4, 5) ", " QTY(6, 7) ", ?8, ?9, " DB_NOW ", " DB_NOW ")",
                 "ssibibiss", ma, currency_code, amount, min_quantity != NULL,
                 min_quantity ? *min_quantity : 0, max_quantity != NULL,
                 max_quantity ? *max_quantity : 0, list_id, region_id) < 0)
        return -1;
    return db_execf(c,
                    "INSERT INTO product_variant_money_amount (id, money_amount_id, variant_id,"
                    " created_at, updated_at) VALUES (?1, ?2, ?3, " DB_NOW ", " DB_NOW ")",
                    "sss", db_new_id(c, "pvma"), ma, variant_id);
}

int db_price_list_price_update(struct ctx *c, const char *list_id, const char *price_id,
                               const char *variant_id, const char *currency_code,
                               const char *region_id, int64_t amount, const int64_t *min_quantity,
                               const int64_t *max_quantity)
{
    int rc = db_exists(c, "SELECT 1 FROM money_amount WHERE id = ?1 AND price_list_id = ?2", "ss",
                       price_id, list_id);
    if (rc <= 0)
        return rc < 0 ? -1 : 1;
    if (db_execf(c,
                 "UPDATE money_amount SET currency_code = coalesce(?2, currency_code), region_id ="
                 " CASE WHEN ?2 IS NULL AND ?3 IS NULL THEN region_id ELSE ?3 END, amount = ?4, "
                 "min_quantity = " QTY(5, 6) ", max_quantity = " QTY(7, 8) ", updated_at = " DB_NOW
                                                                           " WHERE id = ?1",
                 "sssibibi", price_id, currency_code, region_id, amount, min_quantity != NULL,
                 min_quantity ? *min_quantity : 0, max_quantity != NULL,
                 max_quantity ? *max_quantity : 0) < 0)
        return -1;
    return db_execf(c,
                    "UPDATE product_variant_money_amount SET variant_id = ?2, updated_at = " DB_NOW
                    " WHERE money_amount_id = ?1",
                    "ss", price_id, variant_id);
}

int db_price_list_prices_delete(struct ctx *c, const char *list_id, const char *const *ids, int n)
{
    return db_execf(c,
                    "DELETE FROM money_amount WHERE price_list_id = ?1 AND id IN (SELECT value"
                    " FROM json_each(?2))",
                    "ss", list_id, db_json_ids(c, ids, n));
}

int db_price_list_prices_clear(struct ctx *c, const char *list_id)
{
    return db_execf(c, "DELETE FROM money_amount WHERE price_list_id = ?1", "s", list_id);
}

int db_price_list_price_ids(struct ctx *c, const char *list_id, const char *const *ids, int n,
                            int of_products, const char ***out)
{
    struct db_stmt *st = db_prep(
        c,
        of_products ? "SELECT m.id FROM money_amount m JOIN product_variant_money_amount pv ON"
                      " pv.money_amount_id = m.id JOIN product_variant v ON v.id = pv.variant_id"
                      " WHERE m.price_list_id = ?1 AND m.deleted_at IS NULL AND v.product_id IN"
                      " (SELECT value FROM json_each(?2)) ORDER BY m.created_at, m.id"
                    : "SELECT m.id FROM money_amount m JOIN product_variant_money_amount pv ON"
                      " pv.money_amount_id = m.id WHERE m.price_list_id = ?1 AND m.deleted_at IS"
                      " NULL AND pv.variant_id IN (SELECT value FROM json_each(?2)) ORDER BY"
                      " m.created_at, m.id",
        "ss", list_id, db_json_ids(c, ids, n));
    return db_collect(c, st, out, NULL);
}

int db_price_list_variant_exists(struct ctx *c, const char *id)
{
    return db_exists(c, "SELECT 1 FROM product_variant WHERE id = ?1 AND deleted_at IS NULL", "s",
                     id);
}

int db_price_list_has_price(struct ctx *c, const char *list_id, const char *price_id)
{
    return db_exists(c, "SELECT 1 FROM money_amount WHERE id = ?1 AND price_list_id = ?2", "ss",
                     price_id, list_id);
}

void db_price_list_where_q(struct ctx *c, struct gquery *q, const char *text)
{
    (void)c;
    gq_where_text(q,
                  "EXISTS (SELECT 1 FROM (SELECT '%' || ? || '%' AS p) pat WHERE %c.name LIKE p"
                  " ESCAPE '\\' OR %c.description LIKE p ESCAPE '\\' OR EXISTS (SELECT 1 FROM"
                  " price_list_customer_groups lg JOIN customer_group g ON g.id ="
                  " lg.customer_group_id WHERE lg.price_list_id = %c.id AND g.deleted_at IS"
                  " NULL AND g.name LIKE p ESCAPE '\\'))",
                  text);
}
