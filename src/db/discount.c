/* discount.c: SQL of discount creation (discount.h). Never decides a rule; the domain validated
 * the input first (domain/discount.c). */
#include "db/discount.h"

#include <string.h>

#include "db/internal.h"

int db_discount_code_taken(struct ctx *c, const char *code)
{
    sqlite3_stmt *st =
        db_prep(c, "SELECT 1 FROM discount WHERE code = ?1 AND deleted_at IS NULL", "s", code);
    int rc = db_one_row(c, st);
    if (st)
        sqlite3_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

const char *db_discount_insert(struct ctx *c, const struct discount_new *d, const char **rule_id)
{
    const char *rid = db_new_id(c, "dru"), *id = db_new_id(c, "disc");
    if (db_execf(c,
                 "INSERT INTO discount_rule (id, description, type, value, allocation, created_at, "
                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, " DB_NOW ", " DB_NOW ")",
                 "sssis", rid, d->description, d->rule_type, d->value, d->allocation) < 0)
        return NULL;
    if (db_execf(
            c,
            "INSERT INTO discount (id, code, is_dynamic, rule_id, is_disabled, starts_at, "
            "ends_at, valid_duration, usage_limit, metadata, created_at, updated_at) VALUES "
            "(?1, ?2, ?3, ?4, ?5, coalesce(?6, " DB_NOW "), ?7, ?8, CASE WHEN ?9 THEN ?10 END, "
            "?11, " DB_NOW ", " DB_NOW ")",
            "ssbsbsssbis", id, d->code, d->is_dynamic, rid, d->is_disabled, d->starts_at,
            d->ends_at, d->valid_duration, d->has_usage_limit, d->usage_limit, d->metadata) < 0)
        return NULL;
    for (int i = 0; i < d->nregions; i++)
        if (db_execf(c,
                     "INSERT OR IGNORE INTO discount_regions (discount_id, region_id) VALUES "
                     "(?1, ?2)",
                     "ss", id, d->regions[i]) < 0)
            return NULL;
    *rule_id = rid;
    return id;
}

/* Each condition type's join table, its resource column and the resource's table (the names in
 * Medusa's foreign-key message). Constant fragments, never spliced input. */
static const struct cond_table {
    const char *type, *exists_sql, *insert_sql, *table, *column;
} cond_tables[] = {
    {"products", "SELECT 1 FROM product WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_product (product_id, condition_id) VALUES (?1, ?2)",
     "Product", "product_id"},
    {"product_types", "SELECT 1 FROM product_type WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_product_type (product_type_id, condition_id) "
     "VALUES (?1, ?2)",
     "Product_type", "product_type_id"},
    {"product_collections", "SELECT 1 FROM product_collection WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_product_collection (product_collection_id, "
     "condition_id) VALUES (?1, ?2)",
     "Product_collection", "product_collection_id"},
    {"product_tags", "SELECT 1 FROM product_tag WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_product_tag (product_tag_id, condition_id) VALUES "
     "(?1, ?2)",
     "Product_tag", "product_tag_id"},
    {"customer_groups", "SELECT 1 FROM customer_group WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_customer_group (customer_group_id, condition_id) "
     "VALUES (?1, ?2)",
     "Customer_group", "customer_group_id"},
};

int db_discount_condition_insert(struct ctx *c, const char *rule_id, const char *type,
                                 const char *operator_, const char *const *ids, int n)
{
    const struct cond_table *t = NULL;
    const char *id = db_new_id(c, "discon");
    for (size_t i = 0; i < sizeof(cond_tables) / sizeof(cond_tables[0]); i++)
        if (!strcmp(cond_tables[i].type, type))
            t = &cond_tables[i];
    if (!t)
        return err_set(c, ERR_INVALID_DATA, "Unknown condition type %s", type);
    if (db_execf(
            c,
            "INSERT INTO discount_condition (id, type, operator, discount_rule_id, created_at, "
            "updated_at) VALUES (?1, ?2, ?3, ?4, " DB_NOW ", " DB_NOW ")",
            "ssss", id, type, operator_, rule_id) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        sqlite3_stmt *st = db_prep(c, t->exists_sql, "s", ids[i]);
        int rc = db_one_row(c, st);
        if (st)
            sqlite3_reset(st);
        if (rc < 0)
            return -1;
        if (rc == 1)
            return err_set(c, ERR_NOT_FOUND, "%s with %s %s does not exist.", t->table, t->column,
                           ids[i]);
        if (db_execf(c, t->insert_sql, "ss", ids[i], id) < 0)
            return -1;
    }
    return 0;
}
