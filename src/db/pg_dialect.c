/* pg_dialect.c: SQLite's dialect rewritten into PostgreSQL's (pg_dialect.h). The statement is cut
 * into tokens (literals, quoted names and comments are never looked into), the rules mark tokens
 * to replace or drop, and the tokens are written out again. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/sbuf.h"
#include "db/pg_dialect.h"

enum tk { T_SPACE, T_WORD, T_NUM, T_STR, T_QID, T_PARAM, T_PUNCT };

struct tok {
    enum tk kind;
    const char *p;
    size_t n;
    const char *repl; /* replacement text, or NULL */
    int drop;
    char num[16];           /* a rewritten parameter */
    int param;              /* its number */
    int in_json;            /* an argument of json_build_object/array: typed by its value */
    int null_test_end;      /* the NULL of "?N IS [NOT] NULL", or 0 */
    char *own;              /* a replacement this token owns */
    const char *pre, *post; /* text written before and after the token */
};

struct toks {
    struct tok *v;
    int n, cap;
};

static void push(struct toks *t, enum tk kind, const char *p, size_t n)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->v = xrealloc(t->v, sizeof(*t->v) * (size_t)t->cap);
    }
    memset(&t->v[t->n], 0, sizeof(t->v[0]));
    t->v[t->n].kind = kind;
    t->v[t->n].p = p;
    t->v[t->n++].n = n;
}

static int lex(struct toks *t, const char *s)
{
    const char *p = s;
    while (*p) {
        const char *b = p;
        if (isspace((unsigned char)*p)) {
            while (isspace((unsigned char)*p))
                p++;
            push(t, T_SPACE, b, (size_t)(p - b));
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
            push(t, T_SPACE, b, (size_t)(p - b));
        } else if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (!e)
                return -1;
            p = e + 2;
            push(t, T_SPACE, b, (size_t)(p - b));
        } else if (*p == '\'' || *p == '"') {
            char q = *p++;
            for (;;) {
                if (!*p)
                    return -1;
                if (*p == q && p[1] == q) {
                    p += 2;
                    continue;
                }
                if (*p++ == q)
                    break;
            }
            push(t, q == '\'' ? T_STR : T_QID, b, (size_t)(p - b));
        } else if (isalpha((unsigned char)*p) || *p == '_') {
            while (isalnum((unsigned char)*p) || *p == '_')
                p++;
            push(t, T_WORD, b, (size_t)(p - b));
        } else if (isdigit((unsigned char)*p)) {
            while (isalnum((unsigned char)*p) || *p == '.')
                p++;
            push(t, T_NUM, b, (size_t)(p - b));
        } else if (*p == '?') {
            p++;
            while (isdigit((unsigned char)*p))
                p++;
            push(t, T_PARAM, b, (size_t)(p - b));
        } else {
            /* two-character operators stay one token */
            static const char *const two[] = {
                "!=", "<>", "<=", ">=", "==", "||", "::", "->", "<<", ">>"};
            size_t n = 1;
            for (size_t i = 0; i < sizeof(two) / sizeof(two[0]); i++)
                if (p[0] == two[i][0] && p[1] == two[i][1])
                    n = 2;
            p += n;
            push(t, T_PUNCT, b, n);
        }
    }
    return 0;
}

static int is(const struct tok *k, const char *word)
{
    return k->kind == T_WORD && strlen(word) == k->n && !strncasecmp(k->p, word, k->n);
}

static int punct(const struct tok *k, const char *s)
{
    return k->kind == T_PUNCT && strlen(s) == k->n && !strncmp(k->p, s, k->n);
}

/* The next (dir 1) or previous (dir -1) token that is not space, or -1. */
static int step(const struct toks *t, int i, int dir)
{
    for (i += dir; i >= 0 && i < t->n; i += dir)
        if (t->v[i].kind != T_SPACE)
            return i;
    return -1;
}

