/* shipping_profiles.c: /admin/shipping-profiles (Medusa's shipping-profile routes; rules in
 * domain/shipping_option.c). One profile is answered with its products (and their profiles) and
 * its shipping options; the list and a new profile without relations, as Medusa. */
#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/shipping_option.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static const char *const profile_types[] = {"default", "custom", "gift_card", NULL};
static const struct venum type_enum[] = {
    {"type", profile_types, "type must be one of 'default', 'custom', 'gift_card'"},
    {NULL, NULL, NULL}};

static int send_profile(struct req *r, const char *id, int with_relations)
{
    static const char *const rels[] = {"products.profiles", "shipping_options", NULL};
    return admin_one_send(
        r, "shipping_profile", &ent_shipping_profile,
        gsel_build(&r->c, &ent_shipping_profile, NULL, with_relations ? rels : NULL), id,
        "Profile with id: ");
}

/* GET /admin/shipping-profiles: every live profile (Medusa reads no query here). */
int admin_shipping_profiles_list(struct req *r)
{
    struct gquery q;
    gq_init(&r->c, &q, &ent_shipping_profile, gsel_cols(&r->c, &ent_shipping_profile));
    gq_order_col(&r->c, &q, "created_at", 0);
    return page_list(r, "shipping_profiles", &q, 0);
}

/* GET /admin/shipping-profiles/:id */
int admin_shipping_profiles_get(struct req *r)
{
    return send_profile(r, req_param(r, "id"), 1);
}

/* POST /admin/shipping-profiles: AdminPostShippingProfilesReq. */
int admin_shipping_profiles_create(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_CHECKED},
        {"type", V_ANY, V_CHECKED},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct sbuf msgs = SBUF_INIT;
    const char *id;
    validate_msgs_enums(r->json, params, type_enum, &msgs);
    if (validate_done(r, &msgs) < 0 ||
        shipping_profile_create(&r->c, v_str(r->json, "name"), v_str(r->json, "type"),
                                json_get(r->json, "metadata"), &id) < 0)
        return -1;
    return send_profile(r, id, 0);
}

/* POST /admin/shipping-profiles/:id: AdminPostShippingProfilesProfileReq; listed products and
 * shipping options move to this profile. */
int admin_shipping_profiles_update(struct req *r)
{
    static const struct vparam params[] = {
        {"name", V_STRING, V_OPTIONAL},
        {"metadata", V_OBJECT, V_OPTIONAL},
        {"type", V_ANY, V_OPTIONAL},
        {"products", V_STRINGS, V_OPTIONAL},
        {"shipping_options", V_STRINGS, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct sbuf msgs = SBUF_INIT;
    const char *id = req_param(r, "id");
    validate_msgs_enums(r->json, params, type_enum, &msgs);
    if (validate_done(r, &msgs) < 0 || shipping_profile_update(&r->c, id, r->json) < 0)
        return -1;
    return send_profile(r, id, 1);
}

/* DELETE /admin/shipping-profiles/:id: idempotent, as Medusa's. */
int admin_shipping_profiles_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (shipping_profile_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "shipping_profile");
}
