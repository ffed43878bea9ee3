/* customers.c: GET /admin/customers and /admin/customers/:id (Medusa v1's admin customer reads):
 * the shop's view of its customers, guests included. */
#include "admin/common.h"
#include "db/entities.h"
#include "db/graph.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const customer_relations[] = {"orders", "shipping_addresses", NULL};

/* GET /admin/customers: 50 a page, q on e-mail and names; no relation unless expanded. */
int admin_customers_list(struct req *r)
{
    static const struct admin_list l = {
        "customers", &ent_customer, NULL, 50, "email,first_name,last_name", 1};
    return admin_list_send(r, &l);
}

/* GET /admin/customers/:id: with its orders and shipping addresses, or what expand names. */
int admin_customers_get(struct req *r)
{
    static const struct listq_spec spec = {.default_relations = customer_relations};
    static const struct vparam params[] = {
        {"expand", V_STRING, 0},
        {"fields", V_STRING, 0},
        {NULL, 0, 0},
    };
    struct listq lq;
    if (validate(r, r->qs, params, 1) < 0 || listq_parse(r, &spec, &lq) < 0)
        return -1;
    return admin_one_send(r, "customer", &ent_customer,
                          gsel_build(&r->c, &ent_customer, lq.fields, lq.relations),
                          req_param(r, "id"), "Customer with id: ");
}
