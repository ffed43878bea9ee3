/* sqlite.c: the SQLite driver (driver.h): one file opened with WAL, a busy handler tuned for
 * sub-millisecond write transactions, and the WAL kept short between requests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/json.h"
#include "db/conn.h"
#include "db/sqlite.h"

/* Waiting for another worker's write lock: SQLite's own handler sleeps 1, 2, 5, 10 ... 100 ms
 * between tries, while our transactions hold the lock for well under a millisecond; polling
 * every 100-400 µs keeps the wait about as long as the holder's work. */
struct sq_conn {
    sqlite3 *h;
    int64_t limit_us;
    int checkpointing; /* a request-end checkpoint is waiting: give up soon */
    int wal_frames;    /* frames in the WAL after this connection's last commit */
    sqlite3_stmt *data_version;
};

#define SQ(db) ((struct sq_conn *)(db)->drv)

static int busy_wait(void *arg, int tries)
{
    const struct sq_conn *b = arg;
    if (b->checkpointing && tries >= 50)
        return 0; /* a checkpoint gives up after ~5 ms: the next commit tries again */
    unsigned us = tries < 10 ? 100 : tries < 100 ? 200 : 400;
    int64_t waited = tries < 10    ? (int64_t)tries * 100
                     : tries < 100 ? 1000 + (int64_t)(tries - 10) * 200
                                   : 19000 + (int64_t)(tries - 100) * 400;
    if (waited >= b->limit_us)
        return 0;
    usleep(us);
    return 1;
}

/* After each commit: remembers how many frames the WAL holds. Replaces SQLite's autocheckpoint,
 * whose PASSIVE checkpoint ran inside COMMIT while this connection's finished statements still
 * held a read snapshot: it never restarted the WAL, which under steady writes grew without bound
 * (600 MB in a 5 s cart benchmark) and made every page read search it. sq_idle() checkpoints
 * instead, between requests, when no statement holds a snapshot. */
#define WAL_RESTART_FRAMES 1000
static int wal_count(void *arg, sqlite3 *h, const char *name, int frames)
{
    (void)h;
    (void)name;
    ((struct sq_conn *)arg)->wal_frames = frames;
    return SQLITE_OK;
}

/* Counts the statements of a request, not the trigger bodies they run ("-- TRIGGER ..."). */
static int count_stmt(unsigned type, void *arg, void *p, void *x)
{
    const char *sql = x;
    if (type == SQLITE_TRACE_PROFILE) {
        /* MEDUSA_SQL_COUNT=2: each statement's time, on stderr. */
        char *text = sqlite3_expanded_sql(p);
        fprintf(stderr, "sql %8.1f us  %s\n", (double)*(sqlite3_int64 *)x / 1000,
                text ? text : "?");
        sqlite3_free(text);
        return 0;
    }
    if (!sql || strncmp(sql, "--", 2))
        ((struct db *)arg)->nsql++;
    return 0;
}

/* jsonb_order(text): the JSON text with its objects' keys in PostgreSQL's jsonb order, so that
 * jsonb columns (metadata, data) answer alike on both backends (src/db/graph.c). */
static void fn_jsonb_order(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    char *out;
    (void)argc;
    out = json_jsonb_order_text((const char *)sqlite3_value_text(argv[0]));
    if (out)
        sqlite3_result_text(cx, out, -1, free);
    else
        sqlite3_result_value(cx, argv[0]);
}

