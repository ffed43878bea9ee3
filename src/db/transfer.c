/* transfer.c: `medusa-fcgi transfer --to URI`, a shop moving from its SQLite file to PostgreSQL.
 * One process has one driver (driver.h), so this verb talks to both libraries directly: the
 * SQLite file opened read-only (one read snapshot), the target through libpq. Every row of every
 * table goes over with COPY FROM STDIN (text format), in foreign-key order, all in one transaction
 * on the target: it commits whole or leaves the target as it found it.
 *
 * The target must be a freshly migrated database of the same schema version (an empty one is
 * migrated first); the only rows it may hold are the ones the migrations insert (currencies,
 * countries, the manual providers, the counters), which are replaced by the source's. Columns the
 * target computes (the rowid identities, country.rowid, product_search.document) are left to it:
 * rows go in SQLite's rowid order, so the identities number them in the same order. The search
 * tables are SQLite FTS5 on one side and trigger-kept tables on the other: not copied.
 *
 * Foreign keys: tables go parents first (pg_constraint). A key that closes a cycle (order ↔ cart
 * ↔ payment, customer ↔ address) or points into its own table (product_category's parent) is made
 * DEFERRABLE INITIALLY DEFERRED for the transaction, checked by SET CONSTRAINTS ALL IMMEDIATE
 * once every row is in, and put back as it was, all before COMMIT. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/pg.h"

/* Tables a fresh migration fills (sql/pg/0001, 0012, change_stamp.sql): allowed to hold rows in
 * the target; their rows are replaced by the source's. */
static const char *const preloaded[] = {"currency",         "country",
                                        "payment_provider", "fulfillment_provider",
                                        "tax_provider",     "notification_provider",
                                        "app_counter",      "schema_migrations",
                                        "medusa_change",    NULL};

enum kind { K_TEXT, K_BOOL, K_INT, K_JSON };

struct col {
    char *name;
    enum kind kind;
};

struct table {
    char *name;
    int on_sqlite, on_pg, is_fts;
    const char *skip; /* why it is not copied, or NULL */
    struct col *cols;
    int ncols;
    int done, preload;
    long long rows;
};

struct fk {
    char *name;
    int from, to; /* table indexes; -1 when not copied */
    int deferrable, deferred, broken;
};

struct xfer {
    sqlite3 *src;
    PGconn *pg;
    struct table *t;
    int nt;
    struct fk *fk;
    int nfk;
    int *order; /* copy order: table indexes */
    int norder;
    char *err;
    size_t errlen;
    /* the COPY buffer */
    char *buf;
    size_t len, cap;
};

static void buf_put(struct xfer *x, const char *s, size_t n)
{
    if (x->len + n > x->cap) {
        while (x->len + n > x->cap)
            x->cap = x->cap ? x->cap * 2 : 1 << 18;
        x->buf = xrealloc(x->buf, x->cap);
    }
    memcpy(x->buf + x->len, s, n);
    x->len += n;
}

/* COPY's text format: backslash, newline, carriage return and tab are escaped. */
static void buf_escaped(struct xfer *x, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = NULL;
        switch (s[i]) {
        case '\\':
            e = "\\\\";
            break;
        case '\n':
            e = "\\n";
            break;
        case '\r':
            e = "\\r";
            break;
        case '\t':
            e = "\\t";
            break;
        default:
            continue;
        }
        buf_put(x, s + from, i - from);
        buf_put(x, e, 2);
        from = i + 1;
    }
    buf_put(x, s + from, n - from);
}

/* A libpq error as one line. */
static void pg_fail(struct xfer *x, const char *what, const PGresult *r)
{
    const char *m = r ? PQresultErrorMessage(r) : NULL;
    char *p;
    if (!m || !*m)
        m = PQerrorMessage(x->pg);
    snprintf(x->err, x->errlen, "%s: %s", what, m && *m ? m : "unknown error");
    while ((p = strchr(x->err, '\n')) != NULL)
        *p = p[1] ? ' ' : '\0';
}

