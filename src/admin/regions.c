/* regions.c: /admin/regions: create, update, delete, countries, payment and fulfillment
 * providers, fulfillment options (Medusa's region routes; rules in domain/region.c). Answers
 * {region} with the admin's default relations. The tax-inclusive flag is off: includes_tax is not
 * a property of these bodies. */
#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "domain/region.h"
#include "domain/shipping_option.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

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
    if ((rc = page_row(r, "region", &q)) == 1)
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

/* The body's keys as a JSON array text (RegionService's `fields: Object.keys(update)`). */
static const char *body_keys(struct req *r)
{
    struct json_object *keys = json_own(&r->c.arena, json_object_new_array());
    size_t len;
    json_object_object_foreach(r->json, k, v)
    {
        (void)v;
        json_object_array_add(keys, json_object_new_string(k));
    }
    return arena_strdup(&r->c.arena, json_text(keys, &len));
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
    in->fields_json = body_keys(r);
}

/* GET /admin/regions/:id (Medusa reads no query here) */
int admin_regions_get(struct req *r)
{
    return send_region(r, req_param(r, "id"));
}

/* POST /admin/regions */
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

/* DELETE /admin/regions/:id */
int admin_regions_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (region_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "region");
}

/* POST /admin/regions/:id/countries: AdminPostRegionsRegionCountriesReq. */
int admin_regions_add_country(struct req *r)
{
    static const struct vparam params[] = {{"country_code", V_STRING, V_CHECKED}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        region_add_country(&r->c, id, v_str(r->json, "country_code")) < 0)
        return -1;
    return send_region(r, id);
}

/* DELETE /admin/regions/:id/countries/:country_code */
int admin_regions_remove_country(struct req *r)
{
    const char *id = req_param(r, "id");
    if (region_remove_country(&r->c, id, req_param(r, "country_code")) < 0)
        return -1;
    return send_region(r, id);
}

/* POST /admin/regions/:id/payment-providers and /fulfillment-providers: {provider_id}. */
static int add_provider(struct req *r, char kind)
{
    static const struct vparam params[] = {{"provider_id", V_STRING, V_CHECKED}, {NULL, 0, 0}};
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 ||
        region_add_provider(&r->c, kind, id, v_str(r->json, "provider_id")) < 0)
        return -1;
    return send_region(r, id);
}

static int remove_provider(struct req *r, char kind)
{
    const char *id = req_param(r, "id");
    if (region_remove_provider(&r->c, kind, id, req_param(r, "provider_id")) < 0)
        return -1;
    return send_region(r, id);
}

int admin_regions_add_payment_provider(struct req *r)
{
    return add_provider(r, 'p');
}

int admin_regions_remove_payment_provider(struct req *r)
{
    return remove_provider(r, 'p');
}

int admin_regions_add_fulfillment_provider(struct req *r)
{
    return add_provider(r, 'f');
}

int admin_regions_remove_fulfillment_provider(struct req *r)
{
    return remove_provider(r, 'f');
}

/* GET /admin/regions/:id/fulfillment-options: each of the region's fulfillment providers with the
 * options it offers (only the manual provider is installed). */
int admin_regions_fulfillment_options(struct req *r)
{
    static const char *const rels[] = {"fulfillment_providers", NULL};
    struct ctx *c = &r->c;
    const char *id = req_param(r, "id");
    struct listf f = {.id = id, .limit = 1};
    struct json_object *region, *providers, *out, *list;
    struct gquery q;
    int rc;
    if (gq_list(c, &q, &ent_region, gsel_build(c, &ent_region, NULL, rels), &f) < 0 ||
        (rc = gq_run_row(c, &q, &region)) < 0)
        return -1;
    if (rc)
        return err_set(c, ERR_NOT_FOUND, "Region with %s was not found", id);
    providers = json_get(region, "fulfillment_providers");
    list = json_object_new_array();
    out = json_object_new_object();
    json_set(out, "fulfillment_options", list);
    for (size_t i = 0; providers && i < json_object_array_length(providers); i++) {
        const char *pid = json_get_str_opt(json_object_array_get_idx(providers, i), "id");
        const char *options = shipping_provider_options(pid);
        struct json_object *e;
        if (!options) {
            json_object_put(out);
            return err_set(c, ERR_NOT_FOUND, "Could not find a fulfillment provider with id: %s",
                           pid ? pid : "");
        }
        e = json_object_new_object();
        json_set_str(e, "provider_id", pid);
        json_set_raw(e, "options", options);
        json_object_array_add(list, e);
    }
    return resp_json(r, 200, out);
}
