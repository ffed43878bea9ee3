/* discounts.h: what the discount routes share with the discount condition routes. */
#ifndef ADMIN_DISCOUNTS_H
#define ADMIN_DISCOUNTS_H
#include "core/sbuf.h"

struct req;
struct json_object;
struct discount_condition_in;

/* The condition DTOs: AdminCreateCondition (operator required), AdminUpsertCondition (an id,
 * operator optional), the condition update (the resource lists only). */
enum condition_dto { COND_CREATE, COND_UPSERT, COND_LISTS };
/* Appends class-validator's messages for the condition object k to m. */
void admin_condition_check(struct json_object *k, struct sbuf *m, enum condition_dto dto);
/* A validated condition object: its id, operator, and the first non-empty resource list in
 * Medusa's resolution order (its type), in arena memory. */
void admin_condition_read(struct req *r, struct json_object *k, struct discount_condition_in *out);

/* Writes {discount}: a live discount with Medusa's default admin relations, or (with_query) the
 * query's expand/fields; 404 "Discount with id x was not found". 0 or -1. */
int admin_discount_send(struct req *r, const char *id, int with_query);
/* The same object, arena-owned, or NULL. */
struct json_object *admin_discount_json(struct req *r, const char *id, int with_query);

#endif
