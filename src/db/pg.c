/* pg.c: the PostgreSQL driver (driver.h) over libpq. One connection per worker; each statement is
 * rewritten into PostgreSQL's dialect (pg_dialect.c) and prepared once per connection
 * (PQprepare), then run with text parameters. A result is fetched whole and stepped through row
 * by row, as SQLite's statements are. Values come back as SQLite would give them: booleans as
 * 0/1, times as Medusa's ISO text ("2026-12-05T20:42:25.123Z"), JSON as its text.
 *
 * A lost connection is reopened between requests (pg_idle); statements prepared on the old one
 * are prepared again on first use (each remembers the connection generation it was made on). */
#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/log.h"
#include "db/conn.h"
#include "db/pg.h"
#include "db/pg_dialect.h"

/* Type OIDs (pg_type.h is server-side). */
enum {
    OID_BOOL = 16,
    OID_INT8 = 20,
    OID_INT2 = 21,
    OID_INT4 = 23,
    OID_OID = 26,
    OID_FLOAT4 = 700,
    OID_FLOAT8 = 701,
    OID_TIMESTAMP = 1114,
    OID_TIMESTAMPTZ = 1184,
    OID_NUMERIC = 1700,
};

struct pg_conn {
    PGconn *c;
    char *target;
    unsigned gen; /* bumped when the connection is reopened */
    unsigned next_name;
    char err[512];
    char sqlstate[6];
    char errcol[128];
    int64_t changes;
    int count_sql;
    int64_t *nsql;
    int busy_ms;
    struct pg_dialect dialect;
};

struct pg_stmt {
    struct pg_conn *pc;
    char *sql; /* rewritten */
    char name[16];
    unsigned gen; /* 0: not prepared on the connection */
    int nparams;
    char **params; /* owned copies; NULL is SQL NULL */
    char *kinds;   /* per parameter: 'i' integer, 'd' real, 's' text, 'n' NULL */
    struct pg_rewritten rw;
    PGresult *res;
    int executed, row, nrows, ncols;
    char (*tbuf)[32]; /* per column: a converted time */
};

#define PC(db) ((struct pg_conn *)(db)->drv)
#define P(st)  ((struct pg_stmt *)(st))

int pg_target(const char *t)
{
    return t && (!strncmp(t, "postgres://", 11) || !strncmp(t, "postgresql://", 13) ||
                 !strncmp(t, "pg:", 3));
}

static void set_error(struct pg_conn *pc, const PGresult *r)
{
    const char *msg = r ? PQresultErrorMessage(r) : NULL;
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *tab = r ? PQresultErrorField(r, PG_DIAG_TABLE_NAME) : NULL;
    const char *col = r ? PQresultErrorField(r, PG_DIAG_COLUMN_NAME) : NULL;
    if (!msg || !*msg)
        msg = PQerrorMessage(pc->c);
    snprintf(pc->err, sizeof(pc->err), "%s", msg && *msg ? msg : "unknown error");
    size_t n = strlen(pc->err);
    while (n && (pc->err[n - 1] == '\n' || pc->err[n - 1] == ' '))
        pc->err[--n] = '\0';
    for (char *p = pc->err; *p; p++)
        if (*p == '\n')
            *p = ' '; /* one log line */
    snprintf(pc->sqlstate, sizeof(pc->sqlstate), "%s", state ? state : "");
    if (tab && col)
        snprintf(pc->errcol, sizeof(pc->errcol), "%s.%s", tab, col);
    else
        pc->errcol[0] = '\0';
}

/* The session as every statement expects it: UTC times in ISO form, errors in English, and no
 * JIT: on a small or unanalysed database the planner's estimates of a join over json_each run to
 * millions, and compiling the plan took 250 ms of a 1 ms statement. */
static const char session_sql[] =
    "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1;"
    "SET client_min_messages = 'warning'; SET jit = off";

