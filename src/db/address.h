/* address.h: the SQL of addresses, the customer's and the cart's alike (store.md §3,
 * checkout.md §3). Fields come as a JSON object text of the address columns (company,
 * first_name, last_name, address_1, address_2, city, country_code, province, postal_code, phone);
 * metadata as JSON text or NULL. */
#ifndef DB_ADDRESS_H
#define DB_ADDRESS_H

#include "core/ctx.h"

struct json_object;

/* 1 if address id is a live address of customer_id, 0, -1. */
int db_address_owned(struct ctx *c, const char *id, const char *customer_id);
/* The live address id of customer_id as an object of every address column and metadata
 * (arena-owned), or NULL when there is none (no error) or on failure (error recorded). */
struct json_object *db_address_load_owned(struct ctx *c, const char *id, const char *customer_id);
/* An address as an insert or update takes it: the columns as a JSON object text, its metadata,
 * and its country (lower-cased, or NULL). */
struct address_fields {
    const char *fields;
    const char *metadata; /* JSON text, or NULL */
    int metadata_given;
    const char *country_code;
};
/* The live address id of customer_id as fields (all columns, metadata given): 0, 1 when there is
 * none, -1. */
int db_address_owned_fields(struct ctx *c, const char *id, const char *customer_id,
                            struct address_fields *out);
/* A copy of address id that belongs to no customer: its new id (arena); NULL when id is NULL
 * (nothing recorded) or on failure. */
const char *db_address_copy(struct ctx *c, const char *id);
/* 1 if customer_id has a live address equal to fields_json by Medusa's de-duplication rule
 * (store.md §3: country case-insensitive, strict equality of the other compared fields). */
int db_address_duplicate(struct ctx *c, const char *customer_id, const char *fields_json);
/* Inserts an address of customer_id (NULL: nobody's) from fields_json and metadata; its new id
 * (arena), or NULL. An unknown country is Medusa's 404. */
const char *db_address_insert(struct ctx *c, const char *customer_id, const char *fields_json,
                              const char *metadata);
/* Writes the keys present in fields_json (null clears); metadata_given: replace metadata. */
int db_address_update(struct ctx *c, const char *id, const char *fields_json, int metadata_given,
                      const char *metadata);
/* Soft-deletes address id if it is a live address of customer_id (else nothing). 0 or -1. */
int db_address_delete(struct ctx *c, const char *id, const char *customer_id);
/* Sets the address's country code. 0 or -1. */
int db_address_set_country(struct ctx *c, const char *id, const char *iso2);

#endif
