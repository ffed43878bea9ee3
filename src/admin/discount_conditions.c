/* discount_conditions.c: /admin/discounts/:id/conditions[/:condition_id[/batch]] (Medusa v1's
 * create-condition.ts ... delete-resources-from-condition-batch.ts, with the
 * doesConditionBelongToDiscount check). Rules in domain/discount.c; every write answers the
 * discount, a read the condition. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "admin/discounts.h"
#include "core/json.h"
#include "db/entities.h"
#include "domain/discount.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/validate.h"

static const struct vparam find_params[] = {
    {"expand", V_STRING, V_OPTIONAL}, {"fields", V_STRING, V_OPTIONAL}, {NULL, 0, 0}};

/* The condition body checked and read (dto: COND_CREATE or COND_LISTS). */
static int condition_body(struct req *r, enum condition_dto dto, struct discount_condition_in *k)
{
    struct sbuf m = SBUF_INIT;
    admin_condition_check(r->json, &m, dto);
    if (validate_done(r, &m) < 0)
        return -1;
    admin_condition_read(r, r->json, k);
    return 0;
}

/* POST /admin/discounts/:id/conditions */
int admin_discounts_condition_create(struct req *r)
{
    struct discount_condition_in k;
    const char *id = req_param(r, "id"), *rule_id;
    if (validate(r, r->qs, find_params, 1) < 0 || condition_body(r, COND_CREATE, &k) < 0 ||
        !(rule_id = discount_rule_of(&r->c, id)))
        return -1;
    k.id = NULL;
    if (discount_condition_upsert(&r->c, rule_id, &k, 1) < 0)
        return -1;
    return admin_discount_send(r, id, 1);
}

/* GET /admin/discounts/:id/conditions/:condition_id: the condition with its rule, or what the
 * query expands (its resources: products, product_types, ...). */
int admin_discounts_condition_get(struct req *r)
{
    static const char *const fields[] = {"id",         "type",       "operator", "discount_rule_id",
                                         "created_at", "updated_at", NULL};
    static const char *const relations[] = {"discount_rule", NULL};
    static const struct listq_spec spec = {.default_fields = fields,
                                           .default_relations = relations};
    const char *cid = req_param(r, "condition_id"), *rule_id, *type;
    struct listq lq;
    struct gsel *sel;
    if (validate(r, r->qs, find_params, 1) < 0 || listq_parse(r, &spec, &lq) < 0 ||
        discount_condition_of(&r->c, req_param(r, "id"), cid, ERR_INVALID_DATA, &rule_id, &type) <
            0)
        return -1;
    sel = gsel_build(&r->c, &ent_discount_condition, lq.fields, lq.relations);
    /* The admin's product objects carry their profile_id, as GET /admin/products does. */
    if (gsel_rel(sel, "products"))
        gsel_add_col(&r->c, gsel_rel(sel, "products"), "profile_id");
    return admin_one_send(r, "discount_condition", &ent_discount_condition, sel, cid,
                          "DiscountCondition with id ");
}

/* POST /admin/discounts/:id/conditions/:condition_id: the resources listed (their type) replace
 * the condition's; Medusa's body has no operator here. */
int admin_discounts_condition_update(struct req *r)
{
    struct discount_condition_in k;
    const char *id = req_param(r, "id"), *cid = req_param(r, "condition_id"), *rule_id, *type;
    if (validate(r, r->qs, find_params, 1) < 0 ||
        discount_condition_of(&r->c, id, cid, ERR_INVALID_DATA, &rule_id, &type) < 0 ||
        condition_body(r, COND_LISTS, &k) < 0)
        return -1;
    k.id = cid;
    if (discount_condition_upsert(&r->c, rule_id, &k, 1) < 0)
        return -1;
    return admin_discount_send(r, id, 1);
}

/* DELETE /admin/discounts/:id/conditions/:condition_id: idempotent for an unknown condition;
 * one of another discount is Medusa's 404. */
int admin_discounts_condition_delete(struct req *r)
{
    const char *id = req_param(r, "id"), *cid = req_param(r, "condition_id"), *rule_id, *type;
    struct json_object *o, *d;
    if (validate(r, r->qs, find_params, 1) < 0)
        return -1;
    if (discount_condition_of(&r->c, id, cid, ERR_NOT_FOUND, &rule_id, &type) < 0) {
        /* Only an unknown condition is fine; the discount must exist either way. */
        if (strncmp(r->c.err.msg, "DiscountCondition with id ", 26))
            return -1;
        err_clear(&r->c);
    } else if (discount_condition_delete(&r->c, cid) < 0) {
        return -1;
    }
    if (!(d = admin_discount_json(r, id, 1)))
        return -1;
    o = json_object_new_object();
    json_set_str(o, "id", cid);
    json_set_str(o, "object", "discount-condition");
    json_set_bool(o, "deleted", 1);
    json_set(o, "discount", json_share(d));
    return resp_json(r, 200, o);
}

/* The batch routes: resources [{id}] of the condition's own type. */
static int resources_batch(struct req *r, int add)
{
    static const struct vparam params[] = {{"resources", V_ARRAY, V_CHECKED}, {NULL, 0, 0}};
    struct discount_condition_in k;
    struct json_object *list;
    const char *id = req_param(r, "id"), *cid = req_param(r, "condition_id"), *rule_id, *type;
    const char **ids;
    int n;
    if (validate(r, r->qs, find_params, 1) < 0 ||
        discount_condition_of(&r->c, id, cid, ERR_INVALID_DATA, &rule_id, &type) < 0 ||
        validate(r, r->json, params, 0) < 0)
        return -1;
    list = json_get(r->json, "resources");
    n = (int)json_object_array_length(list);
    ids = arena_alloc(&r->c.arena, sizeof(*ids) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        struct json_object *e = json_object_array_get_idx(list, (size_t)i);
        ids[i] = json_object_is_type(e, json_type_string) ? json_object_get_string(e)
                                                          : json_get_str_opt(e, "id");
        /* Medusa hands a resource without a string id to the database, which refuses it. */
        if (!ids[i])
            return err_set(&r->c, ERR_INVALID_DATA, "each value in resources must have an id");
    }
    memset(&k, 0, sizeof(k));
    k.id = cid;
    k.type = n ? type : NULL;
    k.ids = ids;
    k.nids = n;
    if ((add ? discount_condition_upsert(&r->c, rule_id, &k, 0)
             : discount_condition_remove(&r->c, &k)) < 0)
        return -1;
    return admin_discount_send(r, id, 1);
}

/* POST /admin/discounts/:id/conditions/:condition_id/batch */
int admin_discounts_condition_add_resources(struct req *r)
{
    return resources_batch(r, 1);
}

/* DELETE /admin/discounts/:id/conditions/:condition_id/batch */
int admin_discounts_condition_remove_resources(struct req *r)
{
    return resources_batch(r, 0);
}
