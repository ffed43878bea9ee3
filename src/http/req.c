/* req.c: one request as the front sees it: read from CGI-style variables and the body (the
 * FastCGI worker and the CGI runner both feed req_read()), the query and JSON body parsed into
 * json-c trees. Transport-neutral, and blind to the database: src/request.c runs the flow. */
#include "http/req.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "core/conf.h"
#include "core/json.h"
#include "http/qs.h"

#define JSON_MAX_DEPTH 32

void req_init(struct req *r)
{
    memset(r, 0, sizeof(*r));
    arena_init(&r->c.arena);
    sbuf_init(&r->headers);
    sbuf_init(&r->outbuf);
    sbuf_init(&r->body_out);
}

void req_release(struct req *r)
{
    arena_release(&r->c.arena);
    sbuf_release(&r->headers);
    sbuf_release(&r->outbuf);
    sbuf_release(&r->body_out);
}

void req_clear(struct req *r)
{
    struct arena a = r->c.arena;
    struct sbuf h = r->headers, ob = r->outbuf, bo = r->body_out;
    const struct conf *cf = r->c.conf;
    struct db *db = r->c.db;
    struct https *https = r->c.https;
    struct req_io out = r->out;
    struct cache *cache = r->cache;
    size_t (*body_limit)(struct req *) = r->body_limit;
    arena_reset(&a);
    sbuf_reset(&h);
    sbuf_reset(&ob);
    sbuf_reset(&bo);
    memset(r, 0, sizeof(*r));
    r->c.arena = a;
    r->headers = h;
    r->outbuf = ob;
    r->body_out = bo;
    r->cache = cache;
    r->body_limit = body_limit;
    r->c.conf = cf;
    r->c.db = db;
    r->c.https = https;
    r->out = out;
}

const char *req_param(const struct req *r, const char *name)
{
    for (int i = 0; i < r->nparams; i++)
        if (!strcmp(r->param_name[i], name))
            return r->param[i];
    return NULL;
}

void req_add_header(struct req *r, const char *name, const char *value)
{
    /* Header values come from config or are echoed request headers: strip CR/LF so nothing can
     * inject a header line. */
    sbuf_adds(&r->headers, name);
    sbuf_add(&r->headers, ": ", 2);
    for (const char *p = value; *p; p++)
        if (*p != '\r' && *p != '\n')
            sbuf_addc(&r->headers, *p);
    sbuf_add(&r->headers, "\r\n", 2);
}

static const char *var(struct req *r, const char *(*getvar)(const char *, void *), void *ud,
                       const char *name)
{
    const char *v = getvar(name, ud);
    return v ? arena_strdup(&r->c.arena, v) : NULL;
}

int req_read(struct req *r, const char *(*getvar)(const char *name, void *ud),
             long (*read_body)(char *buf, size_t len, void *ud), void *ud)
{
    const char *uri, *v, *q;
    size_t max = r->c.conf->max_body, len = 0;
    char *path;

    r->method = var(r, getvar, ud, "REQUEST_METHOD");
    if (!r->method)
        r->method = "GET";
    uri = getvar("REQUEST_URI", ud);
    if (uri && *uri) {
        q = strchr(uri, '?');
        path = arena_strndup(&r->c.arena, uri, q ? (size_t)(q - uri) : strlen(uri));
    } else {
        /* Plain CGI without REQUEST_URI: SCRIPT_NAME + PATH_INFO. */
        const char *sn = getvar("SCRIPT_NAME", ud), *pi = getvar("PATH_INFO", ud);
        path = arena_printf(&r->c.arena, "%s%s", sn ? sn : "", pi ? pi : "");
    }
    path[qs_decode(path, path, strlen(path), 0)] = '\0';
    r->path = *path ? path : "/";
    v = getvar("QUERY_STRING", ud);
    r->query = arena_strdup(&r->c.arena, v ? v : "");
    r->content_type = var(r, getvar, ud, "CONTENT_TYPE");
    r->origin = var(r, getvar, ud, "HTTP_ORIGIN");
    r->cookie = var(r, getvar, ud, "HTTP_COOKIE");
    r->authorization = var(r, getvar, ud, "HTTP_AUTHORIZATION");
    r->access_token = var(r, getvar, ud, "HTTP_X_MEDUSA_ACCESS_TOKEN");
    r->idempotency_key = var(r, getvar, ud, "HTTP_IDEMPOTENCY_KEY");
    r->publishable_key = var(r, getvar, ud, "HTTP_X_PUBLISHABLE_API_KEY");
    r->acr_headers = var(r, getvar, ud, "HTTP_ACCESS_CONTROL_REQUEST_HEADERS");
    r->remote_addr = var(r, getvar, ud, "REMOTE_ADDR");
    r->user_agent = var(r, getvar, ud, "HTTP_USER_AGENT");
    r->host = var(r, getvar, ud, "HTTP_HOST");
    r->stripe_signature = var(r, getvar, ud, "HTTP_STRIPE_SIGNATURE");
    /* The scheme the web server saw (nginx's $scheme and $https), never a client's header such as
     * X-Forwarded-Proto: it decides whether the session cookie goes cross-site (front/auth.c). */
    v = getvar("HTTPS", ud);
    r->https = v && (!strcasecmp(v, "on") || !strcmp(v, "1"));
    v = getvar("REQUEST_SCHEME", ud);
    if (v && !strcasecmp(v, "https"))
        r->https = 1;

    if (r->body_limit)
        max = r->body_limit(r);

    /* Read the whole body (so the connection can be closed at once, STYLE.md §13), keeping at
     * most max bytes. */
    {
        /* Size the buffer by CONTENT_LENGTH when the server sends it (nginx always does). */
        const char *cl = getvar("CONTENT_LENGTH", ud);
        char *end, sink[4096];
        long n;
        unsigned long long want = 0;
        if (cl && *cl) {
            want = strtoull(cl, &end, 10);
            if (*end)
                want = 0;
            else if (want < max)
                max = (size_t)want;
            else if (want > max)
                r->body_too_large = 1; /* by its declared length, whatever arrives */
        }
        char *buf = arena_alloc(&r->c.arena, max + 1);
        while (len < max && (n = read_body(buf + len, max - len, ud)) > 0)
            len += (size_t)n;
        while ((n = read_body(sink, sizeof(sink), ud)) > 0) {
            r->body_too_large = 1;
            len = max;
        }
        /* Fewer bytes than declared: the server in front gave up on the body (Apache's
         * mod_fcgid passes an empty one when LimitRequestBody stops it). Never act on it. */
        if (len < want && !r->body_too_large)
            r->body_short = 1;
        buf[len] = '\0';
        r->body = buf;
        r->body_len = len;
    }
    return 0;
}

