/* customers.c: /admin/customers (Medusa v1's AdminGetCustomersParams, AdminPostCustomersReq,
 * AdminPostCustomersCustomerReq): the shop's view of its customers, guests included, and the
 * customers of a group. Rules in domain/customer.c and domain/customer_group.c. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "admin/customers.h"
#include "core/json.h"
#include "db/customer.h"
#include "db/db.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/customer.h"
#include "domain/customer_group.h"
#include "http/auth.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "http/validate.h"
#include "store/customers.h"

static const char *const customer_relations[] = {"orders", "shipping_addresses", NULL};
static const struct vparam find_params[] = {
    {"expand", V_STRING, 0},
    {"fields", V_STRING, 0},
    {NULL, 0, 0},
};

int admin_customers_page(struct req *r, const char *group_id)
{
    static const struct vparam params[] = {
        {"q", V_STRING, 0},
        {"has_account", V_ANY, 0},
        {"groups", V_ANY, 0},
        {"order", V_STRING, 0},
        {"created_at", V_DATEFILTER, 0},
        {"updated_at", V_DATEFILTER, 0},
        {"limit", V_NUMBER, 0},
        {"offset", V_NUMBER, 0},
        {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},
        {NULL, 0, 0},
    };
    static const struct listq_spec spec = {.default_limit = 50, .is_list = 1};
    struct ctx *c = &r->c;
    struct sbuf msgs = SBUF_INIT;
    struct listq lq;
    struct listf f;
    struct gquery q;
    struct gsel *sel;
    const char *s;
    const char **groups = NULL;
    int ngroups = 0;

    validate_msgs(r->qs, params, 1, &msgs);
    /* @IsString({each: true}): one id or an array of them; an empty value filters nothing. */
    if (json_get(r->qs, "groups")) {
        struct json_object *g = json_get(r->qs, "groups");
        int ok = json_object_is_type(g, json_type_string);
        if (json_object_is_type(g, json_type_array)) {
            ok = 1;
            for (size_t i = 0; i < json_object_array_length(g); i++)
                ok &= json_object_is_type(json_object_array_get_idx(g, i), json_type_string);
        }
        if (!ok)
            sbuf_addf(&msgs, "%seach value in groups must be a string", msgs.len ? ", " : "");
        else
            groups = v_strs(r, r->qs, "groups", &ngroups);
    }
    if (validate_done(r, &msgs) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    if (group_id) {
        groups = &group_id;
        ngroups = 1;
    }
    if (ngroups == 1 && !*groups[0])
        ngroups = 0;
    listq_listf(r, &lq, &f);
    sel = gsel_build(c, &ent_customer, lq.fields, lq.relations);
    /* Filtering by group joins the groups in (CustomerRepository.listAndCount). */
    if (ngroups && !group_id)
        gsel_add_rel(c, sel, "groups");
    if (gq_list(c, &q, &ent_customer, sel, &f) < 0)
        return -1;
    if ((s = v_str(r->qs, "q")) && *s) {
        gq_where_text(&q,
                      "EXISTS (SELECT 1 FROM (SELECT '%' || ? || '%' AS p) WHERE %c.email LIKE p"
                      " ESCAPE '\\' OR %c.first_name LIKE p ESCAPE '\\' OR %c.last_name LIKE p"
                      " ESCAPE '\\')",
                      s);
    }
    if ((s = v_str(r->qs, "has_account")) && (!strcmp(s, "true") || !strcmp(s, "false")))
        gq_where_int(&q, "%c.has_account = ?", !strcmp(s, "true"));
    if (ngroups)
        gq_where_list(c, &q,
                      "%c.id IN (SELECT customer_id FROM customer_group_customers WHERE"
                      " customer_group_id IN (SELECT value FROM json_each(?)))",
                      groups, ngroups);
    return resp_page(r, "customers", &q, 1);
}

/* GET /admin/customers: 50 a page, q on e-mail and names, has_account, groups[]; no relation
 * unless expanded. */
int admin_customers_list(struct req *r)
{
    return admin_customers_page(r, NULL);
}

/* {customer} selected by sel, with the status given. */
static int send_customer_sel(struct req *r, const char *id, struct gsel *sel, int status)
{
    struct listf f = {.id = id, .limit = 1};
    struct gquery q;
    struct sbuf *b;
    int n = 0;
    if (gq_list(&r->c, &q, &ent_customer, sel, &f) < 0)
        return -1;
    b = resp_body(r);
    sbuf_adds(b, "{\"customer\":");
    if (gq_run(&r->c, &q, b, &n) < 0)
        return -1;
    if (!n)
        return err_set(&r->c, ERR_NOT_FOUND, "Customer with id: %s was not found", id);
    sbuf_addc(b, '}');
    return resp_body_send(r, status);
}

