/* db.c: connection, statement cache, transactions, error mapping (STYLE.md §6, store.md §1.2).
 * Values are always bound; SQL text is only ever a compile-time constant or built from constant
 * fragments by the db/ module that owns it. */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/ulid.h"
#include "db/db.h"
#include "db/internal.h"
#include "db/seed.h"

#define CACHE_SLOTS 512 /* power of two */

struct cached {
    char *sql; /* owned copy */
    uint64_t hash;
    size_t len;
    sqlite3_stmt *st;
};

/* Waiting for another worker's write lock: SQLite's own handler sleeps 1, 2, 5, 10 ... 100 ms
 * between tries, while our transactions hold the lock for well under a millisecond; polling
 * every 100-400 µs keeps the wait about as long as the holder's work. */
struct busy {
    int64_t limit_us;
    int checkpointing; /* a request-end checkpoint is waiting: give up soon */
    int wal_frames;    /* frames in the WAL after this connection's last commit */
};

static int busy_wait(void *arg, int tries)
{
    const struct busy *b = arg;
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

struct db {
    sqlite3 *h;
    struct cached cache[CACHE_SLOTS];
    int ncached;
    sqlite3_stmt **used; /* statements to reset at request end */
    int nused, capused;
    sqlite3_stmt **temp; /* uncached statements to finalize at request end */
    int ntemp, captemp;
    int in_tx;
    uint64_t commits; /* this connection's commits, for db_change_stamp() */
    sqlite3_stmt *data_version;
    struct busy busy;
    /* MEDUSA_SQL_COUNT=1: statements run in this request, logged at its end (a debug aid; off,
     * no trace callback is installed and nothing is counted); 2: each statement's time too. */
    int count_sql;
    int64_t nsql;
    /* Remembered counts (gq_count), valid while the database is unchanged. */
    struct memo {
        char *key;
        uint64_t stamp;
        int64_t value;
    } memo[64];
};

sqlite3 *db_handle(struct db *db)
{
    return db->h;
}

/* After each commit: remembers how many frames the WAL holds. Replaces SQLite's autocheckpoint,
 * whose PASSIVE checkpoint ran inside COMMIT while this connection's finished statements still
 * held a read snapshot: it never restarted the WAL, which under steady writes grew without bound
 * (600 MB in a 5 s cart benchmark) and made every page read search it. db_checkpoint_due()
 * checkpoints instead, between requests, when no statement holds a snapshot. */
#define WAL_RESTART_FRAMES 1000
static int wal_count(void *arg, sqlite3 *h, const char *name, int frames)
{
    (void)h;
    (void)name;
    ((struct busy *)arg)->wal_frames = frames;
    return SQLITE_OK;
}

/* Counts the statements of a request, not the trigger bodies they run ("-- TRIGGER ..."). */
static int count_stmt(unsigned type, void *arg, void *p, void *x)
{
    const char *sql = x;
    (void)type;
    (void)p;
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

struct db *db_open(const char *path, int busy_ms, char *err, size_t errlen)
{
    const char *count = getenv("MEDUSA_SQL_COUNT");
    struct db *db = xmalloc(sizeof(*db));
    char *msg = NULL;
    memset(db, 0, sizeof(*db));
    if (sqlite3_open_v2(path, &db->h,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database '%s': %s", path,
                 db->h ? sqlite3_errmsg(db->h) : "out of memory");
        db_close(db);
        return NULL;
    }
    db->busy.limit_us = (int64_t)busy_ms * 1000;
    sqlite3_busy_handler(db->h, busy_wait, &db->busy);
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_wal_hook(db->h, wal_count, &db->busy);
    if (count && *count && strcmp(count, "0")) {
        db->count_sql = 1;
        sqlite3_trace_v2(db->h,
                         SQLITE_TRACE_STMT | (!strcmp(count, "2") ? SQLITE_TRACE_PROFILE : 0),
                         count_stmt, db);
    }
    if (sqlite3_exec(db->h,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                     "PRAGMA temp_store=MEMORY; PRAGMA journal_size_limit=67108864;",
                     NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "cannot set up database '%s': %s", path, msg ? msg : "?");
        sqlite3_free(msg);
        db_close(db);
        return NULL;
    }
    return db;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    db_request_end(db);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        if (db->cache[i].st)
            sqlite3_finalize(db->cache[i].st);
        free(db->cache[i].sql);
    }
    free(db->used);
    free(db->temp);
    sqlite3_finalize(db->data_version);
    for (int i = 0; i < 64; i++)
        free(db->memo[i].key);
    sqlite3_close(db->h);
    free(db);
}

static void push(sqlite3_stmt ***arr, int *n, int *cap, sqlite3_stmt *st)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *arr = xrealloc(*arr, sizeof(**arr) * (size_t)*cap);
    }
    (*arr)[(*n)++] = st;
}

