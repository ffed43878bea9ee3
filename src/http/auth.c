/* auth.c: the session cookie and bearer token → r->c.customer_id (auth.h, store.md §1.8). The
 * cryptography is domain/auth.c's; the rows are db/session.c's. The cookie is HttpOnly, and over
 * HTTPS `Secure; SameSite=None` as Medusa sends it in production (storefronts on another site
 * keep it); over plain HTTP `SameSite=Lax`, since browsers refuse SameSite=None without Secure. */
#include "http/auth.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/conf.h"
#include "core/json.h"
#include "db/session.h"
#include "domain/auth.h"
#include "http/req.h"

/* The value of the first cookie called name in a Cookie header, or NULL; *len its length. */
static const char *cookie_value(const char *header, const char *name, size_t *len)
{
    size_t nlen = strlen(name);
    const char *p = header;
    while (p && *p) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *end = strchr(p, ';');
        size_t plen = end ? (size_t)(end - p) : strlen(p);
        if (plen > nlen && !strncmp(p, name, nlen) && p[nlen] == '=') {
            *len = plen - nlen - 1;
            while (*len && p[nlen + *len] == ' ')
                (*len)--;
            return p + nlen + 1;
        }
        p = end;
    }
    return NULL;
}

static void from_cookie(struct req *r)
{
    const struct conf *cf = r->c.conf;
    char key[AUTH_SID_KEY_LEN + 1];
    const char *value, *customer;
    size_t len;
    char *sid;
    if (!r->cookie || !(value = cookie_value(r->cookie, AUTH_COOKIE_NAME, &len)))
        return;
    if (!(sid = auth_cookie_unsign(&r->c.arena, value, len, cf->cookie_secret)))
        return;
    auth_session_key(sid, key);
    if ((customer = db_session_customer(&r->c, key, r->c.now_ms))) {
        r->session_key = arena_strdup(&r->c.arena, key);
        r->c.customer_id = customer;
    }
    /* A database failure here is anonymous too; nothing is reported for a lookup. */
    err_clear(&r->c);
}

static void from_bearer(struct req *r)
{
    const struct conf *cf = r->c.conf;
    const char *h = r->authorization, *tok, *dom, *cus;
    struct json_object *claims;
    size_t n;
    if (!h || !cf->jwt_secret || !*cf->jwt_secret)
        return;
    /* passport-jwt's fromAuthHeaderAsBearerToken: "<scheme> <token>", scheme case-insensitive. */
    while (*h == ' ')
        h++;
    n = strcspn(h, " \t");
    if (n != 6 || strncasecmp(h, "bearer", 6))
        return;
    tok = h + n + strspn(h + n, " \t");
    if (!*tok || strpbrk(tok, " \t"))
        return;
    if (auth_jwt_verify(&r->c.arena, tok, cf->jwt_secret, strlen(cf->jwt_secret),
                        r->c.now_ms / 1000, 0, &claims) != AUTH_JWT_OK)
        return;
    /* Store tokens only: an admin token never logs a customer in. */
    if (!(dom = json_get_str_opt(claims, "domain")) || strcmp(dom, "store") ||
        !(cus = json_get_str_opt(claims, "customer_id")) || !*cus)
        return;
    r->c.customer_id = cus;
}

void auth_resolve(struct req *r)
{
    from_cookie(r);
    if (!r->c.customer_id)
        from_bearer(r);
}

int auth_gated_path(const char *path)
{
    return !strncmp(path, "/store/customers", 16) && (!path[16] || path[16] == '/');
}

static void set_cookie(struct req *r, const char *value, int64_t expires_ms)
{
    char date[64];
    struct tm tm;
    time_t t = (time_t)(expires_ms / 1000);
    gmtime_r(&t, &tm);
    strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    req_add_header(r, "Set-Cookie",
                   arena_printf(&r->c.arena, "%s=%s; Path=/; Expires=%s; HttpOnly; %s",
                                AUTH_COOKIE_NAME, value, date,
                                r->https ? "Secure; SameSite=None" : "SameSite=Lax"));
}

int auth_session_start(struct req *r, const char *customer_id)
{
    char sid[AUTH_SID_LEN + 1], key[AUTH_SID_KEY_LEN + 1];
    int64_t expires = r->c.now_ms + AUTH_SESSION_TTL_MS;
    if (r->session_key && db_session_delete(&r->c, r->session_key) < 0)
        return -1;
    auth_session_new(sid, key);
    if (db_session_insert(&r->c, key, customer_id, r->c.now_ms, expires) < 0)
        return -1;
    r->session_key = arena_strdup(&r->c.arena, key);
    set_cookie(r, auth_cookie_sign(&r->c.arena, sid, r->c.conf->cookie_secret), expires);
    return 0;
}

int auth_session_end(struct req *r)
{
    if (r->session_key && db_session_delete(&r->c, r->session_key) < 0)
        return -1;
    r->session_key = NULL;
    set_cookie(r, "", 0);
    return 0;
}
