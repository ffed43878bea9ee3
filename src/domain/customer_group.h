/* customer_group.h: Medusa's CustomerGroupService for the Admin API: groups with unique names,
 * their members, and a customer's groups. Deleting a group never widens what it restricted: the
 * price lists and discount conditions that named it keep naming it (README, "Where we differ"). */
#ifndef DOMAIN_CUSTOMER_GROUP_H
#define DOMAIN_CUSTOMER_GROUP_H
#include "core/ctx.h"

struct json_object;

/* A new group; NULL with 422 "Key (name)=(x) already exists." for a name in use. */
const char *customer_group_create(struct ctx *c, const char *name, struct json_object *metadata);
/* The name (NULL: kept) and metadata (merged); 404 "CustomerGroup with id x was not found", 422
 * "Customer_group with name x already exists.". 0 or -1. */
int customer_group_update(struct ctx *c, const char *id, const char *name,
                          struct json_object *metadata);
/* Deletes a group and its memberships (an unknown one is fine). 0 or -1. */
int customer_group_delete(struct ctx *c, const char *id);
/* Adds (add) or removes customers: 404 for the group; adding unknown customers is 404 "The
 * following customer ids do not exist: \"a, b\"". 0 or -1. */
int customer_group_customers(struct ctx *c, const char *id, const char *const *ids, int n, int add);
/* The customer's groups become exactly ids (404 "Customer_group with customer_group_id x does not
 * exist." for an unknown one). 0 or -1. */
int customer_set_groups(struct ctx *c, const char *customer_id, const char *const *ids, int n);

#endif
