/* migrate.c: applies the sql/NNNN_*.sql files compiled into migrations.c, in order, one
 * transaction each, recording them in schema_migrations and PRAGMA user_version. Never drops data:
 * a migration that fails rolls back whole. */
#include <stdio.h>
#include <string.h>

#include "core/timefmt.h"
#include "db/db.h"
#include "db/internal.h"
#include "db/migrations.h"

int db_schema_latest(void)
{
    return migrations_count ? migrations[migrations_count - 1].version : 0;
}

int db_schema_version(struct db *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db_handle(db), "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int db_migrate(struct db *db, void *logf, char *err, size_t errlen)
{
    sqlite3 *h = db_handle(db);
    FILE *log = logf;
    char sql[256], ts[TIMEFMT_LEN], *msg = NULL;
    int current = db_schema_version(db);
    if (current < 0) {
        snprintf(err, errlen, "cannot read schema version: %s", sqlite3_errmsg(h));
        return -1;
    }
    if (current > db_schema_latest()) {
        snprintf(err, errlen,
                 "database schema %d is newer than this binary's %d; upgrade medusa-fcgi", current,
                 db_schema_latest());
        return -1;
    }
    for (int i = 0; i < migrations_count; i++) {
        const struct migration *m = &migrations[i];
        sqlite3_stmt *st = NULL;
        if (m->version <= current)
            continue;
        if (sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
            goto fail;
        if (sqlite3_exec(
                h,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                " name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                NULL, NULL, &msg) != SQLITE_OK)
            goto fail;
        if (sqlite3_exec(h, m->sql, NULL, NULL, &msg) != SQLITE_OK)
            goto fail;
        if (sqlite3_prepare_v2(h, "INSERT INTO schema_migrations VALUES (?1, ?2, ?3)", -1, &st,
                               NULL) != SQLITE_OK)
            goto fail;
        sqlite3_bind_int(st, 1, m->version);
        sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, timefmt_iso(ts, sizeof(ts), timefmt_now_ms()), -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            goto fail;
        }
        sqlite3_finalize(st);
        snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", m->version);
        if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
            goto fail;
        if (sqlite3_exec(h, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
            goto fail;
        if (log)
            fprintf(log, "migrate: applied %04d %s\n", m->version, m->name);
        continue;
    fail:
        snprintf(err, errlen, "migration %04d %s failed: %s", m->version, m->name,
                 msg ? msg : sqlite3_errmsg(h));
        sqlite3_free(msg);
        sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (log && current == db_schema_latest())
        fprintf(log, "migrate: schema is up to date (%d)\n", current);
    return 0;
}
