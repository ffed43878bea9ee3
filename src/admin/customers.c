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
#include "front/auth.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "front/page.h"
#include "front/validate.h"

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
        gq_where_contains(c, &q, "email,first_name,last_name", s);
    }
    if ((s = v_str(r->qs, "has_account")) && (!strcmp(s, "true") || !strcmp(s, "false")))
        gq_where_eq_int(c, &q, "has_account", !strcmp(s, "true"));
    if (ngroups)
        gq_where_linked(c, &q, "id", "customer_group_customers", "customer_id", "customer_group_id",
                        groups, ngroups);
    return page_list(r, "customers", &q, 1);
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

/* The writes of create and update, run by db_tx() after the password is hashed (argon2id takes
 * tens of milliseconds, never under the write lock). */
struct customer_write {
    struct req *r;
    const char *hash;
    struct json_object *body; /* update: the keys customer_update knows */
    const char **gids;        /* update: the groups, when given */
    int ngids, set_groups;
    char id[ULID_ID_MAX];
};

static int create_write(void *arg)
{
    struct customer_write *w = arg;
    struct ctx *c = &w->r->c;
    struct json_object *meta, *json = w->r->json;
    if (customer_create(c, customer_email(c, v_str(json, "email")), v_str(json, "first_name"),
                        v_str(json, "last_name"), v_str(json, "phone"), w->hash, w->id) < 0)
        return -1;
    /* The repository keeps the metadata as given. */
    if ((meta = json_get(json, "metadata"))) {
        struct customer_update u = {"{}", json_text(meta, NULL), 0, NULL, NULL};
        return db_customer_update(c, w->id, &u);
    }
    return 0;
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
    struct customer_write w = {.r = r};
    if (validate(r, r->json, params, 0) < 0 ||
        auth_password_new(r, v_str(r->json, "password"), 0, &w.hash) < 0 ||
        db_tx(&r->c, create_write, &w) < 0)
        return -1;
    return send_customer_sel(r, w.id, gsel_cols(&r->c, &ent_customer), 201);
}

static int update_write(void *arg)
{
    struct customer_write *w = arg;
    struct ctx *c = &w->r->c;
    const char *id = req_param(w->r, "id");
    if (customer_update(c, id, w->body, w->hash) < 0)
        return -1;
    return w->set_groups ? customer_set_groups(c, id, w->gids, w->ngids) : 0;
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
    struct customer_write w = {.r = r};
    const char *id = req_param(r, "id");
    int rc;

    validate_msgs(r->json, params, 0, &msgs);
    admin_id_objects(r, &msgs, r->json, "groups", &w.gids, &w.ngids);
    if (validate_done(r, &msgs) < 0 || validate(r, r->qs, find_params, 1) < 0)
        return -1;
    if ((rc = db_customer_load(c, id, &cu)) <= 0)
        return rc < 0 ? -1 : err_set(c, ERR_NOT_FOUND, "Customer with id: %s was not found", id);
    if (v_str(r->json, "email") && cu.has_account)
        return err_set(c, ERR_INVALID_DATA,
                       "Email cannot be changed when the user has registered their account");
    if (auth_password_new(r, v_str(r->json, "password"), 0, &w.hash) < 0)
        return -1;
    /* customer_update writes the keys it knows; groups are not one of them. */
    w.set_groups = json_get(r->json, "groups") != NULL;
    w.body = json_own(&c->arena, json_object_new_object());
    json_object_object_foreach(r->json, key, val)
    {
        if (strcmp(key, "groups") && strcmp(key, "password"))
            json_object_object_add(w.body, key, json_share(val));
    }
    if (db_tx(c, update_write, &w) < 0)
        return -1;
    return send_customer(r, id);
}
