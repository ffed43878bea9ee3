/* graph.h: Medusa's `fields`/`expand` loader (STYLE.md §6). Entities are described as data
 * (table, columns with JSON names and types, relations); a selection (which columns, which
 * relations, nested) becomes one SQL statement whose rows are finished JSON objects built by
 * SQLite's json_object(), relations included as correlated sub-selects. So a page of any depth
 * costs one query (plus one for its count), and nothing is re-encoded unless a domain step
 * (pricing) has to decorate the objects.
 *
 * SQL fragments in descriptors and filters name the current row's alias as %c and, in relation
 * joins, the parent row's alias as %p. Filters bind values with plain `?`, in order. */
#ifndef DB_GRAPH_H
#define DB_GRAPH_H
#include <stdint.h>

#include "core/ctx.h"
#include "core/sbuf.h"
#include "core/timefmt.h"

struct json_object;
struct gent;

enum gtype {
    G_TEXT, /* text, or null */
    G_INT,  /* integer, or null */
    G_REAL, /* number; integral values print without ".0" as JavaScript does */
    G_BOOL, /* stored 0/1, printed true/false */
    G_JSON, /* stored JSON text (metadata, data), printed as JSON */
};

struct gcol {
    const char *name; /* JSON key, and the column of the same name unless expr is given */
    enum gtype type;
    const char *expr; /* SQL expression over %c, or NULL for %c.name */
    int hidden;       /* selectable through `fields`, but not among the default columns */
};

struct grel {
    const char *name;          /* relation name in `expand` and the JSON key */
    const struct gent *target; /* the related entity */
    int many;                  /* 1: array (possibly empty); 0: object or null */
    const char *join;          /* condition on %c (the related row) and %p (the parent row) */
    const char *order;         /* ORDER BY for arrays, over %c, or NULL */
};

struct gent {
    const char *table;
    const struct gcol *cols; /* terminated by {NULL} */
    const struct grel *rels; /* terminated by {NULL}, or NULL */
    const char *live;        /* condition always applied (e.g. "%c.deleted_at IS NULL"), or NULL */
};

/* TypeORM's eager relations of Medusa's entities (a return's items, a fulfillment's items):
 * loaded wherever their entity is. The descriptors define the list (db/entities.c). */
struct geager {
    const struct gent *ent;
    const char *rel;
};
extern const struct geager gent_eager[];
extern const int gent_neager;

/* A selection: which columns and relations of one entity, relations nested. */
struct gsel {
    const struct gent *ent;
    const char **cols; /* selected column names; NULL = the default (non-hidden) columns */
    int ncols;
    struct gsel_rel {
        const struct grel *rel;
        struct gsel *sub;
    } * rels;
    int nrels;
};

/* Builds a selection from Medusa's parsed `fields` (NULL = defaults; dotted entries select
 * columns of relations and imply them) and relation paths (`variants.prices`). Unknown names
 * are ignored (the endpoint validated what it restricts). Arena-allocated. */
struct gsel *gsel_build(struct ctx *c, const struct gent *e, const char *const *fields,
                        const char *const *relations);
/* The selection of every default column of e and no relation. */
struct gsel *gsel_cols(struct ctx *c, const struct gent *e);
/* Adds a relation path ("a.b") to sel, with default columns at each new level. */
void gsel_add_rel(struct ctx *c, struct gsel *sel, const char *path);
/* Adds a column (hidden ones included) to sel if not selected yet. */
void gsel_add_col(struct ctx *c, struct gsel *sel, const char *name);
/* 1 if sel selects column name (explicitly or among the defaults). */
int gsel_has_col(const struct gsel *sel, const char *name);
/* 1 if sel loads relation name (one level). */
int gsel_has_rel(const struct gsel *sel, const char *name);
/* The sub-selection of relation name, or NULL. */
struct gsel *gsel_rel(const struct gsel *sel, const char *name);

