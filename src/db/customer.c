/* customer.c: the SQL of customers and addresses (customer.h; store.md §2, §3). Partial updates
 * take a JSON object and write exactly its present keys, so one constant statement serves every
 * combination. */
#include "db/customer.h"

#include <string.h>

#include "core/timefmt.h"
#include "db/internal.h"

#define CUSTOMER_COLS                                                                              \
    "id, email, first_name, last_name, phone, password_hash, metadata, billing_address_id, "       \
    "has_account"

/* Ends a one-row read at once: a statement left on its row holds a read transaction, and a
 * write transaction begun after it would fail on a stale snapshot instead of waiting. */
static void done(struct db_stmt *st)
{
    db_reset(st);
}

static char *dup(struct ctx *c, struct db_stmt *st, int i)
{
    const char *s = db_col_text(st, i);
    return s ? arena_strdup(&c->arena, s) : NULL;
}

static int customer_row(struct ctx *c, struct db_stmt *st, struct customer_row *out)
{
    int rc = db_step(c, st);
    if (rc != DB_ROW)
        return rc == DB_DONE ? 0 : -1;
    out->id = dup(c, st, 0);
    out->email = dup(c, st, 1);
    out->first_name = dup(c, st, 2);
    out->last_name = dup(c, st, 3);
    out->phone = dup(c, st, 4);
    out->password_hash = dup(c, st, 5);
    out->metadata = dup(c, st, 6);
    out->billing_address_id = dup(c, st, 7);
    out->has_account = db_col_int(st, 8);
    done(st);
    return 1;
}

int db_customer_load(struct ctx *c, const char *id, struct customer_row *out)
{
    struct db_stmt *st = db_sql(c, "SELECT " CUSTOMER_COLS " FROM customer WHERE id = ?1 AND "
                                   "deleted_at IS NULL");
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    return customer_row(c, st, out);
}

int db_customer_registered(struct ctx *c, const char *email, struct customer_row *out)
{
    /* E-mails compare ignoring case (issue #12); of two accounts a database from before that
     * holds in different cases, the exact spelling wins. */
    struct db_stmt *st = db_sql(c, "SELECT " CUSTOMER_COLS " FROM customer WHERE lower(email) = "
                                   "lower(?1) AND has_account = 1 AND deleted_at IS NULL ORDER BY "
                                   "email = ?1 DESC, created_at LIMIT 1");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    return customer_row(c, st, out);
}

int db_customer_email_kinds(struct ctx *c, const char *email, int *registered, int *guests)
{
    struct db_stmt *st = db_sql(c, "SELECT count(*) FILTER (WHERE has_account), "
                                   "count(*) FILTER (WHERE NOT has_account) FROM customer WHERE "
                                   "lower(email) = lower(?1) AND deleted_at IS NULL");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    if (db_step(c, st) != DB_ROW)
        return -1;
    *registered = db_col_int(st, 0);
    *guests = db_col_int(st, 1);
    done(st);
    return 0;
}

static const char *now_iso(struct ctx *c, char buf[TIMEFMT_LEN])
{
    return timefmt_iso(buf, TIMEFMT_LEN, c->now_ms ? c->now_ms : timefmt_now_ms());
}

int db_customer_insert(struct ctx *c, const char *id, const char *email, const char *first_name,
                       const char *last_name, const char *phone, const char *password_hash,
                       int has_account)
{
    struct db_stmt *st = db_sql(c, "INSERT INTO customer (id, email, first_name, last_name, phone, "
                                   "password_hash, has_account, created_at, updated_at) VALUES "
                                   "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
    char now[TIMEFMT_LEN];
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, email);
    db_bind_text(st, 3, first_name);
    db_bind_text(st, 4, last_name);
    db_bind_text(st, 5, phone);
    db_bind_text(st, 6, password_hash);
    db_bind_int(st, 7, has_account != 0);
    db_bind_text(st, 8, now_iso(c, now));
    return db_run(c, st);
}

/* Partial updates: a column takes the value of its key in ?2 when the key is present (JSON null
 * clears it), else keeps its value. */
int db_customer_update(struct ctx *c, const char *id, const struct customer_update *u)
{
    static const char sql[] =
        "UPDATE customer SET first_name = CASE WHEN json_type(?2, '$.first_name') IS NULL THEN "
        "first_name ELSE json_extract(?2, '$.first_name') END, last_name = CASE WHEN "
        "json_type(?2, '$.last_name') IS NULL THEN last_name ELSE json_extract(?2, "
        "'$.last_name') END, phone = CASE WHEN json_type(?2, '$.phone') IS NULL THEN phone ELSE "
        "json_extract(?2, '$.phone') END, email = CASE WHEN json_type(?2, '$.email') IS NULL "
        "THEN email ELSE json_extract(?2, '$.email') END, metadata = CASE WHEN ?3 THEN ?4 ELSE "
        "metadata END, billing_address_id = CASE WHEN ?5 THEN ?6 ELSE billing_address_id END, "
        "password_hash = coalesce(?7, password_hash), updated_at = ?8 WHERE id = ?1";
    /* Medusa leaves the e-mail to the unique key; say what it says rather than a bare conflict. */
    static const char clash[] =
        "SELECT o.email, o.has_account FROM customer me JOIN customer o ON o.id <> me.id AND "
        "o.deleted_at IS NULL AND o.has_account = me.has_account AND lower(o.email) = "
        "lower(json_extract(?2, '$.email')) WHERE me.id = ?1";
    struct db_stmt *st = db_sql(c, clash);
    char now[TIMEFMT_LEN];
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, u->fields_json);
    if ((rc = db_step(c, st)) == DB_ROW) {
        err_set(c, ERR_DUPLICATE, "Customer with email, has_account %s, %s already exists.",
                db_col_text(st, 0), db_col_int(st, 1) ? "t" : "f");
        done(st);
        return -1;
    }
    if (rc < 0 || !(st = db_sql(c, sql)))
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, u->fields_json ? u->fields_json : "{}");
    db_bind_int(st, 3, u->metadata != NULL);
    db_bind_text(st, 4, u->metadata);
    db_bind_int(st, 5, u->set_billing != 0);
    db_bind_text(st, 6, u->billing_address_id);
    db_bind_text(st, 7, u->password_hash);
    db_bind_text(st, 8, now_iso(c, now));
    return db_run(c, st);
}

int db_customer_replace_password(struct ctx *c, const char *id, const char *old_hash,
                                 const char *new_hash)
{
    struct db_stmt *st =
        db_sql(c, "UPDATE customer SET password_hash = coalesce(?3, password_hash), "
                  "updated_at = ?4 WHERE id = ?1 AND password_hash = ?2");
    char now[TIMEFMT_LEN];
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, old_hash);
    db_bind_text(st, 3, new_hash);
    db_bind_text(st, 4, now_iso(c, now));
    if (db_run(c, st) < 0)
        return -1;
    return drv_changes(c->db) > 0;
}
