/* migrate.c: applies the sql/NNNN_*.sql files compiled into migrations.c, in order, one
 * transaction each, recording them in schema_migrations and PRAGMA user_version. Never drops data:
 * a migration that fails rolls back whole. */
#include <stdio.h>
#include <string.h>

#include "core/timefmt.h"
#include "db/db.h"
#include "db/internal.h"
#include "db/migrations.h"

/* The migrations of this process's driver: sql/ for SQLite, sql/pg/ for PostgreSQL (numbered
 * alike). */
static const struct migration *list(int *n)
{
    *n = db_kind == DB_PG ? pg_migrations_count : migrations_count;
    return db_kind == DB_PG ? pg_migrations : migrations;
}

int db_schema_latest(void)
{
    int n;
    const struct migration *m = list(&n);
    return n ? m[n - 1].version : 0;
}

int db_schema_version(struct db *db)
{
    return drv_schema_version(db);
}

int db_migrate(struct db *db, void *logf, char *err, size_t errlen)
{
    FILE *log = logf;
    char ts[TIMEFMT_LEN];
    int n, current = db_schema_version(db);
    const struct migration *ms = list(&n);
    if (current < 0) {
        snprintf(err, errlen, "cannot read schema version: %s", drv_errmsg(db));
        return -1;
    }
    if (current > db_schema_latest()) {
        snprintf(err, errlen,
                 "database schema %d is newer than this binary's %d; upgrade medusa-fcgi", current,
                 db_schema_latest());
        return -1;
    }
    /* PostgreSQL: the functions SQLite has and it lacks (sql/pg/compat.sql), replaced each time
     * so a newer binary's versions win. */
    if (db_kind == DB_PG && *pg_before_sql && drv_exec(db, pg_before_sql) < 0) {
        snprintf(err, errlen, "sql/pg/compat.sql failed: %s", drv_errmsg(db));
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const struct migration *m = &ms[i];
        struct db_stmt *st = NULL;
        int rc;
        if (m->version <= current)
            continue;
        if (drv_exec(db, drv_begin_write_sql()) < 0)
            goto fail;
        if (drv_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY "
                         "KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)") < 0)
            goto fail;
        if (drv_exec(db, m->sql) < 0)
            goto fail;
        if (!(st = drv_prepare(db, "INSERT INTO schema_migrations VALUES (?1, ?2, ?3)", 0)))
            goto fail;
        db_bind_int(st, 1, m->version);
        db_bind_text(st, 2, m->name);
        db_bind_text(st, 3, timefmt_iso(ts, sizeof(ts), timefmt_now_ms()));
        rc = drv_step(db, st);
        drv_finalize(st);
        if (rc != DB_DONE)
            goto fail;
        if (drv_set_schema_version(db, m->version) < 0)
            goto fail;
        if (drv_exec(db, "COMMIT") < 0)
            goto fail;
        if (log)
            fprintf(log, "migrate: applied %04d %s\n", m->version, m->name);
        continue;
    fail:
        snprintf(err, errlen, "migration %04d %s failed: %s", m->version, m->name, drv_errmsg(db));
        drv_exec(db, "ROLLBACK");
        return -1;
    }
    /* PostgreSQL: every table bumps the answer cache's change stamp (sql/pg/change_stamp.sql). */
    if (db_kind == DB_PG && drv_exec(db, pg_after_sql) < 0) {
        snprintf(err, errlen, "sql/pg/change_stamp.sql failed: %s", drv_errmsg(db));
        return -1;
    }
    if (log && current == db_schema_latest())
        fprintf(log, "migrate: schema is up to date (%d)\n", current);
    return 0;
}
