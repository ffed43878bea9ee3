/* user.c: the SQL of admin users (user.h). Lookups are reset after their row: they run before the
 * request's transaction, which a read left open would turn into a stale snapshot. */
#include "db/user.h"

#include "db/internal.h"

int db_user_by_email(struct ctx *c, const char *email, struct user_row *out)
{
    struct db_stmt *st =
        db_prep(c,
                "SELECT id, password_hash FROM \"user\" WHERE lower(email) = lower(?1) AND "
                "deleted_at IS NULL ORDER BY email = ?1 DESC LIMIT 1",
                "s", email);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        out->id = db_col_dup(c, st, 0);
        out->password_hash = db_col_dup(c, st, 1);
    }
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

const char *db_user_by_api_token(struct ctx *c, const char *token)
{
    return db_one_text(c, "SELECT id FROM \"user\" WHERE api_token = ?1 AND deleted_at IS NULL",
                       "s", token);
}

int db_user_live(struct ctx *c, const char *id)
{
    struct db_stmt *st =
        db_prep(c, "SELECT 1 FROM \"user\" WHERE id = ?1 AND deleted_at IS NULL", "s", id);
    int rc = db_one_row(c, st);
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

int db_user_set_password_hash(struct ctx *c, const char *id, const char *hash)
{
    return db_execf(c,
                    "UPDATE \"user\" SET password_hash = ?2, updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", id, hash);
}

int db_user_replace_password(struct ctx *c, const char *id, const char *old_hash,
                             const char *new_hash)
{
    if (db_execf(c,
                 "UPDATE \"user\" SET password_hash = ?3, updated_at = " DB_NOW
                 " WHERE id = ?1 AND password_hash = ?2 AND deleted_at IS NULL",
                 "sss", id, old_hash, new_hash) < 0)
        return -1;
    return drv_changes(c->db) > 0;
}

const char *db_user_insert(struct ctx *c, const char *email, const char *first_name,
                           const char *last_name, const char *role, const char *password_hash)
{
    const char *id = db_new_id(c, "usr");
    return db_execf(c,
                    "INSERT INTO \"user\" (id, email, first_name, last_name, role, password_hash,"
                    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, coalesce(?5, 'member'), "
                    "?6, " DB_NOW ", " DB_NOW ")",
                    "ssssss", id, email, first_name, last_name, role, password_hash) < 0
               ? NULL
               : id;
}

int db_user_metadata(struct ctx *c, const char *id, const char **metadata)
{
    struct db_stmt *st =
        db_prep(c, "SELECT metadata FROM \"user\" WHERE id = ?1 AND deleted_at IS NULL", "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0)
        *metadata = db_col_dup(c, st, 0);
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

int db_user_update(struct ctx *c, const char *id, const char *fields_json, const char *metadata)
{
    /* json_type() is SQL NULL for an absent key and 'null' for a JSON null (which clears). */
    return db_execf(c,
                    "UPDATE \"user\" SET"
                    " first_name = CASE WHEN json_type(?2, '$.first_name') IS NULL THEN first_name"
                    " ELSE json_extract(?2, '$.first_name') END,"
                    " last_name = CASE WHEN json_type(?2, '$.last_name') IS NULL THEN last_name"
                    " ELSE json_extract(?2, '$.last_name') END,"
                    " role = CASE WHEN json_type(?2, '$.role') IS NULL THEN role"
                    " ELSE json_extract(?2, '$.role') END,"
                    " api_token = CASE WHEN json_type(?2, '$.api_token') IS NULL THEN api_token"
                    " ELSE json_extract(?2, '$.api_token') END,"
                    " metadata = coalesce(?3, metadata), updated_at = " DB_NOW " WHERE id = ?1",
                    "sss", id, fields_json, metadata);
}

int db_user_delete(struct ctx *c, const char *id)
{
    if (db_execf(c,
                 "UPDATE \"user\" SET deleted_at = " DB_NOW ", updated_at = " DB_NOW
                 " WHERE id = ?1 AND deleted_at IS NULL",
                 "s", id) < 0)
        return -1;
    return drv_changes(c->db) > 0;
}

int db_invite_load(struct ctx *c, const char *key, int by_email, struct invite_row *out)
{
    struct db_stmt *st = db_prep(c,
                                 by_email ? "SELECT id, user_email, role, expires_at, accepted FROM"
                                            " invite WHERE user_email = ?1 AND deleted_at IS NULL"
                                          : "SELECT id, user_email, role, expires_at, accepted FROM"
                                            " invite WHERE id = ?1 AND deleted_at IS NULL",
                                 "s", key);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        out->id = db_col_dup(c, st, 0);
        out->user_email = db_col_dup(c, st, 1);
        out->role = db_col_dup(c, st, 2);
        out->expires_at = db_col_dup(c, st, 3);
        out->accepted = db_col_int(st, 4);
    }
    if (st)
        db_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

const char *db_invite_insert(struct ctx *c, const char *user_email, const char *role)
{
    const char *id = db_new_id(c, "invite");
    return db_execf(c,
                    "INSERT INTO invite (id, user_email, role, token, expires_at, created_at,"
                    " updated_at) VALUES (?1, ?2, ?3, '', " DB_NOW ", " DB_NOW ", " DB_NOW ")",
                    "sss", id, user_email, role) < 0
               ? NULL
               : id;
}

int db_invite_set_token(struct ctx *c, const char *id, const char *role, const char *token,
                        const char *expires_at)
{
    return db_execf(c,
                    "UPDATE invite SET role = coalesce(?2, role), token = ?3, expires_at = ?4,"
                    " updated_at = " DB_NOW " WHERE id = ?1",
                    "ssss", id, role, token, expires_at);
}

int db_invite_delete(struct ctx *c, const char *id)
{
    return db_execf(c, "DELETE FROM invite WHERE id = ?1", "s", id);
}