/* {customer} with its orders and shipping addresses, or what expand names. */
static int send_customer(struct req *r, const char *id)
{
    static const struct listq_spec spec = {.default_relations = customer_relations};
    struct listq lq;
    if (listq_parse(r, &spec, &lq) < 0)
        return -1;
    return send_customer_sel(r, id, gsel_build(&r->c, &ent_customer, lq.fields, lq.relations), 200);
}

/* GET /admin/customers/:id */
int admin_customers_get(struct req *r)
{
    if (validate(r, r->qs, find_params, 1) < 0)
        return -1;
    return send_customer(r, req_param(r, "id"));
}

/* POST /admin/customers: a registered customer (201), as CustomerService.create. */
int admin_customers_create(struct req *r)
{
    static const struct vparam params[] = {
        {"email", V_EMAIL, V_CHECKED},
        {"first_name", V_STRING, V_CHECKED},
        {"last_name", V_STRING, V_CHECKED},
        {"password", V_STRING, V_CHECKED},
        {"phone", V_STRING, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct ctx *c = &r->c;
    struct json_object *meta;
    const char *hash;
    char id[ULID_ID_MAX];
    int rc;
    if (validate(r, r->json, params, 0) < 0 ||
        auth_password_new(r, v_str(r->json, "password"), 0, &hash) < 0 ||
        db_begin(c, DB_IMMEDIATE) < 0)
        return -1;
    rc =
        customer_create(c, customer_email(c, v_str(r->json, "email")), v_str(r->json, "first_name"),
                        v_str(r->json, "last_name"), v_str(r->json, "phone"), hash, id);
    /* The repository keeps the metadata as given. */
    if (rc == 0 && (meta = json_get(r->json, "metadata"))) {
        struct customer_update u = {"{}", json_text(meta, NULL), 0, NULL, NULL};
        rc = db_customer_update(c, id, &u);
    }
    if (customers_finish(r, rc) < 0)
        return -1;
    return send_customer_sel(r, id, gsel_cols(c, &ent_customer), 201);
}

/* POST /admin/customers/:id: the profile, password and groups; a registered customer's e-mail
 * cannot change. */
int admin_customers_update(struct req *r)
{
    static const struct vparam params[] = {
        {"email", V_EMAIL, V_OPTIONAL},      {"first_name", V_STRING, V_OPTIONAL},
        {"last_name", V_STRING, V_OPTIONAL}, {"password", V_STRING, V_OPTIONAL},
        {"phone", V_STRING, V_OPTIONAL},     {"metadata", V_OBJECT, V_OPTIONAL},
        {"groups", V_ARRAY, V_OPTIONAL},     {NULL, 0, 0},
    };
    struct ctx *c = &r->c;
    struct sbuf msgs = SBUF_INIT;
    struct customer_row cu;
    struct json_object *groups = json_get(r->json, "groups"), *body;
    const char *id = req_param(r, "id"), *hash;
    const char **gids = NULL;
    int n = 0, rc;

    validate_msgs(r->json, params, 0, &msgs);
    admin_id_objects(r, &msgs, r->json, "groups", &gids, &n);
    if (validate_done(r, &msgs) < 0 || validate(r, r->qs, find_params, 1) < 0)
        return -1;
    if ((rc = db_customer_load(c, id, &cu)) <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found", id);
    if (v_str(r->json, "email") && cu.has_account)
        return err_set(c, ERR_INVALID_DATA,
                       "Email cannot be changed when the user has registered their account");
    if (auth_password_new(r, v_str(r->json, "password"), 0, &hash) < 0)
        return -1;
    /* customer_update writes the keys it knows; groups are not one of them. */
    body = json_own(&c->arena, json_object_new_object());
    json_object_object_foreach(r->json, key, val)
    {
        if (strcmp(key, "groups") && strcmp(key, "password"))
            json_object_object_add(body, key, json_share(val));
    }
    if (db_begin(c, DB_IMMEDIATE) < 0)
        return -1;
    rc = customer_update(c, id, body, hash);
    if (rc == 0 && groups)
        rc = customer_set_groups(c, id, gids, n);
    if (customers_finish(r, rc) < 0)
        return -1;
    return send_customer(r, id);
}
