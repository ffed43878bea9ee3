/* return_reasons.c: POST /admin/return-reasons (Medusa's AdminPostReturnReasonsReq; rules in
 * domain/catalog_admin.c). Answers {return_reason} with its parent and children. */
#include "core/json.h"
#include "db/catalog.h"
#include "db/entities.h"
#include "domain/catalog_admin.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "http/validate.h"

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
    struct ctx *c = &r->c;
    struct listf f = {.limit = 1};
    struct gquery q;
    int rc;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    if (!(f.id = return_reason_create(
              c, v_str(r->json, "value"), v_str(r->json, "label"), v_str(r->json, "description"),
              v_str(r->json, "parent_return_reason_id"), json_get(r->json, "metadata"))))
        return -1;
    if (gq_list(c, &q, &ent_return_reason, catalog_return_reason_sel(c), &f) < 0)
        return -1;
    if ((rc = resp_row(r, "return_reason", &q)) == 1)
        return err_set(c, ERR_NOT_FOUND, "Return Reason with id: %s was not found.", f.id);
    return rc;
}
