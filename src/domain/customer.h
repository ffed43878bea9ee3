/* customer.h: Medusa's CustomerService rules (store.md §3): registration with its duplicate
 * rules, profile updates (metadata merge, billing address), shipping addresses with Medusa's
 * de-duplication, password reset tokens, and the customer events of the outbox. Callers own the
 * transaction: password hashing is slow and runs before it (domain/auth.h). */
#ifndef DOMAIN_CUSTOMER_H
#define DOMAIN_CUSTOMER_H
#include "core/ctx.h"
#include "core/ulid.h"
#include "db/address.h"

struct json_object;
struct customer_row;

/* E-mail as Medusa stores and looks it up: lower-cased (ASCII), in the arena. */
char *customer_email(struct ctx *c, const char *email);

/* CustomerService.create: refuses an e-mail that already has an account when a password is given,
 * or that has a guest when none is, both as Medusa's duplicate_error; otherwise inserts the
 * customer (a registered one when password_hash is given) and emits customer.created. email is
 * already lower-cased. The new id goes to id. 0 or -1. */
int customer_create(struct ctx *c, const char *email, const char *first_name, const char *last_name,
                    const char *phone, const char *password_hash, char id[ULID_ID_MAX]);

/* CustomerService.update from a validated body (store.md §3 POST /me): scalars as given, metadata
 * merged ("" deletes a key), billing_address as null, an address id or an address object, and
 * password_hash when a new password was hashed. Emits customer.updated. 404 if the customer is
 * gone. 0 or -1. */
int customer_update(struct ctx *c, const char *id, struct json_object *body,
                    const char *password_hash);

/* addAddress: a shipping address unless an equal one exists (store.md §3). 0 or -1. */
int customer_add_address(struct ctx *c, const char *id, struct json_object *address);
/* updateAddress: 400 "Could not find address for customer" unless address_id is a live address of
 * customer id. 0 or -1. */
int customer_update_address(struct ctx *c, const char *id, const char *address_id,
                            struct json_object *address);

/* Emits customer.password_reset with a token signed by the customer's current password hash,
 * valid 15 minutes (store.md §3 password-token): single-use, since a reset changes the hash. */
int customer_password_token(struct ctx *c, const struct customer_row *cu);
/* 1 if token is a valid reset token of cu (its signature, expiry and customer_id), 0 if not. */
int customer_reset_token_valid(struct ctx *c, const struct customer_row *cu, const char *token);

/* Appends event name with the customer's columns (never the password hash) as payload. */
int customer_event(struct ctx *c, const char *name, const char *id);

/* The address columns of a validated address payload as a JSON text (country code lower-cased),
 * for db/address.h; its metadata as JSON text (NULL when absent or null) and whether it was
 * given. Customers' and carts' addresses alike. */
const char *address_json(struct ctx *c, struct json_object *a, const char **metadata,
                         int *metadata_given);

/* An address in an update: absent, null, a saved address's id, or an object's fields. */
struct address_in {
    int given;               /* the key was there */
    const char *id;          /* a saved address's id, or NULL */
    struct address_fields a; /* an object's (a.fields NULL with no id: null) */
};
/* The validated value of key in body as an address_in. */
void address_in_of(struct ctx *c, struct json_object *body, const char *key,
                   struct address_in *out);

#endif
