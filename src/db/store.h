/* store.h: SQL of the store row, its currencies and the provider lists (GET/POST /admin/store,
 * /admin/currencies). domain/store.c holds the rules. */
#ifndef DB_STORE_H
#define DB_STORE_H
#include <stdint.h>

#include "core/ctx.h"
#include "core/sbuf.h"
#include "db/graph.h"

/* The store (relations currencies, default_currency, default_sales_channel) and the tax
 * providers, as Medusa serialises them. */
extern const struct gent ent_store, ent_tax_provider;

/* The id of the store row (Medusa keeps exactly one), in the arena; NULL with Medusa's 404
 * "Store does not exist" recorded when there is none. */
const char *db_store_find(struct ctx *c);

/* The store's currency codes (lower case, sorted), as an arena array; the count or -1. */
int db_store_currencies(struct ctx *c, const char *store_id, const char ***codes);
/* The default currency code, in the arena, or NULL (recorded). */
const char *db_store_default_currency(struct ctx *c, const char *store_id);

/* The stored metadata text, or NULL (none, or an error: check c->err). */
const char *db_store_metadata(struct ctx *c, const char *store_id);

/* The columns an update may change; NULL leaves a column as it is. */
struct store_row {
    const char *name, *swap_link_template, *payment_link_template, *invite_link_template,
        *default_currency_code, *metadata;
};
int db_store_update(struct ctx *c, const char *store_id, const struct store_row *row);
/* The store's currencies become exactly codes (which must exist). 0 or -1. */
int db_store_set_currencies(struct ctx *c, const char *store_id, const char *const *codes, int n);
int db_store_add_currency(struct ctx *c, const char *store_id, const char *code);
int db_store_remove_currency(struct ctx *c, const char *store_id, const char *code);

/* A page of currencies (GET /admin/currencies): code equal to code (or NULL), code or name
 * containing q (or NULL), ordered by column order_col (0 code, 1 symbol, 2 symbol_native, 3 name)
 * then code. Appends the rows' JSON objects, comma-separated, to out; *count gets the number of
 * matches. 0 or -1. */
int db_currencies_page(struct ctx *c, const char *code, const char *q, int order_col, int desc,
                       int64_t limit, int64_t offset, struct sbuf *out, int64_t *count);

/* The currency's own includes_tax flag: 0 or 1, or -1 with 404 "Currency with code: <code> was
 * not found" recorded (code lower-cased by the caller). */
int db_currency_find(struct ctx *c, const char *code);

#endif
