/* test_core.c: the arena, buffers, error table, config, CORS matching, router and the
 * fields/expand/order resolution of configured endpoints. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "core/conf.h"
#include "core/json.h"
#include "core/sbuf.h"
#include "core/slug.h"
#include "front/validate.h"
#include "http/cors.h"
#include "http/qs.h"
#include "http/req.h"
#include "http/resp.h"
#include "http/router.h"
#include "tap.h"

static int order[4], norder;

static void note(void *p)
{
    order[norder++] = (int)(intptr_t)p;
}

static void test_arena(void)
{
    struct arena a;
    arena_init(&a);
    char *p = arena_alloc(&a, 3), *q = arena_alloc(&a, 5);
    ok(((uintptr_t)p & 15) == 0 && ((uintptr_t)q & 15) == 0, "arena: 16-byte alignment");
    char *big = arena_alloc(&a, 1 << 20);
    memset(big, 'x', 1 << 20);
    ok(big[(1 << 20) - 1] == 'x', "arena: oversize allocation");
    is_str(arena_printf(&a, "%s-%d", "a", 42), "a-42", "arena: printf");
    is_str(arena_strndup(&a, "hello", 3), "hel", "arena: strndup");
    arena_defer(&a, note, (void *)1);
    arena_defer(&a, note, (void *)2);
    arena_reset(&a);
    ok(norder == 2 && order[0] == 2 && order[1] == 1, "arena: defers run LIFO at reset");
    ok(a.used_total == 0, "arena: reset empties");
    arena_release(&a);
}

static void test_sbuf(void)
{
    struct sbuf sb = SBUF_INIT;
    sbuf_add_json_str(&sb, "a\"b\\c\n\x01é/");
    is_str(sb.buf, "\"a\\\"b\\\\c\\n\\u0001é/\"", "sbuf: JSON string escaping");
    sbuf_reset(&sb);
    sbuf_addf(&sb, "%d %s", 7, "x");
    is_str(sb.buf, "7 x", "sbuf: addf");
    sbuf_release(&sb);
    /* addf writes in place when it fits, grows and writes again when not. */
    sbuf_addc(&sb, '[');
    for (int i = 0; i < 200; i++)
        sbuf_addf(&sb, "%s%d", i ? "," : "", i * 1000);
    sbuf_addc(&sb, ']');
    is_int((long long)sb.len, 2 + 199 + 1 + 9 * 4 + 90 * 5 + 100 * 6, "sbuf: addf across growth");
    is_int(sb.buf[sb.len] == '\0', 1, "sbuf: stays NUL-terminated");
    is_str(sb.buf + sb.len - 8, ",199000]", "sbuf: addf's last piece");
    sbuf_reset(&sb);
    sbuf_add_int(&sb, 0);
    sbuf_addc(&sb, ' ');
    sbuf_add_int(&sb, -42);
    sbuf_addc(&sb, ' ');
    sbuf_add_int(&sb, 9223372036854775807LL);
    sbuf_addc(&sb, ' ');
    sbuf_add_int(&sb, -9223372036854775807LL - 1);
    is_str(sb.buf, "0 -42 9223372036854775807 -9223372036854775808", "sbuf: add_int as %lld");
    sbuf_reset(&sb);
    {
        const char *v[] = {"a\"b", NULL, "c"};
        sbuf_add_json_strs(&sb, v, 3);
        is_str(sb.buf, "[\"a\\\"b\",\"\",\"c\"]", "sbuf: add_json_strs, NULL as \"\"");
        sbuf_reset(&sb);
        sbuf_add_json_strs(&sb, v, 0);
        is_str(sb.buf, "[]", "sbuf: add_json_strs of none");
    }
    sbuf_release(&sb);
}

