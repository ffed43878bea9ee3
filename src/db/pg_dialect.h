/* pg_dialect.h: SQLite's dialect (what src/db/ writes) rewritten into PostgreSQL's, in one place,
 * once per statement per connection. What it rewrites:
 *   ?N and ?             → $N (the highest N is the parameter count)
 *   DB_NOW               → now()
 *   INSERT OR IGNORE     → INSERT … ON CONFLICT DO NOTHING
 *   x LIKE y             → x ILIKE y (SQLite's LIKE ignores ASCII case)
 *   x IS y, x IS NOT y   → IS [NOT] DISTINCT FROM (unless y is NULL, TRUE or FALSE)
 *   max(a, b), min(a, b) → greatest(a, b), least(a, b) (the aggregates keep one argument)
 *   ifnull(, json_object(, json_array( → coalesce(, json_build_object(, json_build_array(
 *   0 and 1 compared with or assigned to a boolean column → false and true (the boolean columns
 *   are read from the schema; INSERT value lists are matched to their column list)
 *   an expression stored into a column of another type than text (INSERT values, UPDATE SET)
 *   → CAST((expression) AS the column's type)
 * Functions SQLite has and PostgreSQL lacks (json_extract, json_each, group_concat, iif, …) are
 * defined in the database instead (sql/pg/compat.sql). Pure text work: unit-tested. */
#ifndef DB_PG_DIALECT_H
#define DB_PG_DIALECT_H

struct pg_column {
    char key[112]; /* "table.column", lower case */
    char *cast;    /* ") AS type)": the end of a cast to its type */
};

struct pg_dialect {
    char **bools; /* lower-case names of boolean columns, sorted */
    int nbools;
    struct pg_column *cols; /* the columns whose type is not text, sorted by key */
    int ncols;
};

void pg_dialect_init(struct pg_dialect *d);
void pg_dialect_free(struct pg_dialect *d);
/* Replaces the boolean column names (any table): names need not be sorted or unique. */
void pg_dialect_set_bools(struct pg_dialect *d, const char *const *names, int n);
/* The schema's columns and their types (information_schema's data_type). */
void pg_dialect_set_columns(struct pg_dialect *d, const char *const *tables,
                            const char *const *columns, const char *const *types, int n);

/* What a rewrite tells the driver besides the text. */
struct pg_rewritten {
    int nparams; /* the highest ?N */
    /* The statement with each "?N IS [NOT] NULL" as TRUE (malloc'd), or NULL when it has none: a
     * null test gives a parameter no type, and when the server cannot type one from its other
     * uses, the driver prepares the probe to ask what they make of it. */
    char *probe;
    /* Per parameter (malloc'd, nparams): 1 if it is an argument of json_build_object/array,
     * where only its value can say its type. */
    unsigned char *in_json;
};

/* The statement in PostgreSQL's dialect (malloc'd), with *r filled. NULL on a statement it
 * cannot read (an unterminated literal). */
char *pg_dialect_rewrite(const struct pg_dialect *d, const char *sql, struct pg_rewritten *r);

#endif
