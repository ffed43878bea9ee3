/* customer_group.c: customer groups from the Admin API (customer_group.h), as Medusa v1's
 * CustomerGroupService, with its PostgreSQL error texts checked up front. */
#include "domain/customer_group.h"

#include <string.h>

#include "core/json.h"
#include "db/customer_group.h"
#include "domain/metadata.h"

static int group_must_exist(struct ctx *c, const char *id, const char **name, const char **meta)
{
    int rc = db_customer_group_load(c, id, name, meta);
    if (rc == 1)
        return err_set(c, ERR_NOT_FOUND, "CustomerGroup with id %s was not found", id);
    return rc;
}

const char *customer_group_create(struct ctx *c, const char *name, struct json_object *metadata)
{
    int rc = db_customer_group_name_taken(c, name, NULL);
    if (rc < 0)
        return NULL;
    if (rc) {
        /* CustomerGroupService.create passes PostgreSQL's detail through. */
        err_set(c, ERR_DUPLICATE, "Key (name)=(%s) already exists.", name);
        return NULL;
    }
    return db_customer_group_insert(c, name, metadata ? json_text(metadata, NULL) : NULL);
}

int customer_group_update(struct ctx *c, const char *id, const char *name,
                          struct json_object *metadata)
{
    const char *old, *meta;
    int rc;
    if (group_must_exist(c, id, &old, &meta) < 0)
        return -1;
    if (name) {
        if ((rc = db_customer_group_name_taken(c, name, id)) < 0)
            return -1;
        if (rc)
            return err_set(c, ERR_DUPLICATE, "Customer_group with name %s already exists.", name);
    }
    if (metadata)
        meta = metadata_merge(c, meta, metadata);
    return db_customer_group_update(c, id, name ? name : old, meta);
}

int customer_group_delete(struct ctx *c, const char *id)
{
    return db_customer_group_delete(c, id);
}

int customer_group_customers(struct ctx *c, const char *id, const char *const *ids, int n, int add)
{
    const char *name, *meta, *missing;
    if (group_must_exist(c, id, &name, &meta) < 0)
        return -1;
    if (!add)
        return db_customer_group_remove_customers(c, id, ids, n);
    if (!(missing = db_missing_customers(c, ids, n)) && c->err.type != ERR_NONE)
        return -1;
    if (missing)
        return err_set(c, ERR_NOT_FOUND, "The following customer ids do not exist: \"%s\"",
                       missing);
    return db_customer_group_add_customers(c, id, ids, n);
}

int customer_set_groups(struct ctx *c, const char *customer_id, const char *const *ids, int n)
{
    const char *missing = db_missing_customer_groups(c, ids, n);
    if (!missing && c->err.type != ERR_NONE)
        return -1;
    if (missing) {
        /* The first one PostgreSQL would trip over. */
        size_t len = strcspn(missing, ",");
        return err_set(c, ERR_NOT_FOUND,
                       "Customer_group with customer_group_id %.*s does not exist.", (int)len,
                       missing);
    }
    return db_customer_set_groups(c, customer_id, ids, n);
}
