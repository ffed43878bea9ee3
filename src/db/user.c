/* user.c: the SQL of admin users (user.h). Lookups are reset after their row: they run before the
 * request's transaction, which a read left open would turn into a stale snapshot. */
#include "db/user.h"

#include "db/internal.h"

int db_user_by_email(struct ctx *c, const char *email, struct user_row *out)
{
    sqlite3_stmt *st =
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
        sqlite3_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

const char *db_user_by_api_token(struct ctx *c, const char *token)
{
    return db_one_text(c, "SELECT id FROM \"user\" WHERE api_token = ?1 AND deleted_at IS NULL",
                       "s", token);
}

int db_user_live(struct ctx *c, const char *id)
{
    sqlite3_stmt *st =
        db_prep(c, "SELECT 1 FROM \"user\" WHERE id = ?1 AND deleted_at IS NULL", "s", id);
    int rc = db_one_row(c, st);
    if (st)
        sqlite3_reset(st);
    return rc < 0 ? -1 : rc == 0;
}

int db_user_set_password_hash(struct ctx *c, const char *id, const char *hash)
{
    return db_execf(c,
                    "UPDATE \"user\" SET password_hash = ?2, updated_at = " DB_NOW " WHERE id = ?1",
                    "ss", id, hash);
}
