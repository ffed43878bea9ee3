/* gift_cards.c: GET /store/gift-cards/:code (store.md §5.10): exactly id, code, value, balance and
 * the region's columns; disabled and expired cards are shown too. */
#include "db/entities.h"
#include "front/page.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* GET /store/gift-cards/:code */
int store_gift_cards_get(struct req *r)
{
    static const char *const fields[] = {"id", "code", "value", "balance", NULL};
    static const char *const relations[] = {"region", NULL};
    const char *code = req_param(r, "code");
    struct gquery q;
    int rc;
    gq_init(&r->c, &q, &ent_gift_card, gsel_build(&r->c, &ent_gift_card, fields, relations));
    /* Exact and case-sensitive, as PostgreSQL's = is. */
    gq_where_eq(&r->c, &q, "code", code);
    if ((rc = page_row(r, "gift_card", &q)) == 1)
        return err_set(&r->c, ERR_NOT_FOUND, "Gift card with code: %s was not found", code);
    return rc;
}
