/* gift_cards.c: POST /admin/gift-cards (Medusa v1's AdminPostGiftCardsReq, GiftCardService.create):
 * a card with a generated code whose balance is its value, answered with Medusa's default admin
 * fields and relations. Rules live in domain/gift_card.c. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "core/timefmt.h"
#include "db/entities.h"
#include "db/graph.h"
#include "domain/gift_card.h"
#include "front/page.h"
#include "front/validate.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"

/* defaultAdminGiftCardRelations; every column, order_id included as the spec requires (Medusa's
 * defaultAdminGiftCardFields list leaves it out). */
static const char *const gift_card_relations[] = {"region", "order", NULL};

/* POST /admin/gift-cards */
int admin_gift_cards_create(struct req *r)
{
    static const struct vparam params[] = {
        {"value", V_INT, V_OPTIONAL},        {"ends_at", V_DATE, V_OPTIONAL},
        {"is_disabled", V_BOOL, V_OPTIONAL}, {"region_id", V_STRING, V_CHECKED},
        {"metadata", V_ANY, V_OPTIONAL},     {NULL, 0, 0},
    };
    struct gift_card_new g;
    struct json_object *v;
    struct gquery q;
    struct listf f;
    const char *id;
    int64_t ms;

    if (validate(r, r->json, params, 0) < 0)
        return -1;
    memset(&g, 0, sizeof(g));
    g.region_id = v_str(r->json, "region_id");
    if ((v = json_get(r->json, "value")) && !json_object_is_type(v, json_type_null)) {
        g.has_value = 1;
        g.value = (int64_t)json_object_get_double(v);
    }
    if (v_date(r->json, "ends_at", &ms) == 0)
        g.ends_at = timefmt_iso(arena_alloc(&r->c.arena, TIMEFMT_LEN), TIMEFMT_LEN, ms);
    g.is_disabled = (v = json_get(r->json, "is_disabled")) && json_object_get_boolean(v);
    if ((v = json_get(r->json, "metadata")) && !json_object_is_type(v, json_type_null))
        g.metadata = json_text(v, NULL);
    if (gift_card_create(&r->c, &g, &id) < 0)
        return -1;
    memset(&f, 0, sizeof(f));
    f.id = id;
    f.limit = 1;
    if (gq_list(&r->c, &q, &ent_gift_card,
                gsel_build(&r->c, &ent_gift_card, NULL, gift_card_relations), &f) < 0)
        return -1;
    return page_row(r, "gift_card", &q) == 0 ? 0 : -1;
}

/* GET /admin/gift-cards/:id */
int admin_gift_cards_get(struct req *r)
{
    return admin_one_send(r, "gift_card", &ent_gift_card,
                          gsel_build(&r->c, &ent_gift_card, NULL, gift_card_relations),
                          req_param(r, "id"), "Gift card with id: ");
}

/* GET /admin/gift-cards: 50 a page (Medusa's default), q on the code. */
int admin_gift_cards_list(struct req *r)
{
    static const struct admin_list l = {"gift_cards", &ent_gift_card, gift_card_relations,
                                        50,           "code",         1};
    return admin_list_send(r, &l);
}
