/* store.c: SQL of the store row and its currencies (store.h). Medusa keeps one store row; every
 * read takes the oldest, as StoreService.retrieve takes the first. */
#include "db/store.h"

#include <stdlib.h>
#include <string.h>

#include "db/entities.h"
#include "db/internal.h"

static const struct gcol store_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"name", G_TEXT, NULL, 0},
    {"default_currency_code", G_TEXT, NULL, 0},
    {"swap_link_template", G_TEXT, NULL, 0},
    {"payment_link_template", G_TEXT, NULL, 0},
    {"invite_link_template", G_TEXT, NULL, 0},
    {"default_location_id", G_TEXT, NULL, 0},
    {"default_sales_channel_id", G_TEXT, NULL, 0},
    {"metadata", G_JSON, NULL, 0},
    {"created_at", G_TEXT, NULL, 0},
    {"updated_at", G_TEXT, NULL, 0},
    {NULL, 0, NULL, 0},
};
static const struct grel store_rels[] = {
    {"currencies", &ent_currency, 1,
     "%c.code IN (SELECT currency_code FROM store_currencies WHERE store_id = %p.id)", "%c.code"},
    {"default_currency", &ent_currency, 0, "%c.code = %p.default_currency_code", NULL},
    {"default_sales_channel", &ent_sales_channel, 0, "%c.id = %p.default_sales_channel_id", NULL},
    {NULL, NULL, 0, NULL, NULL},
};
const struct gent ent_store = {"store", store_cols, store_rels, NULL};

static const struct gcol tax_provider_cols[] = {
    {"id", G_TEXT, NULL, 0},
    {"is_installed", G_BOOL, NULL, 0},
    {NULL, 0, NULL, 0},
};
const struct gent ent_tax_provider = {"tax_provider", tax_provider_cols, NULL, NULL};

const char *db_store_find(struct ctx *c)
{
    const char *id = db_one_text(c, "SELECT id FROM store ORDER BY created_at, id LIMIT 1", "");
    if (!id && c->err.type == ERR_NONE)
        err_set(c, ERR_NOT_FOUND, "Store does not exist");
    return id;
}

int db_store_currencies(struct ctx *c, const char *store_id, const char ***codes)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT currency_code FROM store_currencies WHERE store_id = ?1"
                                 " ORDER BY currency_code",
                                 "s", store_id);
    const char **v = NULL;
    int n = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        v = arena_grow(&c->arena, v, n, sizeof(*v));
        v[n++] = db_col_dup(c, st, 0);
    }
    *codes = v;
    return rc < 0 ? -1 : n;
}

const char *db_store_default_currency(struct ctx *c, const char *store_id)
{
    return db_one_text(c, "SELECT default_currency_code FROM store WHERE id = ?1", "s", store_id);
}

const char *db_store_metadata(struct ctx *c, const char *store_id)
{
    return db_one_text(c, "SELECT metadata FROM store WHERE id = ?1", "s", store_id);
}

int db_store_update(struct ctx *c, const char *store_id, const struct store_row *row)
{
    return db_execf(c,
                    "UPDATE store SET name = coalesce(?2, name),"
                    " swap_link_template = coalesce(?3, swap_link_template),"
                    " payment_link_template = coalesce(?4, payment_link_template),"
                    " invite_link_template = coalesce(?5, invite_link_template),"
                    " default_currency_code = coalesce(?6, default_currency_code),"
                    " metadata = coalesce(?7, metadata), updated_at = " DB_NOW " WHERE id = ?1",
                    "sssssss", store_id, row->name, row->swap_link_template,
                    row->payment_link_template, row->invite_link_template,
                    row->default_currency_code, row->metadata);
}

int db_store_set_currencies(struct ctx *c, const char *store_id, const char *const *codes, int n)
{
    if (db_execf(c, "DELETE FROM store_currencies WHERE store_id = ?1", "s", store_id) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (db_store_add_currency(c, store_id, codes[i]) < 0)
            return -1;
    return db_execf(c, "UPDATE store SET updated_at = " DB_NOW " WHERE id = ?1", "s", store_id);
}

int db_store_add_currency(struct ctx *c, const char *store_id, const char *code)
{
    return db_execf(c,
                    "INSERT OR IGNORE INTO store_currencies (store_id, currency_code)"
                    " VALUES (?1, ?2)",
                    "ss", store_id, code);
}

int db_store_remove_currency(struct ctx *c, const char *store_id, const char *code)
{
    return db_execf(c, "DELETE FROM store_currencies WHERE store_id = ?1 AND currency_code = ?2",
                    "ss", store_id, code);
}

int db_currency_find(struct ctx *c, const char *code)
{
    struct db_stmt *st = db_prep(c, "SELECT includes_tax FROM currency WHERE code = ?1", "s", code);
    int rc = db_one_row(c, st);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return err_set(c, ERR_NOT_FOUND, "Currency with code: %s was not found", code);
    return db_col_int(st, 0) != 0;
}

int db_currencies_page(struct ctx *c, const char *code, const char *q, int order_col, int desc,
                       int64_t limit, int64_t offset, struct sbuf *out, int64_t *count)
{
    /* Constant fragments only (STYLE.md §6): the order is picked, never spliced from input. */
    static const char *const orders[2][4] = {
        {"code", "symbol, code", "symbol_native, code", "name, code"},
        {"code DESC", "symbol DESC, code", "symbol_native DESC, code", "name DESC, code"},
    };
    static const char *const where = " FROM currency WHERE (?1 IS NULL OR code = ?1) AND (?2 IS"
                                     " NULL OR code LIKE '%' || ?2 || '%' OR name LIKE '%' ||"
                                     " ?2 || '%')";
    struct sbuf sql = SBUF_INIT;
    struct db_stmt *st;
    int rc, n = 0;
    const char *cnt =
        db_one_text(c, arena_printf(&c->arena, "SELECT count(*)%s", where), "ss", code, q);
    if (!cnt)
        return -1;
    *count = strtoll(cnt, NULL, 10);
    sbuf_addf(&sql,
              "SELECT json_object('code', code, 'symbol', symbol, 'symbol_native',"
              " symbol_native, 'name', name)%s ORDER BY %s LIMIT ?3 OFFSET ?4",
              where, orders[desc != 0][order_col < 0 || order_col > 3 ? 0 : order_col]);
    st = db_prep(c, arena_strdup(&c->arena, sql.buf), "ssii", code, q, limit, offset);
    sbuf_release(&sql);
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        if (n++)
            sbuf_addc(out, ',');
        sbuf_adds(out, db_col_text(st, 0));
    }
    return rc < 0 ? -1 : 0;
}