static int is_json_type(const char *ct)
{
    if (!ct)
        return 0;
    while (*ct == ' ')
        ct++;
    return !strncasecmp(ct, "application/json", 16) && (!ct[16] || ct[16] == ';' || ct[16] == ' ');
}

int req_is_json(const struct req *r)
{
    return is_json_type(r->content_type);
}

/* Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) or is a control character JSON never allows raw (all
 * below 0x20 but tab, LF, CR), or len. json-c's checks let all of these through. */
static size_t utf8_bad_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return i;
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else
            return i;
        if (len - i <= n)
            return i;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        i += n + 1;
    }
    return len;
}

/* Offset of the first \u0000 escape inside a string of the well-formed JSON text s, or len. json-c
 * keeps such a string whole but every reader of json_object_get_string() (and every object key)
 * sees it cut at the NUL, so "secret\u0000tail" would check as "secret" (issue #12). */
static size_t nul_escape_at(const char *s, size_t len)
{
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') {
            in_string = !in_string;
        } else if (in_string && s[i] == '\\') {
            if (i + 5 < len && !memcmp(s + i + 1, "u0000", 5))
                return i;
            i++; /* the escaped character: \" does not end the string */
        }
    }
    return len;
}

int req_parse_body(struct req *r)
{
    struct json_tokener *tok;
    struct json_object *o;
    if (r->body_too_large)
        return err_set(&r->c, ERR_INVALID_DATA, "request entity too large");
    if (r->body_short)
        return err_set(&r->c, ERR_INVALID_DATA, "request aborted");
    if (!r->body_len || !is_json_type(r->content_type)) {
        r->json = json_own(&r->c.arena, json_object_new_object());
        return 0;
    }
    size_t bad = utf8_bad_at((const unsigned char *)r->body, r->body_len);
    if (bad < r->body_len)
        return err_set(&r->c, ERR_INVALID_DATA, "Invalid JSON in request body at position %zu: %s",
                       bad, r->body[bad] & 0x80 ? "invalid utf-8 string" : "control character");
    tok = json_tokener_new_ex(JSON_MAX_DEPTH);
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    o = json_tokener_parse_ex(tok, r->body, (int)r->body_len);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    size_t off = json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    if (jerr != json_tokener_success || off != r->body_len) {
        if (o)
            json_object_put(o);
        /* Trailing data after a complete value is as invalid as a broken value. */
        return err_set(&r->c, ERR_INVALID_DATA, "Invalid JSON in request body at position %zu: %s",
                       off,
                       jerr == json_tokener_success ? "unexpected data after the JSON value"
                                                    : json_tokener_error_desc(jerr));
    }
    json_own(&r->c.arena, o);
    if ((bad = nul_escape_at(r->body, r->body_len)) < r->body_len)
        return err_set(&r->c, ERR_INVALID_DATA,
                       "Invalid JSON in request body at position %zu: \\u0000 in a string", bad);
    if (!json_object_is_type(o, json_type_object))
        return err_set(&r->c, ERR_INVALID_DATA, "The request body must be a JSON object");
    r->json = o;
    return 0;
}

int req_parse_query(struct req *r)
{
    static const struct qs_limits lim = {1000, 5, 16384};
    char msg[256];
    struct json_object *o = qs_parse(r->query, strlen(r->query), &lim, msg, sizeof(msg));
    if (!o)
        return err_set(&r->c, ERR_INVALID_DATA, "Invalid query string: %s", msg);
    /* One-element arrays are comma-split, as Medusa's query transformer does (store.md §1.4). */
    qs_normalize(o);
    r->qs = json_own(&r->c.arena, o);
    return 0;
}