/* The dialect's view of the schema: the names of boolean columns (boolean in every table that
 * has them) and every column's type. */
static int load_schema(struct pg_conn *pc)
{
    /* pg_catalog, not information_schema (its views took 60 ms per connection); the types as
     * information_schema.columns.data_type names them. Ordered by column name, so the names
     * that are boolean in every table come once each. */
    PGresult *r = PQexec(
        pc->c, "SELECT c.relname, a.attname, CASE WHEN t.typtype = 'e' THEN 'USER-DEFINED' WHEN "
               "t.typcategory = 'A' THEN 'ARRAY' ELSE format_type(a.atttypid, NULL) END, "
               "bool_and(a.atttypid = 'boolean'::regtype) OVER (PARTITION BY a.attname) "
               "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON "
               "t.oid = a.atttypid WHERE c.relnamespace = current_schema()::regnamespace AND "
               "c.relkind IN ('r', 'v', 'f', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
               "ORDER BY a.attname");
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        set_error(pc, r);
        PQclear(r);
        return -1;
    }
    int n = PQntuples(r), nb = 0;
    const char **t = xmalloc(sizeof(char *) * (size_t)(n ? 4 * n : 1));
    const char **bools = t + 3 * n;
    for (int i = 0; i < n; i++) {
        t[i] = PQgetvalue(r, i, 0);
        t[n + i] = PQgetvalue(r, i, 1);
        t[2 * n + i] = PQgetvalue(r, i, 2);
        if (PQgetvalue(r, i, 3)[0] == 't' && (!nb || strcmp(bools[nb - 1], t[n + i])))
            bools[nb++] = t[n + i];
    }
    pg_dialect_set_bools(&pc->dialect, bools, nb);
    pg_dialect_set_columns(&pc->dialect, t, t + n, t + 2 * n, n);
    free(t);
    PQclear(r);
    return 0;
}

