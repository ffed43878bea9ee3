/* pg.h: the PostgreSQL driver's functions (pg.c), dispatched by driver.c. */
#ifndef DB_PG_H
#define DB_PG_H
#include "db/drvtypes.h"

/* 1 if target names a PostgreSQL database (postgres:// or postgresql:// URI, or "pg:" + a libpq
 * connection string). */
int pg_target(const char *target);
/* The advisory lock key every write transaction takes (drv_begin_write_sql). */
#define DB_PG_WRITE_LOCK "7265646"

int pg_open(struct db *db, const char *target, int busy_ms, char *err, size_t errlen);
void pg_close(struct db *db);
struct db_stmt *pg_prepare(struct db *db, const char *sql, int persistent);
void pg_finalize(struct db_stmt *st);
int pg_exec(struct db *db, const char *sql);
const char *pg_errmsg(struct db *db);
enum db_errclass pg_errclass(struct db *db);
const char *pg_errcol(struct db *db, char *buf, size_t len);
int pg_in_tx(const struct db *db);
int64_t pg_changes(struct db *db);
uint64_t pg_data_version(struct db *db);
void pg_idle(struct db *db);
int pg_schema_version(struct db *db);
int pg_set_schema_version(struct db *db, int version);

int pg_step(struct db_stmt *st);
int pg_stmt_busy(struct db_stmt *st);
void pg_reset(struct db_stmt *st);
void pg_clear_bindings(struct db_stmt *st);
int pg_bind_text(struct db_stmt *s, int i, const char *v);
int pg_bind_int(struct db_stmt *st, int i, int64_t v);
int pg_bind_double(struct db_stmt *st, int i, double v);
int pg_bind_null(struct db_stmt *st, int i);
int pg_col_count(struct db_stmt *st);
const char *pg_col_name(struct db_stmt *st, int i);
int pg_col_type(struct db_stmt *st, int i);
int64_t pg_col_int64(struct db_stmt *st, int i);
double pg_col_double(struct db_stmt *st, int i);
const char *pg_col_text(struct db_stmt *st, int i);
int pg_col_bytes(struct db_stmt *st, int i);

#endif