/* jsonb's key order: shorter keys first, then bytewise, in every object; arrays keep theirs. */
static void test_jsonb_order(void)
{
    char *t = json_jsonb_order_text("{\"some-existing\":\"prop\",\"another\":\"prop\"}");
    is_str(t, "{\"another\":\"prop\",\"some-existing\":\"prop\"}", "jsonb order: shorter first");
    free(t);
    t = json_jsonb_order_text("[{\"bb\":1,\"a\":{\"y\":2.50,\"x\":null}},3]");
    is_str(t, "[{\"a\":{\"x\":null,\"y\":2.50},\"bb\":1},3]",
           "jsonb order: nested objects, numbers as written");
    free(t);
    ok(!json_jsonb_order_text("{\"a\":1,\"b\":[2,1]}"),
       "jsonb order: already ordered is unchanged");
    ok(!json_jsonb_order_text("{\"only\":1}") && !json_jsonb_order_text(NULL) &&
           !json_jsonb_order_text("{,"),
       "jsonb order: one key, NULL and no JSON are unchanged");
}

static void test_errors(void)
{
    /* store.md §1.2 */
    is_int(errors_status(ERR_NOT_FOUND), 404, "errors: not_found 404");
    is_int(errors_status(ERR_INVALID_DATA), 400, "errors: invalid_data 400");
    is_int(errors_status(ERR_NOT_ALLOWED), 400, "errors: not_allowed 400");
    is_int(errors_status(ERR_UNAUTHORIZED), 401, "errors: unauthorized 401");
    is_int(errors_status(ERR_DUPLICATE), 422, "errors: duplicate 422");
    is_str(errors_forced_code(ERR_DUPLICATE), "invalid_request_error", "errors: duplicate code");
    is_int(errors_status(ERR_PAYMENT_AUTHORIZATION), 422, "errors: payment auth 422");
    is_int(errors_status(ERR_CONFLICT), 409, "errors: conflict 409");
    is_str(errors_forced_code(ERR_CONFLICT), "invalid_state_error", "errors: conflict code");
    is_int(errors_status(ERR_DATABASE), 500, "errors: database 500");
    is_str(errors_forced_code(ERR_DATABASE), "api_error", "errors: database code");
    is_int(errors_status(ERR_UNEXPECTED_STATE), 500, "errors: unexpected_state 500");
    is_int(errors_status(ERR_INVALID_ARGUMENT), 500, "errors: invalid_argument 500");
    ok(errors_forced_code(ERR_NOT_FOUND) == NULL, "errors: not_found has no forced code");
}

static void test_conf(void)
{
    struct conf cf;
    char err[256], path[] = "/tmp/medusa-conf-XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    fputs("# comment\ndatabase = /tmp/x.db\nworkers = 3\nstore_cors = http://a, /b$/\n", f);
    fclose(f);
    conf_init(&cf);
    unsetenv("MEDUSA_WORKERS");
    setenv("JWT_SECRET", "from-env", 1);
    ok(conf_load(&cf, path, 1, err, sizeof(err)) == 0, "conf: loads a file");
    is_str(cf.database, "/tmp/x.db", "conf: database");
    is_int(cf.workers, 3, "conf: workers");
    is_str(cf.jwt_secret, "from-env", "conf: environment overrides the file");
    ok(conf_check_secrets(&cf, err, sizeof(err)) < 0, "conf: default cookie secret refused");
    ok(strstr(err, "cookie_secret") != NULL, "conf: the message names the key");
    ok(conf_set(&cf, "environment", "development", err, sizeof(err)) == 0 &&
           conf_check_secrets(&cf, err, sizeof(err)) == 0,
       "conf: development accepts default secrets");
    ok(conf_set(&cf, "nope", "1", err, sizeof(err)) < 0, "conf: unknown key refused");
    ok(conf_set(&cf, "workers", "many", err, sizeof(err)) < 0, "conf: bad number refused");
    ok(cors_init(&cf, err, sizeof(err)) == 0, "cors: compiles the list");
    ok(cors_origin_allowed(0, "http://a"), "cors: literal origin");
    ok(!cors_origin_allowed(0, "http://a.evil"), "cors: literal is exact");
    ok(cors_origin_allowed(0, "https://x.b"), "cors: regular expression");
    ok(!cors_origin_allowed(1, "http://a"), "cors: admin list is separate");
    cors_release();
    unsetenv("JWT_SECRET");
    conf_release(&cf);
    unlink(path);
}