/* A hash of the statement text, eight bytes at a time (statements run to kilobytes). */
static uint64_t hash_len(const char *s, size_t *len)
{
    size_t n = strlen(s), i = 0;
    uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdu;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, s + i, n - i);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
    *len = n;
    return h ^ (h >> 29);
}

static sqlite3_stmt *prepare(struct ctx *c, const char *sql, unsigned flags)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(c->db->h, sql, -1, flags, &st, NULL);
    if (rc != SQLITE_OK) {
        log_error("sql does not compile: %s: %s", sqlite3_errmsg(c->db->h), sql);
        db_fail(c, rc, "prepare");
        return NULL;
    }
    return st;
}

sqlite3_stmt *db_sql(struct ctx *c, const char *sql)
{
    struct db *db = c->db;
    size_t len;
    uint64_t h = hash_len(sql, &len);
    unsigned i = (unsigned)h & (CACHE_SLOTS - 1);
    sqlite3_stmt *st;
    /* Open addressing; a full table falls back to per-request statements. */
    for (int probes = 0; probes < CACHE_SLOTS; probes++, i = (i + 1) & (CACHE_SLOTS - 1)) {
        struct cached *e = &db->cache[i];
        if (!e->sql) {
            if (db->ncached >= CACHE_SLOTS * 3 / 4)
                break;
            if (!(st = prepare(c, sql, SQLITE_PREPARE_PERSISTENT)))
                return NULL;
            e->sql = xstrdup(sql);
            e->hash = h;
            e->len = len;
            e->st = st;
            db->ncached++;
            push(&db->used, &db->nused, &db->capused, st);
            return st;
        }
        if (e->hash == h && e->len == len && !memcmp(e->sql, sql, len)) {
            if (sqlite3_stmt_busy(e->st))
                break; /* in use by an outer loop: use a fresh one */
            sqlite3_reset(e->st);
            sqlite3_clear_bindings(e->st);
            push(&db->used, &db->nused, &db->capused, e->st);
            return e->st;
        }
    }
    if (!(st = prepare(c, sql, 0)))
        return NULL;
    push(&db->temp, &db->ntemp, &db->captemp, st);
    return st;
}

void db_request_end(struct db *db)
{
    if (!db)
        return;
    if (db->count_sql && db->nsql) {
        log_warn("sql: %lld statements", (long long)db->nsql);
        db->nsql = 0;
    }
    for (int i = 0; i < db->nused; i++)
        sqlite3_reset(db->used[i]);
    db->nused = 0;
    for (int i = 0; i < db->ntemp; i++)
        sqlite3_finalize(db->temp[i]);
    db->ntemp = 0;
    if (db->in_tx || !sqlite3_get_autocommit(db->h)) {
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
        db->in_tx = 0;
    }
}

void db_checkpoint_due(struct db *db)
{
    /* RESTART: copies the WAL into the database and has the next writer start it over, waiting a
     * few ms at most for other workers' reads (busy_wait); if they are still busy, a later
     * request tries again. journal_size_limit trims the file. */
    if (db && db->busy.wal_frames >= WAL_RESTART_FRAMES) {
        db->busy.checkpointing = 1;
        if (sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_RESTART, NULL, NULL) ==
            SQLITE_OK)
            db->busy.wal_frames = 0;
        db->busy.checkpointing = 0;
    }
}

int db_fail(struct ctx *c, int rc, const char *what)
{
    const char *msg = c->db ? sqlite3_errmsg(c->db->h) : "no database";
    log_error("sqlite %s: %s (%d)", what, msg, rc);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return err_set(c, ERR_CONFLICT, "conflict");
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return err_set(c, ERR_DUPLICATE, "%s already exists.", "Entity");
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            return err_set(c, ERR_NOT_FOUND, "A referenced entity does not exist.");
        if (rc == SQLITE_CONSTRAINT_NOTNULL) {
            /* "NOT NULL constraint failed: table.column" */
            const char *p = strstr(msg, ": ");
            const char *dot = p ? strchr(p, '.') : NULL;
            if (p && dot)
                return err_set(c, ERR_INVALID_DATA,
                               "Can't insert null value in field %s on insert in table %.*s",
                               dot + 1, (int)(dot - p - 2), p + 2);
            return err_set(c, ERR_INVALID_DATA, "Can't insert null value");
        }
        return err_set(c, ERR_INVALID_DATA, "The data violates a constraint.");
    default:
        /* Disk full, read-only, I/O: a clear 500 without internal text (issue #8). */
        return err_set(c, ERR_DATABASE, "The database is unavailable. Try again later.");
    }
}

