/* fuzz_request.c: libFuzzer target for a whole request: raw FastCGI parameters and a body go
 * through req_read(), the router, the front's flags and every handler, against a scratch SQLite
 * file seeded with the demo store (conf/demo-seed.json). Whatever the bytes, the worker must
 * answer with Medusa's error body (no untyped 500) or a JSON answer, never crash, leak or corrupt.
 *
 * Input: FastCGI name-value pairs (the FCGI_PARAMS encoding: 1- or 4-byte lengths, then name and
 * value) up to an empty pair (two zero bytes); the rest is the request body. Values "@customer"
 * and "@admin" are replaced by a live customer JWT and the admin's API token, so that the corpus
 * reaches the routes behind authentication; "@cart", "@prod", "@variant", "@reg", "@order",
 * "@so", "@item" ... (any id prefix) in a value or the body become the last id of that kind an
 * answer carried, so inputs can build on each other (a cart, then its lines). The database keeps
 * what earlier inputs wrote (a stateful target); it starts over every 2000 inputs.
 * tests/fuzz/replay.c runs the corpus as a regression test in `make check`;
 * tests/fuzz/mkcorpus_request.py writes the corpus. */
#define _GNU_SOURCE
#include "core/conf.h"
#include "core/json.h"
#include "core/sbuf.h"
#include "db/db.h"
#include "domain/auth.h"
#include "http/cors.h"
#include "http/req.h"
#include "pay/stripe_webhook.h"
#include "request.h"

#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FUZZ_WEBHOOK_SECRET "whsec_fuzz"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARAMS 64

static struct conf cf;
static struct db *db;
static char dbpath[256];
static char *customer_bearer;
static unsigned runs;

/* The last id of each prefix seen in an answer ("cart" -> "cart_01H..."). */
#define MAX_IDS 96
static struct {
    char prefix[16];
    char id[64];
} ids[MAX_IDS];
static int nids;

static void remember_ids(const char *s, size_t len)
{
    static const char key[] = "\"id\":\"";
    const char *end = s + len, *p = s;
    while ((p = memmem(p, (size_t)(end - p), key, sizeof(key) - 1))) {
        const char *id = p + sizeof(key) - 1, *q = id, *us = NULL;
        while (q < end && *q != '"' && q - id < 63) {
            if (*q == '_' && !us)
                us = q;
            q++;
        }
        p = q;
        if (q >= end || *q != '"' || !us || us - id >= 16 || us == id)
            continue;
        int i;
        for (i = 0; i < nids; i++)
            if (strlen(ids[i].prefix) == (size_t)(us - id) && !memcmp(ids[i].prefix, id, us - id))
                break;
        if (i == nids) {
            if (nids == MAX_IDS)
                continue;
            memcpy(ids[i].prefix, id, (size_t)(us - id));
            ids[i].prefix[us - id] = '\0';
            nids++;
        }
        memcpy(ids[i].id, id, (size_t)(q - id));
        ids[i].id[q - id] = '\0';
    }
}

/* s with every "@prefix" of a remembered id replaced by that id, in the arena. */
static char *with_ids(struct arena *a, const char *s, size_t len, size_t *outlen)
{
    struct sbuf b;
    const char *end = s + len;
    sbuf_init(&b);
    while (s < end) {
        const char *at = memchr(s, '@', (size_t)(end - s));
        int i = nids;
        if (!at) {
            sbuf_add(&b, s, (size_t)(end - s));
            break;
        }
        sbuf_add(&b, s, (size_t)(at - s));
        for (i = 0; i < nids; i++) {
            size_t pl = strlen(ids[i].prefix);
            if ((size_t)(end - at - 1) >= pl && !memcmp(at + 1, ids[i].prefix, pl) &&
                (at + 1 + pl == end ||
                 !(at[1 + pl] == '_' || (at[1 + pl] >= 'a' && at[1 + pl] <= 'z')))) {
                sbuf_adds(&b, ids[i].id);
                s = at + 1 + pl;
                break;
            }
        }
        if (i == nids) {
            sbuf_add(&b, at, 1);
            s = at + 1;
        }
    }
    *outlen = b.len;
    char *r = arena_strndup(a, b.len ? b.buf : "", b.len);
    sbuf_release(&b);
    return r;
}