/* Runs a statement without a result set; -1 with the error set. */
static int pg_cmd(struct xfer *x, const char *sql)
{
    PGresult *r = PQexec(x->pg, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        pg_fail(x, sql, r);
    PQclear(r);
    return ok ? 0 : -1;
}

static PGresult *pg_rows(struct xfer *x, const char *sql)
{
    PGresult *r = PQexec(x->pg, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        pg_fail(x, sql, r);
        PQclear(r);
        return NULL;
    }
    return r;
}

/* A quoted identifier for the target's SQL (freed by the caller with PQfreemem). */
static char *ident(struct xfer *x, const char *name)
{
    char *q = PQescapeIdentifier(x->pg, name, strlen(name));
    if (!q)
        pg_fail(x, "quoting an identifier", NULL);
    return q;
}

/* The same for SQLite: "name" with inner quotes doubled, appended to b. */
static void sq_ident(char **b, size_t *len, size_t *cap, const char *name)
{
    size_t need = *len + 2 * strlen(name) + 4;
    if (need > *cap) {
        *cap = need * 2;
        *b = xrealloc(*b, *cap);
    }
    (*b)[(*len)++] = '"';
    for (; *name; name++) {
        if (*name == '"')
            (*b)[(*len)++] = '"';
        (*b)[(*len)++] = *name;
    }
    (*b)[(*len)++] = '"';
    (*b)[*len] = '\0';
}

static void sq_append(char **b, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *b = xrealloc(*b, *cap);
    }
    memcpy(*b + *len, s, n + 1);
    *len += n;
}

static int find_table(struct xfer *x, const char *name)
{
    for (int i = 0; i < x->nt; i++)
        if (!strcmp(x->t[i].name, name))
            return i;
    return -1;
}

static int add_table(struct xfer *x, const char *name)
{
    int i = find_table(x, name);
    if (i >= 0)
        return i;
    x->t = xrealloc(x->t, sizeof(*x->t) * (size_t)(x->nt + 1));
    memset(&x->t[x->nt], 0, sizeof(*x->t));
    x->t[x->nt].name = xstrdup(name);
    for (int p = 0; preloaded[p]; p++)
        if (!strcmp(preloaded[p], name))
            x->t[x->nt].preload = 1;
    return x->nt++;
}

