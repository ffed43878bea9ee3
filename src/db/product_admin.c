/* product_admin.c: SQL of product writes from the Admin API (product_admin.h). Values are always
 * bound; the search indexes (sql/0002, 0004) follow these rows by triggers. */
#include "db/product_admin.h"

#include <stdlib.h>
#include <string.h>

#include "db/internal.h"

/* Nullable dimensions bind as (given, value) pairs. */
#define DIM(a, b) "iif(?" #a ", ?" #b ", NULL)"

const char *db_product_insert(struct ctx *c, const struct product_row *row)
{
    const char *id = db_new_id(c, "prod");
    if (db_execf(c,
                 "INSERT INTO product (id, title, subtitle, description, handle, is_giftcard,"
                 " status, thumbnail, profile_id, weight, length, height, width, hs_code,"
                 " origin_country, mid_code, material, collection_id, type_id, discountable,"
                 " metadata, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                 "?9, " DIM(10, 11) ", " DIM(12, 13) ", " DIM(14, 15) ", " DIM(
                     16, 17) ", ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, " DB_NOW ", " DB_NOW ")",
                 "sssssbsssbibibibissssssbs", id, row->title, row->subtitle, row->description,
                 row->handle, row->is_giftcard, row->status, row->thumbnail, row->profile_id,
                 row->has_weight, row->weight, row->has_length, row->length, row->has_height,
                 row->height, row->has_width, row->width, row->hs_code, row->origin_country,
                 row->mid_code, row->material, row->collection_id, row->type_id, row->discountable,
                 row->metadata) < 0)
        return NULL;
    return id;
}

int db_product_load_row(struct ctx *c, const char *id, struct product_row *row)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT title, subtitle, description, handle, status, thumbnail,"
                                 " profile_id, collection_id, type_id, hs_code, origin_country,"
                                 " mid_code, material, metadata, is_giftcard, discountable,"
                                 " weight IS NOT NULL, weight, length IS NOT NULL, length,"
                                 " height IS NOT NULL, height, width IS NOT NULL, width"
                                 " FROM product WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    const char **s[] = {&row->title,    &row->subtitle,  &row->description,    &row->handle,
                        &row->status,   &row->thumbnail, &row->profile_id,     &row->collection_id,
                        &row->type_id,  &row->hs_code,   &row->origin_country, &row->mid_code,
                        &row->material, &row->metadata};
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    for (int i = 0; i < (int)(sizeof(s) / sizeof(s[0])); i++)
        *s[i] = db_col_dup(c, st, i);
    row->is_giftcard = db_col_int(st, 14);
    row->discountable = db_col_int(st, 15);
    row->has_weight = db_col_int(st, 16);
    row->weight = db_col_int64(st, 17);
    row->has_length = db_col_int(st, 18);
    row->length = db_col_int64(st, 19);
    row->has_height = db_col_int(st, 20);
    row->height = db_col_int64(st, 21);
    row->has_width = db_col_int(st, 22);
    row->width = db_col_int64(st, 23);
    return 0;
}

int db_product_update_row(struct ctx *c, const char *id, const struct product_row *row)
{
    return db_execf(
        c,
        "UPDATE product SET title = ?2, subtitle = ?3, description = ?4, handle = ?5,"
        " is_giftcard = ?6, status = ?7, thumbnail = ?8, profile_id = ?9, weight "
        "= " DIM(10, 11) ", length = " DIM(12, 13) ", height = " DIM(14, 15) ", width = " DIM(
            16, 17) ", hs_code = ?18, origin_country = ?19, "
                    "mid_code = ?20,"
                    " material = ?21, collection_id = ?22, "
                    "type_id = ?23, discountable = ?24,"
                    " metadata = ?25, updated_at = " DB_NOW " WHERE id = ?1",
        "sssssbsssbibibibissssssbs", id, row->title, row->subtitle, row->description, row->handle,
        row->is_giftcard, row->status, row->thumbnail, row->profile_id, row->has_weight,
        row->weight, row->has_length, row->length, row->has_height, row->height, row->has_width,
        row->width, row->hs_code, row->origin_country, row->mid_code, row->material,
        row->collection_id, row->type_id, row->discountable, row->metadata);
}

