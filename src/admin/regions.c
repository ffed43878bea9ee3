/* regions.c: POST /admin/regions and /admin/regions/:id (Medusa's AdminPostRegionsReq and
 * AdminPostRegionsRegionReq; rules in domain/region.c). Answers {region} with the admin's default
 * relations. The tax-inclusive flag is off: includes_tax is not a property of these bodies. */
#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "domain/region.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "http/validate.h"

static const char *const region_relations[] = {"countries", "payment_providers",
                                               "fulfillment_providers", "currency", NULL};

static int send_region(struct req *r, const char *id)
{
    struct ctx *c = &r->c;
    struct listf f = {.id = id, .limit = 1};
    struct gquery q;
    int rc;
    if (gq_list(c, &q, &ent_region, gsel_build(c, &ent_region, NULL, region_relations), &f) < 0)
        return -1;
    if ((rc = resp_row(r, "region", &q)) == 1)
        return err_set(c, ERR_NOT_FOUND, "Region with %s was not found", id);
    return rc;
}

static void read_list(struct req *r, const char *name, const char *const **v, int *n)
{
    *n = -1;
    *v = NULL;
    if (json_get(r->json, name)) {
        *v = v_strs(r, r->json, name, n);
    }
}

static int bool_opt(struct req *r, const char *name)
{
    struct json_object *v = json_get(r->json, name);
    return v ? json_object_get_boolean(v) : -1;
}

static void read_input(struct req *r, struct region_input *in)
{
    struct json_object *v;
    in->name = v_str(r->json, "name");
    in->currency_code = v_str(r->json, "currency_code");
    in->has_tax_code = json_object_object_get_ex(r->json, "tax_code", &v);
    in->tax_code = v_str(r->json, "tax_code");
    in->has_tax_provider = json_object_object_get_ex(r->json, "tax_provider_id", &v);
    in->tax_provider_id = v_str(r->json, "tax_provider_id");
    v = json_get(r->json, "tax_rate");
    in->has_tax_rate = v != NULL;
    in->tax_rate = v ? json_object_get_double(v) : 0;
    in->gift_cards_taxable = bool_opt(r, "gift_cards_taxable");
    in->automatic_taxes = bool_opt(r, "automatic_taxes");
    in->metadata = json_get(r->json, "metadata");
    read_list(r, "countries", &in->countries, &in->ncountries);
    read_list(r, "payment_providers", &in->payment_providers, &in->npayment);
    read_list(r, "fulfillment_providers", &in->fulfillment_providers, &in->nfulfillment);
}

/* POST /admin/regions */
/* GET /admin/regions/:id (Medusa reads no query here) */
int admin_regions_get(struct req *r)
{
    return send_region(r, req_param(r, "id"));
}

int admin_regions_create(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_CHECKED},
        {"currency_code", V_STRING, V_CHECKED},
        {"tax_code", V_STRING, V_OPTIONAL},
        {"tax_rate", V_NUMBER, V_CHECKED},
        {"payment_providers", V_STRINGS, V_CHECKED},
        {"fulfillment_providers", V_STRINGS, V_CHECKED},
        {"countries", V_STRINGS, V_CHECKED},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct region_input in;
    const char *id;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    read_input(r, &in);
    if (region_create(&r->c, &in, &id) < 0)
        return -1;
    return send_region(r, id);
}

/* POST /admin/regions/:id */
int admin_regions_update(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_OPTIONAL},
        {"currency_code", V_STRING, V_OPTIONAL},
        {"tax_code", V_STRING, V_OPTIONAL},
        {"tax_rate", V_NUMBER, V_OPTIONAL},
        {"gift_cards_taxable", V_BOOL, V_OPTIONAL},
        {"automatic_taxes", V_BOOL, V_OPTIONAL},
        {"tax_provider_id", V_STRING, V_OPTIONAL},
        {"payment_providers", V_STRINGS, V_OPTIONAL},
        {"fulfillment_providers", V_STRINGS, V_OPTIONAL},
        {"countries", V_STRINGS, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct region_input in;
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    read_input(r, &in);
    if (region_update(&r->c, id, &in) < 0)
        return -1;
    return send_region(r, id);
}

/* GET /admin/regions: 50 a page (Medusa's default), q on the name. */
int admin_regions_list(struct req *r)
{
    static const struct admin_list l = {"regions", &ent_region, region_relations, 50, "name", 1};
    return admin_list_send(r, &l);
}
