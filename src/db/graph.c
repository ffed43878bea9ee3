/* graph.c: entity descriptors + selection → one SQL statement building JSON (graph.h). */
#include "db/graph.h"

#include <assert.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "db/db.h"
#include "db/internal.h"

/* ---- selections ---------------------------------------------------------------------------- */

static const struct gcol *find_col(const struct gent *e, const char *name, size_t len)
{
    for (const struct gcol *col = e->cols; col->name; col++)
        if (strlen(col->name) == len && !memcmp(col->name, name, len))
            return col;
    return NULL;
}

static const struct grel *find_rel(const struct gent *e, const char *name, size_t len)
{
    if (!e->rels)
        return NULL;
    for (const struct grel *rel = e->rels; rel->name; rel++)
        if (strlen(rel->name) == len && !memcmp(rel->name, name, len))
            return rel;
    return NULL;
}

static struct gsel *rel_sub(struct ctx *c, struct gsel *sel, const struct grel *rel);

/* A selection of e: its default columns, and its eager relations (Medusa's entities load those
 * wherever they are loaded: a return's items, a fulfillment's items). */
static struct gsel *sel_new(struct ctx *c, const struct gent *e)
{
    struct gsel *s = arena_calloc(&c->arena, sizeof(*s));
    s->ent = e;
    for (const struct grel *r = e->rels; r && r->name; r++)
        for (int i = 0; i < gent_neager; i++)
            if (gent_eager[i].ent == e && !strcmp(gent_eager[i].rel, r->name))
                rel_sub(c, s, r);
    return s;
}

struct gsel *gsel_cols(struct ctx *c, const struct gent *e)
{
    return sel_new(c, e);
}

int gsel_has_col(const struct gsel *sel, const char *name)
{
    if (!sel->cols) {
        const struct gcol *k = find_col(sel->ent, name, strlen(name));
        return k && !k->hidden;
    }
    for (int i = 0; i < sel->ncols; i++)
        if (!strcmp(sel->cols[i], name))
            return 1;
    return 0;
}

int gsel_has_rel(const struct gsel *sel, const char *name)
{
    return gsel_rel(sel, name) != NULL;
}

struct gsel *gsel_rel(const struct gsel *sel, const char *name)
{
    for (int i = 0; i < sel->nrels; i++)
        if (!strcmp(sel->rels[i].rel->name, name))
            return sel->rels[i].sub;
    return NULL;
}

/* The sub-selection for relation rel of sel, created if missing. */
static struct gsel *rel_sub(struct ctx *c, struct gsel *sel, const struct grel *rel)
{
    for (int i = 0; i < sel->nrels; i++)
        if (sel->rels[i].rel == rel)
            return sel->rels[i].sub;
    struct gsel_rel *grown = arena_alloc(&c->arena, sizeof(*grown) * (size_t)(sel->nrels + 1));
    if (sel->nrels)
        memcpy(grown, sel->rels, sizeof(*grown) * (size_t)sel->nrels);
    grown[sel->nrels].rel = rel;
    grown[sel->nrels].sub = sel_new(c, rel->target);
    sel->rels = grown;
    return sel->rels[sel->nrels++].sub;
}

void gsel_add_col(struct ctx *c, struct gsel *sel, const char *name)
{
    const struct gcol *col = find_col(sel->ent, name, strlen(name));
    if (!col)
        return;
    if (!sel->cols) {
        /* From "the defaults" to an explicit list: defaults first. */
        int n = 0;
        for (const struct gcol *k = sel->ent->cols; k->name; k++)
            n++;
        sel->cols = arena_alloc(&c->arena, sizeof(char *) * (size_t)(n + 1));
        for (const struct gcol *k = sel->ent->cols; k->name; k++)
            if (!k->hidden)
                sel->cols[sel->ncols++] = k->name;
    }
    for (int i = 0; i < sel->ncols; i++)
        if (!strcmp(sel->cols[i], col->name))
            return;
    /* cols was sized for every column of the entity. */
    sel->cols[sel->ncols++] = col->name;
}

void gsel_add_rel(struct ctx *c, struct gsel *sel, const char *path)
{
    while (*path) {
        const char *dot = strchr(path, '.');
        size_t len = dot ? (size_t)(dot - path) : strlen(path);
        const struct grel *rel = find_rel(sel->ent, path, len);
        if (!rel)
            return;
        sel = rel_sub(c, sel, rel);
        if (!dot)
            return;
        path = dot + 1;
    }
}

/* Selects exactly column `name` on sel (explicit list, no defaults). */
static void sel_pick(struct ctx *c, struct gsel *sel, const char *name, size_t len)
{
    const struct gcol *col = find_col(sel->ent, name, len);
    if (!col)
        return;
    if (!sel->cols) {
        int n = 0;
        for (const struct gcol *k = sel->ent->cols; k->name; k++)
            n++;
        sel->cols = arena_alloc(&c->arena, sizeof(char *) * (size_t)(n + 1));
    }
    for (int i = 0; i < sel->ncols; i++)
        if (!strcmp(sel->cols[i], col->name))
            return;
    sel->cols[sel->ncols++] = col->name;
}

struct gsel *gsel_build(struct ctx *c, const struct gent *e, const char *const *fields,
                        const char *const *relations)
{
    struct gsel *root = sel_new(c, e);
    if (relations)
        for (const char *const *r = relations; *r; r++)
            gsel_add_rel(c, root, *r);
    if (!fields)
        return root;
    for (const char *const *f = fields; *f; f++) {
        /* Walk the dotted prefix through relations; the last part is a column. */
        struct gsel *sel = root;
        const char *p = *f, *dot;
        while ((dot = strchr(p, '.'))) {
            const struct grel *rel = find_rel(sel->ent, p, (size_t)(dot - p));
            if (!rel)
                break;
            sel = rel_sub(c, sel, rel);
            p = dot + 1;
        }
        if (dot)
            continue;
        sel_pick(c, sel, p, strlen(p));
        if (sel != root)
            sel_pick(c, sel, "id", 2);
    }
    /* A root with explicit fields but none of them known still selects its id. */
    if (!root->cols)
        sel_pick(c, root, "id", 2);
    return root;
}