static void test_database_shown(void)
{
    char b[128];
    static const char *const cases[][2] = {
        {"/var/lib/medusa-fcgi/medusa.db", "/var/lib/medusa-fcgi/medusa.db"},
        {"postgresql://shop@db/shop", "postgresql://shop@db/shop"},
        {"postgres://shop:s3cr%40t@db:5432/shop?sslmode=require",
         "postgres://shop:(set)@db:5432/shop?sslmode=require"},
        {"postgresql:///shop?host=/run&password=pw&user=u",
         "postgresql:///shop?host=/run&password=(set)&user=u"},
        {"pg:host=db dbname=shop password=pw user=u",
         "pg:host=db dbname=shop password=(set) user=u"},
        {"pg:host=db password='p w\\' x' user=u", "pg:host=db password=(set) user=u"},
        {"pg:password=", "pg:password=(set)"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        is_str(conf_database_shown(cases[i][0], b, sizeof(b)), cases[i][1], "database shown");
    /* Cut to the buffer, never past it. */
    is_str(conf_database_shown("postgres://u:pw@host/db", b, 12), "postgres://", "shown: cut");
}

static void with_query(struct req *r, const char *q)
{
    char err[128];
    arena_reset(&r->c.arena);
    memset(&r->c.err, 0, sizeof(r->c.err));
    r->qs = json_own(&r->c.arena, qs_parse(q, strlen(q), NULL, err, sizeof(err)));
    qs_normalize(r->qs);
}

static void test_listq(void)
{
    static const char *const allowed[] = {"id", "title", "handle", "created_at", "variants", NULL};
    static const char *const rels[] = {"variants", "variants.prices", "options", NULL};
    static const char *const defaults[] = {"id", "title", "handle", "created_at", NULL};
    static const char *const default_rels[] = {"variants", "options", NULL};
    static const struct listq_spec spec = {100, 1, allowed, rels, defaults, default_rels};
    struct req r;
    struct listq lq;
    memset(&r, 0, sizeof(r));
    arena_init(&r.c.arena);

    with_query(&r, "");
    ok(listq_parse(&r, &spec, &lq) == 0, "listq: no parameters");
    is_int(lq.limit, 100, "listq: default limit");
    ok(listq_has_relation(&lq, "variants") && listq_has_relation(&lq, "options"),
       "listq: default relations");
    with_query(&r, "fields=handle&limit=5&offset=10");
    ok(listq_parse(&r, &spec, &lq) == 0, "listq: fields");
    ok(listq_has_field(&lq, "handle") && listq_has_field(&lq, "id") &&
           listq_has_field(&lq, "created_at") && !listq_has_field(&lq, "title"),
       "listq: fields=handle selects handle, id, created_at");
    is_int(lq.limit, 5, "listq: limit");
    is_int(lq.offset, 10, "listq: offset");
    with_query(&r, "expand=");
    ok(listq_parse(&r, &spec, &lq) == 0 && !listq_has_relation(&lq, "variants"),
       "listq: expand= loads no relations");
    with_query(&r, "expand=variants.product");
    ok(listq_parse(&r, &spec, &lq) < 0, "listq: unknown relation refused");
    is_str(r.c.err.msg, "Requested fields [variants.product] are not valid", "listq: its message");
    with_query(&r, "fields=titlefoo");
    ok(listq_parse(&r, &spec, &lq) == 0, "listq: fields use a prefix test (store.md §1.5)");
    with_query(&r, "fields=mpath");
    ok(listq_parse(&r, &spec, &lq) < 0, "listq: unknown field refused");
    with_query(&r, "order=-created_at");
    ok(listq_parse(&r, &spec, &lq) == 0 && lq.desc && !strcmp(lq.order, "created_at"),
       "listq: order=-created_at");
    with_query(&r, "order=titlex");
    ok(listq_parse(&r, &spec, &lq) < 0, "listq: order uses exact membership");
    is_str(r.c.err.msg, "Order field titlex is not valid", "listq: order message");
    with_query(&r, "fields=%2Bhandle,-title");
    ok(listq_parse(&r, &spec, &lq) == 0 && listq_has_field(&lq, "handle") &&
           !listq_has_field(&lq, "title") && listq_has_field(&lq, "created_at"),
       "listq: +/- adjust the defaults");

    static const struct vparam params[] = {
        {"q", V_STRING, 0},
        {"limit", V_NUMBER, 0},
        {"tags", V_STRARRAY, 0},
        {"created_at", V_DATEFILTER, 0},
        {NULL, 0, 0},
    };
    with_query(&r, "foo=1&limit=abc&tags=x");
    ok(validate(&r, r.qs, params, 1) < 0, "validate: collects every failure");
    is_str(r.c.err.msg,
           "property foo should not exist, limit must be a number conforming to the specified "
           "constraints, tags must be an array",
           "validate: unknown first, then declaration order");
    with_query(&r, "tags[]=a,b&limit=5&created_at[gt]=2024-01-01");
    ok(validate(&r, r.qs, params, 1) == 0, "validate: good query passes");
    struct datefilter df;
    ok(v_datefilter(r.qs, "created_at", &df) && df.has_gt, "validate: date filter read");
    int n;
    const char **tags = v_strs(&r, r.qs, "tags", &n);
    ok(n == 2 && !strcmp(tags[0], "a") && !strcmp(tags[1], "b"), "validate: tags[]=a,b splits");
    with_query(&r, "created_at[gt]=nope");
    ok(validate(&r, r.qs, params, 1) < 0, "validate: bad date refused");
    arena_release(&r.c.arena);
}

static void test_router(void)
{
    struct req r;
    memset(&r, 0, sizeof(r));
    arena_init(&r.c.arena);
    ok(router_match(&r, "GET", "/health") == ROUTER_FOUND, "router: /health");
    ok(router_match(&r, "HEAD", "/health") == ROUTER_FOUND, "router: HEAD matches GET");
    ok(router_match(&r, "GET", "/health/") == ROUTER_FOUND, "router: trailing slash");
    ok(router_match(&r, "POST", "/health") == ROUTER_NO_METHOD, "router: wrong method");
    ok(router_match(&r, "GET", "/nope") == ROUTER_NO_PATH, "router: unknown path");
    ok(router_match(&r, "GET", "") == ROUTER_NO_PATH, "router: empty path");
    for (int i = 0; i < routes_count; i++) {
        /* Every pattern matches itself with its parameters filled. */
        char path[256];
        size_t k = 0;
        for (const char *p = routes[i].pattern; *p && k < sizeof(path) - 8;) {
            if (*p == ':') {
                memcpy(path + k, "x_1", 3);
                k += 3;
                while (*p && *p != '/')
                    p++;
            } else {
                path[k++] = *p++;
            }
        }
        path[k] = '\0';
        if (router_match(&r, routes[i].method, path) != ROUTER_FOUND || r.route != &routes[i])
            ok(0, "router: %s %s reaches its own row", routes[i].method, routes[i].pattern);
    }
    ok(1, "router: every row reachable");
    arena_release(&r.c.arena);
}

/* lodash kebabCase as Medusa's default handles use it. */
static void test_slug(void)
{
    static const char *const cases[][2] = {
        {"Medusa Sweatshirt", "medusa-sweatshirt"},
        {"  Hello,  World! ", "hello-world"},
        {"XMLHttpRequest", "xml-http-request"},
        {"fooBar", "foo-bar"},
        {"Shirt 2XL", "shirt-2-xl"},
        {"Men's Shoes", "mens-shoes"},
        {"already-kebab_case", "already-kebab-case"},
        {"", ""},
        {"!!!", ""},
    };
    char out[64], small[6];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        slug_kebab(out, sizeof(out), cases[i][0]);
        is_str(out, cases[i][1], cases[i][0]);
    }
    slug_kebab(small, sizeof(small), "Long Title Here");
    ok(strlen(small) < sizeof(small), "kebab output is bounded and terminated");
}

int main(void)
{
    test_slug();
    test_arena();
    test_sbuf();
    test_jsonb_order();
    test_errors();
    test_conf();
    test_database_shown();
    test_listq();
    test_router();
    return done_testing();
}
