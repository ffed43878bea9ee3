/* user.h: the SQL of admin users (the "user" table) and of their invitations (invite). */
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
/* Replaces the hash only while it is still old_hash (a reset token is signed with it, so a
 * token works once): 1 replaced, 0 not (the hash changed meanwhile), -1 on error. */
int db_user_replace_password(struct ctx *c, const char *id, const char *old_hash,
                             const char *new_hash);

/* Inserts a user (email lower-cased; role NULL: the model's default "member"; password_hash may
 * be NULL); its new id, or NULL. */
const char *db_user_insert(struct ctx *c, const char *email, const char *first_name,
                           const char *last_name, const char *role, const char *password_hash);
/* The stored metadata of a live user: 1 with *metadata (NULL when none), 0 if no such user, -1. */
int db_user_metadata(struct ctx *c, const char *id, const char **metadata);
/* Sets the columns named in fields_json (first_name, last_name, role, api_token; a JSON null
 * clears one) and, when metadata is not NULL, the metadata text. 0 or -1. */
int db_user_update(struct ctx *c, const char *id, const char *fields_json, const char *metadata);
/* Soft-deletes a live user: 1 done, 0 no such live user, -1. */
int db_user_delete(struct ctx *c, const char *id);

struct invite_row {
    const char *id, *user_email, *role, *expires_at;
    int accepted;
};
/* The live invite with that id (or, with by_email, that user_email): 1 with *out, 0, -1. */
int db_invite_load(struct ctx *c, const char *key, int by_email, struct invite_row *out);
/* Inserts an invite with an empty token (its id signs the token set next); the new id or NULL. */
const char *db_invite_insert(struct ctx *c, const char *user_email, const char *role);
/* Sets role (when not NULL), token and expires_at. 0 or -1. */
int db_invite_set_token(struct ctx *c, const char *id, const char *role, const char *token,
                        const char *expires_at);
/* Deletes the invite for real, as Medusa does. 0 or -1. */
int db_invite_delete(struct ctx *c, const char *id);

#endif