/* ---- SQL generation ------------------------------------------------------------------------ */

/* Appends frag with %c → alias and %p → parent. */
static void add_frag(struct sbuf *sql, const char *frag, const char *alias, const char *parent)
{
    for (const char *p = frag; *p; p++) {
        if (p[0] == '%' && p[1] == 'c') {
            sbuf_adds(sql, alias);
            p++;
        } else if (p[0] == '%' && p[1] == 'p' && parent) {
            sbuf_adds(sql, parent);
            p++;
        } else {
            sbuf_addc(sql, *p);
        }
    }
}

/* sbuf_adds of several strings: this file builds long statements, and printf is slow. */
static void adds(struct sbuf *sb, const char *const *parts)
{
    for (; *parts; parts++)
        sbuf_adds(sb, *parts);
}
#define ADDS(sb, ...) adds((sb), (const char *const[]){__VA_ARGS__, NULL})

static void add_col(struct sbuf *sql, const struct gcol *col, const char *alias)
{
    struct sbuf ref = SBUF_INIT;
    const char *r;
    if (col->expr) {
        sbuf_addc(&ref, '(');
        add_frag(&ref, col->expr, alias, NULL);
        sbuf_addc(&ref, ')');
    } else {
        ADDS(&ref, alias, ".\"", col->name, "\"");
    }
    r = ref.buf;
    ADDS(sql, "'", col->name, "',");
    switch (col->type) {
    case G_BOOL:
        ADDS(sql, "CASE WHEN ", r, " IS NULL THEN NULL WHEN ", r,
             " THEN json('true') ELSE json('false') END");
        break;
    case G_JSON:
        /* A stored column's keys in jsonb's order, as PostgreSQL answers (src/db/sqlite.c); a
         * computed one (an expression) as it was built. */
        if (col->expr)
            ADDS(sql, "json(", r, ")");
        else
            ADDS(sql, "json(jsonb_order(", r, "))");
        break;
    case G_REAL:
        ADDS(sql, "CASE WHEN ", r, " = CAST(", r, " AS INTEGER) THEN CAST(", r,
             " AS INTEGER) ELSE ", r, " END");
        break;
    default:
        sbuf_adds(sql, r);
    }
    sbuf_release(&ref);
}

static void graph_sql_build(struct sbuf *sql, const struct gsel *sel, const char *alias, int depth)
{
    const struct gent *e = sel->ent;
    int first = 1;
    sbuf_adds(sql, "json_object(");
    if (sel->cols) {
        for (int i = 0; i < sel->ncols; i++) {
            const struct gcol *col = find_col(e, sel->cols[i], strlen(sel->cols[i]));
            if (!first)
                sbuf_addc(sql, ',');
            add_col(sql, col, alias);
            first = 0;
        }
    } else {
        for (const struct gcol *col = e->cols; col->name; col++) {
            if (col->hidden)
                continue;
            if (!first)
                sbuf_addc(sql, ',');
            add_col(sql, col, alias);
            first = 0;
        }
    }
    for (int i = 0; i < sel->nrels; i++) {
        const struct grel *rel = sel->rels[i].rel;
        const struct gent *t = rel->target;
        char sub[16];
        /* Siblings at one depth share the alias: each sub-select is its own scope. */
        snprintf(sub, sizeof(sub), "t%d", depth + 1);
        if (!first)
            sbuf_addc(sql, ',');
        first = 0;
        ADDS(sql, "'", rel->name, "',");
        if (rel->many)
            sbuf_adds(sql, "(SELECT json_group_array(json(x)) FROM (SELECT ");
        else
            sbuf_adds(sql, "(SELECT ");
        graph_sql_build(sql, sel->rels[i].sub, sub, depth + 1);
        ADDS(sql, " AS x FROM ", t->table, " ", sub, " WHERE ");
        add_frag(sql, rel->join, sub, alias);
        if (t->live) {
            sbuf_adds(sql, " AND ");
            add_frag(sql, t->live, sub, alias);
        }
        if (rel->many && rel->order) {
            /* "+term" keeps the planner from walking a whole table in index order to spare
             * sorting the few related rows. */
            const char *o = rel->order;
            sbuf_adds(sql, " ORDER BY +");
            for (const char *comma; (comma = strstr(o, ", ")); o = comma + 2) {
                struct sbuf term = SBUF_INIT;
                sbuf_add(&term, o, (size_t)(comma - o));
                add_frag(sql, term.buf, sub, alias);
                sbuf_release(&term);
                sbuf_adds(sql, ", +");
            }
            add_frag(sql, o, sub, alias);
        }
        sbuf_adds(sql, rel->many ? "))" : " LIMIT 1)");
    }
    sbuf_addc(sql, ')');
}

/* What a selection's SQL depends on, as bytes: each level's entity and relation descriptors (by
 * address: they are static) and selected column names. */
static void sel_sig(struct sbuf *sig, const struct gsel *sel)
{
    sbuf_add(sig, &sel->ent, sizeof(sel->ent));
    if (sel->cols) {
        for (int i = 0; i < sel->ncols; i++) {
            sbuf_adds(sig, sel->cols[i]);
            sbuf_addc(sig, ',');
        }
    } else {
        sbuf_addc(sig, '*');
    }
    for (int i = 0; i < sel->nrels; i++) {
        sbuf_addc(sig, '(');
        sbuf_add(sig, &sel->rels[i].rel, sizeof(sel->rels[i].rel));
        sel_sig(sig, sel->rels[i].sub);
        sbuf_addc(sig, ')');
    }
}