/* A query over a root entity: filters, order, page. */
#define GQ_MAX_BINDS 32
struct gquery {
    const struct gent *ent;
    const struct gsel *sel;
    struct sbuf *where; /* " AND ..." fragments over %c (arena-registered) */
    const char *order;  /* ORDER BY over %c, or NULL */
    int64_t limit;      /* < 0: no limit */
    int64_t offset;
    int with_deleted; /* 1: the root's live condition is dropped (TypeORM's withDeleted) */
    /* gq_run_nodes: this sub-selection's relation is not loaded (gnode_load may load it for
     * the nodes that need it), or NULL. */
    const struct gsel *defer;
    int nbinds;
    struct gbind {
        int is_int;
        int64_t i;
        const char *s;
    } binds[GQ_MAX_BINDS];
};

void gq_init(struct ctx *c, struct gquery *q, const struct gent *e, const struct gsel *sel);
/* Adds " AND (frag)"; the values bind frag's `?`s in order. */
void gq_where(struct gquery *q, const char *frag);
void gq_where_text(struct gquery *q, const char *frag, const char *v);
void gq_where_int(struct gquery *q, const char *frag, int64_t v);
/* Binds one more value to the last fragment's next `?`. */
void gq_bind_text(struct gquery *q, const char *v);
/* Binds a list as a JSON array text: use it as `IN (SELECT value FROM json_each(?))`. */
void gq_where_list(struct ctx *c, struct gquery *q, const char *frag, const char *const *v, int n);

/* Filters named by column, so callers above db/ write no SQL: col is a plain column name of the
 * root entity written in the code, never taken from input (asserted). */
/* col = v (text) and col = v (integer). */
void gq_where_eq(struct ctx *c, struct gquery *q, const char *col, const char *v);
void gq_where_eq_int(struct ctx *c, struct gquery *q, const char *col, int64_t v);
/* col is one of the n values v. */
void gq_where_in(struct ctx *c, struct gquery *q, const char *col, const char *const *v, int n);
/* Any of the columns cols ("a" or "a,b,c") contains text, case-insensitively for ASCII (Medusa's
 * ILike %q%; SQLite's LIKE). */
void gq_where_contains(struct ctx *c, struct gquery *q, const char *cols, const char *text);
/* col compared as a number with the number text v: op one of "=", "<", ">", "<=", ">=". */
void gq_where_num(struct ctx *c, struct gquery *q, const char *col, const char *op, const char *v);
/* Matches no row. */
void gq_where_none(struct gquery *q);
/* col IS NULL. */
void gq_where_null(struct ctx *c, struct gquery *q, const char *col);
/* col is among the `pick` values of the link table's rows whose `key` is one of the n values v
 * (a many-to-many filter: e.g. id among customer_group_customers.customer_id where
 * customer_group_id is one of v). Names are plain identifiers written in the code. */
void gq_where_linked(struct ctx *c, struct gquery *q, const char *col, const char *table,
                     const char *pick, const char *key, const char *const *v, int n);
/* Keyset paging, newest first: rows before (v, id) in (col, id) order, i.e. col < v, or col = v
 * and a smaller id. */
void gq_where_before(struct ctx *c, struct gquery *q, const char *col, const char *v,
                     const char *id);

/* Orders by a plain column of the root entity (validated against its descriptor; ties broken by
 * id). -1 if col is not one. */
int gq_order_col(struct ctx *c, struct gquery *q, const char *col, int desc);
/* Orders by plain columns of the root ("a" or "a,b"), ascending, ties broken by id. */
void gq_order_cols(struct ctx *c, struct gquery *q, const char *cols);
/* Adds created_at[gt]=...-style bounds on a timestamp column of the root. */
void gq_where_dates(struct ctx *c, struct gquery *q, const char *col, const struct datefilter *df);
/* A deleted_at[gt]=...-style filter as Medusa's buildQuery reads one: any bound makes the query
 * see soft-deleted rows (withDeleted), so it matches the rows deleted within the bounds. */
void gq_where_deleted(struct ctx *c, struct gquery *q, const struct datefilter *df);

