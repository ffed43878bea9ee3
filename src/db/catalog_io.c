/* catalog_io.c: SQL of the CSV import and export (catalog_io.h). */
#include "db/catalog_io.h"

#include "db/internal.h"

/* One text column of a one-row query: 0 with *out, 1 without a row, -1. */
static int one(struct ctx *c, struct db_stmt *st, const char **out)
{
    int rc = db_one_row(c, st);
    if (rc == 0 && out)
        *out = db_col_dup(c, st, 0);
    return rc;
}

int db_io_product_handle(struct ctx *c, const char *id, const char **handle)
{
    return one(
        c, db_prep(c, "SELECT handle FROM product WHERE id = ?1 AND deleted_at IS NULL", "s", id),
        handle);
}

int db_io_product_by_handle(struct ctx *c, const char *handle, const char **id)
{
    return one(
        c,
        db_prep(c, "SELECT id FROM product WHERE handle = ?1 AND deleted_at IS NULL", "s", handle),
        id);
}

int db_io_variant_product(struct ctx *c, const char *variant_id, const char **product_id)
{
    return one(c,
               db_prep(c,
                       "SELECT product_id FROM product_variant WHERE id = ?1 AND deleted_at IS"
                       " NULL",
                       "s", variant_id),
               product_id);
}

int db_io_sku_owner(struct ctx *c, const char *sku, const char **variant_id)
{
    return one(c,
               db_prep(c, "SELECT id FROM product_variant WHERE sku = ?1 AND deleted_at IS NULL",
                       "s", sku),
               variant_id);
}

int db_io_collection_by_handle(struct ctx *c, const char *handle, const char **id)
{
    return one(c,
               db_prep(c,
                       "SELECT id FROM product_collection WHERE handle = ?1 AND deleted_at IS"
                       " NULL",
                       "s", handle),
               id);
}

int db_io_category_by_handle(struct ctx *c, const char *handle, const char **id)
{
    return one(c, db_prep(c, "SELECT id FROM product_category WHERE handle = ?1", "s", handle), id);
}

int db_io_channel_by_id(struct ctx *c, const char *id)
{
    return one(
        c, db_prep(c, "SELECT id FROM sales_channel WHERE id = ?1 AND deleted_at IS NULL", "s", id),
        NULL);
}

int db_io_channel_by_name(struct ctx *c, const char *name, const char **id)
{
    return one(c,
               db_prep(c,
                       "SELECT id FROM sales_channel WHERE name = ?1 AND deleted_at IS NULL"
                       " ORDER BY created_at LIMIT 1",
                       "s", name),
               id);
}

int db_io_region_by_name(struct ctx *c, const char *name, const char **id, const char **currency)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT id, currency_code FROM region WHERE name = ?1 AND"
                                 " deleted_at IS NULL ORDER BY created_at LIMIT 1",
                                 "s", name);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        *id = db_col_dup(c, st, 0);
        *currency = db_col_dup(c, st, 1);
    }
    return rc;
}

int db_io_set_external_id(struct ctx *c, const char *product_id, const char *external_id)
{
    return db_execf(c, "UPDATE product SET external_id = ?2 WHERE id = ?1", "ss", product_id,
                    external_id);
}

int db_io_export_shape(struct ctx *c, struct export_shape *s)
{
    struct db_stmt *st = db_prep(
        c,
        "SELECT count(*),"
        " coalesce(max((SELECT count(*) FROM product_option o WHERE o.product_id = p.id AND"
        " o.deleted_at IS NULL)), 0),"
        " coalesce(max((SELECT count(*) FROM product_images pi JOIN image i ON i.id ="
        " pi.image_id AND i.deleted_at IS NULL WHERE pi.product_id = p.id)), 0),"
        " coalesce(max((SELECT count(*) FROM product_sales_channel ps JOIN sales_channel sc ON"
        " sc.id = ps.sales_channel_id AND sc.deleted_at IS NULL WHERE ps.product_id = p.id)), 0),"
        " coalesce(max((SELECT count(*) FROM product_category_product pc WHERE pc.product_id ="
        " p.id)), 0)"
        " FROM product p WHERE p.deleted_at IS NULL",
        "");
    int rc = db_one_row(c, st);
    if (rc != 0)
        return -1;
    s->products = db_col_int64(st, 0);
    s->options = db_col_int(st, 1);
    s->images = db_col_int(st, 2);
    s->channels = db_col_int(st, 3);
    s->categories = db_col_int(st, 4);
    return 0;
}

int db_io_export_price_columns(struct ctx *c, const char ***currency, const char ***region_id,
                               const char ***region_name, int *n)
{
    struct db_stmt *st = db_prep(
        c,
        "SELECT DISTINCT ma.currency_code, NULL, NULL, 0 FROM money_amount ma"
        " JOIN product_variant_money_amount pvma ON pvma.money_amount_id = ma.id AND"
        " pvma.deleted_at IS NULL JOIN product_variant v ON v.id = pvma.variant_id AND"
        " v.deleted_at IS NULL JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL"
        " WHERE ma.deleted_at IS NULL AND ma.price_list_id IS NULL AND ma.region_id IS NULL"
        " UNION"
        " SELECT DISTINCT r.currency_code, r.id, r.name, 1 FROM money_amount ma"
        " JOIN product_variant_money_amount pvma ON pvma.money_amount_id = ma.id AND"
        " pvma.deleted_at IS NULL JOIN product_variant v ON v.id = pvma.variant_id AND"
        " v.deleted_at IS NULL JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL"
        " JOIN region r ON r.id = ma.region_id"
        " WHERE ma.deleted_at IS NULL AND ma.price_list_id IS NULL"
        " ORDER BY 4, 3, 1",
        "");
    const char **cur = NULL, **rid = NULL, **rname = NULL;
    int k = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        cur = arena_grow(&c->arena, cur, k, sizeof(*cur));
        rid = arena_grow(&c->arena, rid, k, sizeof(*rid));
        rname = arena_grow(&c->arena, rname, k, sizeof(*rname));
        cur[k] = db_col_dup(c, st, 0);
        rid[k] = db_col_dup(c, st, 1);
        rname[k] = db_col_dup(c, st, 2);
        k++;
    }
    *currency = cur;
    *region_id = rid;
    *region_name = rname;
    *n = k;
    return rc < 0 ? -1 : 0;
}
