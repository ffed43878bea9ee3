/* customer.h: customers and their addresses (store.md §2, §3): the rows auth and the /me routes
 * read and write. Serialisation goes through the graph loader (ent_customer, ent_address). */
#ifndef DB_CUSTOMER_H
#define DB_CUSTOMER_H
#include <stdint.h>

#include "core/ctx.h"

struct customer_row {
    const char *id, *email, *first_name, *last_name, *phone, *password_hash, *metadata,
        *billing_address_id;
    int has_account;
};

/* The live customer id, into out (arena strings): 1 found, 0 absent, -1 error. */
int db_customer_load(struct ctx *c, const char *id, struct customer_row *out);
/* The live registered customer (has_account) with email, compared ignoring case: 1, 0 or -1. */
int db_customer_registered(struct ctx *c, const char *email, struct customer_row *out);
/* How many live registered and guest customers have email (any case). 0 or -1. */
int db_customer_email_kinds(struct ctx *c, const char *email, int *registered, int *guests);
/* Inserts a customer. 0 or -1 (the unique (email, has_account) key gives Medusa's duplicate). */
int db_customer_insert(struct ctx *c, const char *id, const char *email, const char *first_name,
                       const char *last_name, const char *phone, const char *password_hash,
                       int has_account);

struct customer_update {
    const char *fields_json; /* object whose present keys among first_name, last_name, phone,
                                email are written (null clears) */
    const char *metadata;    /* the merged metadata JSON text to store, or NULL to keep */
    int set_billing;         /* write billing_address_id */
    const char *billing_address_id;
    const char *password_hash; /* new hash, or NULL to keep */
};
/* Updates customer id. An e-mail another live customer of the same kind has is Medusa's
 * duplicate_error. 0 or -1. */
int db_customer_update(struct ctx *c, const char *id, const struct customer_update *u);

/* Replaces customer id's password hash by new_hash (NULL: keeps it) if it is still old_hash: 1
 * when it was, 0 when the hash changed meanwhile (a reset token was used), -1 on error. */
int db_customer_replace_password(struct ctx *c, const char *id, const char *old_hash,
                                 const char *new_hash);

#endif
