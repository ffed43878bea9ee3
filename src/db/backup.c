/* backup.c: `medusa-fcgi backup` and `check`. A backup is SQLite's online backup API reading one
 * snapshot of the live database (WAL: the workers keep writing meanwhile) into a new file that is
 * renamed into place only once it is complete and passes quick_check. Never writes the source.
 * On PostgreSQL a backup is the server's (pg_dump, base backups); `check` asks the catalog what
 * can be wrong there instead of what SQLite's pragmas answer. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db/db.h"
#include "db/driver.h"
#include "db/internal.h"
#include "db/pg.h"

int db_target_is_pg(const char *target)
{
    return pg_target(target);
}

/* The first column of a one-row pragma, copied into buf; -1 on error. */
static int pragma_text(sqlite3 *h, const char *sql, char *buf, size_t len)
{
    sqlite3_stmt *st;
    int rc = -1;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(buf, len, "%s", t ? (const char *)t : "");
        rc = 0;
    }
    sqlite3_finalize(st);
    return rc;
}

int db_backup(struct db *db, const char *dest, void *logf, char *err, size_t errlen)
{
    FILE *log = logf;
    size_t n = strlen(dest) + 16;
    char *tmp = malloc(n), check[256];
    sqlite3 *out = NULL;
    sqlite3_backup *b;
    int fd, rc, pages = 0;

    if (!db_sqlite_handle(db)) {
        snprintf(err, errlen, "backup copies a SQLite file; for PostgreSQL use pg_dump");
        free(tmp);
        return -1;
    }
    if (!tmp) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* Beside the destination, so the final rename is atomic; 0600: the copy holds password
     * hashes and sessions. SQLite takes an empty file as an empty database. */
    snprintf(tmp, n, "%s.partial", dest);
    unlink(tmp);
    if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0) {
        snprintf(err, errlen, "cannot create '%s': %s", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    close(fd);
    if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open '%s': %s", tmp, out ? sqlite3_errmsg(out) : "?");
        goto fail;
    }
    if (!(b = sqlite3_backup_init(out, "main", db_sqlite_handle(db), "main"))) {
        snprintf(err, errlen, "backup: %s", sqlite3_errmsg(out));
        goto fail;
    }
    /* All pages in one step: one read snapshot of the source, so the copy is consistent however
     * much the shop writes meanwhile (stepping in pieces would restart at every commit). A
     * writer holding the lock briefly only delays the start (the source's busy handler). */
    rc = sqlite3_backup_step(b, -1);
    pages = sqlite3_backup_pagecount(b);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "backup: %s", sqlite3_errstr(rc));
        goto fail;
    }
    /* One self-contained file (the live database is WAL); verified before it replaces anything. */
    if (pragma_text(out, "PRAGMA journal_mode=DELETE", check, sizeof(check)) < 0 ||
        pragma_text(out, "PRAGMA quick_check", check, sizeof(check)) < 0 || strcmp(check, "ok")) {
        snprintf(err, errlen, "backup: the copy fails quick_check: %s",
                 *check ? check : sqlite3_errmsg(out));
        goto fail;
    }
    if (sqlite3_close(out) != SQLITE_OK) {
        snprintf(err, errlen, "backup: cannot close '%s'", tmp);
        out = NULL;
        goto fail;
    }
    out = NULL;
    if (rename(tmp, dest) < 0) {
        snprintf(err, errlen, "cannot rename '%s' to '%s': %s", tmp, dest, strerror(errno));
        goto fail;
    }
    if (log)
        fprintf(log, "backup: %d pages written to %s (schema %d)\n", pages, dest,
                db_schema_version(db));
    free(tmp);
    return 0;
fail:
    if (out)
        sqlite3_close(out);
    unlink(tmp);
    free(tmp);
    return -1;
}

/* Prints the rows of sql (two text columns) as "label: A B" lines, at most 20; the row count, or
 * -1 when the statement fails. */
static int check_rows(struct db *db, FILE *out, const char *label, const char *sql)
{
    struct db_stmt *st = drv_prepare(db, sql, 0);
    int rc, rows = 0;
    if (!st)
        return -1;
    while ((rc = drv_step(db, st)) == DB_ROW)
        if (rows++ < 20)
            fprintf(out, "%s: %s %s\n", label, db_col_text(st, 0), db_col_text(st, 1));
    drv_finalize(st);
    return rc == DB_DONE ? rows : -1;
}

