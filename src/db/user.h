/* user.h: the SQL of admin users (the "user" table) for authentication. */
#ifndef DB_USER_H
#define DB_USER_H

#include "core/ctx.h"

struct user_row {
    const char *id, *password_hash;
};

/* The live user with email (already lower-cased), into out (arena strings): 1, 0 absent, -1. */
int db_user_by_email(struct ctx *c, const char *email, struct user_row *out);
/* The id of the live user whose api_token is token, in the arena, or NULL (none, or a database
 * failure: authentication then fails closed). */
const char *db_user_by_api_token(struct ctx *c, const char *token);
/* 1 if id is a live user, 0 if not, -1 on error. */
int db_user_live(struct ctx *c, const char *id);
/* Replaces the user's password hash (an upgrade on login). 0 or -1. */
int db_user_set_password_hash(struct ctx *c, const char *id, const char *hash);

#endif