/* What every configured list (and retrieve) shares (store.md §1.5, §1.6). */
struct listf {
    const char *id; /* one id (retrieve), or NULL */
    struct datefilter created_at, updated_at;
    const char *order; /* a column of the root, or NULL: created_at DESC */
    int desc;
    int64_t limit, offset; /* limit < 0: every row */
};
/* gq_init plus the shared filters; an unknown order column is 400 "Order field x is not valid". */
int gq_list(struct ctx *c, struct gquery *q, const struct gent *e, const struct gsel *sel,
            const struct listf *f);

/* Runs the query (gq_run_nodes, then gnode_write without hooks): every row's JSON object text
 * is appended to out, separated by commas. *n (optional) receives the number of rows. 0 or -1. */
int gq_run(struct ctx *c, const struct gquery *q, struct sbuf *out, int *n);
/* The same rows parsed, as an arena-owned json-c array (for decoration). NULL on error. */
struct json_object *gq_run_json(struct ctx *c, const struct gquery *q);
/* The first row of q, parsed, into *row (arena-owned): 0, 1 when there is none (the caller
 * records its not-found error), -1 on error. */
int gq_run_row(struct ctx *c, const struct gquery *q, struct json_object **row);
/* The number of rows the filters match (limit and offset ignored). -1 on error. */
int64_t gq_count(struct ctx *c, const struct gquery *q);

/* ---- rows read plainly, written once in C ----------------------------------------------------
 * The same selection and query read as plain rows: one statement for the page, then one per
 * relation of the selection over the whole page (children grouped under their parents), and
 * written as JSON by gnode_write, in C: the database builds no JSON (both backends; until
 * 2026-12 SQLite built each row with json_object, which measured no faster). */
struct gnode;
/* Runs q; *out receives the n root nodes (arena-owned). 0 or -1. */
int gq_run_nodes(struct ctx *c, const struct gquery *q, struct gnode ***out, int *n);
/* Loads relation rel (and what is selected below it) of the n nodes, all of one level: a
 * relation that q->defer left out. 0 or -1. */
int gnode_load(struct ctx *c, struct gnode **nodes, int n, const char *rel);
/* A node's selected column col as text (numbers are not text), or NULL. */
const char *gnode_text(const struct gnode *node, const char *col);
/* 1 with *v set if node's selected column col is an integer, else 0. */
int gnode_int(const struct gnode *node, const char *col, int64_t *v);
/* 1 if node's selected column col is true. */
int gnode_true(const struct gnode *node, const char *col);
/* The nodes of relation rel of node (NULL and *n = 0 if rel is not loaded). */
struct gnode **gnode_rel(const struct gnode *node, const char *rel, int *n);
/* Hooks for the nodes of one sub-selection (e.g. priced variants). rel is called once
 * "name": is written for relation `name`: it writes the value itself (GHOOK_WRITTEN), leaves it to
 * the loader (GHOOK_LOADED) or drops the key (GHOOK_DROP). tail appends ,"key":value members
 * before the object closes. */
enum { GHOOK_LOADED, GHOOK_WRITTEN, GHOOK_DROP };
/* Hooks chain through next, one per sub-selection; gnode_write uses the one whose `at` is the
 * node's selection. */
struct ghook {
    const struct gsel *at;
    int (*rel)(void *arg, const struct gnode *node, const char *name, struct sbuf *out);
    void (*tail)(void *arg, const struct gnode *node, struct sbuf *out);
    void *arg;
    /* 1: column col of node is left out of the object (optional). */
    int (*skip)(void *arg, const struct gnode *node, const char *col);
    const struct ghook *next; /* the hook of another sub-selection, or NULL */
};
/* Appends node as a JSON object; h may be NULL. */
void gnode_write(struct sbuf *out, const struct gnode *node, const struct ghook *h);

/* Appends the SQL json_object() expression of sel for the row aliased alias (t0, t1, ...): the
 * category tree's recursive statement (db/catalog.c) and tests. depth numbers nested aliases. */
void graph_sql(struct sbuf *sql, const struct gsel *sel, const char *alias, int depth);

#endif