int db_product_soft_delete(struct ctx *c, const char *id)
{
    /* softRemove cascades to the loaded variants, their prices and option values. */
    if (db_execf(c,
                 "UPDATE money_amount SET deleted_at = " DB_NOW " WHERE deleted_at IS NULL AND id"
                 " IN (SELECT pvma.money_amount_id FROM product_variant_money_amount pvma JOIN"
                 " product_variant v ON v.id = pvma.variant_id WHERE v.product_id = ?1 AND"
                 " v.deleted_at IS NULL)",
                 "s", id) < 0 ||
        db_execf(c,
                 "UPDATE product_option_value SET deleted_at = " DB_NOW " WHERE deleted_at IS"
                 " NULL AND variant_id IN (SELECT id FROM product_variant WHERE product_id = ?1"
                 " AND deleted_at IS NULL)",
                 "s", id) < 0 ||
        db_execf(c,
                 "UPDATE product_variant SET deleted_at = " DB_NOW
                 " WHERE product_id = ?1 AND deleted_at IS NULL",
                 "s", id) < 0)
        return -1;
    return db_execf(c,
                    "UPDATE product SET deleted_at = " DB_NOW " WHERE id = ?1 AND deleted_at IS"
                    " NULL",
                    "s", id);
}

int db_product_handle_taken(struct ctx *c, const char *handle, const char *except_id)
{
    return db_exists(c,
                     "SELECT 1 FROM product WHERE handle = ?1 AND deleted_at IS"
                     " NULL AND id IS NOT ?2",
                     "ss", handle, except_id);
}

int db_variant_value_taken(struct ctx *c, const char *col, const char *value)
{
    const char *sql = !strcmp(col, "sku")   ? "SELECT 1 FROM product_variant WHERE sku = ?1"
                                              " AND deleted_at IS NULL"
                      : !strcmp(col, "ean") ? "SELECT 1 FROM product_variant WHERE ean = ?1"
                                              " AND deleted_at IS NULL"
                      : !strcmp(col, "upc") ? "SELECT 1 FROM product_variant WHERE upc = ?1"
                                              " AND deleted_at IS NULL"
                                            : "SELECT 1 FROM product_variant WHERE barcode = ?1"
                                              " AND deleted_at IS NULL";
    return db_exists(c, sql, "s", value);
}

int db_row_exists(struct ctx *c, const char *table, const char *id)
{
    const char *sql =
        !strcmp(table, "product") ? "SELECT 1 FROM product WHERE id = ?1 AND deleted_at IS NULL"
        : !strcmp(table, "product_collection")
            ? "SELECT 1 FROM product_collection WHERE id = ?1 AND deleted_at IS NULL"
        : !strcmp(table, "product_category") ? "SELECT 1 FROM product_category WHERE id = ?1"
        : !strcmp(table, "sales_channel")
            ? "SELECT 1 FROM sales_channel WHERE id = ?1 AND deleted_at IS NULL"
        : !strcmp(table, "region") ? "SELECT 1 FROM region WHERE id = ?1 AND deleted_at IS NULL"
        : !strcmp(table, "product_type")
            ? "SELECT 1 FROM product_type WHERE id = ?1 AND deleted_at IS NULL"
        : !strcmp(table, "shipping_option")
            ? "SELECT 1 FROM shipping_option WHERE id = ?1 AND deleted_at IS NULL"
        : !strcmp(table, "shipping_profile")
            ? "SELECT 1 FROM shipping_profile WHERE id = ?1 AND deleted_at IS NULL"
        : !strcmp(table, "tax_rate")            ? "SELECT 1 FROM tax_rate WHERE id = ?1"
        : !strcmp(table, "publishable_api_key") ? "SELECT 1 FROM publishable_api_key WHERE id = ?1"
                                                : "SELECT 1 FROM currency WHERE code = ?1";
    return db_exists(c, sql, "s", id);
}

int db_product_set_profile(struct ctx *c, const char *id, const char *profile_id)
{
    if (db_execf(c, "DELETE FROM product_shipping_profile WHERE product_id = ?1", "s", id) < 0)
        return -1;
    return db_execf(c,
                    "INSERT INTO product_shipping_profile (profile_id, product_id) VALUES (?1, ?2)",
                    "ss", profile_id, id);
}

const char *db_store_default_channel(struct ctx *c)
{
    return db_one_text(c, "SELECT default_sales_channel_id FROM store ORDER BY created_at LIMIT 1",
                       "");
}