/* The SQL of the selections a worker has built, by signature: a cart answer's select list is
 * 13 KB of text, a fifth of the work of POST /store/carts to build again each time. Direct-mapped,
 * a slot's old text replaced by a newer one; a worker's lifetime. */
#define SQL_MEMO_SLOTS 128
static struct sql_memo {
    char *sig, *sql;
    size_t siglen, sqllen;
} sql_memo[SQL_MEMO_SLOTS];

static unsigned sig_slot(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return (unsigned)(h % SQL_MEMO_SLOTS);
}

/* The memo's text for signature sig, or NULL. */
static const struct sql_memo *memo_find(const struct sbuf *sig)
{
    const struct sql_memo *m = &sql_memo[sig_slot(sig->buf, sig->len)];
    return m->sig && m->siglen == sig->len && !memcmp(m->sig, sig->buf, sig->len) ? m : NULL;
}

/* Keeps text under sig, taking both buffers. */
static void memo_keep(struct sbuf *sig, struct sbuf *text)
{
    struct sql_memo *m = &sql_memo[sig_slot(sig->buf, sig->len)];
    free(m->sig);
    free(m->sql);
    m->sig = sig->buf;
    m->siglen = sig->len;
    m->sql = text->buf;
    m->sqllen = text->len;
    sbuf_init(sig);
    sbuf_init(text);
}

void graph_sql(struct sbuf *sql, const struct gsel *sel, const char *alias, int depth)
{
    struct sbuf sig = SBUF_INIT, built = SBUF_INIT;
    const struct sql_memo *m;
    sbuf_adds(&sig, "json/");
    sbuf_adds(&sig, alias);
    sbuf_addc(&sig, '/');
    sbuf_add_int(&sig, depth);
    sel_sig(&sig, sel);
    if ((m = memo_find(&sig))) {
        sbuf_add(sql, m->sql, m->sqllen);
        sbuf_release(&sig);
        return;
    }
    graph_sql_build(&built, sel, alias, depth);
    sbuf_add(sql, built.buf, built.len);
    memo_keep(&sig, &built);
}

/* ---- queries ------------------------------------------------------------------------------- */

static void release_sbuf(void *p)
{
    sbuf_release(p);
}

void gq_init(struct ctx *c, struct gquery *q, const struct gent *e, const struct gsel *sel)
{
    memset(q, 0, sizeof(*q));
    q->ent = e;
    q->sel = sel;
    q->limit = -1;
    q->where = arena_calloc(&c->arena, sizeof(*q->where));
    arena_defer(&c->arena, release_sbuf, q->where);
}

void gq_where(struct gquery *q, const char *frag)
{
    sbuf_adds(q->where, " AND (");
    sbuf_adds(q->where, frag);
    sbuf_addc(q->where, ')');
}

void gq_where_text(struct gquery *q, const char *frag, const char *v)
{
    gq_where(q, frag);
    if (q->nbinds < GQ_MAX_BINDS)
        q->binds[q->nbinds++] = (struct gbind){0, 0, v};
}

void gq_bind_text(struct gquery *q, const char *v)
{
    if (q->nbinds < GQ_MAX_BINDS)
        q->binds[q->nbinds++] = (struct gbind){0, 0, v};
}

void gq_where_int(struct gquery *q, const char *frag, int64_t v)
{
    gq_where(q, frag);
    if (q->nbinds < GQ_MAX_BINDS)
        q->binds[q->nbinds++] = (struct gbind){1, v, NULL};
}

void gq_where_list(struct ctx *c, struct gquery *q, const char *frag, const char *const *v, int n)
{
    struct sbuf sb = SBUF_INIT;
    sbuf_add_json_strs(&sb, v, n);
    gq_where_text(q, frag, arena_strdup(&c->arena, sb.buf));
    sbuf_release(&sb);
}

/* "%c."col"" for a column name written in the code (lower-case letters, digits, '_'). */
static const char *colref(struct ctx *c, const char *col)
{
    assert(*col && strspn(col, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(col));
    return arena_printf(&c->arena, "%%c.\"%s\"", col);
}

void gq_where_eq(struct ctx *c, struct gquery *q, const char *col, const char *v)
{
    gq_where_text(q, arena_printf(&c->arena, "%s = ?", colref(c, col)), v);
}

void gq_where_eq_int(struct ctx *c, struct gquery *q, const char *col, int64_t v)
{
    gq_where_int(q, arena_printf(&c->arena, "%s = ?", colref(c, col)), v);
}

void gq_where_in(struct ctx *c, struct gquery *q, const char *col, const char *const *v, int n)
{
    gq_where_list(c, q,
                  arena_printf(&c->arena, "%s IN (SELECT value FROM json_each(?))", colref(c, col)),
                  v, n);
}

void gq_where_contains(struct ctx *c, struct gquery *q, const char *cols, const char *text)
{
    struct sbuf frag = SBUF_INIT;
    const char *col = cols, *end;
    for (;;) {
        end = strchr(col, ',');
        if (col != cols)
            sbuf_adds(&frag, " OR ");
        sbuf_addf(
            &frag, "%s LIKE '%%' || ? || '%%'",
            colref(c, arena_strndup(&c->arena, col, end ? (size_t)(end - col) : strlen(col))));
        if (!end)
            break;
        col = end + 1;
    }
    gq_where(q, arena_strdup(&c->arena, frag.buf));
    sbuf_release(&frag);
    gq_bind_text(q, text);
    for (col = cols; (col = strchr(col, ',')); col++)
        gq_bind_text(q, text);
}

void gq_where_num(struct ctx *c, struct gquery *q, const char *col, const char *op, const char *v)
{
    assert(!strcmp(op, "=") || !strcmp(op, "<") || !strcmp(op, ">") || !strcmp(op, "<=") ||
           !strcmp(op, ">="));
    gq_where_text(q, arena_printf(&c->arena, "%s %s CAST(? AS REAL)", colref(c, col), op), v);
}

void gq_where_none(struct gquery *q)
{
    gq_where(q, "FALSE");
}

void gq_where_null(struct ctx *c, struct gquery *q, const char *col)
{
    gq_where(q, arena_printf(&c->arena, "%s IS NULL", colref(c, col)));
}

static const char *ident(const char *s)
{
    assert(*s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s));
    return s;
}

