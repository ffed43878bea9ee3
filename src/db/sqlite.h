/* sqlite.h: the SQLite driver's connection functions, dispatched by driver.c. */
#ifndef DB_SQLITE_H
#define DB_SQLITE_H
#include <sqlite3.h>

#include "db/drvtypes.h"

int sq_open(struct db *db, const char *path, int busy_ms, char *err, size_t errlen);
void sq_close(struct db *db);
sqlite3 *sq_handle(struct db *db);
struct db_stmt *sq_prepare(struct db *db, const char *sql, int persistent);
int sq_exec(struct db *db, const char *sql);
const char *sq_errmsg(struct db *db);
enum db_errclass sq_errclass(struct db *db);
const char *sq_errcol(struct db *db, char *buf, size_t len);
int sq_in_tx(const struct db *db);
int64_t sq_changes(struct db *db);
uint64_t sq_data_version(struct db *db);
void sq_idle(struct db *db);
int sq_schema_version(struct db *db);
int sq_set_schema_version(struct db *db, int version);

#endif