int db_product_set_images(struct ctx *c, const char *id, const char *const *urls, int n)
{
    if (db_execf(c, "DELETE FROM product_images WHERE product_id = ?1", "s", id) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        struct db_stmt *st = db_prep(c,
                                     "SELECT id FROM image WHERE url = ?1 AND deleted_at IS NULL"
                                     " ORDER BY created_at LIMIT 1",
                                     "s", urls[i]);
        const char *img;
        int rc = db_one_row(c, st);
        if (rc < 0)
            return -1;
        img = rc == 0 ? db_col_dup(c, st, 0) : db_new_id(c, "img");
        if (rc == 1 && db_execf(c,
                                "INSERT INTO image (id, url, created_at, updated_at) VALUES"
                                " (?1, ?2, " DB_NOW ", " DB_NOW ")",
                                "ss", img, urls[i]) < 0)
            return -1;
        if (db_execf(c,
                     "INSERT OR IGNORE INTO product_images (product_id, image_id) VALUES (?1, ?2)",
                     "ss", id, img) < 0)
            return -1;
    }
    return 0;
}

int db_product_set_tags(struct ctx *c, const char *id, const char *const *tag_ids,
                        const char *const *values, int n)
{
    if (db_execf(c, "DELETE FROM product_tags WHERE product_id = ?1", "s", id) < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        struct db_stmt *st = db_prep(c,
                                     "SELECT id FROM product_tag WHERE value = ?1 AND deleted_at IS"
                                     " NULL ORDER BY created_at LIMIT 1",
                                     "s", values[i]);
        const char *tag;
        int rc = db_one_row(c, st);
        if (rc < 0)
            return -1;
        tag = rc == 0 ? db_col_dup(c, st, 0) : tag_ids[i] ? tag_ids[i] : db_new_id(c, "ptag");
        if (rc == 1 && db_execf(c,
                                "INSERT INTO product_tag (id, value, created_at, updated_at)"
                                " VALUES (?1, ?2, " DB_NOW ", " DB_NOW ")",
                                "ss", tag, values[i]) < 0)
            return -1;
        if (db_execf(c,
                     "INSERT OR IGNORE INTO product_tags (product_id, product_tag_id) VALUES"
                     " (?1, ?2)",
                     "ss", id, tag) < 0)
            return -1;
    }
    return 0;
}

const char *db_product_type_upsert(struct ctx *c, const char *value)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id FROM product_type WHERE value = ?1 AND deleted_at IS"
                                 " NULL ORDER BY created_at LIMIT 1",
                                 "s", value);
    const char *id;
    int rc = db_one_row(c, st);
    if (rc < 0)
        return NULL;
    if (rc == 0)
        return db_col_dup(c, st, 0);
    id = db_new_id(c, "ptyp");
    return db_execf(c,
                    "INSERT INTO product_type (id, value, created_at, updated_at) VALUES (?1, "
                    "?2, " DB_NOW ", " DB_NOW ")",
                    "ss", id, value) < 0
               ? NULL
               : id;
}

int db_product_set_categories(struct ctx *c, const char *id, const char *const *ids, int n)
{
    if (db_execf(c, "DELETE FROM product_category_product WHERE product_id = ?1", "s", id) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_execf(c,
                     "INSERT OR IGNORE INTO product_category_product (product_category_id,"
                     " product_id) VALUES (?1, ?2)",
                     "ss", ids[i], id) < 0)
            return -1;
    return 0;
}

int db_product_set_channels(struct ctx *c, const char *id, const char *const *ids, int n)
{
    if (db_execf(c, "DELETE FROM product_sales_channel WHERE product_id = ?1", "s", id) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_execf(c,
                     "INSERT OR IGNORE INTO product_sales_channel (id, product_id,"
                     " sales_channel_id, created_at, updated_at) VALUES (?1, ?2, ?3, " DB_NOW
                     ", " DB_NOW ")",
                     "sss", db_new_id(c, "prodsc"), id, ids[i]) < 0)
            return -1;
    return 0;
}

const char *db_product_option_insert(struct ctx *c, const char *product_id, const char *title)
{
    const char *id = db_new_id(c, "opt");
    return db_execf(c,
                    "INSERT INTO product_option (id, title, product_id, created_at, updated_at)"
                    " VALUES (?1, ?2, ?3, " DB_NOW ", " DB_NOW ")",
                    "sss", id, title, product_id) < 0
               ? NULL
               : id;
}

