/* tax_rate.c: tax rates and their links (tax_rate.h), with Medusa's messages. Where Medusa turns a
 * foreign-key failure into a retrieve's 404, the rows are checked first and the same 404 given. */
#include "domain/tax_rate.h"

#include <string.h>

#include <json-c/json.h>

#include "core/json.h"
#include "db/product_admin.h"
#include "db/tax_rate.h"

static int rate_found(struct ctx *c, const char *id, const char **region_id)
{
    int rc = db_tax_rate_region(c, id, region_id);
    if (rc < 0)
        return -1;
    return rc ? 0 : err_set(c, ERR_NOT_FOUND, "TaxRate with %s was not found", id);
}

int tax_rate_link(struct ctx *c, char kind, const char *id, struct json_object *ids, int replace)
{
    const char *region, *missing, *oid, *oregion;
    const char *text;
    size_t len;
    int rc;
    if (rate_found(c, id, &region) < 0)
        return -1;
    text = arena_strdup(&c->arena, json_text(ids, &len));
    if (kind == 's') {
        if ((rc = db_shipping_option_outside(c, text, region, &oid, &oregion)) < 0)
            return -1;
        if (rc)
            return err_set(c, ERR_NOT_ALLOWED,
                           "Shipping Option and Tax Rate must belong to the same Region to be "
                           "associated. Shipping Option with id: %s belongs to Region with id: %s "
                           "and Tax Rate with id: %s belongs to Region with id: %s",
                           oid, oregion, id, region);
    }
    if ((rc = db_tax_rate_missing(c, kind, text, &missing)) < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_NOT_FOUND, "%s%s was not found",
                       kind == 'p'   ? "Product with id: "
                       : kind == 't' ? "Product type with id: "
                                     : "Shipping Option with ",
                       missing);
    return db_tax_rate_link(c, kind, id, text, replace);
}

int tax_rate_unlink(struct ctx *c, char kind, const char *id, struct json_object *ids)
{
    size_t len;
    return db_tax_rate_unlink(c, kind, id, json_text(ids, &len));
}

/* The link lists of a body, each replacing (update) or adding to (create) the rate's. */
static int links(struct ctx *c, const char *id, struct json_object *body, int replace)
{
    static const struct {
        const char *key;
        char kind;
    } lists[] = {{"products", 'p'}, {"product_types", 't'}, {"shipping_options", 's'}};
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
        struct json_object *v = json_get(body, lists[i].key);
        if (v && tax_rate_link(c, lists[i].kind, id, v, replace) < 0)
            return -1;
    }
    return 0;
}

static int region_live(struct ctx *c, const char *region_id)
{
    int rc = db_row_exists(c, "region", region_id);
    if (rc < 0)
        return -1;
    /* The foreign key's words (exception-formatter.ts). */
    return rc ? 0
              : err_set(c, ERR_NOT_FOUND, "Region with region_id %s does not exist.", region_id);
}

int tax_rate_create(struct ctx *c, struct json_object *body, const char **id)
{
    struct json_object *rate = json_get(body, "rate");
    const char *region_id = json_get_str_opt(body, "region_id");
    if (region_live(c, region_id) < 0)
        return -1;
    if (!(*id =
              db_tax_rate_insert(c, json_get_str_opt(body, "code"), json_get_str_opt(body, "name"),
                                 region_id, rate != NULL, rate ? json_object_get_double(rate) : 0)))
        return -1;
    return links(c, *id, body, 0);
}

int tax_rate_update(struct ctx *c, const char *id, struct json_object *body)
{
    static const char *const columns[] = {"code", "name", "region_id", "rate", NULL};
    struct json_object *fields = json_own(&c->arena, json_object_new_object()), *v;
    const char *region, *region_id;
    size_t len;
    if (rate_found(c, id, &region) < 0)
        return -1;
    /* isDefined(): a null is written too (a null rate is no rate). */
    for (const char *const *k = columns; *k; k++)
        if (json_object_object_get_ex(body, *k, &v))
            json_object_object_add(fields, *k, json_share(v));
    if ((region_id = json_get_str_opt(body, "region_id")) && region_live(c, region_id) < 0)
        return -1;
    if (db_tax_rate_update(c, id, json_text(fields, &len)) < 0)
        return -1;
    return links(c, id, body, 1);
}

int tax_rate_delete(struct ctx *c, const char *id)
{
    return db_tax_rate_delete(c, id);
}
