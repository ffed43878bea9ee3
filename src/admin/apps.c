/* apps.c: /admin/apps, Medusa's OAuth applications. They come from plugins, and none is
 * installed: the list is empty and an authorization names an unknown application. */
#include <json-c/json.h>

#include "core/json.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* GET /admin/apps */
int admin_apps_list(struct req *r)
{
    struct json_object *out = json_object_new_object();
    json_set(out, "apps", json_object_new_array());
    return resp_json(r, 200, out);
}

/* POST /admin/apps/authorizations: AdminPostAppsReq, each property IsString + IsNotEmpty (the
 * last decorator's message first). */
int admin_apps_authorize(struct req *r)
{
    static const char *const names[] = {"application_name", "state", "code", NULL};
    static const struct vparam params[] = {
        {"application_name", V_ANY, V_OPTIONAL},
        {"state", V_ANY, V_OPTIONAL},
        {"code", V_ANY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    struct sbuf msgs = SBUF_INIT;
    validate_msgs(r->json, params, 0, &msgs);
    for (const char *const *k = names; *k; k++)
        validate_not_empty_string(&msgs, r->json, *k);
    if (validate_done(r, &msgs) < 0)
        return -1;
    return err_set(&r->c, ERR_NOT_FOUND, "Oauth application %s not found",
                   v_str(r->json, "application_name"));
}