void gq_where_linked(struct ctx *c, struct gquery *q, const char *col, const char *table,
                     const char *pick, const char *key, const char *const *v, int n)
{
    gq_where_list(c, q,
                  arena_printf(&c->arena,
                               "%s IN (SELECT \"%s\" FROM \"%s\" WHERE \"%s\" IN (SELECT value"
                               " FROM json_each(?)))",
                               colref(c, col), ident(pick), ident(table), ident(key)),
                  v, n);
}

void gq_where_before(struct ctx *c, struct gquery *q, const char *col, const char *v,
                     const char *id)
{
    const char *cr = colref(c, col);
    gq_where_text(q, arena_printf(&c->arena, "%s < ? OR (%s = ? AND %%c.id < ?)", cr, cr), v);
    gq_bind_text(q, v);
    gq_bind_text(q, id);
}

int gq_order_col(struct ctx *c, struct gquery *q, const char *col, int desc)
{
    const struct gcol *k = find_col(q->ent, col, strlen(col));
    if (!k || k->expr)
        return -1;
    q->order = arena_printf(&c->arena, "%%c.\"%s\" %s, %%c.id %s", k->name, desc ? "DESC" : "ASC",
                            desc ? "DESC" : "ASC");
    return 0;
}

void gq_order_cols(struct ctx *c, struct gquery *q, const char *cols)
{
    struct sbuf o = SBUF_INIT;
    const char *col = cols, *end;
    for (;;) {
        end = strchr(col, ',');
        sbuf_addf(
            &o, "%s, ",
            colref(c, arena_strndup(&c->arena, col, end ? (size_t)(end - col) : strlen(col))));
        if (!end)
            break;
        col = end + 1;
    }
    sbuf_adds(&o, "%c.id");
    q->order = arena_strdup(&c->arena, o.buf);
    sbuf_release(&o);
}

void gq_where_dates(struct ctx *c, struct gquery *q, const char *col, const struct datefilter *df)
{
    static const char *const ops[] = {"<", ">", "<=", ">="};
    const int has[] = {df->has_lt, df->has_gt, df->has_lte, df->has_gte};
    const int64_t ms[] = {df->lt, df->gt, df->lte, df->gte};
    for (int i = 0; i < 4; i++) {
        char iso[TIMEFMT_LEN];
        if (!has[i])
            continue;
        timefmt_iso(iso, sizeof(iso), ms[i]);
        gq_where_text(q, arena_printf(&c->arena, "%%c.\"%s\" %s ?", col, ops[i]),
                      arena_strdup(&c->arena, iso));
    }
}

void gq_where_deleted(struct ctx *c, struct gquery *q, const struct datefilter *df)
{
    if (!(df->has_lt || df->has_gt || df->has_lte || df->has_gte))
        return;
    q->with_deleted = 1;
    gq_where_dates(c, q, "deleted_at", df);
}

int gq_list(struct ctx *c, struct gquery *q, const struct gent *e, const struct gsel *sel,
            const struct listf *f)
{
    gq_init(c, q, e, sel);
    if (f->id)
        gq_where_text(q, "%c.id = ?", f->id);
    gq_where_dates(c, q, "created_at", &f->created_at);
    gq_where_dates(c, q, "updated_at", &f->updated_at);
    if (f->order) {
        if (gq_order_col(c, q, f->order, f->desc) < 0)
            return err_set(c, ERR_INVALID_DATA, "Order field %s is not valid", f->order);
    } else {
        q->order = "%c.created_at DESC, %c.id DESC";
    }
    q->limit = f->limit;
    q->offset = f->offset;
    return 0;
}

static void add_from_where(struct sbuf *sql, const struct gquery *q)
{
    sbuf_addf(sql, " FROM %s t0 WHERE TRUE", q->ent->table);
    if (q->ent->live && !q->with_deleted) {
        sbuf_adds(sql, " AND ");
        add_frag(sql, q->ent->live, "t0", NULL);
    }
    if (q->where->len)
        add_frag(sql, q->where->buf, "t0", NULL);
}

static struct db_stmt *prepare_bound(struct ctx *c, const struct gquery *q, const char *sql)
{
    struct db_stmt *st = db_sql(c, sql);
    if (!st)
        return NULL;
    for (int i = 0; i < q->nbinds; i++) {
        if (q->binds[i].is_int)
            db_bind_int(st, i + 1, q->binds[i].i);
        else
            db_bind_text(st, i + 1, q->binds[i].s);
    }
    return st;
}

/* The page is chosen first over ids alone, then only its rows are read whole: a sorter would
 * otherwise carry every column of every matching row before LIMIT applies. The outer query
 * orders the page again (a join keeps no order); an order that binds a value is numbered
 * instead, so that its value is bound once. */
struct glevel;
static void plain_cols(struct sbuf *sql, const struct glevel *lv, const char *alias);

