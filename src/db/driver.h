/* driver.h: the two database drivers behind one interface: SQLite (db/sqlite.c, the default) and
 * PostgreSQL (db/pg.c, libpq), chosen by the database setting (a postgres:// URI picks
 * PostgreSQL). Everything in src/db/ reads and writes through this interface; only the two
 * driver files (and backup.c, a SQLite-only verb) call their library. One process uses one
 * driver: the first db_open picks it, and the statement functions dispatch on it.
 *
 * SQL text is written in one dialect (SQLite's, with ?N placeholders); the PostgreSQL driver
 * rewrites what differs, once per statement per connection, in pg_dialect.c. Never included
 * outside src/db/. */
#ifndef DB_DRIVER_H
#define DB_DRIVER_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "db/drvtypes.h"

/* ---- connections (per driver: sq_* in sqlite.c, pg_* in pg.c) --------------------------------
 * drv_open fills db's driver part. target is a file path (SQLite) or a libpq URI. */
int drv_open(struct db *db, const char *target, int busy_ms, char *err, size_t errlen);
void drv_close(struct db *db);
/* NULL when sql does not compile (drv_errmsg says why). persistent: kept for the connection's
 * life (the statement cache). */
struct db_stmt *drv_prepare(struct db *db, const char *sql, int persistent);
void drv_finalize(struct db_stmt *st);
/* Runs a script of statements separated by semicolons (no values bound): 0 or -1. */
int drv_exec(struct db *db, const char *sql);
const char *drv_errmsg(struct db *db);
enum db_errclass drv_errclass(struct db *db);
/* "table.column" of a NOT NULL failure, or NULL. */
const char *drv_errcol(struct db *db, char *buf, size_t len);
/* 1 inside BEGIN … COMMIT. */
int drv_in_tx(const struct db *db);
/* Rows changed by the last INSERT/UPDATE/DELETE. */
int64_t drv_changes(struct db *db);
/* A number that moves when another connection commits (the answer cache's stamp). */
uint64_t drv_data_version(struct db *db);
/* Between requests: housekeeping (SQLite: the WAL checkpoint). */
void drv_idle(struct db *db);
/* BEGIN for a write transaction (SQLite: IMMEDIATE; PostgreSQL: a serializable-safe one). */
const char *drv_begin_write_sql(void);
/* BEGIN for a read snapshot (db_read). */
const char *drv_begin_read_sql(void);
/* The schema version recorded in the database (0: none), and recording one. */
int drv_schema_version(struct db *db);
int drv_set_schema_version(struct db *db, int version);

/* ---- statements --------------------------------------------------------------------------- */
int drv_step(struct db *db, struct db_stmt *st);
/* 1 while a step has a row open (the statement is in use by a loop). */
int drv_stmt_busy(struct db_stmt *st);
void db_reset(struct db_stmt *st);
void db_clear_bindings(struct db_stmt *st);
/* Binds: i is 1-based (?1). Text is copied. */
int db_bind_text(struct db_stmt *st, int i, const char *s);
int db_bind_int(struct db_stmt *st, int i, int64_t v);
int db_bind_double(struct db_stmt *st, int i, double v);
int db_bind_null(struct db_stmt *st, int i);
/* Columns of the current row, 0-based. Text stays valid until the next step or reset. */
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int i);
int db_col_type(struct db_stmt *st, int i);
int db_col_null(struct db_stmt *st, int i);
int db_col_int(struct db_stmt *st, int i);
int64_t db_col_int64(struct db_stmt *st, int i);
double db_col_double(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);
int db_col_bytes(struct db_stmt *st, int i);

/* The SQLite handle, for the SQLite-only verbs (backup, check); NULL on PostgreSQL. */
sqlite3 *db_sqlite_handle(struct db *db);

#endif
