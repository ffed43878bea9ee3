/* test_seed.c: db/seed.c over sql/0001_init.sql: the demo seed (conf/demo-seed.json) loads as
 * `medusa seed` would, broken files fail with a message naming the JSON path and change nothing,
 * and tests/fixtures/seed-extended.json (every extension key) loads on top. */
#include "db/db.h"
#include "db/driver.h"
#include "db/seed.h"
#include "tap.h"

#include <json-c/json.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char srcdir[1024] = ".";

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

static struct db *fresh_db(void)
{
    char path[1200], err[256];
    char *sql;
    struct db *db;
    snprintf(path, sizeof(path), "%s/sql/0001_init.sql", srcdir);
    if (!(sql = read_all(path))) {
        diag("cannot read %s", path);
        return NULL;
    }
    if (!(db = db_open(":memory:", 1000, err, sizeof(err))) ||
        db_exec_script(db, sql, err, sizeof(err)) < 0) {
        diag("schema: %s", err);
        db_close(db);
        free(sql);
        return NULL;
    }
    free(sql);
    return db;
}

/* First column of the first row as an integer (-1 on error). */
static long long q_int(struct db *dbw, const char *sql)
{
    sqlite3 *db = db_sqlite_handle(dbw);
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        diag("sql: %s: %s", sql, sqlite3_errmsg(db));
        return -1;
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* First column of the first row as text into out ("" if none). */
static const char *q_text(struct db *dbw, const char *sql, char *out, size_t outlen)
{
    sqlite3 *db = db_sqlite_handle(dbw);
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        diag("sql: %s: %s", sql, sqlite3_errmsg(db));
        return out;
    }
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

/* A hash of every value of every table, to see that a failed load changed nothing. */
static unsigned long long fingerprint(struct db *dbw)
{
    sqlite3 *db = db_sqlite_handle(dbw);
    unsigned long long h = 1469598103934665603ULL;
    sqlite3_stmt *tables;
    if (sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                           -1, &tables, NULL) != SQLITE_OK)
        return 0;
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char sql[256];
        sqlite3_stmt *st;
        snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" ORDER BY rowid",
                 (const char *)sqlite3_column_text(tables, 0));
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
            snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"",
                     (const char *)sqlite3_column_text(tables, 0));
            if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
                continue;
        }
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const unsigned char *t = sqlite3_column_text(st, c);
                for (; t && *t; t++)
                    h = (h ^ *t) * 1099511628211ULL;
                h = (h ^ 0xff) * 1099511628211ULL;
            }
        }
        sqlite3_finalize(st);
    }
    sqlite3_finalize(tables);
    return h;
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

/* Loads text as a seed file; returns seed_load's result with the message in err. */
static int load_text(struct db *db, const char *text, char *err, size_t errlen)
{
    char path[] = "/tmp/test_seed_XXXXXX";
    int fd = mkstemp(path), rc;
    if (fd < 0)
        return -2;
    close(fd);
    if (write_file(path, text) < 0)
        return -2;
    rc = seed_load(db, path, NULL, err, errlen);
    unlink(path);
    return rc;
}

/* The demo seed, changed by fn (users dropped: hashing is slow and not under test here). */
static char *demo_with(void (*fn)(json_object *root))
{
    char path[1200];
    json_object *root;
    char *out;
    snprintf(path, sizeof(path), "%s/conf/demo-seed.json", srcdir);
    if (!(root = json_object_from_file(path)))
        return NULL;
    json_object_object_add(root, "users", json_object_new_array());
    fn(root);
    out = strdup(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN));
    json_object_put(root);
    return out;
}

static json_object *at(json_object *o, const char *key, int idx)
{
    json_object *v = json_object_object_get(o, key);
    return idx >= 0 ? json_object_array_get_idx(v, (size_t)idx) : v;
}

static void bad_amount(json_object *r)
{
    json_object *prices = at(at(at(r, "products", 2), "variants", 0), "prices", -1);
    json_object_object_add(json_object_array_get_idx(prices, 1), "amount",
                           json_object_new_string("12"));
}