/* Both sides' tables, and which are copied. */
static int list_tables(struct xfer *x)
{
    sqlite3_stmt *st;
    PGresult *r;
    if (sqlite3_prepare_v2(x->src,
                           "SELECT name, coalesce(sql, '') LIKE 'CREATE VIRTUAL TABLE%' "
                           "FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                           "ORDER BY rowid",
                           -1, &st, NULL) != SQLITE_OK) {
        snprintf(x->err, x->errlen, "reading the source's tables: %s", sqlite3_errmsg(x->src));
        return -1;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        int i = add_table(x, (const char *)sqlite3_column_text(st, 0));
        x->t[i].on_sqlite = 1;
        x->t[i].is_fts = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (!(r = pg_rows(x, "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                         "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")))
        return -1;
    for (int row = 0; row < PQntuples(r); row++) {
        int i = add_table(x, PQgetvalue(r, row, 0)); /* may move x->t */
        x->t[i].on_pg = 1;
    }
    PQclear(r);
    /* FTS5's shadow tables (name_data, name_idx, ...) go with their virtual table. */
    for (int i = 0; i < x->nt; i++) {
        if (!x->t[i].is_fts)
            continue;
        size_t n = strlen(x->t[i].name);
        for (int j = 0; j < x->nt; j++)
            if (j != i && !strncmp(x->t[j].name, x->t[i].name, n) && x->t[j].name[n] == '_' &&
                x->t[j].on_sqlite && !x->t[j].on_pg)
                x->t[j].is_fts = 2;
    }
    for (int i = 0; i < x->nt; i++) {
        struct table *t = &x->t[i];
        if (t->is_fts == 1)
            t->skip = "search index (SQLite FTS5; PostgreSQL's is kept by its triggers)";
        else if (t->is_fts == 2)
            t->skip = "search index storage (SQLite FTS5)";
        else if (!strcmp(t->name, "schema_migrations"))
            t->skip = "the target keeps its own migration record";
        else if (!t->on_pg)
            t->skip = "only in SQLite";
        else if (!t->on_sqlite)
            t->skip = "only in PostgreSQL";
    }
    return 0;
}

static enum kind kind_of(const char *pgtype)
{
    if (!strcmp(pgtype, "boolean"))
        return K_BOOL;
    if (!strcmp(pgtype, "jsonb") || !strcmp(pgtype, "json"))
        return K_JSON;
    if (!strcmp(pgtype, "integer") || !strcmp(pgtype, "bigint") || !strcmp(pgtype, "smallint"))
        return K_INT;
    return K_TEXT;
}

/* The columns copied: the target's, less those it computes, that the source has too. A source
 * column the target lacks would be lost: refused. */
static int list_columns(struct xfer *x)
{
    PGresult *r = pg_rows(x, "SELECT table_name, column_name, data_type, is_generated <> 'NEVER' "
                             "OR coalesce(identity_generation, '') = 'ALWAYS' "
                             "FROM information_schema.columns WHERE table_schema = "
                             "current_schema() ORDER BY table_name, ordinal_position");
    sqlite3_stmt *st = NULL;
    int rc = -1;
    if (!r)
        return -1;
    if (sqlite3_prepare_v2(x->src, "SELECT name FROM pragma_table_info(?1)", -1, &st, NULL) !=
        SQLITE_OK) {
        snprintf(x->err, x->errlen, "reading the source's columns: %s", sqlite3_errmsg(x->src));
        goto out;
    }
    for (int i = 0; i < x->nt; i++) {
        struct table *t = &x->t[i];
        if (t->skip)
            continue;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *c = (const char *)sqlite3_column_text(st, 0);
            int found = 0;
            for (int row = 0; row < PQntuples(r); row++) {
                if (strcmp(PQgetvalue(r, row, 0), t->name) || strcmp(PQgetvalue(r, row, 1), c))
                    continue;
                found = 1;
                if (!strcmp(PQgetvalue(r, row, 3), "t"))
                    break; /* computed by the target */
                t->cols = xrealloc(t->cols, sizeof(*t->cols) * (size_t)(t->ncols + 1));
                t->cols[t->ncols].name = xstrdup(c);
                t->cols[t->ncols].kind = kind_of(PQgetvalue(r, row, 2));
                t->ncols++;
                break;
            }
            if (!found) {
                snprintf(x->err, x->errlen,
                         "column %s.%s is only in the SQLite file: its data would be lost", t->name,
                         c);
                goto out;
            }
        }
    }
    rc = 0;
out:
    sqlite3_finalize(st);
    PQclear(r);
    return rc;
}

/* Refuses a target holding rows beyond what the migrations insert. */
static int check_empty(struct xfer *x)
{
    char names[512] = "";
    size_t used = 0;
    int n = 0;
    for (int i = 0; i < x->nt; i++) {
        struct table *t = &x->t[i];
        char *q, sql[256];
        PGresult *r;
        int full;
        if (!t->on_pg || t->preload)
            continue;
        if (!(q = ident(x, t->name)))
            return -1;
        snprintf(sql, sizeof(sql), "SELECT EXISTS (SELECT 1 FROM %s)", q);
        PQfreemem(q);
        if (!(r = pg_rows(x, sql)))
            return -1;
        full = !strcmp(PQgetvalue(r, 0, 0), "t");
        PQclear(r);
        if (full) {
            if (used < sizeof(names))
                used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%s", n ? ", " : "",
                                         t->name);
            n++;
        }
    }
    if (n) {
        snprintf(x->err, x->errlen,
                 "the target already holds rows in %d table%s (%s): transfer only into a freshly "
                 "migrated database",
                 n, n > 1 ? "s" : "", names);
        return -1;
    }
    return 0;
}

/* The target's foreign keys between copied tables. */
static int list_fks(struct xfer *x)
{
    PGresult *r = pg_rows(x, "SELECT f.conname, a.relname, b.relname, f.condeferrable, "
                             "f.condeferred FROM pg_constraint f "
                             "JOIN pg_class a ON a.oid = f.conrelid "
                             "JOIN pg_class b ON b.oid = f.confrelid "
                             "WHERE f.contype = 'f' AND a.relnamespace = "
                             "(SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
                             "ORDER BY a.relname, f.conname");
    if (!r)
        return -1;
    x->fk = xmalloc(sizeof(*x->fk) * (size_t)(PQntuples(r) + 1));
    for (int row = 0; row < PQntuples(r); row++) {
        int from = find_table(x, PQgetvalue(r, row, 1)), to = find_table(x, PQgetvalue(r, row, 2));
        if (from < 0 || to < 0 || x->t[from].skip || x->t[to].skip)
            continue;
        struct fk *f = &x->fk[x->nfk++];
        memset(f, 0, sizeof(*f));
        f->name = xstrdup(PQgetvalue(r, row, 0));
        f->from = from;
        f->to = to;
        f->deferrable = !strcmp(PQgetvalue(r, row, 3), "t");
        f->deferred = !strcmp(PQgetvalue(r, row, 4), "t");
        f->broken = from == to; /* a self-reference: rows in any order */
    }
    PQclear(r);
    return 0;
}

/* Unfinished tables t still waits for (through keys not broken). */
static int waits(struct xfer *x, int t)
{
    int n = 0;
    for (int k = 0; k < x->nfk; k++)
        if (x->fk[k].from == t && !x->fk[k].broken && !x->t[x->fk[k].to].done)
            n++;
    return n;
}

/* Parents first (Kahn); where only cycles are left, the table waiting for the fewest others has
 * those keys broken (deferred). */
static void sort_tables(struct xfer *x)
{
    int left = 0;
    x->order = xmalloc(sizeof(int) * (size_t)(x->nt + 1));
    for (int i = 0; i < x->nt; i++)
        if (!x->t[i].skip)
            left++;
    while (left) {
        int pick = -1, best = -1, bestn = 0;
        for (int i = 0; i < x->nt && pick < 0; i++) {
            if (x->t[i].skip || x->t[i].done)
                continue;
            int n = waits(x, i);
            if (!n)
                pick = i;
            else if (best < 0 || n < bestn) {
                best = i;
                bestn = n;
            }
        }
        if (pick < 0) {
            for (int k = 0; k < x->nfk; k++)
                if (x->fk[k].from == best && !x->t[x->fk[k].to].done)
                    x->fk[k].broken = 1;
            pick = best;
        }
        x->t[pick].done = 1;
        x->order[x->norder++] = pick;
        left--;
    }
    for (int i = 0; i < x->nt; i++)
        x->t[i].done = 0;
}

/* ALTER CONSTRAINT for the broken keys: deferrable while copying (on), as they were after. */
static int set_deferral(struct xfer *x, int on)
{
    for (int k = 0; k < x->nfk; k++) {
        struct fk *f = &x->fk[k];
        char *tq, *cq, sql[512];
        int rc;
        if (!f->broken || (f->deferrable && f->deferred))
            continue;
        if (!(tq = ident(x, x->t[f->from].name)))
            return -1;
        if (!(cq = ident(x, f->name))) {
            PQfreemem(tq);
            return -1;
        }
        snprintf(sql, sizeof(sql), "ALTER TABLE %s ALTER CONSTRAINT %s %s", tq, cq,
                 on              ? "DEFERRABLE INITIALLY DEFERRED"
                 : f->deferrable ? "DEFERRABLE INITIALLY IMMEDIATE"
                                 : "NOT DEFERRABLE");
        PQfreemem(tq);
        PQfreemem(cq);
        rc = pg_cmd(x, sql);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* One column of the current source row, in COPY's text form. */
static void put_value(struct xfer *x, sqlite3_stmt *st, int i, enum kind kind)
{
    int type = sqlite3_column_type(st, i);
    char num[32];
    if (type == SQLITE_NULL) {
        buf_put(x, "\\N", 2);
        return;
    }
    if (kind == K_BOOL && (type == SQLITE_INTEGER || type == SQLITE_FLOAT)) {
        buf_put(x, sqlite3_column_double(st, i) != 0 ? "t" : "f", 1);
        return;
    }
    if (kind == K_INT && type == SQLITE_FLOAT) {
        double d = sqlite3_column_double(st, i);
        if (d == (double)(long long)d) {
            int n = snprintf(num, sizeof(num), "%lld", (long long)d);
            buf_put(x, num, (size_t)n);
            return;
        }
    }
    {
        const char *s = (const char *)sqlite3_column_text(st, i);
        buf_escaped(x, s ? s : "", (size_t)sqlite3_column_bytes(st, i));
    }
}

static int flush(struct xfer *x, const char *table)
{
    if (x->len && PQputCopyData(x->pg, x->buf, (int)x->len) != 1) {
        snprintf(x->err, x->errlen, "copying %s: %s", table, PQerrorMessage(x->pg));
        return -1;
    }
    x->len = 0;
    return 0;
}

/* Says on log how many values of each JSON column are not JSON (quoted on the way). */
static void count_not_json(struct xfer *x, struct table *t, FILE *log)
{
    for (int c = 0; c < t->ncols && log; c++) {
        char *sql = NULL;
        size_t l = 0, cap = 0;
        sqlite3_stmt *st;
        if (t->cols[c].kind != K_JSON)
            continue;
        sq_append(&sql, &l, &cap, "SELECT count(*) FROM ");
        sq_ident(&sql, &l, &cap, t->name);
        sq_append(&sql, &l, &cap, " WHERE NOT json_valid(");
        sq_ident(&sql, &l, &cap, t->cols[c].name);
        sq_append(&sql, &l, &cap, ")");
        if (sqlite3_prepare_v2(x->src, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
                fprintf(log, "transfer: %s.%s: %lld values are not JSON: stored as JSON strings\n",
                        t->name, t->cols[c].name, (long long)sqlite3_column_int64(st, 0));
            sqlite3_finalize(st);
        }
        free(sql);
    }
}

/* COPY one table, rows in the source's rowid order. */
static int copy_table(struct xfer *x, struct table *t)
{
    char *sel = NULL, *cp = NULL, *q;
    size_t sl = 0, sc = 0, cl = 0, cc = 0;
    sqlite3_stmt *st = NULL;
    PGresult *r;
    int rc = -1, s;

    sq_append(&sel, &sl, &sc, "SELECT ");
    if (!(q = ident(x, t->name)))
        goto out;
    sq_append(&cp, &cl, &cc, "COPY ");
    sq_append(&cp, &cl, &cc, q);
    sq_append(&cp, &cl, &cc, " (");
    PQfreemem(q);
    for (int c = 0; c < t->ncols; c++) {
        if (c) {
            sq_append(&sel, &sl, &sc, ", ");
            sq_append(&cp, &cl, &cc, ", ");
        }
        if (t->cols[c].kind == K_JSON) {
            /* Text that is not JSON (idempotency_key.request_params holds "cart|cus_...")
             * goes in as a JSON string: jsonb takes nothing else. Counted on log first. NULL
             * stays NULL (json_quote would make it JSON null). */
            sq_append(&sel, &sl, &sc, "CASE WHEN ");
            sq_ident(&sel, &sl, &sc, t->cols[c].name);
            sq_append(&sel, &sl, &sc, " IS NULL OR json_valid(");
            sq_ident(&sel, &sl, &sc, t->cols[c].name);
            sq_append(&sel, &sl, &sc, ") THEN ");
            sq_ident(&sel, &sl, &sc, t->cols[c].name);
            sq_append(&sel, &sl, &sc, " ELSE json_quote(");
            sq_ident(&sel, &sl, &sc, t->cols[c].name);
            sq_append(&sel, &sl, &sc, ") END");
        } else {
            sq_ident(&sel, &sl, &sc, t->cols[c].name);
        }
        if (!(q = ident(x, t->cols[c].name)))
            goto out;
        sq_append(&cp, &cl, &cc, q);
        PQfreemem(q);
    }
    sq_append(&cp, &cl, &cc, ") FROM STDIN");
    sq_append(&sel, &sl, &sc, " FROM ");
    sq_ident(&sel, &sl, &sc, t->name);
    sq_append(&sel, &sl, &sc, " ORDER BY rowid");
    if (!t->ncols) {
        rc = 0;
        goto out;
    }
    if (sqlite3_prepare_v2(x->src, sel, -1, &st, NULL) != SQLITE_OK) {
        snprintf(x->err, x->errlen, "reading %s: %s", t->name, sqlite3_errmsg(x->src));
        goto out;
    }
    r = PQexec(x->pg, cp);
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        pg_fail(x, cp, r);
        PQclear(r);
        goto out;
    }
    PQclear(r);
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        for (int c = 0; c < t->ncols; c++) {
            if (c)
                buf_put(x, "\t", 1);
            put_value(x, st, c, t->cols[c].kind);
        }
        buf_put(x, "\n", 1);
        t->rows++;
        if (x->len >= 1 << 17 && flush(x, t->name) < 0)
            break;
    }
    if (s != SQLITE_DONE) {
        if (s != SQLITE_ROW)
            snprintf(x->err, x->errlen, "reading %s: %s", t->name, sqlite3_errmsg(x->src));
        PQputCopyEnd(x->pg, "transfer: source read failed");
        PQclear(PQgetResult(x->pg));
        goto out;
    }
    if (flush(x, t->name) < 0 || PQputCopyEnd(x->pg, NULL) != 1) {
        snprintf(x->err, x->errlen, "copying %s: %s", t->name, PQerrorMessage(x->pg));
        goto out;
    }
    r = PQgetResult(x->pg);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        char what[256];
        snprintf(what, sizeof(what), "copying %s", t->name);
        pg_fail(x, what, r);
        PQclear(r);
        while ((r = PQgetResult(x->pg)) != NULL)
            PQclear(r);
        goto out;
    }
    PQclear(r);
    while ((r = PQgetResult(x->pg)) != NULL)
        PQclear(r);
    rc = 0;
out:
    sqlite3_finalize(st);
    free(sel);
    free(cp);
    return rc;
}

/* Every sequence of the schema (serial country.id, the identities) restarts after the largest
 * value its column holds. */
static int reset_sequences(struct xfer *x)
{
    PGresult *r = pg_rows(x, "SELECT quote_ident(table_name), quote_ident(column_name), "
                             "pg_get_serial_sequence(quote_ident(table_name), column_name) "
                             "FROM information_schema.columns WHERE table_schema = "
                             "current_schema() AND pg_get_serial_sequence("
                             "quote_ident(table_name), column_name) IS NOT NULL");
    int rc = 0;
    if (!r)
        return -1;
    for (int row = 0; row < PQntuples(r) && !rc; row++) {
        char sql[512];
        const char *seq = PQgetvalue(r, row, 2);
        PGresult *s;
        snprintf(sql, sizeof(sql),
                 "SELECT setval($1::regclass, coalesce((SELECT max(%s) FROM %s), 0) + 1, false)",
                 PQgetvalue(r, row, 1), PQgetvalue(r, row, 0));
        s = PQexecParams(x->pg, sql, 1, NULL, &seq, NULL, NULL, 0);
        if (PQresultStatus(s) != PGRES_TUPLES_OK) {
            pg_fail(x, sql, s);
            rc = -1;
        }
        PQclear(s);
    }
    PQclear(r);
    return rc;
}

/* The target's schema version: 0 with no schema_migrations (then 1 if it holds other tables),
 * -1 on error. */
static int target_version(struct xfer *x, int *other_tables)
{
    PGresult *r = pg_rows(x, "SELECT to_regclass('schema_migrations') IS NOT NULL, "
                             "(SELECT count(*) FROM information_schema.tables "
                             "WHERE table_schema = current_schema())");
    int v;
    if (!r)
        return -1;
    *other_tables = (int)strtol(PQgetvalue(r, 0, 1), NULL, 10);
    v = !strcmp(PQgetvalue(r, 0, 0), "t");
    PQclear(r);
    if (!v)
        return 0;
    if (!(r = pg_rows(x, "SELECT coalesce(max(version), 0) FROM schema_migrations")))
        return -1;
    v = (int)strtol(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return v;
}

static int migrate_target(const char *uri, void *log, char *err, size_t errlen)
{
    struct db *db = db_open(uri, 5000, err, errlen);
    int rc;
    if (!db)
        return -1;
    rc = db_migrate(db, log, err, errlen);
    db_close(db);
    return rc;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int source_version(sqlite3 *h)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int run(struct xfer *x, const char *uri, FILE *out, FILE *log)
{
    int sv, tv, others;
    long long total = 0;
    int copied = 0;
    double t0;

    if ((sv = source_version(x->src)) < 0) {
        snprintf(x->err, x->errlen, "cannot read the source: %s", sqlite3_errmsg(x->src));
        return -1;
    }
    if (sv != db_schema_latest()) {
        snprintf(x->err, x->errlen,
                 "the SQLite file is at schema %d, this binary's is %d: run 'medusa-fcgi migrate' "
                 "on it first",
                 sv, db_schema_latest());
        return -1;
    }
    if ((tv = target_version(x, &others)) < 0)
        return -1;
    if (tv == 0) {
        if (others) {
            snprintf(x->err, x->errlen,
                     "the target holds %d tables but no schema_migrations: not a medusa-fcgi "
                     "database",
                     others);
            return -1;
        }
        if (log)
            fprintf(log, "transfer: the target is empty: migrating it\n");
        if (migrate_target(uri, log, x->err, x->errlen) < 0)
            return -1;
        if ((tv = target_version(x, &others)) < 0)
            return -1;
    }
    if (tv != sv) {
        snprintf(x->err, x->errlen,
                 "the target is at schema %d, the SQLite file at %d: migrate both with this "
                 "binary first",
                 tv, sv);
        return -1;
    }

    t0 = now_s();
    /* One snapshot of the source; one transaction on the target. */
    if (sqlite3_exec(x->src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
        snprintf(x->err, x->errlen, "cannot read the source: %s", sqlite3_errmsg(x->src));
        return -1;
    }
    if (pg_cmd(x, "BEGIN") < 0 || list_tables(x) < 0 || list_columns(x) < 0 || check_empty(x) < 0 ||
        list_fks(x) < 0)
        return -1;
    sort_tables(x);
    for (int k = 0; k < x->nfk && log; k++)
        if (x->fk[k].broken)
            fprintf(log, "transfer: %s.%s (to %s) checked at the end\n", x->t[x->fk[k].from].name,
                    x->fk[k].name, x->t[x->fk[k].to].name);
    if (set_deferral(x, 1) < 0)
        return -1;
    /* The migrations' own rows give way to the source's (children first). */
    for (int o = x->norder - 1; o >= 0; o--) {
        struct table *t = &x->t[x->order[o]];
        char *q, sql[256];
        if (!t->preload)
            continue;
        if (!(q = ident(x, t->name)))
            return -1;
        snprintf(sql, sizeof(sql), "DELETE FROM %s", q);
        PQfreemem(q);
        if (pg_cmd(x, sql) < 0)
            return -1;
    }
    for (int i = 0; i < x->nt; i++)
        if (x->t[i].skip && x->t[i].is_fts != 2) /* FTS5's storage goes unmentioned */
            fprintf(out, "%-36s skipped: %s\n", x->t[i].name, x->t[i].skip);
    for (int o = 0; o < x->norder; o++) {
        struct table *t = &x->t[x->order[o]];
        count_not_json(x, t, log);
        if (copy_table(x, t) < 0)
            return -1;
        fprintf(out, "%-36s %lld row%s\n", t->name, t->rows, t->rows == 1 ? "" : "s");
        total += t->rows;
        copied++;
    }
    if (pg_cmd(x, "SET CONSTRAINTS ALL IMMEDIATE") < 0 || set_deferral(x, 0) < 0 ||
        reset_sequences(x) < 0 || pg_cmd(x, "COMMIT") < 0)
        return -1;
    sqlite3_exec(x->src, "COMMIT", NULL, NULL, NULL);
    {
        double s = now_s() - t0;
        fprintf(out, "transfer: %lld rows in %d tables into database %s in %.2f s (%.0f rows/s)\n",
                total, copied, PQdb(x->pg), s, s > 0 ? (double)total / s : 0.0);
    }
    return 0;
}

int db_transfer(const char *src, const char *uri, void *outf, void *logf, char *err, size_t errlen)
{
    struct xfer x;
    struct stat sb;
    int rc;

    memset(&x, 0, sizeof(x));
    x.err = err;
    x.errlen = errlen;
    if (!uri || !pg_target(uri)) {
        snprintf(err, errlen, "--to needs a PostgreSQL URI (postgres://... or pg:CONNINFO)");
        return -1;
    }
    if (pg_target(src)) {
        snprintf(err, errlen,
                 "transfer reads a SQLite file; the database setting names PostgreSQL");
        return -1;
    }
    /* Read-only, never created (as db_check). */
    if (stat(src, &sb) < 0) {
        snprintf(err, errlen, "no database at '%s'", src);
        return -1;
    }
    if (sqlite3_open_v2(src, &x.src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database '%s': %s", src,
                 x.src ? sqlite3_errmsg(x.src) : "out of memory");
        sqlite3_close(x.src);
        return -1;
    }
    sqlite3_busy_timeout(x.src, 5000);
    x.pg = PQconnectdb(!strncmp(uri, "pg:", 3) ? uri + 3 : uri);
    if (PQstatus(x.pg) != CONNECTION_OK) {
        pg_fail(&x, "cannot connect to the target", NULL);
        rc = -1;
    } else {
        PGresult *r = PQexec(x.pg, "SET client_min_messages = warning");
        PQclear(r);
        rc = run(&x, uri, outf, logf);
    }
    /* Without COMMIT the target's transaction ends rolled back with the connection. */
    PQfinish(x.pg);
    sqlite3_close(x.src);
    for (int i = 0; i < x.nt; i++) {
        for (int c = 0; c < x.t[i].ncols; c++)
            free(x.t[i].cols[c].name);
        free(x.t[i].cols);
        free(x.t[i].name);
    }
    for (int k = 0; k < x.nfk; k++)
        free(x.fk[k].name);
    free(x.t);
    free(x.fk);
    free(x.order);
    free(x.buf);
    return rc;
}
