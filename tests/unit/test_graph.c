/* test_graph.c: db/graph.c's two ways of reading a selection agree. The rows written once in C
 * (gq_run_nodes + gnode_write) must be byte for byte what the SQL-built JSON rows become after
 * their json-c round trip (gq_run_json + json_text), for every entity with its relations two
 * levels deep, over the demo seed plus tests/fixtures/seed-extended.json and hostile values
 * (escapes, control characters, reals, nested metadata); and sbuf_add_json_strn must escape every
 * byte as json-c does. */
#include "core/json.h"
#include "db/db.h"
#include "db/entities.h"
#include "db/graph.h"
#include "db/internal.h"
#include "db/seed.h"
#include "tap.h"

#include <json-c/json.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct gent *const ents[] = {&ent_product,
                                          &ent_admin_product,
                                          &ent_product_variant,
                                          &ent_region,
                                          &ent_price_list,
                                          &ent_customer,
                                          &ent_product_category,
                                          &ent_product_collection,
                                          &ent_shipping_option,
                                          &ent_tax_rate,
                                          &ent_sales_channel,
                                          &ent_order,
                                          &ent_cart,
                                          &ent_discount,
                                          &ent_gift_card,
                                          &ent_user,
                                          NULL};

/* Every relation of e, and every relation of those, loaded. */
static struct gsel *deep(struct ctx *c, const struct gent *e)
{
    struct gsel *sel = gsel_cols(c, e);
    for (const struct grel *r = e->rels; r && r->name; r++) {
        gsel_add_rel(c, sel, r->name);
        for (const struct grel *r2 = r->target->rels; r2 && r2->name; r2++)
            gsel_add_rel(c, sel, arena_printf(&c->arena, "%s.%s", r->name, r2->name));
    }
    return sel;
}

static int same(struct ctx *c, const struct gent *e, struct gsel *sel, const char *what)
{
    struct gquery q;
    struct json_object *rows;
    struct gnode **nodes;
    struct sbuf a = SBUF_INIT, b = SBUF_INIT;
    int n, ok_ = 0;
    gq_init(c, &q, e, sel);
    q.order = "%c.rowid";
    if (!(rows = gq_run_json(c, &q)) || gq_run_nodes(c, &q, &nodes, &n) < 0) {
        diag("%s: %s", what, c->err.msg);
        return 0;
    }
    for (size_t i = 0; i < json_object_array_length(rows); i++) {
        size_t len;
        const char *s = json_text(json_object_array_get_idx(rows, i), &len);
        if (i)
            sbuf_addc(&a, ',');
        sbuf_add(&a, s, len);
    }
    for (int i = 0; i < n; i++) {
        if (i)
            sbuf_addc(&b, ',');
        gnode_write(&b, nodes[i], NULL);
    }
    ok_ = (size_t)n == json_object_array_length(rows) && a.len == b.len &&
          !memcmp(a.buf ? a.buf : "", b.buf ? b.buf : "", a.len);
    if (!ok_) {
        size_t k = 0;
        while (k < a.len && k < b.len && a.buf[k] == b.buf[k])
            k++;
        diag("%s: %d/%zu rows, first difference at %zu:\n  json: %.120s\n  rows: %.120s", what, n,
             json_object_array_length(rows), k, a.buf ? a.buf + (k > 40 ? k - 40 : 0) : "",
             b.buf ? b.buf + (k > 40 ? k - 40 : 0) : "");
    }
    ok(ok_, "%s: %d rows alike (%zu bytes)", what, n, a.len);
    sbuf_release(&a);
    sbuf_release(&b);
    return ok_;
}

int main(void)
{
    const char *srcdir = getenv("SRCDIR") ? getenv("SRCDIR") : ".";
    char path[] = "/tmp/test_graph.XXXXXX", err[512], seed[1200];
    struct ctx c;
    int fd = mkstemp(path);
    memset(&c, 0, sizeof(c));
    arena_init(&c.arena);

    /* sbuf_add_json_strn: every byte alone, as json-c writes it. */
    int alike = 1;
    for (int ch = 1; ch < 256; ch++) {
        char s[4] = {'a', (char)ch, 'b', 0};
        struct json_object *o = json_object_new_string(s);
        struct sbuf sb = SBUF_INIT;
        size_t len;
        const char *want = json_text(o, &len);
        sbuf_add_json_strn(&sb, s, 3);
        if (sb.len != len || memcmp(sb.buf, want, len)) {
            diag("byte %d: %s vs json-c %s", ch, sb.buf, want);
            alike = 0;
        }
        sbuf_release(&sb);
        json_object_put(o);
    }
    ok(alike, "sbuf_add_json_strn escapes each byte 1-255 as json-c's json_text");

    if (fd < 0) {
        ok(0, "temporary database");
        return done_testing();
    }
    close(fd);
    snprintf(seed, sizeof(seed), "%s/conf/demo-seed.json", srcdir);
    c.db = db_open(path, 1000, err, sizeof(err));
    ok(c.db && db_migrate(c.db, NULL, err, sizeof(err)) == 0, "migrated: %s", c.db ? "" : err);
    ok(seed_load(c.db, seed, NULL, err, sizeof(err)) == 0, "demo seed: %s", err);
    snprintf(seed, sizeof(seed), "%s/tests/fixtures/seed-extended.json", srcdir);
    ok(seed_load(c.db, seed, NULL, err, sizeof(err)) == 0, "extended seed: %s", err);
    /* Hostile values where the seed has none. */
    ok(sqlite3_exec(db_sqlite_handle(c.db),
                    "UPDATE product SET subtitle = 'q\"b\\s/' || char(1) || char(9) || char(10) || "
                    "char(127) || ' é 😀', metadata = '{ \"a\" : [1, 2.50, -0.1, 1e3, null, "
                    "true, \"\\u00e9\\/\\n\"], \"o\": {} }' WHERE rowid % 2 = 1;"
                    "UPDATE product_variant SET weight = 1.5, metadata = '[]' WHERE rowid % 3 = 0;"
                    "UPDATE region SET tax_rate = 19.6 WHERE rowid = 1;"
                    "UPDATE region SET tax_rate = 0.1 WHERE rowid = 2;",
                    NULL, NULL, NULL) == SQLITE_OK,
       "hostile values stored");
    for (int i = 0; ents[i]; i++) {
        struct gsel *sel = deep(&c, ents[i]);
        same(&c, ents[i], gsel_cols(&c, ents[i]), arena_printf(&c.arena, "%s", ents[i]->table));
        same(&c, ents[i], sel, arena_printf(&c.arena, "%s with relations", ents[i]->table));
        /* Explicit fields: a subset in the asked order, relations' ids implied. */
        const char *const fields[] = {"created_at", "id", "variants.title", "countries.iso_2",
                                      NULL};
        same(&c, ents[i], gsel_build(&c, ents[i], fields, NULL),
             arena_printf(&c.arena, "%s with fields", ents[i]->table));
    }
    db_close(c.db);
    unlink(path);
    arena_release(&c.arena);
    return done_testing();
}
