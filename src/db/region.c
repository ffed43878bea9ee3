/* region.c: SQL of region writes (region.h). Values are always bound. */
#include "db/region.h"

#include "db/internal.h"

const char *db_region_insert(struct ctx *c, const struct region_row *row)
{
    const char *id = db_new_id(c, "reg");
    return db_execf(c,
                    "INSERT INTO region (id, name, currency_code, tax_rate, tax_code,"
                    " gift_cards_taxable, automatic_taxes, tax_provider_id, metadata, created_at,"
                    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " DB_NOW ", " DB_NOW
                    ")",
                    "sssdsbbss", id, row->name, row->currency_code, row->tax_rate, row->tax_code,
                    row->gift_cards_taxable, row->automatic_taxes, row->tax_provider_id,
                    row->metadata) < 0
               ? NULL
               : id;
}

int db_region_load(struct ctx *c, const char *id, struct region_row *row)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT name, currency_code, tax_code, tax_provider_id, metadata,"
                                 " tax_rate, gift_cards_taxable, automatic_taxes FROM region"
                                 " WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    row->name = db_col_dup(c, st, 0);
    row->currency_code = db_col_dup(c, st, 1);
    row->tax_code = db_col_dup(c, st, 2);
    row->tax_provider_id = db_col_dup(c, st, 3);
    row->metadata = db_col_dup(c, st, 4);
    row->tax_rate = db_col_double(st, 5);
    row->gift_cards_taxable = db_col_int(st, 6);
    row->automatic_taxes = db_col_int(st, 7);
    return 0;
}

int db_region_update(struct ctx *c, const char *id, const struct region_row *row)
{
    return db_execf(c,
                    "UPDATE region SET name = ?2, currency_code = ?3, tax_rate = ?4, tax_code = ?5,"
                    " gift_cards_taxable = ?6, automatic_taxes = ?7, tax_provider_id = ?8,"
                    " metadata = ?9, updated_at = " DB_NOW " WHERE id = ?1",
                    "sssdsbbss", id, row->name, row->currency_code, row->tax_rate, row->tax_code,
                    row->gift_cards_taxable, row->automatic_taxes, row->tax_provider_id,
                    row->metadata);
}

int db_country_owner(struct ctx *c, const char *iso_2, const char **display_name,
                     const char **region_id)
{
    struct db_stmt *st =
        db_prep(c, "SELECT display_name, region_id FROM country WHERE iso_2 = ?1", "s", iso_2);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    *display_name = db_col_dup(c, st, 0);
    *region_id = db_col_dup(c, st, 1);
    return 0;
}

int db_region_set_countries(struct ctx *c, const char *id, const char *const *iso_2, int n)
{
    /* TypeORM's one-to-many save nullifies the rows left out. */
    if (db_execf(c, "UPDATE country SET region_id = NULL WHERE region_id = ?1", "s", id) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_execf(c, "UPDATE country SET region_id = ?1 WHERE iso_2 = ?2", "ss", id, iso_2[i]) <
            0)
            return -1;
    return 0;
}

int db_provider_exists(struct ctx *c, char kind, const char *provider_id)
{
    const char *sql = kind == 'p'   ? "SELECT 1 FROM payment_provider WHERE id = ?1"
                      : kind == 'f' ? "SELECT 1 FROM fulfillment_provider WHERE id = ?1"
                                    : "SELECT 1 FROM tax_provider WHERE id = ?1";
    return db_exists(c, sql, "s", provider_id);
}

int db_region_set_providers(struct ctx *c, char kind, const char *id, const char *const *ids, int n)
{
    const char *del = kind == 'p' ? "DELETE FROM region_payment_providers WHERE region_id = ?1"
                                  : "DELETE FROM region_fulfillment_providers WHERE region_id = ?1";
    const char *ins = kind == 'p' ? "INSERT OR IGNORE INTO region_payment_providers (region_id,"
                                    " provider_id) VALUES (?1, ?2)"
                                  : "INSERT OR IGNORE INTO region_fulfillment_providers (region_id,"
                                    " provider_id) VALUES (?1, ?2)";
    if (db_execf(c, del, "s", id) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_execf(c, ins, "ss", id, ids[i]) < 0)
            return -1;
    return 0;
}

int db_store_currency(struct ctx *c, const char *code)
{
    return db_exists(c,
                     "SELECT 1 FROM store_currencies WHERE currency_code = ?1"
                     " AND store_id = (SELECT id FROM store ORDER BY created_at"
                     " LIMIT 1)",
                     "s", code);
}

int db_region_delete(struct ctx *c, const char *id)
{
    if (db_execf(c,
                 "UPDATE region SET deleted_at = " DB_NOW ", updated_at = " DB_NOW
                 " WHERE id = ?1 AND deleted_at IS NULL",
                 "s", id) < 0)
        return -1;
    return db_execf(c, "UPDATE country SET region_id = NULL WHERE region_id = ?1", "s", id);
}

int db_country_set_region(struct ctx *c, const char *iso_2, const char *region_id)
{
    return db_execf(c, "UPDATE country SET region_id = ?2 WHERE iso_2 = ?1", "ss", iso_2,
                    region_id);
}

int db_region_has_country_code(struct ctx *c, const char *id, const char *iso_2)
{
    return db_exists(c, "SELECT 1 FROM country WHERE region_id = ?1 AND iso_2 = ?2", "ss", id,
                     iso_2);
}

int db_region_has_provider_of(struct ctx *c, char kind, const char *id, const char *provider_id)
{
    return db_exists(c,
                     kind == 'p' ? "SELECT 1 FROM region_payment_providers WHERE region_id = ?1"
                                   " AND provider_id = ?2"
                                 : "SELECT 1 FROM region_fulfillment_providers WHERE region_id ="
                                   " ?1 AND provider_id = ?2",
                     "ss", id, provider_id);
}

int db_region_link_provider(struct ctx *c, char kind, const char *id, const char *provider_id,
                            int add)
{
    static const char *const sql[2][2] = {
        {"DELETE FROM region_payment_providers WHERE region_id = ?1 AND provider_id = ?2",
         "INSERT OR IGNORE INTO region_payment_providers (region_id, provider_id) VALUES (?1, ?2)"},
        {"DELETE FROM region_fulfillment_providers WHERE region_id = ?1 AND provider_id = ?2",
         "INSERT OR IGNORE INTO region_fulfillment_providers (region_id, provider_id) VALUES (?1,"
         " ?2)"},
    };
    return db_execf(c, sql[kind != 'p'][add != 0], "ss", id, provider_id);
}
