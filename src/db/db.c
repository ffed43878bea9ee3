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
#include "db/conn.h"
#include "db/db.h"
#include "db/internal.h"
#include "db/seed.h"

struct db *db_open(const char *path, int busy_ms, char *err, size_t errlen)
{
    const char *count = getenv("MEDUSA_SQL_COUNT");
    struct db *db = xmalloc(sizeof(*db));
    memset(db, 0, sizeof(*db));
    if (count && *count && strcmp(count, "0"))
        db->count_sql = !strcmp(count, "2") ? 2 : 1;
    if (drv_open(db, path, busy_ms, err, errlen) < 0) {
        db_close(db);
        return NULL;
    }
    return db;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    if (db->drv)
        db_request_end(db);
    for (int i = 0; i < DB_CACHE_SLOTS; i++) {
        if (db->cache[i].st)
            drv_finalize(db->cache[i].st);
        free(db->cache[i].sql);
    }
    free(db->used);
    free(db->temp);
    for (int i = 0; i < 64; i++)
        free(db->memo[i].key);
    drv_close(db);
    free(db);
}

static void push(struct db_stmt ***arr, int *n, int *cap, struct db_stmt *st)
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

static struct db_stmt *prepare(struct ctx *c, const char *sql, int persistent)
{
    struct db_stmt *st = drv_prepare(c->db, sql, persistent);
    if (!st) {
        log_error("sql does not compile: %s: %s", drv_errmsg(c->db), sql);
        db_fail(c, "prepare");
    }
    return st;
}