/* The page's rows as lv's plain columns (gq_run_nodes). */
static struct db_stmt *rows_stmt(struct ctx *c, const struct gquery *q, const struct glevel *lv)
{
    struct sbuf sql = SBUF_INIT;
    struct db_stmt *st;
    const char *order = q->order ? q->order : "%c.rowid";
    int numbered = strchr(order, '?') != NULL;
    sbuf_adds(&sql, "SELECT ");
    plain_cols(&sql, lv, "t0");
    sbuf_adds(&sql, " FROM (SELECT t0.id AS pid");
    if (numbered) {
        sbuf_adds(&sql, ", row_number() OVER (ORDER BY ");
        add_frag(&sql, order, "t0", NULL);
        sbuf_adds(&sql, ") AS rn");
    }
    add_from_where(&sql, q);
    sbuf_adds(&sql, " ORDER BY ");
    if (numbered)
        sbuf_adds(&sql, "rn");
    else
        add_frag(&sql, order, "t0", NULL);
    if (q->limit >= 0 || q->offset > 0)
        sbuf_addf(&sql, " LIMIT %lld OFFSET %lld", (long long)(q->limit >= 0 ? q->limit : -1),
                  (long long)q->offset);
    /* CROSS JOIN keeps the page the outer loop (see load_rel). */
    sbuf_addf(&sql, ") page CROSS JOIN %s t0 ON t0.id = page.pid ORDER BY ", q->ent->table);
    if (numbered)
        sbuf_adds(&sql, "page.rn");
    else
        add_frag(&sql, order, "t0", NULL);
    st = prepare_bound(c, q, sql.buf);
    sbuf_release(&sql);
    return st;
}

int gq_run(struct ctx *c, const struct gquery *q, struct sbuf *out, int *n)
{
    struct gnode **nodes;
    int k;
    if (gq_run_nodes(c, q, &nodes, &k) < 0)
        return -1;
    for (int i = 0; i < k; i++) {
        if (i)
            sbuf_addc(out, ',');
        gnode_write(out, nodes[i], NULL);
    }
    if (n)
        *n = k;
    return 0;
}

int gq_run_row(struct ctx *c, const struct gquery *q, struct json_object **row)
{
    struct json_object *rows = gq_run_json(c, q);
    if (!rows)
        return -1;
    if (!json_object_array_length(rows))
        return 1;
    *row = json_object_array_get_idx(rows, 0);
    return 0;
}

struct json_object *gq_run_json(struct ctx *c, const struct gquery *q)
{
    struct sbuf text = SBUF_INIT;
    struct json_object *arr;
    sbuf_addc(&text, '[');
    if (gq_run(c, q, &text, NULL) < 0) {
        sbuf_release(&text);
        return NULL;
    }
    sbuf_addc(&text, ']');
    arr = json_tokener_parse(text.buf);
    sbuf_release(&text);
    if (!arr)
        err_set(c, ERR_DATABASE, "rows are not JSON");
    return arr ? json_own(&c->arena, arr) : NULL;
}

int64_t gq_count(struct ctx *c, const struct gquery *q)
{
    struct sbuf sql = SBUF_INIT;
    struct db_stmt *st;
    int64_t n = -1;
    uint64_t stamp = db_change_stamp(c->db);
    sbuf_adds(&sql, "SELECT count(*)");
    add_from_where(&sql, q);
    /* A count scans every match: it is remembered until the database changes, keyed by the
     * statement and its values (pages of one list share it). */
    size_t base = sql.len;
    for (int i = 0; i < q->nbinds; i++) {
        if (q->binds[i].is_int)
            sbuf_addf(&sql, "\x1f%lld", (long long)q->binds[i].i);
        else
            sbuf_addf(&sql, "\x1f%s", q->binds[i].s ? q->binds[i].s : "\x1e");
    }
    if (db_memo_get(c->db, sql.buf, stamp, &n)) {
        sbuf_release(&sql);
        return n;
    }
    char *key = arena_strdup(&c->arena, sql.buf);
    sql.buf[base] = 0;
    st = prepare_bound(c, q, sql.buf);
    sbuf_release(&sql);
    if (st && db_step(c, st) == DB_ROW)
        n = db_col_int64(st, 0);
    if (n >= 0)
        db_memo_put(c->db, key, stamp, n);
    return n;
}

/* ---- rows read plainly, written once in C -------------------------------------------------- */

enum { GV_NULL, GV_INT, GV_REAL, GV_TEXT, GV_TRUE, GV_FALSE, GV_RAW };

struct gval {
    int kind;
    int64_t i;
    double d;
    const char *s; /* GV_TEXT, GV_RAW */
    size_t len;
};

/* One level of a selection: its columns in answer order, and its relations' levels. */
struct glevel {
    const struct gsel *sel;
    const struct gcol **cols;
    int ncols;
    struct glevel **subs; /* one per sel->rels[i] */
};

struct gkids {
    struct gnode **v;
    int n;
};

struct gnode {
    const struct glevel *lv;
    int64_t rowid;
    struct gval *vals;
    struct gkids *rels; /* one per lv->sel->rels[i] */
};

static struct glevel *level_new(struct ctx *c, const struct gsel *sel)
{
    struct glevel *lv = arena_calloc(&c->arena, sizeof(*lv));
    const struct gent *e = sel->ent;
    int n = 0;
    lv->sel = sel;
    for (const struct gcol *col = e->cols; col->name; col++)
        n++;
    lv->cols = arena_alloc(&c->arena, sizeof(*lv->cols) * (size_t)(n + 1));
    if (sel->cols) {
        for (int i = 0; i < sel->ncols; i++)
            lv->cols[lv->ncols++] = find_col(e, sel->cols[i], strlen(sel->cols[i]));
    } else {
        for (const struct gcol *col = e->cols; col->name; col++)
            if (!col->hidden)
                lv->cols[lv->ncols++] = col;
    }
    lv->subs = arena_alloc(&c->arena, sizeof(*lv->subs) * (size_t)(sel->nrels + 1));
    for (int i = 0; i < sel->nrels; i++)
        lv->subs[i] = level_new(c, sel->rels[i].sub);
    return lv;
}

