/* test_pg_dialect.c: db/pg_dialect.c, SQLite's dialect rewritten into PostgreSQL's: parameters,
 * DB_NOW, INSERT OR IGNORE, LIKE, IS, max/min, boolean literals and columns, CROSS JOIN … ON,
 * UNION columns as text, and what is never touched (literals, quoted names, comments). */
#include "db/pg_dialect.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static struct pg_dialect d;

/* Rewrites sql and compares with want; the parameter count with nparams. */
static void check(const char *sql, const char *want, int nparams, const char *what)
{
    struct pg_rewritten r = {0};
    char *got = pg_dialect_rewrite(&d, sql, &r);
    int same = got && !strcmp(got, want);
    ok(same && r.nparams == nparams, "%s", what);
    if (!same || r.nparams != nparams)
        diag("got  %s (%d parameters)\nwant %s (%d)", got ? got : "(null)", r.nparams, want,
             nparams);
    free(got);
    free(r.probe);
    free(r.in_json);
}

int main(void)
{
    static const char *const bools[] = {"admin_only", "is_return", "allow_discounts",
                                        "should_merge", "Is_Disabled"};
    pg_dialect_init(&d);
    pg_dialect_set_bools(&d, bools, 5);

    check("SELECT a FROM t WHERE id = ?1 AND x = ?2 OR y = ?1",
          "SELECT a FROM t WHERE id = $1 AND x = $2 OR y = $1", 2, "?N becomes $N");
    check("SELECT a FROM t WHERE id = ? AND x IN (?, ?)",
          "SELECT a FROM t WHERE id = $1 AND x IN ($2, $3)", 3, "bare ? are numbered in order");
    check("UPDATE t SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?1",
          "UPDATE t SET updated_at = now() WHERE id = $1", 1, "DB_NOW becomes now()");
    check("INSERT OR IGNORE INTO t (a, b) VALUES (?1, ?2)",
          "INSERT INTO t (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING", 2,
          "INSERT OR IGNORE becomes ON CONFLICT DO NOTHING");
    check("INSERT OR IGNORE INTO t (a) VALUES (?1) RETURNING id",
          "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id", 1,
          "… before RETURNING");
    check("SELECT 1 FROM t WHERE name LIKE ?1 AND x NOT LIKE 'a%'",
          "SELECT 1 FROM t WHERE name ILIKE $1 AND x NOT ILIKE 'a%'", 1, "LIKE ignores case");
    check("SELECT 1 FROM t WHERE a IS ?1 AND b IS NOT c AND d IS NULL AND e IS NOT NULL",
          "SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM $1 AND b IS DISTINCT FROM c AND d IS "
          "NULL AND e IS NOT NULL",
          1, "IS and IS NOT compare values; IS [NOT] NULL stays");
    check("SELECT max(a, b), min(x), max(f(a, b)) FROM t",
          "SELECT greatest(a, b), min(x), max(f(a, b)) FROM t", 0,
          "two-argument max/min; aggregates stay");
    check("SELECT ifnull(a, 0), json_object('a', 1), json_array(1, 2) FROM t",
          "SELECT coalesce(a, 0), json_build_object('a', 1), json_build_array(1, 2) FROM t", 0,
          "function names");
    check("INSERT INTO t (a, b) VALUES (json(?1), json(coalesce(?2, '{}')))",
          "INSERT INTO t (a, b) VALUES (json(CAST($1 AS TEXT)), json(coalesce($2, '{}')))", 2,
          "json(?N) types its parameter as text");
    check("SELECT count(*) FROM (SELECT a FROM t GROUP BY a HAVING count(*) > 1)",
          "SELECT count(*) FROM (SELECT a FROM t GROUP BY a HAVING count(*) > 1) AS _sub34", 0,
          "a subquery in FROM gets a name");
    check("SELECT x FROM (SELECT 1 AS x) s JOIN (SELECT 2 AS y) AS u ON 1 WHERE x IN (SELECT 3)",
          "SELECT x FROM (SELECT 1 AS x) s JOIN (SELECT 2 AS y) AS u ON 1 WHERE x IN (SELECT 3)", 0,
          "… not one that has a name, nor one in WHERE");
    check("SELECT 1 FROM o WHERE admin_only = 0 AND o.is_return != 1 AND 1 = is_disabled",
          "SELECT 1 FROM o WHERE admin_only = false AND o.is_return != true AND true = "
          "is_disabled",
          0, "0/1 against a boolean column");
    check("SELECT 1 FROM o WHERE quantity = 0", "SELECT 1 FROM o WHERE quantity = 0", 0,
          "… not against other columns");
    check("INSERT INTO o (id, admin_only, quantity, is_return) VALUES (?1, 0, 1, 1), (?2, 1, 0, 0)",
          "INSERT INTO o (id, admin_only, quantity, is_return) VALUES ($1, false, 1, true), ($2, "
          "true, 0, false)",
          2, "INSERT values into boolean columns by position");
    check("INSERT INTO o (id, admin_only, quantity) SELECT id, 1, 0 FROM p WHERE x = 1",
          "INSERT INTO o (id, admin_only, quantity) SELECT id, true, 0 FROM p WHERE x = 1", 0,
          "INSERT … SELECT by position");
    check("SELECT li.should_merge | (li.allow_discounts << 1), sum(is_return) FROM li",
          "SELECT CAST(li.should_merge AS INTEGER) | (CAST(li.allow_discounts AS INTEGER) << 1), "
          "sum(CAST(is_return AS INTEGER)) FROM li",
          0, "boolean columns used as numbers");
    check("SELECT coalesce(x.is_disabled, -1) FROM x",
          "SELECT coalesce(CAST(x.is_disabled AS INTEGER), -1) FROM x", 0,
          "… coalesced with a number");
    check("SELECT a FROM j CROSS JOIN p ON p.id = j.v CROSS JOIN q",
          "SELECT a FROM j JOIN p ON p.id = j.v CROSS JOIN q", 0,
          "CROSS JOIN … ON is a JOIN; a real cross join stays");
    check("SELECT 0, a.id, NULL, a.rowid, a.admin_only FROM a UNION ALL SELECT 1, b.id, "
          "b.x AS y, NULL, NULL FROM b ORDER BY 1, 4",
          "SELECT CAST((0) AS TEXT), CAST((a.id) AS TEXT), NULL, lpad(CAST(a.rowid AS TEXT), 20, "
          "'0'), CAST(CAST(a.admin_only AS INTEGER) AS TEXT) FROM a UNION ALL SELECT CAST((1) AS "
          "TEXT), CAST((b.id) AS TEXT), CAST((b.x) AS TEXT) AS y, NULL, NULL FROM b ORDER BY 1, 4",
          0, "UNION columns as text, rowids padded");
    check("SELECT 'it''s ?1 LIKE', \"admin_only\" = 0 -- IS ?2\nFROM t",
          "SELECT 'it''s ?1 LIKE', \"admin_only\" = 0 -- IS ?2\nFROM t", 0,
          "literals, quoted names and comments are left alone");
    check("SELECT * FROM t LIMIT -1 OFFSET ?1", "SELECT * FROM t LIMIT ALL OFFSET $1", 1,
          "LIMIT -1 is LIMIT ALL");
    {
        struct pg_rewritten r = {0};
        char *got = pg_dialect_rewrite(
            &d, "SELECT 1 FROM t WHERE (?1 IS NULL OR a = ?1) AND json_object('k', ?2) = ?3", &r);
        ok(got && r.probe &&
               !strcmp(r.probe, "SELECT 1 FROM t WHERE (TRUE OR a = $1) AND "
                                "json_build_object('k', $2) = $3"),
           "a null test's probe leaves the test out: %s", r.probe ? r.probe : "(none)");
        ok(r.nparams == 3 && r.in_json && !r.in_json[0] && r.in_json[1] && !r.in_json[2],
           "json_build_object's arguments are marked");
        free(got);
        free(r.probe);
        free(r.in_json);
    }
    {
        struct pg_rewritten r = {0};
        ok(pg_dialect_rewrite(&d, "SELECT 'open", &r) == NULL,
           "an unterminated literal is refused");
    }
    {
        /* the column types loaded at connect: expressions stored into typed columns */
        static const char *const tab[] = {"s", "s"}, *const col[] = {"on_sale", "note"},
                                 *const typ[] = {"boolean", "text"};
        pg_dialect_set_columns(&d, tab, col, typ, 2);
    }
    check("UPDATE s SET on_sale = CASE WHEN json_type(?2, '$.x') IS NULL THEN on_sale ELSE "
          "json_extract(?2, '$.x') END WHERE id = ?1",
          "UPDATE s SET on_sale = CAST((CASE WHEN json_type($2, '$.x') IS NULL THEN on_sale ELSE "
          "CAST(json_extract($2, '$.x') AS boolean) END) AS boolean) WHERE id = $1",
          2, "a CASE's json_extract result takes the column's type");
    check("UPDATE s SET note = CASE WHEN ?2 THEN json_extract(?3, '$.n') ELSE note END",
          "UPDATE s SET note = CASE WHEN $2 THEN json_extract($3, '$.n') ELSE note END", 3,
          "… a text column needs no cast");
    pg_dialect_free(&d);
    return done_testing();
}