int sq_open(struct db *db, const char *path, int busy_ms, char *err, size_t errlen)
{
    struct sq_conn *q = xmalloc(sizeof(*q));
    char *msg = NULL;
    memset(q, 0, sizeof(*q));
    db->drv = q;
    if (sqlite3_open_v2(path, &q->h,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database '%s': %s", path,
                 q->h ? sqlite3_errmsg(q->h) : "out of memory");
        return -1;
    }
    sqlite3_create_function(q->h, "jsonb_order", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            fn_jsonb_order, NULL, NULL);
    q->limit_us = (int64_t)busy_ms * 1000;
    sqlite3_busy_handler(q->h, busy_wait, q);
    sqlite3_extended_result_codes(q->h, 1);
    sqlite3_wal_hook(q->h, wal_count, q);
    if (db->count_sql)
        sqlite3_trace_v2(q->h, SQLITE_TRACE_STMT | (db->count_sql > 1 ? SQLITE_TRACE_PROFILE : 0),
                         count_stmt, db);
    if (sqlite3_exec(q->h,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                     "PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit=67108864;",
                     NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "cannot set up database '%s': %s", path, msg ? msg : "?");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

void sq_close(struct db *db)
{
    struct sq_conn *q = SQ(db);
    if (!q)
        return;
    sqlite3_finalize(q->data_version);
    sqlite3_close(q->h);
    free(q);
    db->drv = NULL;
}

sqlite3 *sq_handle(struct db *db)
{
    return SQ(db)->h;
}

struct db_stmt *sq_prepare(struct db *db, const char *sql, int persistent)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(SQ(db)->h, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &st,
                           NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return NULL;
    }
    return (struct db_stmt *)st;
}

int sq_exec(struct db *db, const char *sql)
{
    return sqlite3_exec(SQ(db)->h, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

const char *sq_errmsg(struct db *db)
{
    return db->drv ? sqlite3_errmsg(SQ(db)->h) : "no database";
}

enum db_errclass sq_errclass(struct db *db)
{
    int rc = sqlite3_extended_errcode(SQ(db)->h);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return DBE_BUSY;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return DBE_UNIQUE;
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            return DBE_FOREIGN_KEY;
        if (rc == SQLITE_CONSTRAINT_NOTNULL)
            return DBE_NOT_NULL;
        return DBE_CONSTRAINT;
    default:
        return DBE_OTHER;
    }
}

const char *sq_errcol(struct db *db, char *buf, size_t len)
{
    /* "NOT NULL constraint failed: table.column" */
    const char *p = strstr(sqlite3_errmsg(SQ(db)->h), ": ");
    if (!p || !strchr(p, '.'))
        return NULL;
    snprintf(buf, len, "%s", p + 2);
    return buf;
}

int sq_in_tx(const struct db *db)
{
    return !sqlite3_get_autocommit(SQ(db)->h);
}

int64_t sq_changes(struct db *db)
{
    return sqlite3_changes64(SQ(db)->h);
}

uint64_t sq_data_version(struct db *db)
{
    struct sq_conn *q = SQ(db);
    uint64_t v = 0;
    /* data_version moves when another connection commits. */
    if (!q->data_version &&
        sqlite3_prepare_v3(q->h, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
                           &q->data_version, NULL) != SQLITE_OK)
        return UINT64_MAX;
    if (sqlite3_step(q->data_version) == SQLITE_ROW)
        v = (uint64_t)sqlite3_column_int64(q->data_version, 0);
    sqlite3_reset(q->data_version);
    return v;
}

void sq_idle(struct db *db)
{
    /* RESTART: copies the WAL into the database and has the next writer start it over, waiting a
     * few ms at most for other workers' reads (busy_wait); if they are still busy, a later
     * request tries again. journal_size_limit trims the file. */
    struct sq_conn *q = SQ(db);
    if (q && q->wal_frames >= WAL_RESTART_FRAMES) {
        q->checkpointing = 1;
        if (sqlite3_wal_checkpoint_v2(q->h, NULL, SQLITE_CHECKPOINT_RESTART, NULL, NULL) ==
            SQLITE_OK)
            q->wal_frames = 0;
        q->checkpointing = 0;
    }
}

int sq_schema_version(struct db *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(SQ(db)->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int sq_set_schema_version(struct db *db, int version)
{
    char sql[48];
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", version);
    return sq_exec(db, sql);
}
