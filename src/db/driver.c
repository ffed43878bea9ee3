/* driver.c: dispatches driver.h's functions to the process's driver (sqlite.c or pg.c). The
 * SQLite statement functions call SQLite directly: one predictable branch per call. */
#include <stdio.h>
#include <string.h>

#include "db/conn.h"
#include "db/driver.h"
#include "db/pg.h"
#include "db/sqlite.h"

enum db_kind db_kind = DB_SQLITE;
static int kind_fixed;

#define S(st) ((sqlite3_stmt *)(st))
#define PG    (db_kind == DB_PG)

int drv_open(struct db *db, const char *target, int busy_ms, char *err, size_t errlen)
{
    enum db_kind k = pg_target(target) ? DB_PG : DB_SQLITE;
    if (kind_fixed && k != db_kind) {
        snprintf(err, errlen, "one process uses one database driver");
        return -1;
    }
    db_kind = k;
    kind_fixed = 1;
    db->kind = k;
    return PG ? pg_open(db, target, busy_ms, err, errlen)
              : sq_open(db, target, busy_ms, err, errlen);
}

sqlite3 *db_sqlite_handle(struct db *db)
{
    return db->kind == DB_SQLITE && db->drv ? sq_handle(db) : NULL;
}

void drv_close(struct db *db)
{
    if (db->kind == DB_PG)
        pg_close(db);
    else
        sq_close(db);
}

struct db_stmt *drv_prepare(struct db *db, const char *sql, int persistent)
{
    return PG ? pg_prepare(db, sql, persistent) : sq_prepare(db, sql, persistent);
}

void drv_finalize(struct db_stmt *st)
{
    if (PG)
        pg_finalize(st);
    else
        sqlite3_finalize(S(st));
}

int drv_exec(struct db *db, const char *sql)
{
    return PG ? pg_exec(db, sql) : sq_exec(db, sql);
}

const char *drv_errmsg(struct db *db)
{
    if (!db || !db->drv)
        return "no database";
    return PG ? pg_errmsg(db) : sq_errmsg(db);
}

enum db_errclass drv_errclass(struct db *db)
{
    return PG ? pg_errclass(db) : sq_errclass(db);
}

const char *drv_errcol(struct db *db, char *buf, size_t len)
{
    return PG ? pg_errcol(db, buf, len) : sq_errcol(db, buf, len);
}

int drv_in_tx(const struct db *db)
{
    return PG ? pg_in_tx(db) : sq_in_tx(db);
}

int64_t drv_changes(struct db *db)
{
    return PG ? pg_changes(db) : sq_changes(db);
}

uint64_t drv_data_version(struct db *db)
{
    return PG ? pg_data_version(db) : sq_data_version(db);
}

void drv_idle(struct db *db)
{
    if (!db || !db->drv)
        return;
    if (PG)
        pg_idle(db);
    else
        sq_idle(db);
}

const char *drv_begin_write_sql(void)
{
    /* PostgreSQL: one writer at a time across every host, as SQLite's BEGIN IMMEDIATE is on one
     * machine: a transaction-scoped advisory lock, taken before the transaction reads anything.
     * Under READ COMMITTED each statement then sees every earlier writer's commit, so a check
     * (stock, a gift card's balance, a discount's usage) and the write that follows it can never
     * interleave with another host's. Reads never wait for it. */
    return PG ? "BEGIN; SELECT pg_advisory_xact_lock(" DB_PG_WRITE_LOCK ")" : "BEGIN IMMEDIATE";
}

const char *drv_begin_read_sql(void)
{
    /* PostgreSQL: every statement of the answer sees one snapshot, as in SQLite's deferred
     * transaction. */
    return PG ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN";
}

int drv_schema_version(struct db *db)
{
    return PG ? pg_schema_version(db) : sq_schema_version(db);
}

int drv_set_schema_version(struct db *db, int version)
{
    return PG ? pg_set_schema_version(db, version) : sq_set_schema_version(db, version);
}

int drv_step(struct db *db, struct db_stmt *st)
{
    (void)db;
    if (PG)
        return pg_step(st);
    return sqlite3_step(S(st));
}

int drv_stmt_busy(struct db_stmt *st)
{
    return PG ? pg_stmt_busy(st) : sqlite3_stmt_busy(S(st));
}

void db_reset(struct db_stmt *st)
{
    if (PG)
        pg_reset(st);
    else
        sqlite3_reset(S(st));
}

void db_clear_bindings(struct db_stmt *st)
{
    if (PG)
        pg_clear_bindings(st);
    else
        sqlite3_clear_bindings(S(st));
}

int db_bind_text(struct db_stmt *st, int i, const char *s)
{
    if (PG)
        return pg_bind_text(st, i, s);
    return s ? sqlite3_bind_text(S(st), i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(S(st), i);
}

int db_bind_int(struct db_stmt *st, int i, int64_t v)
{
    return PG ? pg_bind_int(st, i, v) : sqlite3_bind_int64(S(st), i, v);
}

int db_bind_double(struct db_stmt *st, int i, double v)
{
    return PG ? pg_bind_double(st, i, v) : sqlite3_bind_double(S(st), i, v);
}

int db_bind_null(struct db_stmt *st, int i)
{
    return PG ? pg_bind_null(st, i) : sqlite3_bind_null(S(st), i);
}

int db_col_count(struct db_stmt *st)
{
    return PG ? pg_col_count(st) : sqlite3_column_count(S(st));
}

const char *db_col_name(struct db_stmt *st, int i)
{
    return PG ? pg_col_name(st, i) : sqlite3_column_name(S(st), i);
}

int db_col_type(struct db_stmt *st, int i)
{
    /* SQLite's type codes are driver.h's. */
    return PG ? pg_col_type(st, i) : sqlite3_column_type(S(st), i);
}

int db_col_null(struct db_stmt *st, int i)
{
    return db_col_type(st, i) == DB_NULL;
}

int db_col_int(struct db_stmt *st, int i)
{
    return PG ? (int)pg_col_int64(st, i) : sqlite3_column_int(S(st), i);
}

int64_t db_col_int64(struct db_stmt *st, int i)
{
    return PG ? pg_col_int64(st, i) : sqlite3_column_int64(S(st), i);
}

double db_col_double(struct db_stmt *st, int i)
{
    return PG ? pg_col_double(st, i) : sqlite3_column_double(S(st), i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
    return PG ? pg_col_text(st, i) : (const char *)sqlite3_column_text(S(st), i);
}

int db_col_bytes(struct db_stmt *st, int i)
{
    return PG ? pg_col_bytes(st, i) : sqlite3_column_bytes(S(st), i);
}