int db_step(struct ctx *c, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return rc;
    return db_fail(c, sqlite3_extended_errcode(c->db->h), "step");
}

int db_run(struct ctx *c, sqlite3_stmt *st)
{
    int rc = db_step(c, st);
    sqlite3_reset(st);
    return rc < 0 ? -1 : 0;
}

int db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

int db_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
    return sqlite3_bind_int64(st, i, v);
}

static void bind_va(sqlite3_stmt *st, const char *types, va_list ap)
{
    for (int i = 0; types[i]; i++) {
        switch (types[i]) {
        case 's':
            db_bind_text(st, i + 1, va_arg(ap, const char *));
            break;
        case 'i':
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
            break;
        case 'd':
            sqlite3_bind_double(st, i + 1, va_arg(ap, double));
            break;
        case 'b':
            sqlite3_bind_int(st, i + 1, va_arg(ap, int) ? 1 : 0);
            break;
        default:
            sqlite3_bind_null(st, i + 1);
        }
    }
}

sqlite3_stmt *db_prep(struct ctx *c, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = db_sql(c, sql);
    va_list ap;
    if (!st)
        return NULL;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    return st;
}

int db_execf(struct ctx *c, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = db_sql(c, sql);
    va_list ap;
    if (!st)
        return -1;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    return db_run(c, st);
}

const char *db_new_id(struct ctx *c, const char *prefix)
{
    char id[ULID_ID_MAX];
    return arena_strdup(&c->arena, ulid_make(id, sizeof(id), prefix));
}

