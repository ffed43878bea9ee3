/* discount.c: SQL of discount creation (discount.h). Never decides a rule; the domain validated
 * the input first (domain/discount.c). */
#include "db/discount.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"
#include "db/product.h"

int db_discount_code_taken(struct ctx *c, const char *code)
{
    struct db_stmt *st =
        db_prep(c, "SELECT 1 FROM discount WHERE code = ?1 AND deleted_at IS NULL", "s", code);
    int rc = db_one_row(c, st);
    if (st)
        db_reset(st);
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
/* The keep (replace) and remove statements of one join table: ?1 the condition, ?2 a JSON array
 * of resource ids. */
#define COND_SQL(table, col)                                                                       \
    "DELETE FROM " table " WHERE condition_id = ?1 AND " col " NOT IN (SELECT value FROM "         \
    "json_each(?2))",                                                                              \
        "DELETE FROM " table " WHERE condition_id = ?1 AND " col " IN (SELECT value FROM "         \
        "json_each(?2))"
static const struct cond_table {
    const char *type, *exists_sql, *insert_sql, *table, *column, *keep_sql, *remove_sql;
} cond_tables[] = {
    {"products", "SELECT 1 FROM product WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_product (product_id, condition_id) VALUES (?1, ?2)",
     "Product", "product_id", COND_SQL("discount_condition_product", "product_id")},
    {"product_types", "SELECT 1 FROM product_type WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_product_type (product_type_id, condition_id) "
     "VALUES (?1, ?2)",
     "Product_type", "product_type_id",
     COND_SQL("discount_condition_product_type", "product_type_id")},
    {"product_collections", "SELECT 1 FROM product_collection WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_product_collection (product_collection_id, "
     "condition_id) VALUES (?1, ?2)",
     "Product_collection", "product_collection_id",
     COND_SQL("discount_condition_product_collection", "product_collection_id")},
    {"product_tags", "SELECT 1 FROM product_tag WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_product_tag (product_tag_id, condition_id) VALUES "
     "(?1, ?2)",
     "Product_tag", "product_tag_id", COND_SQL("discount_condition_product_tag", "product_tag_id")},
    {"customer_groups", "SELECT 1 FROM customer_group WHERE id = ?1",
     "INSERT OR IGNORE INTO discount_condition_customer_group (customer_group_id, condition_id) "
     "VALUES (?1, ?2)",
     "Customer_group", "customer_group_id",
     COND_SQL("discount_condition_customer_group", "customer_group_id")},
};

static const struct cond_table *cond_table_of(const char *type)
{
    for (size_t i = 0; i < sizeof(cond_tables) / sizeof(cond_tables[0]); i++)
        if (!strcmp(cond_tables[i].type, type))
            return &cond_tables[i];
    return NULL;
}

int db_discount_condition_insert(struct ctx *c, const char *rule_id, const char *type,
                                 const char *operator_, const char *const *ids, int n)
{
    const char *id = db_new_id(c, "discon");
    if (!cond_table_of(type))
        return err_set(c, ERR_INVALID_DATA, "Unknown condition type %s", type);
    if (db_execf(
            c,
            "INSERT INTO discount_condition (id, type, operator, discount_rule_id, created_at, "
            "updated_at) VALUES (?1, ?2, ?3, ?4, " DB_NOW ", " DB_NOW ")",
            "ssss", id, type, operator_, rule_id) < 0)
        return -1;
    return db_discount_condition_add(c, id, type, ids, n, 0);
}

int db_discount_condition_add(struct ctx *c, const char *cond_id, const char *type,
                              const char *const *ids, int n, int replace)
{
    const struct cond_table *t = cond_table_of(type);
    if (!t)
        return err_set(c, ERR_INVALID_DATA, "Unknown condition type %s", type);
    for (int i = 0; i < n; i++) {
        struct db_stmt *st = db_prep(c, t->exists_sql, "s", ids[i]);
        int rc = db_one_row(c, st);
        if (st)
            db_reset(st);
        if (rc < 0)
            return -1;
        if (rc == 1)
            return err_set(c, ERR_NOT_FOUND, "%s with %s %s does not exist.", t->table, t->column,
                           ids[i]);
        if (db_execf(c, t->insert_sql, "ss", ids[i], cond_id) < 0)
            return -1;
    }
    return replace ? db_execf(c, t->keep_sql, "ss", cond_id, db_json_ids(c, ids, n)) : 0;
}

int db_discount_condition_remove(struct ctx *c, const char *cond_id, const char *type,
                                 const char *const *ids, int n)
{
    const struct cond_table *t = cond_table_of(type);
    if (!t)
        return err_set(c, ERR_INVALID_DATA, "Unknown condition type %s", type);
    return db_execf(c, t->remove_sql, "ss", cond_id, db_json_ids(c, ids, n));
}

int db_discount_load(struct ctx *c, const char *id, struct discount_admin_row *d)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT d.code, d.rule_id, r.type, d.starts_at, d.is_dynamic,"
                                 " d.valid_duration, d.usage_limit IS NOT NULL, d.usage_limit,"
                                 " d.metadata, d.ends_at, d.is_disabled FROM discount d JOIN"
                                 " discount_rule r ON r.id ="
                                 " d.rule_id WHERE d.id = ?1 AND d.deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    d->code = db_col_dup(c, st, 0);
    d->rule_id = db_col_dup(c, st, 1);
    d->rule_type = db_col_dup(c, st, 2);
    d->starts_at = db_col_dup(c, st, 3);
    d->is_dynamic = db_col_int(st, 4);
    d->valid_duration = db_col_dup(c, st, 5);
    d->has_usage_limit = db_col_int(st, 6);
    d->usage_limit = db_col_int64(st, 7);
    d->metadata = db_col_dup(c, st, 8);
    d->ends_at = db_col_dup(c, st, 9);
    d->is_disabled = db_col_int(st, 10);
    return 0;
}

