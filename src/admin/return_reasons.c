/* return_reasons.c: POST /admin/return-reasons, /:id and DELETE /:id (Medusa's return-reason
 * routes; rules in domain/catalog_admin.c). Answers {return_reason} with its parent and children;
 * a reason deleted takes its children with it. */
#include "admin/common.h"
#include "core/json.h"
#include "db/catalog.h"
#include "db/entities.h"
#include "domain/catalog_admin.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

static int send_reason(struct req *r, const char *id)
{
    return admin_one_send(r, "return_reason", &ent_return_reason, catalog_return_reason_sel(&r->c),
                          id, "Return Reason with id: ");
}

/* POST /admin/return-reasons */
int admin_return_reasons_create(struct req *r)
{
    static const struct vparam params[] = {
        {"value", V_STRING, V_CHECKED},
        {"label", V_STRING, V_CHECKED},
        {"parent_return_reason_id", V_STRING, V_OPTIONAL},
        {"description", V_STRING, V_OPTIONAL},
        {"metadata", V_ANY, V_OPTIONAL}, /* @IsOptional() only: any value */
        {NULL, 0, 0},
    };
    const char *id;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    if (!(id = return_reason_create(&r->c, v_str(r->json, "value"), v_str(r->json, "label"),
                                    v_str(r->json, "description"),
                                    v_str(r->json, "parent_return_reason_id"),
                                    json_get(r->json, "metadata"))))
        return -1;
    return send_reason(r, id);
}

/* POST /admin/return-reasons/:id: AdminPostReturnReasonsReasonReq. */
int admin_return_reasons_update(struct req *r)
{
    static const struct vparam params[] = {
        {"label", V_STRING, V_OPTIONAL},
        {"value", V_STRING, V_OPTIONAL},
        {"description", V_STRING, V_OPTIONAL},
        {"metadata", V_ANY, V_OPTIONAL},
        {NULL, 0, 0},
    };
    const char *id = req_param(r, "id");
    if (validate(r, r->json, params, 0) < 0 || return_reason_update(&r->c, id, r->json) < 0)
        return -1;
    return send_reason(r, id);
}

/* DELETE /admin/return-reasons/:id: unlike most deletes, an unknown id is Medusa's 404. */
int admin_return_reasons_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (return_reason_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "return_reason");
}
