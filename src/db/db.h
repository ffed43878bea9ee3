/* db.h: the worker's one SQLite connection, its statement cache and transactions. Only src/db/
 * includes <sqlite3.h>; everything above sees struct db as opaque (STYLE.md §6). */
#ifndef DB_DB_H
#define DB_DB_H
#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"

struct db;
struct json_object;

enum db_tx { DB_DEFERRED = 0, DB_IMMEDIATE = 1 };

/* 1 if target names a PostgreSQL database (a postgres:// or postgresql:// URI, or "pg:" and a
 * libpq connection string), 0 for a SQLite file. */
int db_target_is_pg(const char *target);
/* Opens path with WAL, busy_timeout, foreign keys, synchronous=NORMAL. NULL + message on error. */
struct db *db_open(const char *path, int busy_ms, char *err, size_t errlen);
/* Finalizes every cached statement and closes. NULL is fine. */
void db_close(struct db *db);
/* Applies the compiled-in sql/ migrations newer than PRAGMA user_version, one transaction each;
 * prints one line per migration applied on log (a FILE *, may be NULL). */
int db_migrate(struct db *db, void *log, char *err, size_t errlen);
/* The newest migration number compiled in, and the database's current one. */
int db_schema_latest(void);
int db_schema_version(struct db *db);

/* Copies the database (one consistent snapshot, while others keep writing) into dest through
 * SQLite's backup API: written beside it as dest.partial (mode 0600), checked with quick_check,
 * left in rollback-journal mode (one self-contained file), then renamed over dest. One line on
 * log (a FILE *, may be NULL). -1 with a message (dest untouched) on failure. */
int db_backup(struct db *db, const char *dest, void *log, char *err, size_t errlen);
/* Checks the database file at path, opened read-only (never created): PRAGMA integrity_check,
 * foreign_key_check and the schema version against this binary's, one line each on out (a
 * FILE *). On PostgreSQL: constraints never validated, invalid indexes, the schema version. 0 when
 * all is well, 1 when something is wrong (said on out), -1 with a message when the file cannot be
 * read. */
int db_check(const char *path, void *out, char *err, size_t errlen);
/* `medusa-fcgi transfer`: copies every row of every table of the SQLite file at src (opened
 * read-only, one snapshot) into the PostgreSQL database at uri, in one transaction there. The
 * target must be at the same schema version (an empty one is migrated first, lines on log) and
 * hold no rows beyond the ones the migrations insert. One line per table on out (a FILE *), then
 * a total. 0, or -1 with a message (the target untouched). db/transfer.c. */
int db_transfer(const char *src, const char *uri, void *out, void *log, char *err, size_t errlen);

/* The one bracket of a write transaction (HACKING, "Transactions"): BEGIN IMMEDIATE, fn(arg),
 * COMMIT when it returns >= 0, ROLLBACK when it returns < 0 (or the commit fails, then -1). Returns
 * what fn returned. The request flow runs every F_WRITE handler in one; a function that must work
 * before the write lock (hashing a password) or outside any transaction (a payment provider's
 * call) runs its writes through it and is listed in tests/lint/tx-owners.txt. Never nested. */
int db_tx(struct ctx *c, int (*fn)(void *arg), void *arg);

/* A read snapshot for a read-only handler: BEGIN (deferred), fn(arg), then COMMIT. Every
 * statement of the answer sees the same committed state, and SQLite locks and checks the file
 * once per request instead of once per statement. The request flow runs F_CACHE routes in one,
 * and answers built after their change committed read in one. Inside an open transaction fn
 * just runs (that transaction is the snapshot). fn must not write. Returns what fn returned. */
int db_read(struct ctx *c, int (*fn)(void *arg), void *arg);

/* The parts of db_tx(), for src/db/ itself (seed, migrations); the lint keeps them there.
 * BEGIN (IMMEDIATE takes the write lock first; SQLITE_BUSY after the timeout → conflict 409). */
int db_begin(struct ctx *c, enum db_tx mode);
/* COMMIT; 0 without a transaction open (a handler may commit before its answer is built). */
int db_commit(struct ctx *c);
/* 1 while a transaction is open on the connection (no Stripe call may run then). */
int db_in_transaction(const struct db *db);
/* Rolls back if a transaction is open; never fails. */
void db_rollback(struct ctx *c);
/* Resets every statement the request used, so no read transaction outlives it (WAL checkpoints).
 * Called by the front after each request; also rolls back a transaction left open. */
void db_request_end(struct db *db);
/* Between requests (after the answer has gone): when this connection's commits have left the WAL
 * long, a RESTART checkpoint so it starts over instead of growing (see db.c). */
void db_checkpoint_due(struct db *db);

/* Changes whenever the database changed since the last call, by this connection or another
 * (PRAGMA data_version + this connection's commits): the response cache's validity stamp. */
uint64_t db_change_stamp(struct db *db);

/* A named lock held by one process among all that serve the database (the event consumer, the
 * batch-job runner), on one machine or many: 1 held, 0 another holds it (wait: blocks until it
 * is free), -1 on error. SQLite: flock on the file database.NAME.lock, opened into *fd (start
 * with -1; the caller closes it); PostgreSQL: a session advisory lock on db's connection, let go
 * by db_unlock or when the connection ends. */
int db_lock(struct db *db, const char *database, const char *name, int wait, int *fd);
void db_unlock(struct db *db, const char *name, int fd);

/* `medusa-fcgi sql`: runs each statement of sql (separated by semicolons; written in SQLite's
 * dialect, which the PostgreSQL driver rewrites as it does every statement) and prints every
 * row on out (a FILE *) as sqlite3 does: values separated by '|', NULL as nothing, booleans as
 * 1/0, times as stored text. 0, or -1 with the message in err (statements before it ran). */
int db_sql_print(struct db *db, const char *sql, void *out, char *err, size_t errlen);

/* Runs a semicolon-separated script outside the cache (CLI verbs only). */
int db_exec_script(struct db *db, const char *sql, char *err, size_t errlen);
/* Loads a seed file in one transaction (db/seed.c). */
int db_seed_file(struct db *db, const char *path, void *progress, char *err, size_t errlen);

/* Medusa's registerInstalledProviders for a configured provider: the payment_provider row
 * provider_id exists and is_installed follows installed (a row once made stays, not installed,
 * as Medusa keeps it). With link_regions, every region lists it (a seed made with the provider
 * configured: the demo regions take cards). 0, or -1 with a message. */
int db_payment_provider_register(struct db *db, const char *provider_id, int installed,
                                 int link_regions, char *err, size_t errlen);

#endif
