/* gift_cards.c: POST /admin/gift-cards (Medusa v1's AdminPostGiftCardsReq, GiftCardService.create):
 * a card with a generated code whose balance is its value, answered with Medusa's default admin
 * fields and relations. Rules live in domain/gift_card.c. */
#include <string.h>

#include <json-c/json.h>

#include "admin/common.h"
#include "core/json.h"
#include "core/timefmt.h"
#include "db/entities.h"
#include "db/gift_card.h"
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
        {"value", V_AMOUNT, V_OPTIONAL},     {"ends_at", V_DATE, V_OPTIONAL},
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

/* POST /admin/gift-cards/:id (AdminPostGiftCardsGiftCardReq) */
int admin_gift_cards_update(struct req *r)
{
    static const struct vparam params[] = {
        {"balance", V_INT, V_OPTIONAL},  {"is_disabled", V_BOOL, V_OPTIONAL},
        {"ends_at", V_DATE, V_OPTIONAL}, {"region_id", V_STRING, V_OPTIONAL},
        {"metadata", V_ANY, V_OPTIONAL}, {NULL, 0, 0},
    };
    struct gift_card_update u;
    struct json_object *v;
    const char *id = req_param(r, "id");
    int64_t ms;
    if (validate(r, r->json, params, 0) < 0)
        return -1;
    memset(&u, 0, sizeof(u));
    if ((v = json_get(r->json, "balance"))) {
        u.has_balance = 1;
        u.balance = json_object_get_int64(v);
    }
    u.is_disabled = (v = json_get(r->json, "is_disabled")) ? json_object_get_boolean(v) : -1;
    /* ends_at: null clears it */
    if ((u.has_ends = json_object_object_get_ex(r->json, "ends_at", &v)) &&
        v_date(r->json, "ends_at", &ms) == 0)
        u.ends_at = timefmt_iso(arena_alloc(&r->c.arena, TIMEFMT_LEN), TIMEFMT_LEN, ms);
    u.region_id = v_str(r->json, "region_id");
    if ((v = json_get(r->json, "metadata")) && json_object_is_type(v, json_type_object))
        u.metadata = v;
    if (gift_card_update(&r->c, id, &u) < 0)
        return -1;
    return admin_one_send(r, "gift_card", &ent_gift_card,
                          gsel_build(&r->c, &ent_gift_card, NULL, gift_card_relations), id,
                          "Gift card with id: ");
}

/* DELETE /admin/gift-cards/:id */
int admin_gift_cards_delete(struct req *r)
{
    const char *id = req_param(r, "id");
    if (gift_card_delete(&r->c, id) < 0)
        return -1;
    return admin_deleted_send(r, id, "gift-card");
}

/* GET /admin/gift-cards/:id */
int admin_gift_cards_get(struct req *r)
{
    return admin_one_send(r, "gift_card", &ent_gift_card,
                          gsel_build(&r->c, &ent_gift_card, NULL, gift_card_relations),
                          req_param(r, "id"), "Gift card with id: ");
}

/* q on the code or the display id of the order that bought the card, as the gift card
 * repository's listGiftCardsAndCount. */
static int gift_cards_filter(struct req *r, struct gquery *q)
{
    const char *text = v_str(r->qs, "q");
    if (text && *text)
        db_gift_card_where_q(&r->c, q, text);
    return 0;
}

/* GET /admin/gift-cards: 50 a page (Medusa's default), q on the code or the order's display id. */
int admin_gift_cards_list(struct req *r)
{
    static const struct vparam filters[] = {{"q", V_STRING, 0}, {NULL, 0, 0}};
    static const struct admin_list l = {"gift_cards", &ent_gift_card, gift_card_relations,
                                        50,           NULL,           1};
    static const struct admin_list_more more = {.filters = filters, .filter = gift_cards_filter};
    return admin_list_send_with(r, &l, &more);
}