/* Whether the token after a subquery in FROM names it (AS, or a name that is no keyword). */
static int names_subquery(const struct tok *k)
{
    static const char *const kw[] = {"WHERE",  "GROUP",     "ORDER",  "LIMIT",  "OFFSET",
                                     "JOIN",   "LEFT",      "RIGHT",  "INNER",  "CROSS",
                                     "FULL",   "NATURAL",   "ON",     "USING",  "UNION",
                                     "EXCEPT", "INTERSECT", "HAVING", "WINDOW", "RETURNING"};
    if (k->kind == T_QID)
        return 1;
    if (k->kind != T_WORD)
        return 0;
    for (size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
        if (is(k, kw[i]))
            return 0;
    return 1;
}

/* The index of the ")" closing the "(" at i, or -1. */
static int close_of(const struct toks *t, int i)
{
    int depth = 0;
    for (; i < t->n; i++) {
        if (punct(&t->v[i], "("))
            depth++;
        else if (punct(&t->v[i], ")") && --depth == 0)
            return i;
    }
    return -1;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_column(const void *a, const void *b)
{
    return strcmp(a, ((const struct pg_column *)b)->key);
}

static int cmp_columns(const void *a, const void *b)
{
    return strcmp(((const struct pg_column *)a)->key, ((const struct pg_column *)b)->key);
}

static int is_bool_col(const struct pg_dialect *d, const struct tok *k)
{
    char name[64], *key = name;
    if (k->kind != T_WORD || k->n >= sizeof(name) || !d->nbools)
        return 0;
    for (size_t i = 0; i < k->n; i++)
        name[i] = (char)tolower((unsigned char)k->p[i]);
    name[k->n] = '\0';
    return bsearch(&key, d->bools, (size_t)d->nbools, sizeof(char *), cmp_name) != NULL;
}

/* A lone 0 or 1 becomes false or true. */
static void bool_literal(struct tok *k)
{
    if (k->kind == T_NUM && k->n == 1 && (k->p[0] == '0' || k->p[0] == '1'))
        k->repl = k->p[0] == '1' ? "true" : "false";
}

/* The items of a list from open (exclusive) to end (the closing token, exclusive): each item's
 * first and last token indexes; returns the count (at most max). */
static int list_items(const struct toks *t, int open, int end, int *first, int *last, int max)
{
    int n = 0, depth = 0, start = step(t, open, 1);
    for (int i = open + 1; i <= end && n < max; i++) {
        const struct tok *k = &t->v[i];
        if (punct(k, "(")) {
            depth++;
        } else if (punct(k, ")") && depth > 0) {
            depth--;
        } else if (depth == 0 && (punct(k, ",") || i == end)) {
            first[n] = start;
            last[n++] = step(t, i, -1);
            start = step(t, i, 1);
        }
    }
    return n;
}

/* The type of table.column when it is one an expression must be cast to (not text), or NULL. */
static const char *cast_type(const struct pg_dialect *d, const struct tok *table,
                             const struct tok *col)
{
    char key[128];
    const struct pg_column *c;
    size_t tn = table->n, cn = col->n;
    const char *tp = table->p;
    if (table->kind == T_QID) { /* "order" */
        tp++;
        tn -= 2;
    }
    if (tn + cn + 2 > sizeof(key) || !d->ncols)
        return NULL;
    for (size_t i = 0; i < tn; i++)
        key[i] = (char)tolower((unsigned char)tp[i]);
    key[tn] = '.';
    for (size_t i = 0; i < cn; i++)
        key[tn + 1 + i] = (char)tolower((unsigned char)col->p[i]);
    key[tn + 1 + cn] = '\0';
    c = bsearch(key, d->cols, (size_t)d->ncols, sizeof(*d->cols), cmp_column);
    return c ? c->cast : NULL;
}

/* A value [a, b] stored into table.col: literal 0/1 into a boolean is false/true; an expression
 * (not a lone parameter or literal, whose type the column gives) is cast to the column's type,
 * since PostgreSQL types a coalesce or a CASE of parameters as text, and text is not assigned
 * to a time, a number or JSON. */
static void store_value(const struct pg_dialect *d, struct toks *t, const struct tok *table,
                        const struct tok *col, int a, int b)
{
    const char *type;
    if (a < 0 || b < a)
        return;
    if (a == b) {
        if (is_bool_col(d, col))
            bool_literal(&t->v[a]);
        return;
    }
    if (!(type = cast_type(d, table, col)))
        return;
    /* The parameters the expression passes through as its value (coalesce's arguments, CASE's
     * results) take the column's type too: a parameter has one type in the whole statement, and
     * coalesce would make it text. */
    for (int i = a + 1; i < b; i++) {
        int pv = step(t, i, -1), fn, end = i;
        if (t->v[i].kind != T_PARAM && is(&t->v[i], "json_extract")) {
            /* json_extract's text ("true", "12.5") likewise, as SQLite's gives a typed value */
            int open = step(t, i, 1);
            if (open < 0 || !punct(&t->v[open], "(") || (end = close_of(t, open)) < 0 || end >= b ||
                t->v[end].post)
                continue;
        } else if (t->v[i].kind != T_PARAM) {
            continue;
        }
        if (pv < 0 || t->v[i].pre)
            continue;
        if (is(&t->v[pv], "THEN") || is(&t->v[pv], "ELSE")) {
            t->v[i].pre = "CAST(";
            t->v[end].post = type + 1;
            continue;
        }
        if (!punct(&t->v[pv], "(") && !punct(&t->v[pv], ","))
            continue;
        /* the function whose argument list holds the parameter */
        int depth = 0;
        for (fn = i - 1; fn >= a; fn--) {
            if (punct(&t->v[fn], ")"))
                depth++;
            else if (punct(&t->v[fn], "(") && depth-- == 0)
                break;
        }
        fn = fn > a ? step(t, fn, -1) : -1;
        if (fn >= 0 && (is(&t->v[fn], "coalesce") || is(&t->v[fn], "ifnull") ||
                        is(&t->v[fn], "nullif") || is(&t->v[fn], "max") || is(&t->v[fn], "min") ||
                        is(&t->v[fn], "greatest") || is(&t->v[fn], "least"))) {
            t->v[i].pre = "CAST(";
            t->v[end].post = type + 1;
        }
    }
    t->v[a].pre = "CAST((";
    t->v[b].post = type;
}

/* INSERT INTO t (cols) VALUES (...), (...) or SELECT a, b: store_value for each value. */
static void insert_values(const struct pg_dialect *d, struct toks *t, int table, int at)
{
    int open = -1, close, cf[96], cl[96], ncols, vf[96], vl[96];
    for (int i = at; i >= 0 && i < t->n; i = step(t, i, 1)) {
        if (punct(&t->v[i], "(")) {
            open = i;
            break;
        }
        if (is(&t->v[i], "VALUES") || is(&t->v[i], "SELECT"))
            return;
    }
    if (open < 0 || (close = close_of(t, open)) < 0)
        return;
    ncols = list_items(t, open, close, cf, cl, 96);
    int i = step(t, close, 1);
    if (i < 0)
        return;
    if (is(&t->v[i], "VALUES")) {
        for (i = step(t, i, 1); i >= 0 && punct(&t->v[i], "(");) {
            int e = close_of(t, i), nv;
            if (e < 0)
                return;
            nv = list_items(t, i, e, vf, vl, 96);
            for (int c = 0; c < nv && c < ncols; c++)
                store_value(d, t, &t->v[table], &t->v[cf[c]], vf[c], vl[c]);
            i = step(t, e, 1);
            if (i < 0 || !punct(&t->v[i], ","))
                break;
            i = step(t, i, 1);
        }
    } else if (is(&t->v[i], "SELECT")) {
        /* the select list runs to FROM (or WHERE, or the end) at depth 0 */
        int depth = 0, start = step(t, i, 1), c = 0;
        for (int j = start; j >= 0 && j < t->n && c < ncols; j++) {
            const struct tok *k = &t->v[j];
            int end = j + 1 == t->n;
            if (punct(k, "("))
                depth++;
            else if (punct(k, ")"))
                depth--;
            if (depth == 0 &&
                (punct(k, ",") || is(k, "FROM") || is(k, "WHERE") || is(k, "ON") || end)) {
                int last = end && !punct(k, ",") && k->kind != T_SPACE ? j : step(t, j, -1);
                store_value(d, t, &t->v[table], &t->v[cf[c]], start, last);
                if (!punct(k, ","))
                    break;
                c++;
                start = step(t, j, 1);
            }
        }
    }
}

/* SET a = x, b = y (an UPDATE's, or an upsert's DO UPDATE) from at: store_value for each. */
static void set_values(const struct pg_dialect *d, struct toks *t, int table, int at)
{
    int depth = 0, col = -1, start = -1;
    for (int j = step(t, at, 1); j >= 0 && j < t->n; j++) {
        const struct tok *k = &t->v[j];
        int end = j + 1 == t->n;
        if (punct(k, "("))
            depth++;
        else if (punct(k, ")"))
            depth--;
        if (depth < 0)
            return;
        if (depth)
            continue;
        if (col < 0 && k->kind == T_WORD) {
            col = j;
            continue;
        }
        if (col >= 0 && start < 0 && punct(k, "=")) {
            start = step(t, j, 1);
            continue;
        }
        if (start >= 0 &&
            (punct(k, ",") || is(k, "WHERE") || is(k, "FROM") || is(k, "RETURNING") || end)) {
            int last = end && !punct(k, ",") && k->kind != T_SPACE ? j : step(t, j, -1);
            store_value(d, t, &t->v[table], &t->v[col], start, last);
            if (!punct(k, ","))
                return;
            col = start = -1;
        }
    }
}

/* An operator that makes its operands numbers, between tokens before and after. */
static int numeric_op(const struct tok *k)
{
    static const char *const ops[] = {"|", "&", "<<", ">>", "+", "-", "*", "/", "%"};
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (punct(k, ops[i]))
            return 1;
    return 0;
}

/* A column between tokens before and after is used as a number: an arithmetic operand, or
 * coalesce's first argument with a number after it. */
static int numeric_use(const struct toks *t, int before, int after)
{
    if ((before >= 0 && numeric_op(&t->v[before])) || (after >= 0 && numeric_op(&t->v[after])))
        return 1;
    if (after >= 0 && punct(&t->v[after], ",")) {
        int n = step(t, after, 1);
        if (n >= 0 && punct(&t->v[n], "-"))
            n = step(t, n, 1);
        return n >= 0 && t->v[n].kind == T_NUM;
    }
    return 0;
}

/* One select-list item [a, b] (space trimmed) of a UNION branch, as text: SQLite lets a column
 * hold integers in one branch and text in another; PostgreSQL wants one type, so every value
 * becomes text (the driver reads numbers back from it). A rowid is zero-padded so that an ORDER
 * BY on the column still sorts numbers as numbers. */
static void union_item(const struct pg_dialect *d, struct toks *t, int a, int b)
{
    int depth = 0, end = b;
    for (int i = a; i <= b; i++) {
        if (punct(&t->v[i], "("))
            depth++;
        else if (punct(&t->v[i], ")"))
            depth--;
        else if (!depth && is(&t->v[i], "AS") && i > a) {
            end = step(t, i, -1);
            break;
        }
    }
    if (a == end && is(&t->v[a], "NULL"))
        return;
    if (is(&t->v[end], "rowid")) {
        t->v[a].pre = "lpad(CAST(";
        t->v[end].post = " AS TEXT), 20, '0')";
    } else if (is_bool_col(d, &t->v[end]) && (a == end || punct(&t->v[end - 1], "."))) {
        t->v[a].pre = "CAST(CAST(";
        t->v[end].post = " AS INTEGER) AS TEXT)";
    } else {
        t->v[a].pre = "CAST((";
        t->v[end].post = ") AS TEXT)";
    }
}

/* Statements with a UNION at the top: every select list's items as text (union_item). */
static void union_text(const struct pg_dialect *d, struct toks *t)
{
    int depth = 0, has = 0;
    for (int i = 0; i < t->n; i++) {
        if (punct(&t->v[i], "("))
            depth++;
        else if (punct(&t->v[i], ")"))
            depth--;
        else if (!depth && is(&t->v[i], "UNION"))
            has = 1;
    }
    if (!has)
        return;
    depth = 0;
    for (int i = 0; i < t->n; i++) {
        if (punct(&t->v[i], "("))
            depth++;
        else if (punct(&t->v[i], ")"))
            depth--;
        if (depth || !is(&t->v[i], "SELECT"))
            continue;
        int a = step(t, i, 1), dd = 0;
        if (a >= 0 && is(&t->v[a], "DISTINCT"))
            a = step(t, a, 1);
        for (int j = a; a >= 0 && j < t->n; j++) {
            const struct tok *k = &t->v[j];
            int stop = !dd && (is(k, "FROM") || is(k, "UNION") || is(k, "ORDER") ||
                               is(k, "WHERE") || is(k, "GROUP") || is(k, "LIMIT"));
            if (punct(k, "("))
                dd++;
            else if (punct(k, ")"))
                dd--;
            if (stop || (!dd && punct(k, ",")) || j + 1 == t->n) {
                int b = stop || punct(k, ",") ? step(t, j, -1) : j;
                if (b >= a)
                    union_item(d, t, a, b);
                if (stop)
                    break;
                a = step(t, j, 1);
            }
        }
    }
}

static const char db_now_fmt[] = "'%Y-%m-%dT%H:%M:%fZ'";

/* Writes the tokens; probe: each "?N IS [NOT] NULL" is written as TRUE. */
static char *emit(const struct toks *t, int nothing, int returning, int probe)
{
    struct sbuf out = SBUF_INIT;
    for (int i = 0; i < t->n; i++) {
        const struct tok *k = &t->v[i];
        if (nothing > 0 && i == returning)
            sbuf_adds(&out, "ON CONFLICT DO NOTHING ");
        if (probe && k->null_test_end) {
            sbuf_adds(&out, "TRUE");
            i = k->null_test_end;
            continue;
        }
        if (k->pre)
            sbuf_adds(&out, k->pre);
        if (!k->drop) {
            if (k->repl)
                sbuf_adds(&out, k->repl);
            else
                sbuf_add(&out, k->p, k->n);
        } else if (i + 1 < t->n && t->v[i + 1].kind == T_SPACE && out.len &&
                   isspace((unsigned char)out.buf[out.len - 1]) && !t->v[i + 1].pre) {
            i++; /* one space between the neighbours of what was dropped */
        }
        if (k->post)
            sbuf_adds(&out, k->post);
    }
    if (nothing > 0 && returning < 0) {
        /* before a trailing semicolon */
        size_t n = out.len;
        while (n && (isspace((unsigned char)out.buf[n - 1]) || out.buf[n - 1] == ';'))
            n--;
        out.len = n;
        out.buf[n] = '\0';
        sbuf_adds(&out, " ON CONFLICT DO NOTHING");
    }
    if (!out.buf)
        sbuf_adds(&out, "");
    return out.buf;
}

char *pg_dialect_rewrite(const struct pg_dialect *d, const char *sql, struct pg_rewritten *r)
{
    struct toks t = {0};
    int maxp = 0, nothing = -1, returning = -1, depth = 0, json_end = -1, probe = 0;
    int insert_table = -1;
    char *text;
    if (lex(&t, sql) < 0) {
        free(t.v);
        return NULL;
    }
    for (int i = 0; i < t.n; i++) {
        struct tok *k = &t.v[i];
        int nx = step(&t, i, 1), pv = step(&t, i, -1);
        if (punct(k, "("))
            depth++;
        else if (punct(k, ")"))
            depth--;
        if (k->kind == T_PARAM) {
            int n = k->n > 1 ? (int)strtol(k->p + 1, NULL, 10) : maxp + 1;
            if (n > maxp)
                maxp = n;
            snprintf(k->num, sizeof(k->num), "$%d", n);
            k->repl = k->num;
            k->param = n;
            k->in_json = json_end >= i;
            /* ?N IS [NOT] NULL: a parameter's type comes from its first use, and a null test
             * gives it none. The probe statement leaves the test out (TRUE), so the driver can
             * ask the server what the other uses make of it. */
            if (nx >= 0 && is(&t.v[nx], "IS")) {
                int m = step(&t, nx, 1);
                if (m >= 0 && is(&t.v[m], "NOT"))
                    m = step(&t, m, 1);
                if (m >= 0 && is(&t.v[m], "NULL")) {
                    k->null_test_end = m;
                    probe = 1;
                }
            }
            continue;
        }
        if (punct(k, "==")) {
            k->repl = "=";
        }
        if (k->kind != T_WORD)
            goto booleans;
        /* A subquery in FROM or JOIN needs a name in PostgreSQL (SQLite's may have none). */
        if ((is(k, "FROM") || is(k, "JOIN")) && nx >= 0 && punct(&t.v[nx], "(")) {
            int sel = step(&t, nx, 1), e = close_of(&t, nx), after = e >= 0 ? step(&t, e, 1) : -1;
            if (sel >= 0 && is(&t.v[sel], "SELECT") && e >= 0 && !t.v[e].post && !t.v[e].own &&
                (after < 0 || !names_subquery(&t.v[after]))) {
                struct sbuf w = SBUF_INIT;
                sbuf_addf(&w, " AS _sub%d", e);
                t.v[e].own = w.buf;
                t.v[e].post = w.buf;
            }
        }
        if (is(k, "strftime") && nx >= 0 && punct(&t.v[nx], "(")) {
            int a = step(&t, nx, 1), c = a >= 0 ? step(&t, a, 1) : -1,
                b = c >= 0 ? step(&t, c, 1) : -1, e = b >= 0 ? step(&t, b, 1) : -1;
            if (e >= 0 && t.v[a].n == strlen(db_now_fmt) &&
                !strncmp(t.v[a].p, db_now_fmt, t.v[a].n) && punct(&t.v[c], ",") && t.v[b].n == 5 &&
                !strncasecmp(t.v[b].p, "'now'", 5) && punct(&t.v[e], ")")) {
                k->repl = "now()";
                for (int j = i + 1; j <= e; j++)
                    t.v[j].drop = 1;
                i = e;
                continue;
            }
        } else if (is(k, "INSERT") && nx >= 0 && is(&t.v[nx], "OR")) {
            int w = step(&t, nx, 1);
            if (w >= 0 && is(&t.v[w], "IGNORE")) {
                for (int j = i + 1; j <= w; j++)
                    t.v[j].drop = 1;
                nothing = 1;
            }
        } else if (is(k, "INTO") && pv >= 0 &&
                   (is(&t.v[pv], "INSERT") || is(&t.v[pv], "IGNORE") || is(&t.v[pv], "REPLACE"))) {
            if (nx >= 0) {
                insert_table = nx;
                insert_values(d, &t, nx, step(&t, nx, 1));
            }
        } else if (is(k, "UPDATE") && nx >= 0 && (pv < 0 || !is(&t.v[pv], "DO"))) {
            int set = step(&t, nx, 1);
            if (set >= 0 && is(&t.v[set], "SET"))
                set_values(d, &t, nx, set);
        } else if (is(k, "SET") && pv >= 0 && is(&t.v[pv], "UPDATE") && insert_table >= 0) {
            int dd = step(&t, pv, -1);
            if (dd >= 0 && is(&t.v[dd], "DO"))
                set_values(d, &t, insert_table, i);
        } else if (is(k, "CROSS") && nx >= 0 && is(&t.v[nx], "JOIN")) {
            /* SQLite's CROSS JOIN … ON (a join order hint) is PostgreSQL's JOIN … ON */
            int dd = 0;
            for (int j = step(&t, nx, 1); j >= 0; j = step(&t, j, 1)) {
                const struct tok *w = &t.v[j];
                if (punct(w, "("))
                    dd++;
                else if (punct(w, ")") && --dd < 0)
                    break;
                if (dd)
                    continue;
                if (is(w, "ON")) {
                    k->drop = 1;
                    break;
                }
                if (is(w, "JOIN") || is(w, "WHERE") || is(w, "ORDER") || is(w, "GROUP") ||
                    is(w, "LIMIT") || punct(w, ","))
                    break;
            }
        } else if (is(k, "RETURNING") && depth == 0) {
            returning = i;
        } else if (is(k, "LIKE")) {
            k->repl = "ILIKE";
        } else if (is(k, "IS") && nx >= 0) {
            const struct tok *n = &t.v[nx];
            if (is(n, "NOT")) {
                int m = step(&t, nx, 1);
                if (m >= 0 && !is(&t.v[m], "NULL") && !is(&t.v[m], "TRUE") &&
                    !is(&t.v[m], "FALSE") && !is(&t.v[m], "DISTINCT")) {
                    k->repl = "IS DISTINCT FROM";
                    t.v[nx].drop = 1;
                }
            } else if (!is(n, "NULL") && !is(n, "TRUE") && !is(n, "FALSE") && !is(n, "DISTINCT")) {
                k->repl = "IS NOT DISTINCT FROM";
            }
        } else if (nx >= 0 && punct(&t.v[nx], "(")) {
            if (is(k, "max") || is(k, "min")) {
                int e = close_of(&t, nx), args = 1, dd = 0;
                for (int j = nx + 1; j < e; j++) {
                    if (punct(&t.v[j], "("))
                        dd++;
                    else if (punct(&t.v[j], ")"))
                        dd--;
                    else if (!dd && punct(&t.v[j], ","))
                        args++;
                }
                if (args > 1)
                    k->repl = is(k, "max") ? "greatest" : "least";
            } else if (is(k, "ifnull")) {
                k->repl = "coalesce";
            } else if (is(k, "json")) {
                /* json(?N): PostgreSQL reads it as a cast, which cannot type a bare parameter */
                int a = step(&t, nx, 1), e = a >= 0 ? step(&t, a, 1) : -1;
                if (a >= 0 && t.v[a].kind == T_PARAM && e >= 0 && punct(&t.v[e], ")") &&
                    !t.v[a].pre) {
                    t.v[a].pre = "CAST(";
                    t.v[a].post = " AS TEXT)";
                }
            } else if (is(k, "json_object") || is(k, "json_array")) {
                k->repl = is(k, "json_object") ? "json_build_object" : "json_build_array";
                if (close_of(&t, nx) > json_end)
                    json_end = close_of(&t, nx);
            }
        } else if (is(k, "LIMIT") && nx >= 0 && punct(&t.v[nx], "-")) {
            int one = step(&t, nx, 1);
            if (one >= 0 && t.v[one].kind == T_NUM) {
                k->repl = "LIMIT ALL";
                t.v[nx].drop = t.v[one].drop = 1;
            }
        }
    booleans:
        /* a boolean column used as a number (flags | (b << 1), sum(b), coalesce(b, 0)) */
        if (is_bool_col(d, k) && (nx < 0 || !punct(&t.v[nx], "."))) {
            int q = i;
            if (i >= 2 && punct(&t.v[i - 1], ".") && t.v[i - 2].kind == T_WORD)
                q = i - 2;
            int before = step(&t, q, -1), fn = before >= 0 ? step(&t, before, -1) : -1;
            if (numeric_use(&t, before, nx) ||
                (before >= 0 && punct(&t.v[before], "(") && fn >= 0 &&
                 (is(&t.v[fn], "sum") || is(&t.v[fn], "total") || is(&t.v[fn], "max") ||
                  is(&t.v[fn], "min")))) {
                struct sbuf w = SBUF_INIT;
                sbuf_adds(&w, "CAST(");
                for (int j = q; j <= i; j++)
                    sbuf_add(&w, t.v[j].p, t.v[j].n);
                sbuf_adds(&w, " AS INTEGER)");
                for (int j = q + 1; j <= i; j++)
                    t.v[j].drop = 1;
                t.v[q].own = w.buf;
                t.v[q].repl = w.buf;
            }
        }
        /* col = 0/1, col != 0/1 (and the literal first) */
        if (punct(k, "=") || punct(k, "==") || punct(k, "!=") || punct(k, "<>")) {
            if (pv >= 0 && nx >= 0) {
                if (is_bool_col(d, &t.v[pv]))
                    bool_literal(&t.v[nx]);
                else if (is_bool_col(d, &t.v[nx]))
                    bool_literal(&t.v[pv]);
            }
        }
    }
    union_text(d, &t);
    text = emit(&t, nothing, returning, 0);
    r->nparams = maxp;
    r->probe = probe ? emit(&t, nothing, returning, 1) : NULL;
    r->in_json = maxp ? xmalloc((size_t)maxp) : NULL;
    if (maxp)
        memset(r->in_json, 0, (size_t)maxp);
    for (int i = 0; i < t.n; i++) {
        if (t.v[i].param && t.v[i].in_json)
            r->in_json[t.v[i].param - 1] = 1;
        free(t.v[i].own);
    }
    free(t.v);
    return text;
}

void pg_dialect_init(struct pg_dialect *d)
{
    d->bools = NULL;
    d->nbools = 0;
    d->cols = NULL;
    d->ncols = 0;
}

static void free_bools(struct pg_dialect *d)
{
    for (int i = 0; i < d->nbools; i++)
        free(d->bools[i]);
    free(d->bools);
    d->bools = NULL;
    d->nbools = 0;
}

static void free_cols(struct pg_dialect *d)
{
    for (int i = 0; i < d->ncols; i++)
        free(d->cols[i].cast);
    free(d->cols);
    d->cols = NULL;
    d->ncols = 0;
}

void pg_dialect_free(struct pg_dialect *d)
{
    free_bools(d);
    free_cols(d);
}

void pg_dialect_set_columns(struct pg_dialect *d, const char *const *tables,
                            const char *const *columns, const char *const *types, int n)
{
    static const char *const plain[] = {"text",  "character varying", "character", "USER-DEFINED",
                                        "ARRAY", "tsvector"};
    free_cols(d);
    d->cols = n ? xmalloc(sizeof(*d->cols) * (size_t)n) : NULL;
    for (int i = 0; i < n; i++) {
        int skip = 0;
        for (size_t k = 0; k < sizeof(plain) / sizeof(plain[0]); k++)
            skip |= !strcmp(types[i], plain[k]);
        if (skip || strlen(tables[i]) + strlen(columns[i]) + 2 > sizeof(d->cols[0].key))
            continue;
        struct pg_column *c = &d->cols[d->ncols++];
        snprintf(c->key, sizeof(c->key), "%s.%s", tables[i], columns[i]);
        for (char *p = c->key; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        size_t len = strlen(types[i]) + 8;
        c->cast = xmalloc(len);
        snprintf(c->cast, len, ") AS %s)", types[i]);
    }
    if (d->ncols)
        qsort(d->cols, (size_t)d->ncols, sizeof(*d->cols), cmp_columns);
}

void pg_dialect_set_bools(struct pg_dialect *d, const char *const *names, int n)
{
    free_bools(d);
    d->bools = n ? xmalloc(sizeof(char *) * (size_t)n) : NULL;
    for (int i = 0; i < n; i++) {
        char *s = xstrdup(names[i]);
        for (char *p = s; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        d->bools[d->nbools++] = s;
    }
    if (d->nbools)
        qsort(d->bools, (size_t)d->nbools, sizeof(char *), cmp_name);
}