/* The columns of lv over alias, as plain values that read back as graph_sql's JSON would:
 * booleans 0/1 (or null), reals integral as integers, JSON as its text. */
static void plain_cols(struct sbuf *sql, const struct glevel *lv, const char *alias)
{
    for (int i = 0; i < lv->ncols; i++) {
        const struct gcol *col = lv->cols[i];
        struct sbuf ref = SBUF_INIT;
        if (col->expr) {
            sbuf_addc(&ref, '(');
            add_frag(&ref, col->expr, alias, NULL);
            sbuf_addc(&ref, ')');
        } else {
            ADDS(&ref, alias, ".\"", col->name, "\"");
        }
        if (col->type == G_BOOL)
            ADDS(sql, "CASE WHEN ", ref.buf, " IS NULL THEN NULL WHEN ", ref.buf,
                 " THEN 1 ELSE 0 END, ");
        else if (col->type == G_REAL)
            ADDS(sql, "CASE WHEN ", ref.buf, " = CAST(", ref.buf, " AS INTEGER) THEN CAST(",
                 ref.buf, " AS INTEGER) ELSE ", ref.buf, " END, ");
        else
            ADDS(sql, ref.buf, ", ");
        sbuf_release(&ref);
    }
    ADDS(sql, alias, ".rowid");
}

/* Reads the row's columns first..first+ncols of lv into a new node. */
static struct gnode *node_read(struct ctx *c, struct db_stmt *st, const struct glevel *lv,
                               int first)
{
    struct gnode *n = arena_alloc(&c->arena, sizeof(*n));
    n->lv = lv;
    n->vals = arena_alloc(&c->arena, sizeof(*n->vals) * (size_t)(lv->ncols + 1));
    n->rels = arena_calloc(&c->arena, sizeof(*n->rels) * (size_t)(lv->sel->nrels + 1));
    for (int i = 0; i < lv->ncols; i++) {
        struct gval *v = &n->vals[i];
        int k = first + i, t = db_col_type(st, k);
        memset(v, 0, sizeof(*v));
        if (t == DB_NULL) {
            v->kind = GV_NULL;
        } else if (lv->cols[i]->type == G_BOOL) {
            v->kind = db_col_int64(st, k) ? GV_TRUE : GV_FALSE;
        } else if (t == DB_INTEGER) {
            v->kind = GV_INT;
            v->i = db_col_int64(st, k);
        } else if (t == DB_FLOAT) {
            v->kind = GV_REAL;
            v->d = db_col_double(st, k);
            /* G_REAL prints integral values as integers (JavaScript's numbers, as Medusa answers
             * them): read as a real, on PostgreSQL too, an integral value is written as one. */
            if (lv->cols[i]->type == G_REAL && v->d == (double)(int64_t)v->d && v->d > -1e15 &&
                v->d < 1e15) {
                v->kind = GV_INT;
                v->i = (int64_t)v->d;
            }
        } else if (lv->cols[i]->type == G_JSON) {
            /* Stored JSON text, as json_text writes it once parsed. */
            const char *text = db_col_text(st, k);
            struct json_object *o;
            if (!strcmp(text, "{}") || !strcmp(text, "[]")) { /* most metadata: as written */
                v->kind = GV_RAW;
                v->s = text[0] == '{' ? "{}" : "[]";
                v->len = 2;
                continue;
            }
            if (db_kind != DB_PG && !lv->cols[i]->expr) {
                /* a stored column: jsonb's key order (Medusa's columns are jsonb; PostgreSQL's
                 * come back in it) */
                char *ordered = json_jsonb_order_text(text);
                if (ordered) {
                    text = arena_strdup(&c->arena, ordered);
                    free(ordered);
                }
            }
            o = json_tokener_parse(text);
            if (!o) {
                err_set(c, ERR_DATABASE, "row is not JSON");
                return NULL;
            }
            json_own(&c->arena, o);
            v->kind = GV_RAW;
            v->s = json_text(o, &v->len);
        } else {
            v->kind = GV_TEXT;
            v->len = (size_t)db_col_bytes(st, k);
            v->s = arena_strndup(&c->arena, db_col_text(st, k), v->len);
        }
    }
    n->rowid = db_col_int64(st, first + lv->ncols);
    return n;
}

/* A sort key of a related row: one value of its relation's order columns, compared as SQLite's
 * ORDER BY compares (NULL first, numbers by value, then text by bytes). */
struct skey {
    int type;
    int64_t i;
    double d;
    const char *s;
    int len;
};

/* A related row as read: its parent's index, its place in the statement's output, its keys. */
struct krow {
    struct gnode *node;
    int64_t parent;
    int seq, nkeys;
    struct skey *keys;
};

static int skey_cmp(const struct skey *a, const struct skey *b)
{
    int ca = a->type == DB_NULL                         ? 0
             : a->type == DB_TEXT || a->type == DB_BLOB ? 2
                                                        : 1,
        cb = b->type == DB_NULL                         ? 0
             : b->type == DB_TEXT || b->type == DB_BLOB ? 2
                                                        : 1;
    if (ca != cb || ca == 0)
        return ca - cb;
    if (ca == 1) {
        if (a->type == DB_INTEGER && b->type == DB_INTEGER)
            return a->i < b->i ? -1 : a->i > b->i;
        double x = a->type == DB_INTEGER ? (double)a->i : a->d,
               y = b->type == DB_INTEGER ? (double)b->i : b->d;
        return x < y ? -1 : x > y;
    }
    int d = memcmp(a->s, b->s, (size_t)(a->len < b->len ? a->len : b->len));
    return d ? d : a->len - b->len;
}

