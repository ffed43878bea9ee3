/* user.h: Medusa's UserService and InviteService rules (services/user.ts, invite.ts): users with a
 * unique e-mail, updates with merged metadata, soft deletes; password-reset tokens signed with the
 * current password hash, so that one works once; invitations signed with jwt_secret, valid seven
 * days, accepted once. Tokens only leave through the event outbox (`user.password_reset`,
 * `invite.created`) and the admin's invite list. Callers own the transaction, and hash passwords
 * before opening it (domain/auth.h). */
#ifndef DOMAIN_USER_H
#define DOMAIN_USER_H
#include "core/ctx.h"

struct json_object;
struct user_row;

/* The roles of Medusa's UserRoles, NULL-terminated. */
extern const char *const user_roles[];

/* UserService.create: 400 "A user with the same email already exists." for a live user with that
 * (lower-cased) e-mail; else inserts and emits user.created. role NULL: member. *id: the new id. */
int user_create(struct ctx *c, const char *email, const char *first_name, const char *last_name,
                const char *role, const char *password_hash, const char **id);
/* UserService.update from a validated body: first_name, last_name, role, api_token as given (null
 * clears), metadata merged. 404 "User with id: <id> was not found". Emits user.updated. */
int user_update(struct ctx *c, const char *id, struct json_object *body);
/* UserService.delete: a soft delete, idempotent (nothing happens for an unknown id); emits
 * user.deleted. Sessions, tokens and API tokens of the user stop working at once. */
int user_delete(struct ctx *c, const char *id);

/* generateResetPasswordToken for the live user with that e-mail, if any and if it has a password:
 * emits user.password_reset {email, token}, the token an HS256 JWT {user_id, email, exp: 15 min}
 * keyed by the current hash. Nothing for an unknown e-mail (the caller answers the same). */
int user_password_token(struct ctx *c, const char *email);
/* 1 if token is a valid reset token of user u (signature under its hash, expiry, user_id). */
int user_reset_token_valid(struct ctx *c, const struct user_row *u, const char *token);

/* InviteService.create: 400 "Can't invite a user with an existing account"; the live invite of
 * that e-mail gets the new role and a fresh token, else a new invite is made. Emits invite.created
 * {id, token, user_email}. */
int invite_create(struct ctx *c, const char *email, const char *role);
/* InviteService.resend: 400 "Invite doesn't exist" for an unknown id; a fresh token valid seven
 * days from now, and invite.created again. */
int invite_resend(struct ctx *c, const char *id);
/* InviteService.delete: idempotent. */
int invite_delete(struct ctx *c, const char *id);
/* The claims of an invite token signed with jwt_secret: 0 with *invite_id and *email, or 400
 * "Token is not valid". */
int invite_token_check(struct ctx *c, const char *token, const char **invite_id,
                       const char **email);
/* InviteService.accept once the token is checked: 400 "Invalid invite" (gone, another e-mail,
 * expired), 400 "User already joined"; else creates the user with the invite's role and deletes
 * the invite. */
int invite_accept(struct ctx *c, const char *invite_id, const char *email, const char *first_name,
                  const char *last_name, const char *password_hash);

#endif
