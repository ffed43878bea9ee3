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
static void done(sqlite3_stmt *st)
{
    sqlite3_reset(st);
}

static char *dup(struct ctx *c, sqlite3_stmt *st, int i)
{
    const char *s = db_col_text(st, i);
    return s ? arena_strdup(&c->arena, s) : NULL;
}

static int customer_row(struct ctx *c, sqlite3_stmt *st, struct customer_row *out)
{
    int rc = db_step(c, st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? 0 : -1;
    out->id = dup(c, st, 0);
    out->email = dup(c, st, 1);
    out->first_name = dup(c, st, 2);
    out->last_name = dup(c, st, 3);
    out->phone = dup(c, st, 4);
    out->password_hash = dup(c, st, 5);
    out->metadata = dup(c, st, 6);
    out->billing_address_id = dup(c, st, 7);
    out->has_account = sqlite3_column_int(st, 8);
    done(st);
    return 1;
}

int db_customer_load(struct ctx *c, const char *id, struct customer_row *out)
{
    sqlite3_stmt *st = db_sql(c, "SELECT " CUSTOMER_COLS " FROM customer WHERE id = ?1 AND "
                                 "deleted_at IS NULL");
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    return customer_row(c, st, out);
}

int db_customer_registered(struct ctx *c, const char *email, struct customer_row *out)
{
    sqlite3_stmt *st = db_sql(c, "SELECT " CUSTOMER_COLS " FROM customer WHERE email = ?1 AND "
                                 "has_account = 1 AND deleted_at IS NULL");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    return customer_row(c, st, out);
}

int db_customer_email_kinds(struct ctx *c, const char *email, int *registered, int *guests)
{
    sqlite3_stmt *st = db_sql(c, "SELECT coalesce(sum(has_account = 1), 0), "
                                 "coalesce(sum(has_account = 0), 0) FROM customer WHERE "
                                 "email = ?1 AND deleted_at IS NULL");
    if (!st)
        return -1;
    db_bind_text(st, 1, email);
    if (db_step(c, st) != SQLITE_ROW)
        return -1;
    *registered = sqlite3_column_int(st, 0);
    *guests = sqlite3_column_int(st, 1);
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
    sqlite3_stmt *st = db_sql(c, "INSERT INTO customer (id, email, first_name, last_name, phone, "
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
        "o.deleted_at IS NULL AND o.has_account = me.has_account AND o.email = "
        "json_extract(?2, '$.email') WHERE me.id = ?1";
    sqlite3_stmt *st = db_sql(c, clash);
    char now[TIMEFMT_LEN];
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, u->fields_json);
    if ((rc = db_step(c, st)) == SQLITE_ROW) {
        err_set(c, ERR_DUPLICATE, "Customer with email, has_account %s, %s already exists.",
                db_col_text(st, 0), sqlite3_column_int(st, 1) ? "t" : "f");
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
    sqlite3_stmt *st = db_sql(c, "UPDATE customer SET password_hash = coalesce(?3, password_hash), "
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
    return sqlite3_changes(db_handle(c->db)) > 0;
}

/* ---- addresses ------------------------------------------------------------------------------ */

int db_address_exists(struct ctx *c, const char *id)
{
    sqlite3_stmt *st = db_sql(c, "SELECT 1 FROM address WHERE id = ?1 AND deleted_at IS NULL");
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    rc = db_step(c, st);
    done(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int db_address_owned(struct ctx *c, const char *id, const char *customer_id)
{
    sqlite3_stmt *st = db_sql(c, "SELECT 1 FROM address WHERE id = ?1 AND customer_id = ?2 AND "
                                 "deleted_at IS NULL");
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, customer_id);
    rc = db_step(c, st);
    done(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* A compared field: present in ?2 and strictly equal (an absent key never equals a stored null,
 * as undefined !== null in Medusa's comparison). */

int db_address_duplicate(struct ctx *c, const char *customer_id, const char *fields_json)
{
    static const char sql[] =
        "SELECT 1 FROM address a WHERE a.customer_id = ?1 AND a.deleted_at IS NULL AND "
        "lower(a.country_code) IS lower(json_extract(?2, '$.country_code')) AND json_type(?2, "
        "'$.address_1') IS NOT NULL AND a.address_1 IS json_extract(?2, '$.address_1') AND "
        "json_type(?2, '$.address_2') IS NOT NULL AND a.address_2 IS json_extract(?2, "
        "'$.address_2') AND json_type(?2, '$.city') IS NOT NULL AND a.city IS json_extract(?2, "
        "'$.city') AND json_type(?2, '$.phone') IS NOT NULL AND a.phone IS json_extract(?2, "
        "'$.phone') AND json_type(?2, '$.postal_code') IS NOT NULL AND a.postal_code IS "
        "json_extract(?2, '$.postal_code') AND json_type(?2, '$.province') IS NOT NULL AND "
        "a.province IS json_extract(?2, '$.province') AND json_type(?2, '$.first_name') IS NOT "
        "NULL AND a.first_name IS json_extract(?2, '$.first_name') AND json_type(?2, "
        "'$.last_name') IS NOT NULL AND a.last_name IS json_extract(?2, '$.last_name') LIMIT 1";
    sqlite3_stmt *st = db_sql(c, sql);
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, customer_id);
    db_bind_text(st, 2, fields_json);
    rc = db_step(c, st);
    done(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* A country code in fields_json that names no country: Medusa's foreign-key 404. */
static int country_check(struct ctx *c, const char *fields_json)
{
    sqlite3_stmt *st = db_sql(c, "SELECT json_extract(?1, '$.country_code') AS cc WHERE cc IS NOT "
                                 "NULL AND NOT EXISTS (SELECT 1 FROM country WHERE iso_2 = cc)");
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, fields_json);
    if ((rc = db_step(c, st)) == SQLITE_ROW) {
        err_set(c, ERR_NOT_FOUND, "Country with iso_2 %s does not exist.", db_col_text(st, 0));
        done(st);
        return -1;
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

int db_address_insert(struct ctx *c, const char *id, const char *customer_id,
                      const char *fields_json, const char *metadata)
{
    static const char sql[] =
        "INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, "
        "address_2, city, country_code, province, postal_code, phone, metadata, created_at, "
        "updated_at) VALUES (?1, ?2, json_extract(?3, '$.company'), json_extract(?3, "
        "'$.first_name'), json_extract(?3, '$.last_name'), json_extract(?3, '$.address_1'), "
        "json_extract(?3, '$.address_2'), json_extract(?3, '$.city'), json_extract(?3, "
        "'$.country_code'), json_extract(?3, '$.province'), json_extract(?3, '$.postal_code'), "
        "json_extract(?3, '$.phone'), ?4, ?5, ?5)";
    sqlite3_stmt *st;
    char now[TIMEFMT_LEN];
    if (country_check(c, fields_json) < 0 || !(st = db_sql(c, sql)))
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, customer_id);
    db_bind_text(st, 3, fields_json);
    db_bind_text(st, 4, metadata);
    db_bind_text(st, 5, now_iso(c, now));
    return db_run(c, st);
}

int db_address_update(struct ctx *c, const char *id, const char *fields_json, int metadata_given,
                      const char *metadata)
{
    static const char sql[] =
        "UPDATE address SET company = CASE WHEN json_type(?2, '$.company') IS NULL THEN company "
        "ELSE json_extract(?2, '$.company') END, first_name = CASE WHEN json_type(?2, "
        "'$.first_name') IS NULL THEN first_name ELSE json_extract(?2, '$.first_name') END, "
        "last_name = CASE WHEN json_type(?2, '$.last_name') IS NULL THEN last_name ELSE "
        "json_extract(?2, '$.last_name') END, address_1 = CASE WHEN json_type(?2, "
        "'$.address_1') IS NULL THEN address_1 ELSE json_extract(?2, '$.address_1') END, "
        "address_2 = CASE WHEN json_type(?2, '$.address_2') IS NULL THEN address_2 ELSE "
        "json_extract(?2, '$.address_2') END, city = CASE WHEN json_type(?2, '$.city') IS NULL "
        "THEN city ELSE json_extract(?2, '$.city') END, country_code = CASE WHEN json_type(?2, "
        "'$.country_code') IS NULL THEN country_code ELSE json_extract(?2, '$.country_code') "
        "END, province = CASE WHEN json_type(?2, '$.province') IS NULL THEN province ELSE "
        "json_extract(?2, '$.province') END, postal_code = CASE WHEN json_type(?2, "
        "'$.postal_code') IS NULL THEN postal_code ELSE json_extract(?2, '$.postal_code') END, "
        "phone = CASE WHEN json_type(?2, '$.phone') IS NULL THEN phone ELSE json_extract(?2, "
        "'$.phone') END, metadata = CASE WHEN ?3 THEN ?4 ELSE metadata END, updated_at = ?5 "
        "WHERE id = ?1";
    sqlite3_stmt *st;
    char now[TIMEFMT_LEN];
    if (country_check(c, fields_json) < 0 || !(st = db_sql(c, sql)))
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, fields_json);
    db_bind_int(st, 3, metadata_given != 0);
    db_bind_text(st, 4, metadata);
    db_bind_text(st, 5, now_iso(c, now));
    return db_run(c, st);
}

int db_address_delete(struct ctx *c, const char *id, const char *customer_id)
{
    sqlite3_stmt *st = db_sql(c, "UPDATE address SET deleted_at = ?3, updated_at = ?3 WHERE id = "
                                 "?1 AND customer_id = ?2 AND deleted_at IS NULL");
    char now[TIMEFMT_LEN];
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, customer_id);
    db_bind_text(st, 3, now_iso(c, now));
    return db_run(c, st);
}