int db_one_row(struct ctx *c, sqlite3_stmt *st)
{
    int rc;
    if (!st)
        return -1;
    rc = db_step(c, st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

const char *db_one_text(struct ctx *c, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = db_sql(c, sql);
    const char *v = NULL;
    va_list ap;
    if (!st)
        return NULL;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    if (db_step(c, st) == SQLITE_ROW)
        v = db_col_dup(c, st, 0);
    sqlite3_reset(st);
    return v;
}

int db_exists(struct ctx *c, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st = db_sql(c, sql);
    va_list ap;
    int rc;
    if (!st)
        return -1;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    rc = db_step(c, st);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

const char *db_col_dup(struct ctx *c, sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? arena_strdup(&c->arena, s) : NULL;
}

const char *db_col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

void db_row_into(sqlite3_stmt *st, const char *types, struct json_object *o)
{
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n && types[i]; i++) {
        const char *name = sqlite3_column_name(st, i);
        struct json_object *v = NULL;
        if (types[i] == '-')
            continue;
        if (sqlite3_column_type(st, i) != SQLITE_NULL) {
            switch (types[i]) {
            case 'i':
                v = json_object_new_int64(sqlite3_column_int64(st, i));
                break;
            case 'f':
                v = json_object_new_double(sqlite3_column_double(st, i));
                break;
            case 'b':
                v = json_object_new_boolean(sqlite3_column_int(st, i) != 0);
                break;
            case 'j':
                v = json_tokener_parse((const char *)sqlite3_column_text(st, i));
                break;
            default:
                v = json_object_new_string_len((const char *)sqlite3_column_text(st, i),
                                               sqlite3_column_bytes(st, i));
            }
        }
        json_object_object_add(o, name, v);
    }
}

struct json_object *db_row_json(sqlite3_stmt *st, const char *types)
{
    struct json_object *o = json_object_new_object();
    db_row_into(st, types, o);
    return o;
}

int db_begin(struct ctx *c, enum db_tx mode)
{
    /* SQLite's busy handler already waited busy_timeout ms; retry a few times for the case where
     * the handler is bypassed (a deadlock-avoidance SQLITE_BUSY on upgrade). */
    for (int attempt = 0; attempt < 3; attempt++) {
        int rc = sqlite3_exec(c->db->h, mode == DB_IMMEDIATE ? "BEGIN IMMEDIATE" : "BEGIN", NULL,
                              NULL, NULL);
        if (rc == SQLITE_OK) {
            c->db->in_tx = 1;
            return 0;
        }
        if ((rc & 0xff) != SQLITE_BUSY)
            return db_fail(c, rc, "begin");
        usleep(1000u << attempt);
    }
    return db_fail(c, SQLITE_BUSY, "begin");
}

int db_commit(struct ctx *c)
{
    int rc;
    if (!c->db->in_tx)
        return 0;
    rc = sqlite3_exec(c->db->h, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        db_fail(c, sqlite3_extended_errcode(c->db->h), "commit");
        db_rollback(c);
        return -1;
    }
    c->db->in_tx = 0;
    c->db->commits++;
    return 0;
}

int db_tx(struct ctx *c, int (*fn)(void *arg), void *arg)
{
    int rc;
    /* SQLite has no nested BEGIN: a second owner is a programmer error. */
    assert(!db_in_transaction(c->db));
    if (db_begin(c, DB_IMMEDIATE) < 0)
        return -1;
    rc = fn(arg);
    if (rc >= 0 && db_commit(c) < 0)
        rc = -1;
    if (rc < 0)
        db_rollback(c);
    return rc;
}

int db_read(struct ctx *c, int (*fn)(void *arg), void *arg)
{
    int rc;
    if (db_in_transaction(c->db))
        return fn(arg); /* the open transaction is the snapshot */
    if (db_begin(c, DB_DEFERRED) < 0)
        return -1;
    rc = fn(arg);
    /* Nothing was written: ending a read transaction cannot lose anything. */
    db_rollback(c);
    return rc;
}

static unsigned memo_slot(const char *key)
{
    unsigned h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h % 64;
}

int db_memo_get(struct db *db, const char *key, uint64_t stamp, int64_t *value)
{
    struct memo *m = &db->memo[memo_slot(key)];
    if (!m->key || m->stamp != stamp || strcmp(m->key, key))
        return 0;
    *value = m->value;
    return 1;
}

void db_memo_put(struct db *db, const char *key, uint64_t stamp, int64_t value)
{
    struct memo *m = &db->memo[memo_slot(key)];
    free(m->key);
    m->key = xstrdup(key);
    m->stamp = stamp;
    m->value = value;
}

uint64_t db_change_stamp(struct db *db)
{
    uint64_t v = 0;
    /* data_version moves when another connection commits; our own commits are counted. */
    if (!db->data_version &&
        sqlite3_prepare_v3(db->h, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
                           &db->data_version, NULL) != SQLITE_OK)
        return UINT64_MAX;
    if (sqlite3_step(db->data_version) == SQLITE_ROW)
        v = (uint64_t)sqlite3_column_int64(db->data_version, 0);
    sqlite3_reset(db->data_version);
    return v << 32 ^ db->commits;
}

int db_in_transaction(const struct db *db)
{
    return !sqlite3_get_autocommit(db->h);
}

void db_rollback(struct ctx *c)
{
    if (!sqlite3_get_autocommit(c->db->h))
        sqlite3_exec(c->db->h, "ROLLBACK", NULL, NULL, NULL);
    c->db->in_tx = 0;
}

int db_exec_script(struct db *db, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "%s", msg ? msg : sqlite3_errmsg(db->h));
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

int db_seed_file(struct db *db, const char *path, void *progress, char *err, size_t errlen)
{
    return seed_load(db->h, path, progress, err, errlen);
}

int db_payment_provider_register(struct db *db, const char *provider_id, int installed,
                                 int link_regions, char *err, size_t errlen)
{
    static const char *const sql[] = {
        "INSERT INTO payment_provider (id, is_installed) SELECT ?1, 1 WHERE ?2 AND NOT EXISTS "
        "(SELECT 1 FROM payment_provider WHERE id = ?1)",
        "UPDATE payment_provider SET is_installed = ?2 WHERE id = ?1 AND is_installed != ?2",
        "INSERT OR IGNORE INTO region_payment_providers (region_id, provider_id) SELECT id, ?1 "
        "FROM region WHERE ?3 AND ?2 AND deleted_at IS NULL",
    };
    sqlite3_stmt *q;
    int have = -1;
    /* Nothing to write (the usual start): no write lock taken. */
    if (sqlite3_prepare_v2(db->h, "SELECT is_installed FROM payment_provider WHERE id = ?1", -1, &q,
                           NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, provider_id, -1, SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW)
            have = sqlite3_column_int(q, 0) ? 1 : 0;
        sqlite3_finalize(q);
    }
    if (!link_regions && (have == (installed ? 1 : 0) || (have < 0 && !installed)))
        return 0;
    for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
        sqlite3_stmt *st;
        int rc;
        if (sqlite3_prepare_v2(db->h, sql[i], -1, &st, NULL) != SQLITE_OK) {
            snprintf(err, errlen, "%s", sqlite3_errmsg(db->h));
            return -1;
        }
        sqlite3_bind_text(st, 1, provider_id, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, installed ? 1 : 0);
        sqlite3_bind_int(st, 3, link_regions ? 1 : 0);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            snprintf(err, errlen, "%s", sqlite3_errmsg(db->h));
            return -1;
        }
    }
    return 0;
}