struct db_stmt *db_sql(struct ctx *c, const char *sql)
{
    struct db *db = c->db;
    size_t len;
    uint64_t h = hash_len(sql, &len);
    unsigned i = (unsigned)h & (DB_CACHE_SLOTS - 1);
    struct db_stmt *st;
    /* Open addressing; a full table falls back to per-request statements. */
    for (int probes = 0; probes < DB_CACHE_SLOTS; probes++, i = (i + 1) & (DB_CACHE_SLOTS - 1)) {
        struct cached *e = &db->cache[i];
        if (!e->sql) {
            if (db->ncached >= DB_CACHE_SLOTS * 3 / 4)
                break;
            if (!(st = prepare(c, sql, 1)))
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
            if (drv_stmt_busy(e->st))
                break; /* in use by an outer loop: use a fresh one */
            db_reset(e->st);
            db_clear_bindings(e->st);
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
        db_reset(db->used[i]);
    db->nused = 0;
    for (int i = 0; i < db->ntemp; i++)
        drv_finalize(db->temp[i]);
    db->ntemp = 0;
    if (db->in_tx || drv_in_tx(db)) {
        drv_exec(db, "ROLLBACK");
        db->in_tx = 0;
    }
}

void db_checkpoint_due(struct db *db)
{
    drv_idle(db);
}

int db_fail(struct ctx *c, const char *what)
{
    char col[160];
    const char *msg = c->db ? drv_errmsg(c->db) : "no database";
    enum db_errclass k = c->db && c->db->drv ? drv_errclass(c->db) : DBE_OTHER;
    log_error("database %s: %s (%d)", what, msg, (int)k);
    switch (k) {
    case DBE_BUSY:
    case DBE_RETRY:
        return err_set(c, ERR_CONFLICT, "conflict");
    case DBE_UNIQUE:
        return err_set(c, ERR_DUPLICATE, "%s already exists.", "Entity");
    case DBE_FOREIGN_KEY:
        return err_set(c, ERR_NOT_FOUND, "A referenced entity does not exist.");
    case DBE_NOT_NULL: {
        /* "table.column" */
        const char *tc = drv_errcol(c->db, col, sizeof(col));
        const char *dot = tc ? strchr(tc, '.') : NULL;
        if (dot)
            return err_set(c, ERR_INVALID_DATA,
                           "Can't insert null value in field %s on insert in table %.*s", dot + 1,
                           (int)(dot - tc), tc);
        return err_set(c, ERR_INVALID_DATA, "Can't insert null value");
    }
    case DBE_CONSTRAINT:
        return err_set(c, ERR_INVALID_DATA, "The data violates a constraint.");
    default:
        /* Disk full, read-only, I/O: a clear 500 without internal text (issue #8). */
        return err_set(c, ERR_DATABASE, "The database is unavailable. Try again later.");
    }
}

int db_step(struct ctx *c, struct db_stmt *st)
{
    int rc = drv_step(c->db, st);
    if (rc == DB_ROW || rc == DB_DONE)
        return rc;
    return db_fail(c, "step");
}

int db_run(struct ctx *c, struct db_stmt *st)
{
    int rc = db_step(c, st);
    db_reset(st);
    return rc < 0 ? -1 : 0;
}

static void bind_va(struct db_stmt *st, const char *types, va_list ap)
{
    for (int i = 0; types[i]; i++) {
        switch (types[i]) {
        case 's':
            db_bind_text(st, i + 1, va_arg(ap, const char *));
            break;
        case 'i':
            db_bind_int(st, i + 1, va_arg(ap, int64_t));
            break;
        case 'd':
            db_bind_double(st, i + 1, va_arg(ap, double));
            break;
        case 'b':
            db_bind_int(st, i + 1, va_arg(ap, int) ? 1 : 0);
            break;
        default:
            db_bind_null(st, i + 1);
        }
    }
}

struct db_stmt *db_prep(struct ctx *c, const char *sql, const char *types, ...)
{
    struct db_stmt *st = db_sql(c, sql);
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
    struct db_stmt *st = db_sql(c, sql);
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

int db_one_row(struct ctx *c, struct db_stmt *st)
{
    int rc;
    if (!st)
        return -1;
    rc = db_step(c, st);
    return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

const char *db_one_text(struct ctx *c, const char *sql, const char *types, ...)
{
    struct db_stmt *st = db_sql(c, sql);
    const char *v = NULL;
    va_list ap;
    if (!st)
        return NULL;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    if (db_step(c, st) == DB_ROW)
        v = db_col_dup(c, st, 0);
    db_reset(st);
    return v;
}

int db_exists(struct ctx *c, const char *sql, const char *types, ...)
{
    struct db_stmt *st = db_sql(c, sql);
    va_list ap;
    int rc;
    if (!st)
        return -1;
    va_start(ap, types);
    bind_va(st, types, ap);
    va_end(ap);
    rc = db_step(c, st);
    db_reset(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

const char *db_col_dup(struct ctx *c, struct db_stmt *st, int i)
{
    const char *s = db_col_text(st, i);
    return s ? arena_strdup(&c->arena, s) : NULL;
}

void db_row_into(struct db_stmt *st, const char *types, struct json_object *o)
{
    int n = db_col_count(st);
    for (int i = 0; i < n && types[i]; i++) {
        const char *name = db_col_name(st, i);
        struct json_object *v = NULL;
        if (types[i] == '-')
            continue;
        if (!db_col_null(st, i)) {
            switch (types[i]) {
            case 'i':
                v = json_object_new_int64(db_col_int64(st, i));
                break;
            case 'f':
                v = json_object_new_double(db_col_double(st, i));
                break;
            case 'b':
                v = json_object_new_boolean(db_col_int(st, i) != 0);
                break;
            case 'j':
                v = json_tokener_parse(db_col_text(st, i));
                break;
            default:
                v = json_object_new_string_len(db_col_text(st, i), db_col_bytes(st, i));
            }
        }
        json_object_object_add(o, name, v);
    }
}

struct json_object *db_row_json(struct db_stmt *st, const char *types)
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
        if (drv_exec(c->db, mode == DB_IMMEDIATE ? drv_begin_write_sql() : drv_begin_read_sql()) ==
            0) {
            c->db->in_tx = 1;
            return 0;
        }
        if (drv_errclass(c->db) != DBE_BUSY) {
            if (drv_in_tx(c->db))
                drv_exec(c->db, "ROLLBACK");
            return db_fail(c, "begin");
        }
        /* PostgreSQL: the lock wait failed inside the opened transaction, which must end. */
        if (drv_in_tx(c->db))
            drv_exec(c->db, "ROLLBACK");
        usleep(1000u << attempt);
    }
    return db_fail(c, "begin");
}

int db_commit(struct ctx *c)
{
    if (!c->db->in_tx)
        return 0;
    if (drv_exec(c->db, "COMMIT") < 0) {
        db_fail(c, "commit");
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
    /* The driver's number moves when another connection commits; our own commits are counted. */
    uint64_t v = drv_data_version(db);
    if (v == UINT64_MAX)
        return v;
    return v << 32 ^ db->commits;
}

int db_in_transaction(const struct db *db)
{
    return drv_in_tx(db);
}

void db_rollback(struct ctx *c)
{
    if (drv_in_tx(c->db))
        drv_exec(c->db, "ROLLBACK");
    c->db->in_tx = 0;
}

int db_exec_script(struct db *db, const char *sql, char *err, size_t errlen)
{
    if (drv_exec(db, sql) < 0) {
        snprintf(err, errlen, "%s", drv_errmsg(db));
        return -1;
    }
    return 0;
}

int db_seed_file(struct db *db, const char *path, void *progress, char *err, size_t errlen)
{
    return seed_load(db, path, progress, err, errlen);
}

/* Runs sql once outside the cache with provider_id, installed and link_regions bound as ?1-?3:
 * DB_ROW (the first column's number in *first), DB_DONE, or -1 with the message in err. */
static int run_once(struct db *db, const char *sql, const char *provider_id, int installed,
                    int link_regions, int *first, char *err, size_t errlen)
{
    struct db_stmt *st = drv_prepare(db, sql, 0);
    int rc;
    if (!st) {
        snprintf(err, errlen, "%s", drv_errmsg(db));
        return -1;
    }
    db_bind_text(st, 1, provider_id);
    db_bind_int(st, 2, installed ? 1 : 0);
    db_bind_int(st, 3, link_regions ? 1 : 0);
    rc = drv_step(db, st);
    if (rc == DB_ROW && first)
        *first = db_col_int(st, 0);
    if (rc != DB_ROW && rc != DB_DONE) {
        snprintf(err, errlen, "%s", drv_errmsg(db));
        rc = -1;
    }
    drv_finalize(st);
    return rc;
}

int db_payment_provider_register(struct db *db, const char *provider_id, int installed,
                                 int link_regions, char *err, size_t errlen)
{
    static const char *const sql[] = {
        "INSERT INTO payment_provider (id, is_installed) SELECT CAST(?1 AS TEXT), TRUE "
        "WHERE ?2 = 1 AND NOT EXISTS (SELECT 1 FROM payment_provider WHERE id = CAST(?1 AS TEXT))",
        "UPDATE payment_provider SET is_installed = (?2 = 1) WHERE id = ?1 AND is_installed != "
        "(?2 = 1)",
        "INSERT OR IGNORE INTO region_payment_providers (region_id, provider_id) SELECT id, ?1 "
        "FROM region WHERE ?3 = 1 AND ?2 = 1 AND deleted_at IS NULL",
    };
    int have = -1;
    /* Nothing to write (the usual start): no write lock taken. */
    if (run_once(db,
                 "SELECT CASE WHEN is_installed THEN 1 ELSE 0 END FROM payment_provider WHERE id "
                 "= ?1",
                 provider_id, installed, link_regions, &have, err, errlen) == DB_ROW)
        have = have ? 1 : 0;
    else
        have = -1;
    if (!link_regions && (have == (installed ? 1 : 0) || (have < 0 && !installed)))
        return 0;
    for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
        if (run_once(db, sql[i], provider_id, installed, link_regions, NULL, err, errlen) < 0)
            return -1;
    return 0;
}

/* The end of the statement that starts at p: its ';' outside literals, quoted names and
 * comments, or the string's end. */
static const char *statement_end(const char *p)
{
    for (; *p && *p != ';'; p++) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            for (p++; *p && !(*p == q && p[1] != q); p++)
                if (*p == q)
                    p++; /* a doubled quote */
            if (!*p)
                break;
        } else if (p[0] == '-' && p[1] == '-') {
            while (p[1] && p[1] != '\n')
                p++;
        }
    }
    return p;
}

int db_sql_print(struct db *db, const char *sql, void *out, char *err, size_t errlen)
{
    FILE *f = out;
    const char *p = sql;
    while (*p) {
        const char *e = statement_end(p);
        size_t n = (size_t)(e - p);
        char *one = xmalloc(n + 1);
        struct db_stmt *st;
        int rc, blank = 1;
        memcpy(one, p, n);
        one[n] = '\0';
        for (size_t i = 0; i < n; i++)
            blank &= (unsigned char)one[i] <= ' ';
        p = *e ? e + 1 : e;
        if (blank) {
            free(one);
            continue;
        }
        if (!(st = drv_prepare(db, one, 0))) {
            snprintf(err, errlen, "%s", drv_errmsg(db));
            free(one);
            return -1;
        }
        while ((rc = drv_step(db, st)) == DB_ROW) {
            int cols = db_col_count(st);
            for (int i = 0; i < cols; i++) {
                const char *v = db_col_text(st, i);
                fprintf(f, "%s%s", i ? "|" : "", v ? v : "");
            }
            fputc('\n', f);
        }
        if (rc != DB_DONE)
            snprintf(err, errlen, "%s", drv_errmsg(db));
        drv_finalize(st);
        free(one);
        if (rc != DB_DONE)
            return -1;
    }
    return 0;
}