const char *db_variant_insert(struct ctx *c, const char *product_id, const struct variant_row *row)
{
    const char *id = db_new_id(c, "variant");
    if (db_execf(c,
                 "INSERT INTO product_variant (id, title, product_id, sku, barcode, ean, upc,"
                 " variant_rank, inventory_quantity, allow_backorder, manage_inventory, hs_code,"
                 " origin_country, mid_code, material, weight, length, height, width, metadata,"
                 " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                 " ?12, ?13, ?14, ?15, " DIM(16, 17) ", " DIM(18, 19) ", " DIM(20, 21) ", " DIM(
                     22, 23) ", ?24, " DB_NOW ", " DB_NOW ")",
                 "sssssssiibbssssbibibibis", id, row->title, product_id, row->sku, row->barcode,
                 row->ean, row->upc, row->variant_rank, row->inventory_quantity,
                 row->allow_backorder, row->manage_inventory, row->hs_code, row->origin_country,
                 row->mid_code, row->material, row->has_weight, row->weight, row->has_length,
                 row->length, row->has_height, row->height, row->has_width, row->width,
                 row->metadata) < 0)
        return NULL;
    return id;
}

int db_option_value_insert(struct ctx *c, const char *variant_id, const char *option_id,
                           const char *value)
{
    return db_execf(c,
                    "INSERT INTO product_option_value (id, value, option_id, variant_id,"
                    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, " DB_NOW ", " DB_NOW ")",
                    "ssss", db_new_id(c, "optval"), value, option_id, variant_id);
}

int db_variant_price_insert(struct ctx *c, const char *variant_id, const char *currency_code,
                            const char *region_id, int64_t amount, const int64_t *min_quantity,
                            const int64_t *max_quantity)
{
    const char *ma = db_new_id(c, "ma");
    if (db_execf(c,
                 "INSERT INTO money_amount (id, currency_code, amount, min_quantity, max_quantity,"
                 " region_id, created_at, updated_at) VALUES (?1, ?2, ?3, " DIM(4, 5) ", " DIM(
                     6, 7) ", ?8, " DB_NOW ", " DB_NOW ")",
                 "ssibibis", ma, currency_code, amount, min_quantity != NULL,
                 min_quantity ? *min_quantity : 0, max_quantity != NULL,
                 max_quantity ? *max_quantity : 0, region_id) < 0)
        return -1;
    return db_execf(c,
                    "INSERT INTO product_variant_money_amount (id, money_amount_id, variant_id,"
                    " created_at, updated_at) VALUES (?1, ?2, ?3, " DB_NOW ", " DB_NOW ")",
                    "sss", db_new_id(c, "pvma"), ma, variant_id);
}

const char *db_region_currency(struct ctx *c, const char *region_id)
{
    return db_one_text(c, "SELECT currency_code FROM region WHERE id = ?1 AND deleted_at IS NULL",
                       "s", region_id);
}

int db_collect(struct ctx *c, struct db_stmt *st, const char ***a, const char ***b)
{
    int n = 0, cap = 8, rc;
    const char **x = arena_alloc(&c->arena, sizeof(*x) * (size_t)cap);
    const char **y = b ? arena_alloc(&c->arena, sizeof(*y) * (size_t)cap) : NULL;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        if (n == cap) {
            const char **nx = arena_alloc(&c->arena, sizeof(*nx) * (size_t)cap * 2);
            memcpy(nx, x, sizeof(*x) * (size_t)cap);
            x = nx;
            if (b) {
                const char **ny = arena_alloc(&c->arena, sizeof(*ny) * (size_t)cap * 2);
                memcpy(ny, y, sizeof(*y) * (size_t)cap);
                y = ny;
            }
            cap *= 2;
        }
        x[n] = db_col_dup(c, st, 0);
        if (b)
            y[n] = db_col_dup(c, st, 1);
        n++;
    }
    if (rc < 0)
        return -1;
    *a = x;
    if (b)
        *b = y;
    return n;
}

int db_product_variant_ids(struct ctx *c, const char *product_id, const char ***ids)
{
    return db_collect(c,
                      db_prep(c,
                              "SELECT id FROM product_variant WHERE product_id = ?1 AND deleted_at"
                              " IS NULL ORDER BY variant_rank, created_at, id",
                              "s", product_id),
                      ids, NULL);
}

int db_product_options(struct ctx *c, const char *product_id, const char ***ids,
                       const char ***titles)
{
    return db_collect(c,
                      db_prep(c,
                              "SELECT id, title FROM product_option WHERE product_id = ?1 AND"
                              " deleted_at IS NULL ORDER BY created_at, rowid",
                              "s", product_id),
                      ids, titles);
}

