/* customer_groups.c: /admin/customer-groups (Medusa v1's AdminPostCustomerGroupsReq,
 * AdminGetCustomerGroupsParams, the customers batch and GET .../customers). Rules in
 * domain/customer_group.c; a group answers with no relation unless expanded. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "admin/customers.h"
#include "core/json.h"
#include "db/catalog.h"
#include "db/entities.h"
#include "domain/customer_group.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/page.h"
#include "front/validate.h"

static const struct vparam find_params[] = {
    {"expand", V_STRING, V_OPTIONAL}, {"fields", V_STRING, V_OPTIONAL}, {NULL, 0, 0}};

/* {customer_group} with the query's expand/fields (no relation by default). */
static int send_group(struct req *r, const char *id)
{
    static const struct listq_spec spec = {0};
    struct listq lq;
    if (listq_parse(r, &spec, &lq) < 0)
        return -1;
    return admin_one_send(r, "customer_group", &ent_customer_group,
                          gsel_build(&r->c, &ent_customer_group, lq.fields, lq.relations), id,
                          "CustomerGroup with id ");
}

/* POST /admin/customer-groups */
int admin_customer_groups_create(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_CHECKED}, {"metadata", V_OBJECT, V_OPTIONAL}, {NULL, 0, 0}};
    const char *id;
    if (validate(r, r->json, params, 0) < 0 ||
        !(id = customer_group_create(&r->c, v_str(r->json, "name"), json_get(r->json, "metadata"))))
        return -1;
    return send_group(r, id);
}

/* GET /admin/customer-groups/:id */
int admin_customer_groups_get(struct req *r)
{
    if (validate(r, r->qs, find_params, 1) < 0)
        return -1;
    return send_group(r, req_param(r, "id"));
}

/* POST /admin/customer-groups/:id */
int admin_customer_groups_update(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_OPTIONAL}, {"metadata", V_OBJECT, V_OPTIONAL}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 || validate(r, r->qs, find_params, 1) < 0 ||
        customer_group_update(&r->c, id, v_str(r->json, "name"), json_get(r->json, "metadata")) < 0)
        return -1;
    return send_group(r, id);
}

/* DELETE /admin/customer-groups/:id */
int admin_customer_groups_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (customer_group_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "customer_group");
}

/* The batch bodies: customer_ids [{id}] (ValidateNested each; no IsArray). */
static int customers_batch(struct req *r, int add)
{
    static const struct vparam params[] = {{"customer_ids", V_ANY, V_OPTIONAL}, {NULL, 0, 0}};
    struct sbuf msgs = SBUF_INIT;
    const char *id = req_param(r, "id");
    const char **ids;
    int n;
    validate_msgs(r->json, params, 0, &msgs);
    admin_id_objects(r, &msgs, r->json, "customer_ids", &ids, &n);
    if (validate_done(r, &msgs) < 0)
        return -1;
    if (customer_group_customers(&r->c, id, ids, n, add) < 0)
        return -1;
    return admin_one_send(r, "customer_group", &ent_customer_group,
                          gsel_cols(&r->c, &ent_customer_group), id, "CustomerGroup with id ");
}

/* POST /admin/customer-groups/:id/customers/batch */
int admin_customer_groups_add_customers(struct req *r)
{
    return customers_batch(r, 1);
}

/* DELETE /admin/customer-groups/:id/customers/batch */
int admin_customer_groups_remove_customers(struct req *r)
{
    return customers_batch(r, 0);
}

/* GET /admin/customer-groups: 10 a page; id, q (on the name, instead of name[]), name[], dates,
 * discount_condition_id. */
int admin_customer_groups_list(struct req *r)
{
    static const struct vparam params[] = {
        {"id", V_STRFILTER, 0},          {"q", V_STRING, 0},
        {"name", V_STRARRAY, 0},         {"updated_at", V_DATEFILTER, 0},
        {"created_at", V_DATEFILTER, 0}, {"discount_condition_id", V_STRING, 0},
        {"order", V_STRING, 0},          {"offset", V_NUMBER, 0},
        {"limit", V_NUMBER, 0},          {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},         {NULL, 0, 0},
    };
    static const struct listq_spec spec = {.default_limit = 10, .is_list = 1};
    struct ctx *c = &r->c;
    struct strfilter idf;
    struct listq lq;
    struct listf f;
    struct gquery q;
    const char *s;
    const char **names;
    int n;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    listq_listf(r, &lq, &f);
    if (gq_list(c, &q, &ent_customer_group,
                gsel_build(c, &ent_customer_group, lq.fields, lq.relations), &f) < 0)
        return -1;
    v_strfilter(r, r->qs, "id", &idf);
    catalog_where_str(c, &q, "id", &idf);
    /* q takes the name's place (the service sets where.name to the ILike). */
    if ((s = v_str(r->qs, "q")) && *s) {
        gq_where_contains(c, &q, "name", s);
    } else {
        names = v_strs(r, r->qs, "name", &n);
        if (n)
            gq_where_in(c, &q, "name", names, n);
    }
    if ((s = v_str(r->qs, "discount_condition_id")))
        gq_where_linked(c, &q, "id", "discount_condition_customer_group", "customer_group_id",
                        "condition_id", &s, 1);
    return page_list(r, "customer_groups", &q, 1);
}

/* GET /admin/customer-groups/:id/customers: the customer list filtered on the group (an unknown
 * group has none). */
int admin_customer_groups_customers(struct req *r)
{
    return admin_customers_page(r, req_param(r, "id"));
}
