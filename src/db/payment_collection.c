/* payment_collection.c: SQL of payment collections (payment_collection.h). */
#include "db/payment_collection.h"

#include <json-c/json.h>
#include <string.h>

#include "core/json.h"
#include "core/ulid.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/internal.h"

#define NOW DB_NOW

int db_paycol_get(struct ctx *c, const char *id, struct paycol_row *out)
{
    struct db_stmt *st = db_prep(
        c,
        "SELECT id, status, region_id, currency_code, amount, "
        "coalesce(authorized_amount, 0), authorized_amount IS NOT NULL FROM payment_collection "
        "WHERE id = ?1 AND deleted_at IS NULL",
        "s", id);
    int rc = db_one_row(c, st);
    if (rc)
        return rc;
    out->id = db_col_dup(c, st, 0);
    out->status = db_col_dup(c, st, 1);
    out->region_id = db_col_dup(c, st, 2);
    out->currency_code = db_col_dup(c, st, 3);
    out->amount = db_col_int64(st, 4);
    out->authorized_amount = db_col_int64(st, 5);
    out->has_authorized = db_col_int(st, 6);
    return 0;
}

const char *db_paycol_insert(struct ctx *c, int64_t amount, const char *region_id,
                             const char *currency_code, const char *description,
                             const char *created_by)
{
    const char *id = db_new_id(c, "paycol");
    if (db_execf(c,
                 "INSERT INTO payment_collection (id, type, status, description, amount, "
                 "region_id, currency_code, created_by) VALUES (?1, 'order_edit', 'not_paid', ?2, "
                 "?3, ?4, ?5, ?6)",
                 "ssisss", id, description, amount, region_id, currency_code, created_by) < 0)
        return NULL;
    return id;
}

int db_paycol_set_status(struct ctx *c, const char *id, const char *status,
                         int64_t authorized_amount)
{
    return db_execf(c,
                    "UPDATE payment_collection SET status = ?2, authorized_amount = ?3, "
                    "updated_at = " NOW " WHERE id = ?1",
                    "ssi", id, status, authorized_amount);
}

int db_paycol_sessions(struct ctx *c, const char *id, struct paycol_session **out, int *n)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT s.id, s.provider_id, s.status, s.payment_authorized_at, "
                "coalesce(s.amount, 0) FROM payment_session s "
                "JOIN payment_collection_sessions l ON l.payment_session_id = s.id "
                "WHERE l.payment_collection_id = ?1 ORDER BY s.created_at, s.id",
                "s", id);
    struct paycol_session *v = NULL;
    int rc, cap = 0;
    *n = 0;
    if (!st)
        return -1;
    while ((rc = db_step(c, st)) == DB_ROW) {
        if (*n == cap) {
            struct paycol_session *g =
                arena_alloc(&c->arena, sizeof(*g) * (size_t)(cap = cap ? cap * 2 : 8));
            if (*n)
                memcpy(g, v, sizeof(*g) * (size_t)*n);
            v = g;
        }
        v[*n].id = db_col_dup(c, st, 0);
        v[*n].provider_id = db_col_dup(c, st, 1);
        v[*n].status = db_col_dup(c, st, 2);
        v[*n].authorized_at = db_col_dup(c, st, 3);
        v[*n].amount = db_col_int64(st, 4);
        (*n)++;
    }
    *out = v;
    return rc == DB_DONE ? 0 : -1;
}

const char *db_paycol_session_insert(struct ctx *c, const char *paycol_id, const char *provider_id,
                                     int64_t amount, const char *data)
{
    const char *id = db_new_id(c, "ps");
    if (db_execf(
            c,
            "INSERT INTO payment_session (id, cart_id, provider_id, is_selected, is_initiated, "
            "status, data, amount, created_at, updated_at) VALUES (?1, NULL, ?2, NULL, 1, "
            "'pending', ?3, ?4, " NOW ", " NOW ")",
            "sssi", id, provider_id, data, amount) < 0 ||
        db_execf(c,
                 "INSERT INTO payment_collection_sessions (payment_collection_id, "
                 "payment_session_id) VALUES (?1, ?2)",
                 "ss", paycol_id, id) < 0)
        return NULL;
    return id;
}

int db_paycol_session_update(struct ctx *c, const char *sid, const char *provider_id,
                             int64_t amount, const char *data)
{
    return db_execf(c,
                    "UPDATE payment_session SET provider_id = ?2, amount = ?3, data = ?4, "
                    "updated_at = " NOW " WHERE id = ?1",
                    "ssis", sid, provider_id, amount, data);
}

int db_paycol_session_delete(struct ctx *c, const char *sid)
{
    return db_execf(c, "DELETE FROM payment_session WHERE id = ?1", "s", sid);
}

const char *db_paycol_of_session(struct ctx *c, const char *sid)
{
    return db_one_text(c,
                       "SELECT payment_collection_id FROM payment_collection_sessions WHERE "
                       "payment_session_id = ?1",
                       "s", sid);
}

int db_paycol_payment_add(struct ctx *c, const char *paycol_id, int64_t amount,
                          const char *currency, const char *provider_id, const char *data)
{
    const char *id = db_new_id(c, "pay");
    if (db_execf(c,
                 "INSERT INTO payment (id, amount, currency_code, provider_id, data, created_at, "
                 "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, " NOW ", " NOW ")",
                 "sisss", id, amount, currency, provider_id, data) < 0)
        return -1;
    return db_execf(c,
                    "INSERT INTO payment_collection_payments (payment_collection_id, payment_id) "
                    "VALUES (?1, ?2)",
                    "ss", paycol_id, id);
}

struct json_object *db_paycol_json(struct ctx *c, const char *id, struct gsel *sel)
{
    struct json_object *row = NULL;
    struct gquery q;
    int rc;
    gq_init(c, &q, &ent_payment_collection, sel);
    gq_where_text(&q, "%c.id = ?", id);
    if ((rc = gq_run_row(c, &q, &row)) == 1)
        err_set(c, ERR_NOT_FOUND, "Payment collection with id %s was not found", id);
    return rc ? NULL : row;
}

const char *db_paycol_text(struct ctx *c, const char *id)
{
    struct json_object *pc = db_paycol_json(c, id, gsel_cols(c, &ent_payment_collection));
    return pc ? json_text(pc, NULL) : NULL;
}

struct json_object *db_paycol_session_json(struct ctx *c, const char *sid)
{
    struct json_object *row = NULL;
    struct gquery q;
    int rc;
    gq_init(c, &q, &ent_payment_session, gsel_cols(c, &ent_payment_session));
    gq_where_text(&q, "%c.id = ?", sid);
    if ((rc = gq_run_row(c, &q, &row)) == 1)
        err_set(c, ERR_NOT_FOUND, "Payment Session with id %s was not found", sid);
    return rc ? NULL : row;
}