static void missing_currency(json_object *r)
{
    json_object_object_del(at(r, "regions", 1), "currency_code");
}

static void dangling_region(json_object *r)
{
    json_object_object_add(at(r, "shipping_options", 3), "region_id",
                           json_object_new_string("test-region-nowhere"));
}

static void dangling_category(json_object *r)
{
    json_object *cats = at(at(r, "products", 6), "categories", -1);
    json_object_object_add(json_object_array_get_idx(cats, 0), "id",
                           json_object_new_string("pcat_nope"));
}

static void unknown_key(json_object *r)
{
    json_object_object_add(at(r, "products", 4), "colour", json_object_new_string("red"));
}

static void unknown_top_key(json_object *r)
{
    json_object_object_add(r, "prodcts", json_object_new_array());
}

static void wrong_options(json_object *r)
{
    json_object *opts = at(at(at(r, "products", 5), "variants", 1), "options", -1);
    json_object_array_add(opts, json_object_new_string("extra"));
}

static void duplicate_variant(json_object *r)
{
    json_object *vars = at(at(r, "products", 1), "variants", -1);
    json_object_object_add(json_object_array_get_idx(vars, 2), "options",
                           json_object_get(at(json_object_array_get_idx(vars, 0), "options", -1)));
}

static void bad_status(json_object *r)
{
    json_object_object_add(at(r, "products", 3), "status", json_object_new_string("live"));
}

static void not_an_array(json_object *r)
{
    json_object_object_add(r, "regions", json_object_new_object());
}

struct bad_case {
    const char *name;
    void (*fn)(json_object *root);
    const char *want; /* the exact start of the message */
};

