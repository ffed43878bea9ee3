/* address.c: the SQL of addresses (address.h; store.md §3, checkout.md §3): one writer for the
 * customer's addresses and the cart's (those belong to no customer). Partial updates take a JSON
 * object and write exactly its present keys, so one constant statement serves every combination. */
#include "db/address.h"

#include <json-c/json.h>

#include "core/json.h"
#include "core/timefmt.h"
#include "db/internal.h"

/* Ends a one-row read at once: a statement left on its row holds a read transaction, and a
 * write transaction begun after it would fail on a stale snapshot instead of waiting. */
static void done(struct db_stmt *st)
{
    db_reset(st);
}

static const char *now_iso(struct ctx *c, char buf[TIMEFMT_LEN])
{
    return timefmt_iso(buf, TIMEFMT_LEN, c->now_ms ? c->now_ms : timefmt_now_ms());
}

int db_address_owned(struct ctx *c, const char *id, const char *customer_id)
{
    struct db_stmt *st = db_sql(c, "SELECT 1 FROM address WHERE id = ?1 AND customer_id = ?2 AND "
                                   "deleted_at IS NULL");
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, customer_id);
    rc = db_step(c, st);
    done(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

struct json_object *db_address_load_owned(struct ctx *c, const char *id, const char *customer_id)
{
    const char *text = db_one_text(
        c,
        "SELECT json_object('company', company, 'first_name', first_name, 'last_name', "
        "last_name, 'address_1', address_1, 'address_2', address_2, 'city', city, "
        "'country_code', country_code, 'province', province, 'postal_code', postal_code, "
        "'phone', phone, 'metadata', json(metadata)) FROM address WHERE id = ?1 AND "
        "customer_id = ?2 AND deleted_at IS NULL",
        "ss", id, customer_id);
    return text ? json_own(&c->arena, json_tokener_parse(text)) : NULL;
}

int db_address_owned_fields(struct ctx *c, const char *id, const char *customer_id,
                            struct address_fields *out)
{
    struct db_stmt *st = db_prep(
        c,
        "SELECT json_object('company', company, 'first_name', first_name, 'last_name', "
        "last_name, 'address_1', address_1, 'address_2', address_2, 'city', city, "
        "'country_code', lower(country_code), 'province', province, 'postal_code', postal_code, "
        "'phone', phone), metadata, lower(country_code) FROM address WHERE id = ?1 AND "
        "customer_id = ?2 AND deleted_at IS NULL",
        "ss", id, customer_id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->fields = db_col_dup(c, st, 0);
    out->metadata = db_col_dup(c, st, 1);
    out->metadata_given = 1;
    out->country_code = db_col_dup(c, st, 2);
    db_reset(st);
    return 0;
}

const char *db_address_copy(struct ctx *c, const char *id)
{
    const char *copy;
    if (!id)
        return NULL;
    copy = db_new_id(c, "addr");
    if (db_execf(c,
                 "INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, "
                 "address_2, city, country_code, province, postal_code, phone, metadata, "
                 "created_at, updated_at) SELECT ?1, NULL, company, first_name, last_name, "
                 "address_1, address_2, city, country_code, province, postal_code, phone, "
                 "metadata, " DB_NOW ", " DB_NOW " FROM address WHERE id = ?2",
                 "ss", copy, id) < 0)
        return NULL;
    return copy;
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
    struct db_stmt *st = db_sql(c, sql);
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, customer_id);
    db_bind_text(st, 2, fields_json);
    rc = db_step(c, st);
    done(st);
    return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* A country code in fields_json that names no country: Medusa's foreign-key 404. */
static int country_check(struct ctx *c, const char *fields_json)
{
    struct db_stmt *st =
        db_sql(c, "SELECT cc FROM (SELECT json_extract(?1, '$.country_code') AS cc) x WHERE cc "
                  "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM country WHERE iso_2 = cc)");
    int rc;
    if (!st)
        return -1;
    db_bind_text(st, 1, fields_json);
    if ((rc = db_step(c, st)) == DB_ROW) {
        err_set(c, ERR_NOT_FOUND, "Country with iso_2 %s does not exist.", db_col_text(st, 0));
        done(st);
        return -1;
    }
    return rc == DB_DONE ? 0 : -1;
}

const char *db_address_insert(struct ctx *c, const char *customer_id, const char *fields_json,
                              const char *metadata)
{
    static const char sql[] =
        "INSERT INTO address (id, customer_id, company, first_name, last_name, address_1, "
        "address_2, city, country_code, province, postal_code, phone, metadata, created_at, "
        "updated_at) VALUES (?1, ?2, json_extract(?3, '$.company'), json_extract(?3, "
        "'$.first_name'), json_extract(?3, '$.last_name'), json_extract(?3, '$.address_1'), "
        "json_extract(?3, '$.address_2'), json_extract(?3, '$.city'), json_extract(?3, "
        "'$.country_code'), json_extract(?3, '$.province'), json_extract(?3, '$.postal_code'), "
        "json_extract(?3, '$.phone'), ?4, ?5, ?5)";
    struct db_stmt *st;
    const char *id = db_new_id(c, "addr");
    char now[TIMEFMT_LEN];
    if (country_check(c, fields_json) < 0 || !(st = db_sql(c, sql)))
        return NULL;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, customer_id);
    db_bind_text(st, 3, fields_json);
    db_bind_text(st, 4, metadata);
    db_bind_text(st, 5, now_iso(c, now));
    return db_run(c, st) < 0 ? NULL : id;
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
    struct db_stmt *st;
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
    struct db_stmt *st = db_sql(c, "UPDATE address SET deleted_at = ?3, updated_at = ?3 WHERE id = "
                                   "?1 AND customer_id = ?2 AND deleted_at IS NULL");
    char now[TIMEFMT_LEN];
    if (!st)
        return -1;
    db_bind_text(st, 1, id);
    db_bind_text(st, 2, customer_id);
    db_bind_text(st, 3, now_iso(c, now));
    return db_run(c, st);
}

int db_address_set_country(struct ctx *c, const char *id, const char *iso2)
{
    return db_execf(c,
                    "UPDATE address SET country_code = ?2, updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", id, iso2);
}