int db_variant_combo_taken(struct ctx *c, const char *product_id, const char *const *opt_ids,
                           const char *const *values, int n, const char **title)
{
    const char **vids;
    int nv = db_product_variant_ids(c, product_id, &vids);
    for (int i = 0; i < nv; i++) {
        int same = 1;
        for (int k = 0; k < n && same; k++) {
            struct db_stmt *st =
                db_prep(c,
                        "SELECT 1 FROM product_option_value WHERE variant_id = ?1"
                        " AND option_id = ?2 AND value = ?3 AND deleted_at IS NULL",
                        "sss", vids[i], opt_ids[k], values[k]);
            int rc = db_one_row(c, st);
            if (rc < 0)
                return -1;
            same = rc == 0;
        }
        if (same) {
            struct db_stmt *st =
                db_prep(c, "SELECT title FROM product_variant WHERE id = ?1", "s", vids[i]);
            if (db_one_row(c, st) < 0)
                return -1;
            *title = db_col_dup(c, st, 0);
            return 1;
        }
    }
    return nv < 0 ? -1 : 0;
}

int db_variant_load_row(struct ctx *c, const char *id, struct variant_row *row)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT title, sku, barcode, ean, upc, hs_code, origin_country,"
                                 " mid_code, material, metadata, inventory_quantity, variant_rank,"
                                 " allow_backorder, manage_inventory, weight IS NOT NULL, weight,"
                                 " length IS NOT NULL, length, height IS NOT NULL, height,"
                                 " width IS NOT NULL, width FROM product_variant WHERE id = ?1"
                                 " AND deleted_at IS NULL",
                                 "s", id);
    const char **s[] = {&row->title,    &row->sku,     &row->barcode,        &row->ean,
                        &row->upc,      &row->hs_code, &row->origin_country, &row->mid_code,
                        &row->material, &row->metadata};
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    for (int i = 0; i < (int)(sizeof(s) / sizeof(s[0])); i++)
        *s[i] = db_col_dup(c, st, i);
    row->inventory_quantity = db_col_int64(st, 10);
    row->variant_rank = db_col_int64(st, 11);
    row->allow_backorder = db_col_int(st, 12);
    row->manage_inventory = db_col_int(st, 13);
    row->has_weight = db_col_int(st, 14);
    row->weight = db_col_int64(st, 15);
    row->has_length = db_col_int(st, 16);
    row->length = db_col_int64(st, 17);
    row->has_height = db_col_int(st, 18);
    row->height = db_col_int64(st, 19);
    row->has_width = db_col_int(st, 20);
    row->width = db_col_int64(st, 21);
    return 0;
}

int db_variant_update_row(struct ctx *c, const char *id, const struct variant_row *row)
{
    return db_execf(
        c,
        "UPDATE product_variant SET title = ?2, sku = ?3, barcode = ?4, ean = ?5,"
        " upc = ?6, variant_rank = ?7, inventory_quantity = ?8, allow_backorder = ?9,"
        " manage_inventory = ?10, hs_code = ?11, origin_country = ?12, mid_code = ?13,"
        " material = ?14, weight = " DIM(15, 16) ", length = " DIM(17, 18) ", height = " DIM(
            19, 20) ", width = " DIM(21, 22) ", metadata = ?23,"
                                             " updated_at = " DB_NOW " WHERE id = ?1",
        "ssssssiibbssssbibibibis", id, row->title, row->sku, row->barcode, row->ean, row->upc,
        row->variant_rank, row->inventory_quantity, row->allow_backorder, row->manage_inventory,
        row->hs_code, row->origin_country, row->mid_code, row->material, row->has_weight,
        row->weight, row->has_length, row->length, row->has_height, row->height, row->has_width,
        row->width, row->metadata);
}

int db_variant_prices_clear(struct ctx *c, const char *id)
{
    return db_execf(c,
                    "UPDATE money_amount SET deleted_at = " DB_NOW " WHERE deleted_at IS NULL AND"
                    " price_list_id IS NULL AND id IN (SELECT money_amount_id FROM"
                    " product_variant_money_amount WHERE variant_id = ?1)",
                    "s", id);
}