/* The schema version's line; 1 when it is not this binary's. */
static int check_version(FILE *out, int version)
{
    int latest = db_schema_latest();
    if (version == latest) {
        fprintf(out, "schema: %d (this binary: %d)\n", version, latest);
        return 0;
    }
    if (version < latest)
        fprintf(out, "schema: %d, older than this binary's %d: run 'medusa-fcgi migrate'\n",
                version, latest);
    else
        fprintf(out, "schema: %d, newer than this binary's %d: upgrade medusa-fcgi\n", version,
                latest);
    return 1;
}

/* PostgreSQL checks its pages (with data checksums) and enforces foreign keys itself; what can
 * still be wrong is a constraint added NOT VALID and never validated, an index left invalid by a
 * failed CREATE INDEX CONCURRENTLY, and the schema version. */
static int check_pg(const char *uri, FILE *out, char *err, size_t errlen)
{
    struct db *db = db_open(uri, 5000, err, errlen);
    int problems = 0, n, version;
    if (!db)
        return -1;
    if (drv_exec(db, "SET default_transaction_read_only = on") < 0)
        goto fail;
    n = check_rows(
        db, out, "constraint not validated",
        "SELECT CAST(CAST(conrelid AS regclass) AS text), conname FROM pg_constraint "
        "WHERE NOT convalidated AND connamespace = CAST(current_schema() AS regnamespace) "
        "ORDER BY 1, 2");
    if (n < 0)
        goto fail;
    problems += n > 0;
    n = check_rows(db, out, "index invalid",
                   "SELECT CAST(CAST(i.indrelid AS regclass) AS text), "
                   "CAST(CAST(i.indexrelid AS regclass) AS text) FROM pg_index i "
                   "JOIN pg_class c ON c.oid = i.indexrelid "
                   "WHERE NOT (i.indisvalid AND i.indisready) "
                   "AND c.relnamespace = CAST(current_schema() AS regnamespace) ORDER BY 1, 2");
    if (n < 0)
        goto fail;
    problems += n > 0;
    if (!problems)
        fprintf(out, "integrity: ok (constraints validated, indexes valid)\n");
    if ((version = db_schema_version(db)) < 0)
        goto fail;
    problems += check_version(out, version);
    db_close(db);
    return problems ? 1 : 0;
fail:
    snprintf(err, errlen, "cannot check the database: %s", drv_errmsg(db));
    db_close(db);
    return -1;
}

int db_check(const char *path, void *outf, char *err, size_t errlen)
{
    FILE *out = outf;
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    struct stat sb;
    int problems = 0, rows = 0, version = -1;
    char buf[64];

    if (pg_target(path))
        return check_pg(path, out, err, errlen);
    /* Read-only, and never created: a mistyped path must not leave an empty database behind. */
    if (stat(path, &sb) < 0) {
        snprintf(err, errlen, "no database at '%s': %s", path, strerror(errno));
        return -1;
    }
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database '%s': %s", path,
                 h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return -1;
    }
    sqlite3_busy_timeout(h, 5000);
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check(20)", -1, &st, NULL) != SQLITE_OK)
        goto sqlfail;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (t && !strcmp(t, "ok"))
            fprintf(out, "integrity: ok\n");
        else {
            fprintf(out, "integrity: %s\n", t ? t : "?");
            problems++;
        }
        rows++;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (!rows)
        goto sqlfail;
    if (sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
        goto sqlfail;
    rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (rows++ < 20)
            fprintf(out, "foreign key: %s row %lld refers to a missing %s\n",
                    (const char *)sqlite3_column_text(st, 0),
                    (long long)sqlite3_column_int64(st, 1),
                    (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    st = NULL;
    if (rows)
        problems++;
    else
        fprintf(out, "foreign keys: ok\n");
    if (pragma_text(h, "PRAGMA user_version", buf, sizeof(buf)) == 0)
        version = (int)strtol(buf, NULL, 10);
    problems += check_version(out, version);
    sqlite3_close(h);
    return problems ? 1 : 0;
sqlfail:
    snprintf(err, errlen, "cannot check '%s': %s", path, sqlite3_errmsg(h));
    sqlite3_finalize(st);
    sqlite3_close(h);
    return -1;
}