struct input {
    const char *name[MAX_PARAMS];
    const char *value[MAX_PARAMS];
    int n;
    const uint8_t *body;
    size_t body_len, body_off;
};

static void die(const char *what, const char *err)
{
    fprintf(stderr, "fuzz_request: %s: %s\n", what, err);
    abort();
}

static const char *seed_path(void)
{
    const char *src = getenv("MEDUSA_SRCDIR");
    static char path[512];
    snprintf(path, sizeof(path), "%s/conf/demo-seed.json", src ? src : ".");
    return path;
}

/* A fresh database: migrated, seeded, with the admin's API token and one customer. */
static void open_db(void)
{
    char err[512];
    if (db)
        db_close(db);
    unlink(dbpath);
    if (!(db = db_open(dbpath, 1000, err, sizeof(err))))
        die("open", err);
    if (db_migrate(db, NULL, err, sizeof(err)) < 0)
        die("migrate", err);
    if (db_seed_file(db, seed_path(), NULL, err, sizeof(err)) < 0)
        die("seed", err);
    if (db_exec_script(db,
                       "UPDATE \"user\" SET api_token = 'fuzz-admin-token';"
                       "INSERT INTO customer (id, email, first_name, last_name, has_account)"
                       " VALUES ('cus_fuzz', 'fuzz@example.com', 'Fuzz', 'Er', 1);",
                       err, sizeof(err)) < 0)
        die("fixture", err);
}

static void setup(void)
{
    char err[512], payload[256];
    struct arena a;
    const char *dir = getenv("TMPDIR");
    conf_init(&cf);
    cf.development = 1;
    cf.cache_ttl_ms = 0;
    /* Stripe on (no call leaves: the webhook route calls nobody), so /stripe/hooks is reached. */
    conf_set(&cf, "stripe_api_key", "sk_test_fuzz", err, sizeof(err));
    conf_set(&cf, "stripe_webhook_secret", FUZZ_WEBHOOK_SECRET, err, sizeof(err));
    snprintf(dbpath, sizeof(dbpath), "%s/fuzz_request.%d.db", dir ? dir : "/tmp", (int)getpid());
    open_db();
    if (cors_init(&cf, err, sizeof(err)) < 0)
        die("cors", err);
    arena_init(&a);
    snprintf(payload, sizeof(payload),
             "{\"customer_id\":\"cus_fuzz\",\"domain\":\"store\",\"iat\":%lld,\"exp\":%lld}",
             (long long)time(NULL), (long long)time(NULL) + 86400 * 365);
    {
        const char *tok = auth_jwt_sign(&a, payload, cf.jwt_secret, strlen(cf.jwt_secret));
        size_t n = strlen(tok) + sizeof("Bearer ");
        customer_bearer = malloc(n);
        if (!customer_bearer)
            abort();
        snprintf(customer_bearer, n, "Bearer %s", tok);
    }
    arena_release(&a);
}

/* One FastCGI length: 1 byte below 128, else 4 bytes with the top bit set. */
static int read_len(const uint8_t *d, size_t size, size_t *off, size_t *len)
{
    if (*off >= size)
        return -1;
    if (!(d[*off] & 0x80)) {
        *len = d[(*off)++];
        return 0;
    }
    if (size - *off < 4)
        return -1;
    *len = ((size_t)(d[*off] & 0x7f) << 24) | ((size_t)d[*off + 1] << 16) |
           ((size_t)d[*off + 2] << 8) | d[*off + 3];
    *off += 4;
    return 0;
}

static const char *dup_bytes(struct arena *a, const uint8_t *p, size_t n)
{
    return arena_strndup(a, (const char *)p, n);
}