/* By parent, then the relation's order, then as read (SQLite's sorter keeps ties in input
 * order too). */
static int krow_cmp(const void *x, const void *y)
{
    const struct krow *a = x, *b = y;
    if (a->parent != b->parent)
        return a->parent < b->parent ? -1 : 1;
    for (int k = 0; k < a->nkeys; k++) {
        int d = skey_cmp(&a->keys[k], &b->keys[k]);
        if (d)
            return d;
    }
    return a->seq - b->seq;
}

/* The number of expressions in a relation's order (a plain comma-separated list). */
static int order_terms(const char *order)
{
    int n = order && *order ? 1 : 0;
    for (const char *p = order; p && *p; p++)
        n += *p == ',';
    return n;
}

/* Loads relation i of the n parent nodes (of level plv) and, below it, its own relations:
 * one statement over all the parents. The statement selects the relation's order columns
 * after the row's; rows are sorted by parent, then by them, here: SQLite would build a
 * temporary b-tree for each statement, most of a small statement's cost. */
static int load_rel(struct ctx *c, struct gnode **parents, int np, const struct glevel *plv, int ri,
                    const struct gsel *defer)
{
    const struct grel *rel = plv->sel->rels[ri].rel;
    const struct glevel *lv = plv->subs[ri];
    const struct gent *t = rel->target;
    struct sbuf sql = SBUF_INIT, keys = SBUF_INIT, sig = SBUF_INIT, text = SBUF_INIT;
    const struct sql_memo *m;
    struct gnode **kids = NULL;
    struct krow *rows = NULL;
    struct db_stmt *st;
    int nk = 0, nr = 0, rc, nkeys = rel->many ? order_terms(rel->order) : 0;
    /* The statement depends on the relation, the parent's table and the selection below. */
    sbuf_adds(&sig, "rel/");
    sbuf_add(&sig, &rel, sizeof(rel));
    sbuf_add(&sig, &plv->sel->ent, sizeof(plv->sel->ent));
    sel_sig(&sig, lv->sel);
    if ((m = memo_find(&sig))) {
        sbuf_add(&sql, m->sql, m->sqllen);
    } else {
        sbuf_adds(&sql, "SELECT j.key, ");
        plain_cols(&sql, lv, "c");
        if (nkeys) {
            sbuf_adds(&sql, ", ");
            add_frag(&sql, rel->order, "c", "p");
        }
        /* CROSS JOIN fixes the order: the few parents, then their rows. With ANALYZE's
         * statistics SQLite otherwise scanned a small related table (the sales channels) and
         * walked every cart of it through an index, json_each last: a cart answer cost 33M
         * instructions in a shop of 7,000 carts. */
        ADDS(&sql, " FROM json_each(?1) j CROSS JOIN ", plv->sel->ent->table,
             " p ON p.rowid = CAST(j.value AS INTEGER)", " CROSS JOIN ", t->table, " c ON ");
        add_frag(&sql, rel->join, "c", "p");
        if (t->live) {
            sbuf_adds(&sql, " AND ");
            add_frag(&sql, t->live, "c", "p");
        }
        sbuf_add(&text, sql.buf, sql.len);
        memo_keep(&sig, &text);
    }
    sbuf_release(&sig);
    sbuf_addc(&keys, '[');
    for (int i = 0; i < np; i++) {
        if (i)
            sbuf_addc(&keys, ',');
        sbuf_add_int(&keys, (long long)parents[i]->rowid);
    }
    sbuf_addc(&keys, ']');
    st = db_sql(c, sql.buf);
    sbuf_release(&sql);
    if (!st) {
        sbuf_release(&keys);
        return -1;
    }
    db_bind_text(st, 1, keys.buf);
    sbuf_release(&keys);
    while ((rc = db_step(c, st)) == DB_ROW) {
        int64_t k = db_col_int64(st, 0);
        struct krow *r;
        if (k < 0 || k >= np)
            continue;
        rows = arena_grow(&c->arena, rows, nr, sizeof(*rows));
        r = &rows[nr];
        if (!(r->node = node_read(c, st, lv, 1)))
            return -1;
        r->parent = k;
        r->seq = nr++;
        r->nkeys = nkeys;
        r->keys = nkeys ? arena_alloc(&c->arena, sizeof(*r->keys) * (size_t)nkeys) : NULL;
        for (int q = 0; q < nkeys; q++) {
            int col = lv->ncols + 2 + q;
            struct skey *sk = &r->keys[q];
            sk->type = db_col_type(st, col);
            sk->i = sk->type == DB_INTEGER ? db_col_int64(st, col) : 0;
            sk->d = sk->type == DB_FLOAT ? db_col_double(st, col) : 0;
            sk->s = NULL;
            sk->len = 0;
            if (sk->type == DB_TEXT || sk->type == DB_BLOB) {
                const char *v = db_col_text(st, col);
                sk->len = db_col_bytes(st, col);
                sk->s = arena_strndup(&c->arena, v ? v : "", (size_t)sk->len);
            }
        }
    }
    if (rc != DB_DONE)
        return -1;
    if (nr > 1)
        qsort(rows, (size_t)nr, sizeof(*rows), krow_cmp);
    /* Each parent's children are contiguous now: point the parent at its slice. */
    kids = nr ? arena_alloc(&c->arena, sizeof(*kids) * (size_t)nr) : NULL;
    for (int i = 0; i < nr; i++) {
        struct gkids *g = &parents[rows[i].parent]->rels[ri];
        if (!rel->many && g->n)
            continue; /* a to-one relation: its first row only (LIMIT 1) */
        kids[nk] = rows[i].node;
        if (!g->n)
            g->v = &kids[nk];
        g->n++;
        nk++;
    }
    for (int i = 0; i < lv->sel->nrels && nk; i++)
        if (lv->sel->rels[i].sub != defer && load_rel(c, kids, nk, lv, i, defer) < 0)
            return -1;
    return 0;
}

