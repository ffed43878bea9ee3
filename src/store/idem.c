/* idem.c: idempotency keys of the store routes (idem.h). */
#include "store/idem.h"

#include <string.h>

#include "core/ulid.h"
#include "http/req.h"
#include "http/resp.h"

int idem_start(struct req *r, struct idem *im)
{
    const char *key = r->idempotency_key;
    int rc = 1;
    im->replayed = 0;
    if (key && *key && (rc = db_ikey_get(&r->c, key, &im->k)) < 0)
        return -1;
    if (rc > 0) {
        char uuid[UUID_LEN + 1];
        if (db_ikey_create(&r->c, arena_strdup(&r->c.arena, uuid_v4(uuid, sizeof(uuid))), r->method,
                           r->path, &im->k) < 0)
            return -1;
    }
    req_add_header(r, "Idempotency-Key", im->k.key);
    req_add_header(r, "Access-Control-Expose-Headers", "Idempotency-Key");
    if (!strcmp(im->k.recovery_point, "finished")) {
        im->replayed = 1;
        return resp_json_text(r, im->k.response_code ? im->k.response_code : 200,
                              im->k.response_body ? im->k.response_body : "{}",
                              im->k.response_body ? strlen(im->k.response_body) : 2);
    }
    return 0;
}

int idem_finish(struct req *r, struct idem *im, int status, const char *body)
{
    if (db_ikey_advance(&r->c, im->k.id, "finished", status, body) < 0)
        return -1;
    return resp_json_text(r, status, body, strlen(body));
}