static void parse_input(struct arena *a, const uint8_t *d, size_t size, struct input *in)
{
    size_t off = 0, nl, vl, newlen;
    memset(in, 0, sizeof(*in));
    while (in->n < MAX_PARAMS && read_len(d, size, &off, &nl) == 0 &&
           read_len(d, size, &off, &vl) == 0) {
        if (nl == 0 && vl == 0)
            break;
        if (nl > size - off || vl > size - off - nl) {
            off = size;
            break;
        }
        in->name[in->n] = dup_bytes(a, d + off, nl);
        in->value[in->n] = with_ids(a, (const char *)d + off + nl, vl, &newlen);
        if (!strcmp(in->value[in->n], "@customer"))
            in->value[in->n] = customer_bearer;
        else if (!strcmp(in->value[in->n], "@admin"))
            in->value[in->n] = "fuzz-admin-token";
        in->n++;
        off += nl + vl;
    }
    if (off < size)
        in->body = (const uint8_t *)with_ids(a, (const char *)d + off, size - off, &in->body_len);
    /* Ids put into the body change its length: CONTENT_LENGTH follows, as nginx would send it.
     * "@stripe-signature" becomes Stripe's signature of the body, made now. */
    for (int i = 0; i < in->n; i++) {
        if (!strcmp(in->name[i], "CONTENT_LENGTH"))
            in->value[i] = arena_printf(a, "%zu", in->body_len);
        else if (!strcmp(in->value[i], "@stripe-signature")) {
            char *sig = arena_alloc(a, 128);
            stripe_webhook_sign(sig, 128, FUZZ_WEBHOOK_SECRET,
                                in->body ? (const char *)in->body : "", in->body_len,
                                (int64_t)time(NULL));
            in->value[i] = sig;
        }
    }
}

static const char *getvar(const char *name, void *ud)
{
    const struct input *in = ud;
    for (int i = in->n - 1; i >= 0; i--)
        if (!strcmp(in->name[i], name))
            return in->value[i];
    return NULL;
}

static long read_body(char *buf, size_t len, void *ud)
{
    struct input *in = ud;
    size_t n = in->body_len - in->body_off;
    if (n > len)
        n = len;
    if (!n)
        return 0;
    memcpy(buf, in->body + in->body_off, n);
    in->body_off += n;
    return (long)n;
}

static int sink(void *io, const char *data, size_t len)
{
    (void)io;
    (void)data;
    (void)len;
    return 0;
}

/* The answer's body must be JSON (or empty, or Express's bare "Unauthorized"). */
static void check_answer(const struct req *r)
{
    const char *body = r->outbuf.buf + r->body_off;
    size_t len = r->outbuf.len - r->body_off;
    /* Medusa answers unexpected_state and invalid_argument with a 500 on purpose (store.md §1.2);
     * any other 5xx (unknown_error, database_error) is an untyped failure: a bug. */
    if (r->status >= 500 && !memmem(body, len, "\"type\":\"unexpected_state\"", 25) &&
        !memmem(body, len, "\"type\":\"invalid_argument\"", 25)) {
        fprintf(stderr, "fuzz_request: %s %s answered %d: %.*s\n", r->method, r->path, r->status,
                (int)(len > 400 ? 400 : len), body);
        abort();
    }
    if (len && strncmp(body, "Unauthorized", len) && (*body == '{' || *body == '[')) {
        struct json_tokener *tok = json_tokener_new();
        struct json_object *o = json_tokener_parse_ex(tok, body, (int)len);
        int ok = o && json_tokener_get_error(tok) == json_tokener_success;
        json_object_put(o);
        json_tokener_free(tok);
        if (!ok) {
            fprintf(stderr, "fuzz_request: %s %s: the answer is not JSON\n", r->method, r->path);
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct req r;
    struct input in;
    if (!db)
        setup();
    if (size > 256 * 1024)
        return 0;
    if (++runs % 2000 == 0)
        open_db();
    req_init(&r);
    r.c.conf = &cf;
    r.c.db = db;
    r.body_limit = req_body_limit; /* as the worker: the upload routes take max_upload */
    r.out.write = sink;
    parse_input(&r.c.arena, data, size, &in);
    req_read(&r, getvar, read_body, &in);
    req_handle(&r);
    check_answer(&r);
    if (getenv("FUZZ_REQUEST_VERBOSE"))
        fprintf(stderr, "%s %s -> %d %.*s\n", r.method, r.path, r.status,
                (int)(r.outbuf.len - r.body_off > 300 ? 300 : r.outbuf.len - r.body_off),
                r.outbuf.buf + r.body_off);
    remember_ids(r.outbuf.buf + r.body_off, r.outbuf.len - r.body_off);
    req_release(&r);
    return 0;
}