/* The session's settings, on each connection and reconnection, in one round trip. */
static int session_setup(struct pg_conn *pc)
{
    char sql[512];
    /* busy_timeout: how long a write waits for another host's write transaction. A host that
     * dies or whose link is cut inside a transaction holds the writers' lock until the server
     * ends its session: no worker idles in a transaction (remote calls happen outside one),
     * so the server ends such a session after twice that wait (at least 10 s), and over TCP
     * its keepalives find a silent peer within about 25 s (locks held outside a transaction). */
    snprintf(sql, sizeof(sql),
             "%s; SET lock_timeout = %d; SET idle_in_transaction_session_timeout = %d;"
             "SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5;"
             "SET tcp_keepalives_count = 3",
             session_sql, pc->busy_ms, pc->busy_ms * 2 > 10000 ? pc->busy_ms * 2 : 10000);
    PGresult *r = PQexec(pc->c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        set_error(pc, r);
    PQclear(r);
    /* Errors in English for the log (a superuser's setting: others keep the server's). */
    if (ok)
        PQclear(PQexec(pc->c, "SET lc_messages = 'C'"));
    return ok ? 0 : -1;
}

static int connect_now(struct pg_conn *pc, char *err, size_t errlen)
{
    const char *t = !strncmp(pc->target, "pg:", 3) ? pc->target + 3 : pc->target;
    pc->c = PQconnectdb(t);
    if (PQstatus(pc->c) != CONNECTION_OK) {
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s", PQerrorMessage(pc->c));
        return -1;
    }
    if (session_setup(pc) < 0) {
        snprintf(err, errlen, "cannot set up the PostgreSQL session: %s", pc->err);
        return -1;
    }
    pc->gen++;
    if (load_schema(pc) < 0) {
        snprintf(err, errlen, "cannot read the PostgreSQL schema: %s", PQerrorMessage(pc->c));
        return -1;
    }
    return 0;
}

int pg_open(struct db *db, const char *target, int busy_ms, char *err, size_t errlen)
{
    struct pg_conn *pc = xmalloc(sizeof(*pc));
    memset(pc, 0, sizeof(*pc));
    db->drv = pc;
    pc->target = xstrdup(target);
    pc->count_sql = db->count_sql;
    pc->nsql = &db->nsql;
    pc->busy_ms = busy_ms > 0 ? busy_ms : 5000;
    pg_dialect_init(&pc->dialect);
    return connect_now(pc, err, errlen);
}

void pg_close(struct db *db)
{
    struct pg_conn *pc = PC(db);
    if (!pc)
        return;
    PQfinish(pc->c);
    pg_dialect_free(&pc->dialect);
    free(pc->target);
    free(pc);
    db->drv = NULL;
}

struct db_stmt *pg_prepare(struct db *db, const char *sql, int persistent)
{
    struct pg_conn *pc = PC(db);
    struct pg_stmt *st;
    struct pg_rewritten rw = {0};
    char *text = pg_dialect_rewrite(&pc->dialect, sql, &rw);
    int nparams = rw.nparams;
    (void)persistent;
    if (!text) {
        snprintf(pc->err, sizeof(pc->err), "cannot rewrite for PostgreSQL: %s", sql);
        pc->sqlstate[0] = '\0';
        return NULL;
    }
    st = xmalloc(sizeof(*st));
    memset(st, 0, sizeof(*st));
    st->pc = pc;
    st->sql = text;
    st->nparams = nparams;
    st->rw = rw;
    st->params = nparams ? xmalloc(sizeof(char *) * (size_t)nparams) : NULL;
    st->kinds = nparams ? xmalloc((size_t)nparams) : NULL;
    for (int i = 0; i < nparams; i++) {
        st->params[i] = NULL;
        st->kinds[i] = 'n';
    }
    snprintf(st->name, sizeof(st->name), "m%u", ++pc->next_name);
    return (struct db_stmt *)st;
}

enum { OID_TEXT = 25, OID_UNKNOWN = 705 };

/* PQprepare: the result status, the error recorded on failure. */
static int prepare_as(struct pg_stmt *st, const char *name, const char *sql, const Oid *types)
{
    PGresult *r = PQprepare(st->pc->c, name, sql, st->nparams, types);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        set_error(st->pc, r);
    PQclear(r);
    return ok ? 0 : -1;
}

/* Types for the parameters the server cannot type from their use: json_build_object's
 * arguments by the value bound first; a parameter whose only typed use is hidden by a null test
 * by what the probe statement (the tests left out) makes of it. */
static void probe_types(struct pg_stmt *st, Oid *types)
{
    PGresult *r;
    char name[20];
    snprintf(name, sizeof(name), "%sp", st->name);
    if (!st->rw.probe)
        goto fallback;
    /* A parameter the probe does not use at all cannot be typed either: text it is. */
    for (int tries = 0; prepare_as(st, name, st->rw.probe, types) < 0; tries++) {
        const char *at = strstr(st->pc->err, "parameter $");
        long k = at ? strtol(at + 11, NULL, 10) : 0;
        if (tries >= st->nparams || strcmp(st->pc->sqlstate, "42P18") || k < 1 || k > st->nparams ||
            types[k - 1])
            goto fallback;
        types[k - 1] = OID_TEXT;
    }
    r = PQdescribePrepared(st->pc->c, name);
    if (PQresultStatus(r) == PGRES_COMMAND_OK)
        for (int i = 0; i < st->nparams && i < PQnparams(r); i++)
            if (!types[i] && PQparamtype(r, i) != OID_UNKNOWN)
                types[i] = PQparamtype(r, i);
    PQclear(r);
    {
        char sql[40];
        snprintf(sql, sizeof(sql), "DEALLOCATE %s", name);
        PQclear(PQexec(st->pc->c, sql));
    }
fallback:
    for (int i = 0; i < st->nparams; i++)
        if (!types[i])
            types[i] = OID_TEXT;
}

/* Prepares st on the current connection if it is not yet: 0 or -1. */
static int ensure_prepared(struct pg_stmt *st)
{
    struct pg_conn *pc = st->pc;
    Oid types[128] = {0};
    if (st->gen == pc->gen)
        return 0;
    if (st->nparams > 128) {
        snprintf(pc->err, sizeof(pc->err), "too many parameters");
        return -1;
    }
    for (int i = 0; i < st->nparams; i++)
        if (st->rw.in_json && st->rw.in_json[i])
            types[i] = st->kinds[i] == 'i' ? OID_INT8 : st->kinds[i] == 'd' ? OID_FLOAT8 : OID_TEXT;
    if (st->rw.probe) {
        /* A failed statement aborts the transaction it runs in: the probe's tries run inside
         * a savepoint that is always rolled back. */
        int in_tx = PQtransactionStatus(pc->c) == PQTRANS_INTRANS;
        if (in_tx)
            PQclear(PQexec(pc->c, "SAVEPOINT medusa_probe"));
        probe_types(st, types);
        if (in_tx)
            PQclear(PQexec(pc->c, "ROLLBACK TO SAVEPOINT medusa_probe; RELEASE SAVEPOINT "
                                  "medusa_probe"));
    }
    if (prepare_as(st, st->name, st->sql, types) < 0) {
        log_error("sql does not compile on PostgreSQL: %s: %s", pc->err, st->sql);
        return -1;
    }
    st->gen = pc->gen;
    return 0;
}

void pg_reset(struct db_stmt *s)
{
    struct pg_stmt *st = P(s);
    PQclear(st->res);
    st->res = NULL;
    st->executed = 0;
    st->row = -1;
    st->nrows = 0;
}

void pg_finalize(struct db_stmt *s)
{
    struct pg_stmt *st = P(s);
    if (!st)
        return;
    pg_reset(s);
    if (st->gen && st->gen == st->pc->gen && PQstatus(st->pc->c) == CONNECTION_OK) {
        char sql[40];
        snprintf(sql, sizeof(sql), "DEALLOCATE %s", st->name);
        PQclear(PQexec(st->pc->c, sql));
    }
    pg_clear_bindings(s);
    free(st->params);
    free(st->kinds);
    free(st->rw.probe);
    free(st->rw.in_json);
    free(st->tbuf);
    free(st->sql);
    free(st);
}

/* 1 if s is valid UTF-8 (PostgreSQL refuses anything else; SQLite stores the bytes). */
static int utf8_ok(const unsigned char *s)
{
    while (*s) {
        int n = *s < 0x80             ? 0
                : (*s & 0xe0) == 0xc0 ? 1
                : (*s & 0xf0) == 0xe0 ? 2
                : (*s & 0xf8) == 0xf0 ? 3
                                      : -1;
        if (n < 0 || (n == 1 && *s < 0xc2))
            return 0;
        for (s++; n > 0; n--, s++)
            if ((*s & 0xc0) != 0x80)
                return 0;
    }
    return 1;
}

/* A text value that is not UTF-8 (a path's %ff): it matches nothing stored, so a read finds no
 * row; a write is refused as invalid data, before the server sees it (its error would abort the
 * transaction). 1 if st may run, 0 if it has been answered. */
static int params_ok(struct pg_stmt *st, int *rc)
{
    for (int i = 0; i < st->nparams; i++)
        if (st->kinds[i] == 's' && !utf8_ok((const unsigned char *)st->params[i])) {
            if (!strncmp(st->sql, "SELECT", 6) || !strncmp(st->sql, "WITH", 4)) {
                st->executed = 1;
                st->nrows = 0;
                st->row = 0;
                *rc = DB_DONE;
            } else {
                snprintf(st->pc->err, sizeof(st->pc->err), "a text value is not UTF-8");
                snprintf(st->pc->sqlstate, sizeof(st->pc->sqlstate), "22021");
                *rc = -1;
            }
            return 0;
        }
    return 1;
}

int pg_step(struct db_stmt *s)
{
    struct pg_stmt *st = P(s);
    struct pg_conn *pc = st->pc;
    if (!st->executed) {
        ExecStatusType k;
        int rc;
        if (!params_ok(st, &rc))
            return rc;
        if (ensure_prepared(st) < 0)
            return -1;
        PQclear(st->res);
        st->res = PQexecPrepared(pc->c, st->name, st->nparams, (const char *const *)st->params,
                                 NULL, NULL, 0);
        if (pc->count_sql)
            (*pc->nsql)++;
        st->executed = 1;
        st->row = -1;
        k = PQresultStatus(st->res);
        if (k == PGRES_COMMAND_OK) {
            const char *n = PQcmdTuples(st->res);
            pc->changes = *n ? strtoll(n, NULL, 10) : 0;
            st->nrows = 0;
            return DB_DONE;
        }
        if (k != PGRES_TUPLES_OK) {
            set_error(pc, st->res);
            PQclear(st->res);
            st->res = NULL;
            st->nrows = 0;
            return -1;
        }
        {
            const char *n = PQcmdTuples(st->res);
            pc->changes = *n ? strtoll(n, NULL, 10) : 0; /* INSERT … RETURNING */
        }
        st->nrows = PQntuples(st->res);
        st->ncols = PQnfields(st->res);
        free(st->tbuf);
        st->tbuf = st->ncols ? xmalloc(sizeof(*st->tbuf) * (size_t)st->ncols) : NULL;
    }
    if (st->row + 1 >= st->nrows) {
        st->row = st->nrows;
        return DB_DONE;
    }
    st->row++;
    return DB_ROW;
}

int pg_stmt_busy(struct db_stmt *s)
{
    const struct pg_stmt *st = P(s);
    return st->executed && st->row >= 0 && st->row < st->nrows;
}

void pg_clear_bindings(struct db_stmt *s)
{
    struct pg_stmt *st = P(s);
    for (int i = 0; i < st->nparams; i++) {
        free(st->params[i]);
        st->params[i] = NULL;
        st->kinds[i] = 'n';
    }
}

static int bind_owned(struct pg_stmt *st, int i, char *v, char kind)
{
    if (i < 1 || i > st->nparams) {
        free(v);
        return 0; /* a value for a ?N the statement does not use */
    }
    free(st->params[i - 1]);
    st->params[i - 1] = v;
    st->kinds[i - 1] = kind;
    return 0;
}

int pg_bind_text(struct db_stmt *s, int i, const char *v)
{
    return bind_owned(P(s), i, v ? xstrdup(v) : NULL, v ? 's' : 'n');
}

int pg_bind_int(struct db_stmt *s, int i, int64_t v)
{
    char buf[24];
    snprintf(buf, sizeof(buf), "%lld", (long long)v);
    return bind_owned(P(s), i, xstrdup(buf), 'i');
}

int pg_bind_double(struct db_stmt *s, int i, double v)
{
    char buf[40];
    snprintf(buf, sizeof(buf), "%.17g", v);
    return bind_owned(P(s), i, xstrdup(buf), 'd');
}

int pg_bind_null(struct db_stmt *s, int i)
{
    return bind_owned(P(s), i, NULL, 'n');
}

int pg_col_count(struct db_stmt *s)
{
    const struct pg_stmt *st = P(s);
    return st->res ? PQnfields(st->res) : 0;
}

const char *pg_col_name(struct db_stmt *s, int i)
{
    const struct pg_stmt *st = P(s);
    return st->res ? PQfname(st->res, i) : NULL;
}

static int have(const struct pg_stmt *st, int i)
{
    return st->res && st->row >= 0 && st->row < st->nrows && i >= 0 && i < st->ncols &&
           !PQgetisnull(st->res, st->row, i);
}

int pg_col_type(struct db_stmt *s, int i)
{
    const struct pg_stmt *st = P(s);
    if (!have(st, i))
        return DB_NULL;
    switch (PQftype(st->res, i)) {
    case OID_BOOL:
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
    case OID_OID:
        return DB_INTEGER;
    case OID_FLOAT4:
    case OID_FLOAT8:
        return DB_FLOAT;
    case OID_NUMERIC:
        /* SQLite keeps integer arithmetic integral (sums of integers). */
        return strpbrk(PQgetvalue(st->res, st->row, i), ".eEN") ? DB_FLOAT : DB_INTEGER;
    default:
        return DB_TEXT;
    }
}

int64_t pg_col_int64(struct db_stmt *s, int i)
{
    const struct pg_stmt *st = P(s);
    const char *v;
    if (!have(st, i))
        return 0;
    v = PQgetvalue(st->res, st->row, i);
    if (PQftype(st->res, i) == OID_BOOL || *v == 't' || *v == 'f')
        return *v == 't'; /* a boolean, or one written as text ("true") */
    if (strpbrk(v, ".eE"))
        return (int64_t)strtod(v, NULL);
    return strtoll(v, NULL, 10);
}

double pg_col_double(struct db_stmt *s, int i)
{
    const struct pg_stmt *st = P(s);
    const char *v;
    if (!have(st, i))
        return 0;
    v = PQgetvalue(st->res, st->row, i);
    if (PQftype(st->res, i) == OID_BOOL || *v == 't' || *v == 'f')
        return *v == 't';
    return strtod(v, NULL);
}

/* "2026-12-05 20:42:25.123456+00" → "2026-12-05T20:42:25.123Z" (Medusa's toISOString form). */
static const char *iso_time(char *out, size_t len, const char *v)
{
    size_t n = strlen(v);
    char frac[4] = "000";
    const char *dot, *end = v + n;
    if (n < 19 || len < 25) {
        snprintf(out, len, "%s", v);
        return out;
    }
    /* the zone suffix ("+00", "+00:00") starts after the seconds and fraction */
    dot = v + 19;
    if (*dot == '.') {
        for (int k = 0; k < 3 && dot + 1 + k < end && dot[1 + k] >= '0' && dot[1 + k] <= '9'; k++)
            frac[k] = dot[1 + k];
    }
    snprintf(out, len, "%.10sT%.8s.%sZ", v, v + 11, frac);
    return out;
}

/* 1 if v is a time as PostgreSQL writes one in UTC: 2026-12-05 20:42:25[.123456]+00 */
static int pg_time_text(const char *v)
{
    static const char shape[] = "dddd-dd-dd dd:dd:dd";
    size_t n = strlen(v), k;
    if (n < 22 || strcmp(v + n - 3, "+00"))
        return 0;
    for (k = 0; shape[k]; k++)
        if (shape[k] == 'd' ? (v[k] < '0' || v[k] > '9') : v[k] != shape[k])
            return 0;
    if (v[k] == '.')
        for (k++; v[k] >= '0' && v[k] <= '9'; k++)
            ;
    return k == n - 3;
}

const char *pg_col_text(struct db_stmt *s, int i)
{
    struct pg_stmt *st = P(s);
    const char *v;
    if (!have(st, i))
        return NULL;
    v = PQgetvalue(st->res, st->row, i);
    switch (PQftype(st->res, i)) {
    case OID_BOOL:
        return *v == 't' ? "1" : "0";
    case OID_TIMESTAMPTZ:
    case OID_TIMESTAMP:
        return iso_time(st->tbuf[i], sizeof(st->tbuf[i]), v);
    default:
        /* a time cast to text (a UNION's column): "2026-12-05 20:42:25.123+00" */
        if (pg_time_text(v))
            return iso_time(st->tbuf[i], sizeof(st->tbuf[i]), v);
        return v;
    }
}

int pg_col_bytes(struct db_stmt *s, int i)
{
    const char *v = pg_col_text(s, i);
    return v ? (int)strlen(v) : 0;
}

int pg_exec(struct db *db, const char *sql)
{
    struct pg_conn *pc = PC(db);
    PGresult *r = PQexec(pc->c, sql);
    ExecStatusType k = PQresultStatus(r);
    if (k != PGRES_COMMAND_OK && k != PGRES_TUPLES_OK && k != PGRES_EMPTY_QUERY) {
        set_error(pc, r);
        PQclear(r);
        return -1;
    }
    PQclear(r);
    return 0;
}

const char *pg_errmsg(struct db *db)
{
    struct pg_conn *pc = PC(db);
    return pc->err[0] ? pc->err : PQerrorMessage(pc->c);
}

enum db_errclass pg_errclass(struct db *db)
{
    const char *s = PC(db)->sqlstate;
    if (!strcmp(s, "23505"))
        return DBE_UNIQUE;
    if (!strcmp(s, "23503"))
        return DBE_FOREIGN_KEY;
    if (!strcmp(s, "23502"))
        return DBE_NOT_NULL;
    if (!strncmp(s, "23", 2) || !strncmp(s, "22", 2))
        return DBE_CONSTRAINT; /* integrity, and data exceptions (a value the type refuses) */
    if (!strcmp(s, "40001") || !strcmp(s, "40P01"))
        return DBE_RETRY;
    if (!strcmp(s, "55P03") || !strcmp(s, "57014"))
        return DBE_BUSY; /* lock_timeout, statement_timeout */
    return DBE_OTHER;
}

const char *pg_errcol(struct db *db, char *buf, size_t len)
{
    const struct pg_conn *pc = PC(db);
    if (!pc->errcol[0])
        return NULL;
    snprintf(buf, len, "%s", pc->errcol);
    return buf;
}

int pg_in_tx(const struct db *db)
{
    PGTransactionStatusType t = PQtransactionStatus(PC(db)->c);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

int64_t pg_changes(struct db *db)
{
    return PC(db)->changes;
}

/* medusa_change.n: bumped by a statement trigger on every table (sql/pg: see pg_migrated),
 * so it moves with every commit of every host. One indexed read. */
uint64_t pg_data_version(struct db *db)
{
    struct pg_conn *pc = PC(db);
    PGresult *r = PQexecParams(pc->c, "SELECT n FROM medusa_change WHERE id = 1", 0, NULL, NULL,
                               NULL, NULL, 0);
    uint64_t v = UINT64_MAX;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        v = strtoull(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return v;
}

void pg_idle(struct db *db)
{
    struct pg_conn *pc = PC(db);
    if (PQstatus(pc->c) == CONNECTION_OK)
        return;
    /* The server went away (a restart, a failover): reconnect; statements prepare again. */
    PQreset(pc->c);
    if (PQstatus(pc->c) == CONNECTION_OK) {
        session_setup(pc);
        pc->gen++;
        log_warn("postgresql: reconnected");
    }
}

/* The first column of a one-row query as a number, or -1 (the error recorded). */
static long long one_number(struct pg_conn *pc, const char *sql)
{
    PGresult *r = PQexec(pc->c, sql);
    long long v = -1;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
        v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    else
        set_error(pc, r);
    PQclear(r);
    return v;
}

int pg_schema_version(struct db *db)
{
    struct pg_conn *pc = PC(db);
    long long have = one_number(pc, "SELECT count(*) FROM pg_class WHERE relname = "
                                    "'schema_migrations' AND relnamespace = "
                                    "current_schema()::regnamespace");
    if (have <= 0)
        return (int)have;
    return (int)one_number(pc, "SELECT coalesce(max(version), 0) FROM schema_migrations");
}

int pg_set_schema_version(struct db *db, int version)
{
    /* schema_migrations is the record; the dialect's view of the schema is read again. */
    struct pg_conn *pc = PC(db);
    (void)version;
    return load_schema(pc);
}