int main(int argc, char **argv)
{
    static const struct bad_case bad[] = {
        {"wrong type", bad_amount,
         "$.products[2].variants[0].prices[1].amount: expected an integer"},
        {"missing field", missing_currency,
         "$.regions[1].currency_code: required field is missing"},
        {"dangling region link", dangling_region,
         "$.shipping_options[3].region_id: unknown region 'test-region-nowhere'"},
        {"dangling category link", dangling_category,
         "$.products[6].categories[0].id: unknown category 'pcat_nope'"},
        {"unknown key in an entry", unknown_key, "$.products[4].colour: unknown key"},
        {"unknown top-level key", unknown_top_key, "$.prodcts: unknown key"},
        {"variant options count", wrong_options,
         "$.products[5].variants[1].options: Product options length does not match"},
        {"duplicate variant options", duplicate_variant,
         "$.products[1].variants[2]: Variant with title S with provided options already exists"},
        {"enum value", bad_status, "$.products[3].status: expected one of draft, proposed"},
        {"array expected", not_an_array, "$.regions: expected an array"},
    };
    char path[1200], err[512], buf[256];
    const char *env = getenv("SRCDIR");
    struct db *db;
    unsigned long long before;
    FILE *progress;
    char *progress_text = NULL;
    size_t progress_len = 0;
    int rc;

    if (argc > 1)
        snprintf(srcdir, sizeof(srcdir), "%s", argv[1]);
    else if (env && *env)
        snprintf(srcdir, sizeof(srcdir), "%s", env);
    if (sodium_init() < 0)
        return 1;

    /* the demo seed on a fresh database */
    if (!ok((db = fresh_db()) != NULL, "schema sql/0001_init.sql applies"))
        return done_testing();
    is_int(q_int(db, "SELECT count(*) FROM country"), 250, "countries are pre-populated");
    is_int(q_int(db, "SELECT count(*) FROM currency"), 120, "currencies are pre-populated");
    is_str(q_text(db,
                  "SELECT name || '/' || display_name || '/' || iso_3 || '/' || num_code"
                  " FROM country WHERE iso_2 = 'dk'",
                  buf, sizeof(buf)),
           "DENMARK/Denmark/dnk/208", "country rows as Medusa's migration writes them");
    snprintf(path, sizeof(path), "%s/conf/demo-seed.json", srcdir);
    progress = open_memstream(&progress_text, &progress_len);
    rc = seed_load(db, path, progress, err, sizeof(err));
    fclose(progress);
    if (!ok(rc == 0, "demo seed loads"))
        diag("%s", err);
    ok(progress_text && strstr(progress_text, "seed: users 1, regions 2, shipping_options 8,"
                                              " categories 5, collections 0, products 7,"
                                              " variants 29, prices 58"),
       "progress line counts the demo seed");
    if (progress_text && progress_len && progress_text[progress_len - 1] == '\n')
        progress_text[progress_len - 1] = '\0';
    if (progress_text)
        diag("%s", progress_text);
    free(progress_text);
    is_int(q_int(db, "SELECT count(*) FROM region"), 2, "2 regions");
    is_int(q_int(db, "SELECT count(*) FROM product"), 7, "7 products");
    is_int(q_int(db, "SELECT count(*) FROM product_variant"), 29, "29 variants");
    is_int(q_int(db, "SELECT count(*) FROM money_amount"), 58, "58 prices");
    is_int(q_int(db, "SELECT count(*) FROM product_variant_money_amount"), 58,
           "every price linked to its variant");
    is_int(q_int(db, "SELECT count(*) FROM product_option_value"),
           q_int(db, "SELECT count(*) FROM product_variant v JOIN product_option o"
                     " ON o.product_id = v.product_id"),
           "one option value per variant and option");
    is_int(q_int(db, "SELECT count(*) FROM shipping_option"), 8, "8 shipping options");
    is_int(q_int(db, "SELECT count(*) FROM shipping_option s JOIN shipping_profile p"
                     " ON p.id = s.profile_id WHERE p.type = 'default'"),
           8, "shipping options use the default profile");
    is_int(q_int(db, "SELECT count(*) FROM product_category"), 5, "5 categories");
    is_str(q_text(db,
                  "SELECT group_concat(handle || ':' || rank, ',') FROM (SELECT handle, rank"
                  " FROM product_category ORDER BY rank)",
                  buf, sizeof(buf)),
           "pants:0,shirts:1,merch:2,hidden-homepage-carousel:3,hidden-homepage-featured-items:4",
           "category ranks are the file order");
    is_int(q_int(db, "SELECT count(*) FROM product_category WHERE mpath = id || '.' AND"
                     " is_active = 1 AND is_internal = 0 AND description = ''"
                     " AND parent_category_id IS NULL"),
           5, "root categories: mpath, active, public, empty description");
    is_int(q_int(db, "SELECT count(*) FROM product_category_product pc JOIN product_category c"
                     " ON c.id = pc.product_category_id WHERE c.handle = 'shirts'"),
           3, "3 products in Shirts");
    is_str(q_text(db, "SELECT name || '/' || description FROM sales_channel", buf, sizeof(buf)),
           "Default Sales Channel/Created by Medusa", "one default sales channel");
    is_int(q_int(db, "SELECT count(*) FROM product p JOIN product_sales_channel ps"
                     " ON ps.product_id = p.id JOIN store s"
                     " ON s.default_sales_channel_id = ps.sales_channel_id"),
           7, "every product is in the default sales channel");
    is_int(q_int(db, "SELECT count(*) FROM region WHERE id IN ('test-region-eu', 'test-region-na')"
                     " OR id NOT LIKE 'reg\\_%' ESCAPE '\\' OR length(id) != 30"),
           0, "regions get fresh reg_ ULIDs, not the file's ids");
    is_int(q_int(db, "SELECT count(*) FROM product_category WHERE id LIKE 'pcat\\_%' ESCAPE '\\'"
                     " AND length(id) = 31"),
           5, "categories get fresh pcat_ ULIDs");
    is_int(q_int(db, "SELECT count(*) FROM product_category WHERE id IN ('pcat_shirts',"
                     " 'pcat_pants', 'pcat_merch')"),
           0, "no category keeps the file's id");
    is_str(q_text(db,
                  "SELECT group_concat(currency_code, ',') FROM (SELECT currency_code FROM"
                  " store_currencies ORDER BY currency_code)",
                  buf, sizeof(buf)),
           "eur,usd", "store currencies");
    is_int(q_int(db, "SELECT count(*) FROM country c JOIN region r ON r.id = c.region_id"
                     " WHERE r.name = 'EU'"),
           7, "EU region countries");
    is_int(q_int(db, "SELECT count(*) FROM region_payment_providers"), 2, "payment providers");
    is_int(q_int(db, "SELECT count(*) FROM product WHERE status = 'published'"
                     " AND thumbnail IS NOT NULL AND profile_id IS NOT NULL"),
           7, "products published, with a thumbnail and a profile");
    is_str(q_text(db,
                  "SELECT group_concat(variant_rank, ',') FROM (SELECT variant_rank FROM"
                  " product_variant v JOIN product p ON p.id = v.product_id"
                  " WHERE p.handle = 'sweatshirt' ORDER BY v.created_at)",
                  buf, sizeof(buf)),
           "0,1,2,3", "variant ranks follow the file");
    q_text(db, "SELECT password_hash FROM \"user\"", buf, sizeof(buf));
    ok(strncmp(buf, "$argon2id$", 10) == 0 &&
           crypto_pwhash_str_verify(buf, "supersecret", strlen("supersecret")) == 0,
       "user password hashed with argon2id");
    is_int(q_int(db, "SELECT count(*) FROM product WHERE created_at < (SELECT max(created_at)"
                     " FROM region)"),
           0, "created_at follows load order");

    /* broken files fail with the path and change nothing */
    before = fingerprint(db);
    rc = load_text(db, "{\"regions\": [", err, sizeof(err));
    ok(rc == -1 && strstr(err, "invalid JSON") && strstr(err, "at byte"),
       "truncated JSON is reported with a byte offset");
    diag("%s", err);
    rc = load_text(db, "{\"regions\": [}", err, sizeof(err));
    ok(rc == -1 && strncmp(err, "invalid JSON: ", 14) == 0, "invalid JSON is reported");
    rc = load_text(db, "[]", err, sizeof(err));
    is_str(rc == -1 ? err : "", "$: expected an object", "a non-object file is refused");
    rc = seed_load(db, "/nonexistent/seed.json", NULL, err, sizeof(err));
    ok(rc == -1 && strstr(err, "cannot open"), "a missing file is reported");
    /* the demo seed again: the store update runs, then the user's email is taken */
    rc = seed_load(db, path, NULL, err, sizeof(err));
    ok(rc == -1 && strstr(err, "$.users[0]: database error: UNIQUE constraint failed"),
       "loading the demo twice fails on the first duplicate");
    diag("%s", err);
    ok(fingerprint(db) == before, "... and changes nothing");
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct db *db2 = fresh_db();
        unsigned long long b2 = db2 ? fingerprint(db2) : 0;
        char *text = demo_with(bad[i].fn);
        rc = text && db2 ? load_text(db2, text, err, sizeof(err)) : -2;
        if (!ok(rc == -1 && strncmp(err, bad[i].want, strlen(bad[i].want)) == 0, "%s: %s",
                bad[i].name, bad[i].want))
            diag("got: %s", rc == -1 ? err : "success");
        ok(db2 && fingerprint(db2) == b2, "%s: no table changed", bad[i].name);
        free(text);
        db_close(db2);
    }

    /* the extension keys, on top of the demo */
    snprintf(path, sizeof(path), "%s/tests/fixtures/seed-extended.json", srcdir);
    rc = seed_load(db, path, NULL, err, sizeof(err));
    if (!ok(rc == 0, "seed-extended.json loads on top of the demo"))
        diag("%s", err);
    is_int(q_int(db, "SELECT count(*) FROM product"), 9, "2 more products");
    is_str(
        q_text(db, "SELECT handle FROM product WHERE title = 'Summer Straw Hat'", buf, sizeof(buf)),
        "summer-straw-hat", "handle defaults to the kebab-case title");
    is_int(q_int(db, "SELECT count(*) FROM product p JOIN product_type t ON t.id = p.type_id"
                     " JOIN product_collection c ON c.id = p.collection_id"
                     " WHERE p.handle = 'summer-straw-hat' AND t.value = 'Accessories'"
                     " AND c.handle = 'summer-collection'"),
           1, "inline type upserted, collection linked with a kebab handle");
    is_int(q_int(db, "SELECT count(*) FROM product_type"), 2, "types reused by value");
    is_int(q_int(db, "SELECT count(*) FROM product_tags"), 3, "tags linked by value and id");
    is_int(q_int(db, "SELECT count(*) FROM product_sales_channel ps JOIN sales_channel c"
                     " ON c.id = ps.sales_channel_id WHERE c.name = 'Wholesale'"),
           3, "the second sales channel has its products");
    is_int(q_int(db, "SELECT count(*) FROM product_sales_channel"), 12,
           "new products are in the default channel too");
    is_int(q_int(db, "SELECT count(*) FROM publishable_api_key_sales_channel k JOIN sales_channel c"
                     " ON c.id = k.sales_channel_id WHERE c.name = 'Wholesale'"),
           1, "publishable key scoped to the second channel");
    is_int(q_int(db, "SELECT count(*) FROM customer_group_customers g JOIN customer c"
                     " ON c.id = g.customer_id WHERE c.email = 'jane@example.com'"
                     " AND c.has_account = 1 AND c.billing_address_id IS NOT NULL"),
           1, "customer with an account, billing address and group");
    is_int(q_int(db, "SELECT count(*) FROM customer WHERE has_account = 0"), 1,
           "customer without a password has no account");
    is_int(q_int(db, "SELECT count(*) FROM address WHERE country_code = 'dk'"), 2, "addresses");
    is_int(q_int(db, "SELECT count(*) FROM money_amount m JOIN price_list l"
                     " ON l.id = m.price_list_id WHERE l.name = 'VIP Sale'"),
           4, "sale list prices (three listed, one from a variant)");
    is_int(q_int(db, "SELECT count(*) FROM money_amount m JOIN price_list l"
                     " ON l.id = m.price_list_id WHERE l.type = 'override'"
                     " AND l.starts_at = '2024-06-01T00:00:00.000Z'"
                     " AND (m.min_quantity = 5 OR m.region_id IS NOT NULL)"),
           2, "override list with a date window, a quantity tier and a region price");
    is_int(q_int(db, "SELECT count(*) FROM price_list_customer_groups"), 1,
           "sale list limited to the group");
    is_int(q_int(db, "SELECT count(*) FROM discount d JOIN discount_rule r ON r.id = d.rule_id"
                     " JOIN discount_condition c ON c.discount_rule_id = r.id"),
           4, "3 discounts with 4 conditions");
    is_str(q_text(db, "SELECT code FROM discount WHERE code LIKE 'SUMMER%'", buf, sizeof(buf)),
           "SUMMER10", "discount codes upper-cased");
    is_int(q_int(db, "SELECT count(*) FROM discount_regions"), 4, "discount regions");
    is_int(q_int(db, "SELECT count(*) FROM discount_condition_product_collection") +
               q_int(db, "SELECT count(*) FROM discount_condition_customer_group") +
               q_int(db, "SELECT count(*) FROM discount_condition_product_tag") +
               q_int(db, "SELECT count(*) FROM discount_condition_product_type"),
           4, "condition targets");
    is_int(q_int(db, "SELECT count(*) FROM gift_card WHERE (code = 'GIFT-TEST-0050' AND balance ="
                     " 5000) OR (is_disabled = 1 AND balance = 1500)"),
           2, "gift cards");
    is_int(q_int(db, "SELECT count(*) FROM product_type_tax_rate") +
               q_int(db, "SELECT count(*) FROM product_tax_rate"),
           2, "tax rates for a product type and a product");
    is_int(q_int(db, "SELECT count(*) FROM return_reason c JOIN return_reason p"
                     " ON p.id = c.parent_return_reason_id WHERE p.value = 'wrong_size'"),
           1, "return reason with a child");
    db_close(db);
    return done_testing();
}
