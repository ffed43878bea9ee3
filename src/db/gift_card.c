/* gift_card.c: SQL of gift card inserts (gift_card.h). */
#include "db/gift_card.h"

#include "db/graph.h"
#include "db/internal.h"

const char *db_gift_card_insert(struct ctx *c, const struct gift_card_new *g)
{
    const char *id = db_new_id(c, "gift");
    if (db_execf(
            c,
            "INSERT INTO gift_card (id, code, value, balance, region_id, order_id, "
            "is_disabled, ends_at, tax_rate, metadata, created_at, updated_at) VALUES (?1, ?2, "
            "CASE WHEN ?3 THEN ?4 END, CASE WHEN ?3 THEN ?4 END, ?5, ?6, ?7, ?8, CASE WHEN ?9 "
            "THEN ?10 END, ?11, " DB_NOW ", " DB_NOW ")",
            "ssbissbsbds", id, g->code, g->has_value, g->value, g->region_id, g->order_id,
            g->is_disabled, g->ends_at, g->has_tax_rate, g->tax_rate, g->metadata) < 0)
        return NULL;
    return id;
}

int db_gift_card_load(struct ctx *c, const char *id, struct gift_card_admin_row *g)
{
    struct db_stmt *st = db_prep(c,
                                 "SELECT value, balance, region_id, metadata FROM gift_card WHERE"
                                 " id = ?1 AND deleted_at IS NULL",
                                 "s", id);
    int rc = db_one_row(c, st);
    if (rc == 0) {
        g->value = db_col_int64(st, 0);
        g->balance = db_col_int64(st, 1);
        g->region_id = db_col_dup(c, st, 2);
        g->metadata = db_col_dup(c, st, 3);
    }
    return rc;
}

int db_gift_card_update(struct ctx *c, const char *id, const struct gift_card_admin_row *g,
                        int is_disabled, int has_ends, const char *ends_at)
{
    return db_execf(c,
                    "UPDATE gift_card SET balance = ?2, region_id = ?3, metadata = ?4, is_disabled"
                    " = CASE WHEN ?5 >= 0 THEN ?5 ELSE is_disabled END, ends_at = CASE WHEN ?6"
                    " THEN ?7 ELSE ends_at END, updated_at = " DB_NOW " WHERE id = ?1",
                    "sissibs", id, g->balance, g->region_id, g->metadata, (int64_t)is_disabled,
                    has_ends, ends_at);
}

int db_gift_card_soft_delete(struct ctx *c, const char *id)
{
    return db_execf(
        c, "UPDATE gift_card SET deleted_at = " DB_NOW " WHERE id = ?1 AND deleted_at IS NULL", "s",
        id);
}

void db_gift_card_where_q(struct ctx *c, struct gquery *q, const char *text)
{
    (void)c;
    gq_where_text(q,
                  "EXISTS (SELECT 1 FROM (SELECT '%' || ? || '%' AS p) pat WHERE %c.code LIKE p"
                  " OR %c.order_id IN (SELECT id FROM \"order\" WHERE CAST(display_id AS"
                  " TEXT) LIKE p))",
                  text);
}
