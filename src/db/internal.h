/* internal.h: what the src/db files share: the handle, cached statements, row→JSON, error mapping.
 * Never included outside src/db/. */
#ifndef DB_INTERNAL_H
#define DB_INTERNAL_H
#include <stdint.h>

#include "core/ctx.h"
#include "db/driver.h"

struct db;
struct json_object;

/* A prepared statement for sql, compiled once per worker (SQLITE_PREPARE_PERSISTENT) and reset by
 * db_request_end(). If the cached copy is in use (nested loop), a fresh one is made for this
 * request. NULL with the error recorded if sql does not compile (a programmer error, logged). */
struct db_stmt *db_sql(struct ctx *c, const char *sql);
/* Steps st with errors mapped (db_fail): DB_ROW, DB_DONE, or -1. */
int db_step(struct ctx *c, struct db_stmt *st);
/* Steps a statement that must finish (INSERT/UPDATE/DELETE): 0 or -1. */
int db_run(struct ctx *c, struct db_stmt *st);
/* Maps the connection's last failure (drv_errclass) to Medusa's error (store.md §1.2): UNIQUE →
 * duplicate_error, FOREIGN KEY → not_found, NOT NULL → invalid_data, BUSY or a serialization
 * failure → conflict, anything else → database_error (500), with the driver's text only in the
 * log. Returns -1. */
int db_fail(struct ctx *c, const char *what);

/* A per-worker memo of numbers keyed by text, valid for one db_change_stamp(). */
int db_memo_get(struct db *db, const char *key, uint64_t stamp, int64_t *value);
void db_memo_put(struct db *db, const char *key, uint64_t stamp, int64_t value);

/* db_sql + binds: types has one letter per `?N` in order: 's' const char * (NULL binds NULL),
 * 'i' int64_t, 'd' double, 'b' int as 0/1, 'n' NULL (no argument). */
struct db_stmt *db_prep(struct ctx *c, const char *sql, const char *types, ...);
/* db_prep, then run to completion (INSERT/UPDATE/DELETE): 0 or -1. */
int db_execf(struct ctx *c, const char *sql, const char *types, ...);
/* db_prep + one step: the first column of the first row as arena text, or NULL (no row, a NULL
 * value, or an error, which is recorded). The statement is reset: no read is left open. */
const char *db_one_text(struct ctx *c, const char *sql, const char *types, ...);
/* db_prep + one step: 1 if the query has a row, 0 if not, -1 on error. Reset after. */
int db_exists(struct ctx *c, const char *sql, const char *types, ...);
/* A fresh Medusa id ("cart_01H..."), in the arena. */
const char *db_new_id(struct ctx *c, const char *prefix);
/* Steps st once: 0 with a row, 1 without, -1 on error (a NULL st is an error). */
int db_one_row(struct ctx *c, struct db_stmt *st);
/* The current time as Medusa stores it, for SQL text. */
#define DB_NOW "strftime('%Y-%m-%dT%H:%M:%fZ','now')"

/* Steps st to the end, collecting the first (and, with b, the second) text column of every row
 * into arena arrays: the row count, or -1 (a NULL st is an error). */
int db_collect(struct ctx *c, struct db_stmt *st, const char ***a, const char ***b);

/* Column i copied into the arena, or NULL. */
const char *db_col_dup(struct ctx *c, struct db_stmt *st, int i);
/* Builds an object from the current row: one type letter per column, column names as keys:
 * 's' text, 'i' integer, 'f' real, 'b' boolean 0/1, 'j' JSON text (metadata), '-' skip.
 * NULL columns become JSON null. */
struct json_object *db_row_json(struct db_stmt *st, const char *types);
/* Adds the current row's columns to an existing object (same letters). */
void db_row_into(struct db_stmt *st, const char *types, struct json_object *o);

/* The line items to fulfil of an order, a claim or a swap (db/order.h's order_item_row): the
 * columns db_items_read reads, then the caller's WHERE on its owner's indexed column. */
#define DB_ITEM_SELECT                                                                             \
    "SELECT li.id, li.variant_id, li.quantity, li.fulfilled_quantity, li.shipped_quantity, "       \
    "(SELECT ps.profile_id FROM product_variant v JOIN product_shipping_profile ps ON "            \
    "ps.product_id = v.product_id WHERE v.id = li.variant_id ORDER BY ps.rowid DESC LIMIT 1) "     \
    "FROM line_item li "
struct order_item_row;
int db_items_read(struct ctx *c, struct db_stmt *st, struct order_item_row **out, int *n);
/* Shipping methods with their options' provider and profile (order_method_row). */
#define DB_METHOD_SELECT                                                                           \
    "SELECT m.id, o.provider_id, o.profile_id FROM shipping_method m JOIN shipping_option o ON "   \
    "o.id = m.shipping_option_id "
struct order_method_row;
int db_methods_read(struct ctx *c, struct db_stmt *st, struct order_method_row **out, int *n);

#endif