int db_discount_code_used(struct ctx *c, const char *code, const char *except_id)
{
    return db_exists(c,
                     "SELECT 1 FROM discount WHERE code = ?1 AND deleted_at IS NULL AND id IS NOT"
                     " ?2",
                     "ss", code, except_id);
}

int db_discount_update(struct ctx *c, const char *id, const struct discount_new *d)
{
    return db_execf(c,
                    "UPDATE discount SET code = ?2, is_disabled = ?3, starts_at = ?4, ends_at ="
                    " ?5, valid_duration = ?6, usage_limit = CASE WHEN ?7 THEN ?8 END, metadata ="
                    " ?9, updated_at = " DB_NOW " WHERE id = ?1",
                    "ssbsssbis", id, d->code, d->is_disabled, d->starts_at, d->ends_at,
                    d->valid_duration, d->has_usage_limit, d->usage_limit, d->metadata);
}

int db_discount_rule_update(struct ctx *c, const char *rule_id, const char *description,
                            const int64_t *value, const char *allocation)
{
    return db_execf(c,
                    "UPDATE discount_rule SET description = coalesce(?2, description), value ="
                    " CASE WHEN ?3 THEN ?4 ELSE value END, allocation = coalesce(?5, allocation),"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ssbis", rule_id, description, value != NULL, value ? *value : 0, allocation);
}

int db_discount_set_regions(struct ctx *c, const char *id, const char *const *regions, int n)
{
    if (db_execf(c, "DELETE FROM discount_regions WHERE discount_id = ?1", "s", id) < 0)
        return -1;
    return db_execf(c,
                    "INSERT OR IGNORE INTO discount_regions (discount_id, region_id) SELECT ?1,"
                    " value FROM json_each(?2)",
                    "ss", id, db_json_ids(c, regions, n));
}

int db_discount_region_count(struct ctx *c, const char *id, const char *region_id, int *has)
{
    const char *n =
        db_one_text(c, "SELECT count(*) FROM discount_regions WHERE discount_id = ?1", "s", id);
    int rc =
        db_exists(c, "SELECT 1 FROM discount_regions WHERE discount_id = ?1 AND region_id = ?2",
                  "ss", id, region_id);
    if (!n || rc < 0)
        return -1;
    *has = rc;
    return (int)strtol(n, NULL, 10);
}

int db_discount_region_link(struct ctx *c, const char *id, const char *region_id, int add)
{
    return add ? db_execf(c,
                          "INSERT OR IGNORE INTO discount_regions (discount_id, region_id) VALUES"
                          " (?1, ?2)",
                          "ss", id, region_id)
               : db_execf(c,
                          "DELETE FROM discount_regions WHERE discount_id = ?1 AND region_id = ?2",
                          "ss", id, region_id);
}

int db_discount_soft_delete(struct ctx *c, const char *id)
{
    return db_execf(c,
                    "UPDATE discount SET deleted_at = " DB_NOW " WHERE id = ?1 AND deleted_at IS"
                    " NULL",
                    "s", id);
}

const char *db_discount_dynamic_insert(struct ctx *c, const char *parent_id, const char *rule_id,
                                       const char *code, int has_usage_limit, int64_t usage_limit,
                                       const char *ends_at, const char *metadata)
{
    const char *id = db_new_id(c, "disc");
    return db_execf(c,
                    "INSERT INTO discount (id, code, is_dynamic, rule_id, is_disabled,"
                    " parent_discount_id, starts_at, ends_at, usage_limit, metadata, created_at,"
                    " updated_at) VALUES (?1, ?2, 1, ?3, 0, ?4, " DB_NOW ", ?5, CASE WHEN ?6 THEN"
                    " ?7 END, ?8, " DB_NOW ", " DB_NOW ")",
                    "sssssbis", id, code, rule_id, parent_id, ends_at, has_usage_limit, usage_limit,
                    metadata) < 0
               ? NULL
               : id;
}

int db_discount_dynamic_delete(struct ctx *c, const char *parent_id, const char *code)
{
    return db_execf(c,
                    "UPDATE discount SET deleted_at = " DB_NOW " WHERE parent_discount_id = ?1 AND"
                    " code = ?2 AND deleted_at IS NULL",
                    "ss", parent_id, code);
}

int db_discount_condition_load(struct ctx *c, const char *id, const char **rule_id,
                               const char **type, const char **operator_)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT discount_rule_id, type, operator FROM discount_condition"
                                 " WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        *rule_id = db_col_dup(c, st, 0);
        *type = db_col_dup(c, st, 1);
        *operator_ = db_col_dup(c, st, 2);
    }
    return rc;
}

int db_discount_condition_taken(struct ctx *c, const char *rule_id, const char *type,
                                const char *operator_)
{
    return db_exists(c,
                     "SELECT 1 FROM discount_condition WHERE discount_rule_id = ?1 AND type = ?2"
                     " AND operator = ?3",
                     "sss", rule_id, type, operator_);
}

int db_discount_condition_set_operator(struct ctx *c, const char *id, const char *operator_)
{
    return db_execf(
        c, "UPDATE discount_condition SET operator = ?2, updated_at = " DB_NOW " WHERE id = ?1",
        "ss", id, operator_);
}

int db_discount_condition_delete(struct ctx *c, const char *id)
{
    return db_execf(c, "DELETE FROM discount_condition WHERE id = ?1", "s", id);
}