int gq_run_nodes(struct ctx *c, const struct gquery *q, struct gnode ***out, int *n)
{
    struct glevel *lv = level_new(c, q->sel);
    struct db_stmt *st = rows_stmt(c, q, lv);
    struct gnode **roots = NULL;
    int nr = 0, rc;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        struct gnode *node = node_read(c, st, lv, 0);
        if (!node)
            return -1;
        roots = arena_grow(&c->arena, roots, nr, sizeof(*roots));
        roots[nr++] = node;
    }
    if (rc != DB_DONE)
        return -1;
    for (int i = 0; i < q->sel->nrels && nr; i++)
        if (q->sel->rels[i].sub != q->defer && load_rel(c, roots, nr, lv, i, q->defer) < 0)
            return -1;
    *out = roots;
    *n = nr;
    return 0;
}

int gnode_load(struct ctx *c, struct gnode **nodes, int n, const char *rel)
{
    const struct glevel *lv = n ? nodes[0]->lv : NULL;
    for (int i = 0; lv && i < lv->sel->nrels; i++)
        if (!strcmp(lv->sel->rels[i].rel->name, rel))
            return load_rel(c, nodes, n, lv, i, NULL);
    return 0;
}

const char *gnode_text(const struct gnode *node, const char *col)
{
    for (int i = 0; i < node->lv->ncols; i++)
        if (!strcmp(node->lv->cols[i]->name, col))
            return node->vals[i].kind == GV_TEXT ? node->vals[i].s : NULL;
    return NULL;
}

int gnode_int(const struct gnode *node, const char *col, int64_t *v)
{
    for (int i = 0; i < node->lv->ncols; i++)
        if (!strcmp(node->lv->cols[i]->name, col)) {
            if (node->vals[i].kind != GV_INT)
                return 0;
            *v = node->vals[i].i;
            return 1;
        }
    return 0;
}

int gnode_true(const struct gnode *node, const char *col)
{
    for (int i = 0; i < node->lv->ncols; i++)
        if (!strcmp(node->lv->cols[i]->name, col))
            return node->vals[i].kind == GV_TRUE;
    return 0;
}

struct gnode **gnode_rel(const struct gnode *node, const char *rel, int *n)
{
    const struct gsel *sel = node->lv->sel;
    for (int i = 0; i < sel->nrels; i++)
        if (!strcmp(sel->rels[i].rel->name, rel)) {
            *n = node->rels[i].n;
            return node->rels[i].v;
        }
    *n = 0;
    return NULL;
}

static void write_val(struct sbuf *out, const struct gval *v)
{
    char num[64];
    switch (v->kind) {
    case GV_INT:
        sbuf_add_int(out, (long long)v->i);
        break;
    case GV_REAL:
        /* 15 significant digits, as SQLite's json_object writes reals (the answers have always
         * looked so); json-c keeps a parsed number's text. */
        sqlite3_snprintf(sizeof(num), num, "%!0.15g", v->d);
        sbuf_adds(out, num);
        break;
    case GV_TEXT:
        sbuf_add_json_strn(out, v->s, v->len);
        break;
    case GV_RAW:
        sbuf_add(out, v->s, v->len);
        break;
    case GV_TRUE:
        sbuf_add(out, "true", 4);
        break;
    case GV_FALSE:
        sbuf_add(out, "false", 5);
        break;
    default:
        sbuf_add(out, "null", 4);
    }
}

void gnode_write(struct sbuf *out, const struct gnode *node, const struct ghook *h)
{
    const struct glevel *lv = node->lv;
    const struct gsel *sel = lv->sel;
    const struct ghook *hk = h;
    int any = 0;
    while (hk && hk->at != sel)
        hk = hk->next;
    sbuf_addc(out, '{');
    for (int i = 0; i < lv->ncols; i++) {
        if (hk && hk->skip && hk->skip(hk->arg, node, lv->cols[i]->name))
            continue;
        if (any)
            sbuf_addc(out, ',');
        any = 1;
        ADDS(out, "\"", lv->cols[i]->name, "\":");
        write_val(out, &node->vals[i]);
    }
    for (int i = 0; i < sel->nrels; i++) {
        const struct grel *rel = sel->rels[i].rel;
        const struct gkids *g = &node->rels[i];
        size_t mark = out->len;
        if (any)
            sbuf_addc(out, ',');
        ADDS(out, "\"", rel->name, "\":");
        any = 1;
        if (hk && hk->rel) {
            int how = hk->rel(hk->arg, node, rel->name, out);
            if (how == GHOOK_DROP) {
                out->len = mark;
                out->buf[mark] = 0;
                any = mark > 0 && out->buf[mark - 1] != '{';
            }
            if (how != GHOOK_LOADED)
                continue;
        }
        if (!rel->many) {
            if (g->n)
                gnode_write(out, g->v[0], h);
            else
                sbuf_add(out, "null", 4);
            continue;
        }
        sbuf_addc(out, '[');
        for (int k = 0; k < g->n; k++) {
            if (k)
                sbuf_addc(out, ',');
            gnode_write(out, g->v[k], h);
        }
        sbuf_addc(out, ']');
    }
    if (hk && hk->tail)
        hk->tail(hk->arg, node, out);
    sbuf_addc(out, '}');
}