int db_variant_soft_delete(struct ctx *c, const char *id)
{
    if (db_execf(c,
                 "UPDATE money_amount SET deleted_at = " DB_NOW " WHERE deleted_at IS NULL AND id"
                 " IN (SELECT money_amount_id FROM product_variant_money_amount WHERE variant_id"
                 " = ?1)",
                 "s", id) < 0 ||
        db_execf(c,
                 "UPDATE product_option_value SET deleted_at = " DB_NOW " WHERE variant_id = ?1"
                 " AND deleted_at IS NULL",
                 "s", id) < 0)
        return -1;
    return db_execf(c, "UPDATE product_variant SET deleted_at = " DB_NOW " WHERE id = ?1", "s", id);
}

int db_variant_price_of(struct ctx *c, const char *variant_id, const char *price_id,
                        const char **region_id, const char **currency_code)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT ma.region_id, ma.currency_code FROM money_amount ma JOIN"
                " product_variant_money_amount pvma ON pvma.money_amount_id = ma.id"
                " WHERE ma.id = ?1 AND pvma.variant_id = ?2 AND ma.deleted_at IS"
                " NULL",
                "ss", price_id, variant_id);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        *region_id = db_col_dup(c, st, 0);
        *currency_code = db_col_dup(c, st, 1);
    }
    return rc;
}

const char *db_variant_product_id(struct ctx *c, const char *variant_id)
{
    return db_one_text(
        c, "SELECT product_id FROM product_variant WHERE id = ?1 AND deleted_at IS NULL", "s",
        variant_id);
}

int db_option_value_set(struct ctx *c, const char *variant_id, const char *option_id,
                        const char *value)
{
    int rc = db_exists(c,
                       "SELECT 1 FROM product_option_value WHERE variant_id = ?1 AND option_id = ?2"
                       " AND deleted_at IS NULL",
                       "ss", variant_id, option_id);
    if (rc <= 0)
        return rc < 0 ? -1 : 1;
    return db_execf(c,
                    "UPDATE product_option_value SET value = ?3, updated_at = " DB_NOW
                    " WHERE variant_id = ?1 AND option_id = ?2 AND deleted_at IS NULL",
                    "sss", variant_id, option_id, value);
}

int db_product_option_title_taken(struct ctx *c, const char *product_id, const char *title,
                                  const char *except_id, int nocase)
{
    return db_exists(c,
                     "SELECT 1 FROM product_option WHERE product_id = ?1 AND deleted_at IS NULL"
                     " AND id IS NOT ?3 AND (CASE WHEN ?4 THEN upper(title) = upper(?2)"
                     " ELSE title = ?2 END)",
                     "sssb", product_id, title, except_id, nocase);
}

int db_product_option_exists(struct ctx *c, const char *product_id, const char *option_id)
{
    return db_exists(c,
                     "SELECT 1 FROM product_option WHERE id = ?1 AND product_id = ?2 AND"
                     " deleted_at IS NULL",
                     "ss", option_id, product_id);
}

int db_product_option_set_title(struct ctx *c, const char *option_id, const char *title)
{
    return db_execf(c,
                    "UPDATE product_option SET title = ?2, updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", option_id, title);
}

int db_product_option_soft_delete(struct ctx *c, const char *option_id)
{
    if (db_execf(c,
                 "UPDATE product_option_value SET deleted_at = " DB_NOW
                 " WHERE option_id = ?1 AND deleted_at IS NULL",
                 "s", option_id) < 0)
        return -1;
    return db_execf(c, "UPDATE product_option SET deleted_at = " DB_NOW " WHERE id = ?1", "s",
                    option_id);
}

int db_option_distinct_values(struct ctx *c, const char *product_id, const char *option_id)
{
    const char *n = db_one_text(c,
                                "SELECT count(*) FROM (SELECT DISTINCT (SELECT value FROM"
                                " product_option_value o WHERE o.variant_id = v.id AND"
                                " o.option_id = ?2 AND o.deleted_at IS NULL LIMIT 1) FROM"
                                " product_variant v WHERE v.product_id = ?1 AND"
                                " v.deleted_at IS NULL) d",
                                "ss", product_id, option_id);
    return n ? (int)strtol(n, NULL, 10) : -1;
}

int db_option_values_fill(struct ctx *c, const char *product_id, const char *option_id,
                          const char *value)
{
    const char **ids;
    int n = db_product_variant_ids(c, product_id, &ids);
    for (int i = 0; i < n; i++)
        if (db_option_value_insert(c, ids[i], option_id, value) < 0)
            return -1;
    return n < 0 ? -1 : 0;
}
