/* auth.c: the session cookie, bearer token and API token → r->c.customer_id and r->c.user_id
 * (auth.h, cryptography is domain/auth.c's; the rows are db/session.c's. The cookie is HttpOnly,
 * and over HTTPS `Secure; SameSite=None` as Medusa sends it in production (storefronts on another
 * site keep it); over plain HTTP `SameSite=Lax`, since browsers refuse SameSite=None without
 * Secure. */
#include "front/auth.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/conf.h"
#include "core/json.h"
#include "db/session.h"
#include "db/user.h"
#include "domain/auth.h"
#include "http/req.h"

/* The value of the first cookie called name in a Cookie header, or NULL; *len its length. */
/* 1 for the Admin API's paths. */
static int admin_path(const char *path)
{
    return !strncmp(path, "/admin", 6) && (!path[6] || path[6] == '/');
}

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
    struct session_holders row;
    const char *value;
    size_t len;
    char *sid;
    if (!r->cookie || !(value = cookie_value(r->cookie, AUTH_COOKIE_NAME, &len)))
        return;
    if (!(sid = auth_cookie_unsign(&r->c.arena, value, len, cf->cookie_secret)))
        return;
    auth_session_key(sid, key);
    if (db_session_get(&r->c, key, r->c.now_ms, &row) == 1) {
        r->session_key = arena_strdup(&r->c.arena, key);
        r->c.customer_id = r->session_customer = row.customer_id;
        r->session_user = row.user_id;
        if (admin_path(r->path))
            r->c.user_id = row.user_id;
    }
    /* A database failure here is anonymous too; nothing is reported for a lookup. */
    err_clear(&r->c);
}

/* The claims of a valid `Authorization: Bearer` JWT, or NULL. */
static struct json_object *bearer_claims(struct req *r)
{
    const struct conf *cf = r->c.conf;
    const char *h = r->authorization, *tok;
    struct json_object *claims;
    size_t n;
    if (!h || !cf->jwt_secret || !*cf->jwt_secret)
        return NULL;
    /* passport-jwt's fromAuthHeaderAsBearerToken: "<scheme> <token>", scheme case-insensitive. */
    while (*h == ' ')
        h++;
    n = strcspn(h, " \t");
    if (n != 6 || strncasecmp(h, "bearer", 6))
        return NULL;
    tok = h + n + strspn(h + n, " \t");
    if (!*tok || strpbrk(tok, " \t"))
        return NULL;
    if (auth_jwt_verify(&r->c.arena, tok, cf->jwt_secret, strlen(cf->jwt_secret),
                        r->c.now_ms / 1000, 0, &claims) != AUTH_JWT_OK)
        return NULL;
    return claims;
}

/* The non-empty string claim name of a token of domain dom, or NULL: a store token never logs an
 * admin in, nor an admin token a customer. */
static const char *claim(struct json_object *claims, const char *dom, const char *name)
{
    const char *d, *v;
    if (!claims || !(d = json_get_str_opt(claims, "domain")) || strcmp(d, dom) ||
        !(v = json_get_str_opt(claims, name)) || !*v)
        return NULL;
    return v;
}

/* Medusa's admin strategies in order: session, bearer JWT, x-medusa-access-token. Unlike Medusa,
 * a token of a deleted user is refused. */
static void admin_resolve(struct req *r, struct json_object *claims)
{
    const char *id;
    if (r->c.user_id)
        return;
    if ((id = claim(claims, "admin", "user_id")) && db_user_live(&r->c, id) == 1)
        r->c.user_id = id;
    else if (r->access_token && *r->access_token)
        r->c.user_id = db_user_by_api_token(&r->c, r->access_token);
    err_clear(&r->c);
}

void auth_resolve(struct req *r)
{
    struct json_object *claims;
    from_cookie(r);
    if (r->c.customer_id && !admin_path(r->path))
        return;
    claims = bearer_claims(r);
    if (!r->c.customer_id)
        r->c.customer_id = claim(claims, "store", "customer_id");
    if (admin_path(r->path))
        admin_resolve(r, claims);
}

int auth_gate_refuses(const struct req *r)
{
    const char *p = r->path;
    if (admin_path(p))
        return !r->c.user_id && strcmp(p, "/admin/auth") && strcmp(p, "/admin/auth/token");
    return !r->c.customer_id && !strncmp(p, "/store/customers", 16) && (!p[16] || p[16] == '/');
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

int auth_password_check(struct req *r, const char *hash, const char *password)
{
    if (!hash) {
        auth_password_dummy_verify(password);
        return err_set(&r->c, ERR_HTTP_UNAUTHORIZED, "Unauthorized");
    }
    if (!auth_password_verify(hash, password))
        return err_set(&r->c, ERR_HTTP_UNAUTHORIZED, "Unauthorized");
    return 0;
}

int auth_password_new(struct req *r, const char *password, int empty_too, const char **out)
{
    char hash[crypto_pwhash_STRBYTES];
    *out = NULL;
    if (!password || (!*password && !empty_too))
        return 0;
    if (auth_password_hash(password, hash) < 0)
        return err_set(&r->c, ERR_UNKNOWN, "cannot hash a password (out of memory)");
    *out = arena_strdup(&r->c.arena, hash);
    return 0;
}

int auth_session_start(struct req *r, const char *customer_id, const char *user_id)
{
    char sid[AUTH_SID_LEN + 1], key[AUTH_SID_KEY_LEN + 1];
    struct session_holders row = {customer_id ? customer_id : r->session_customer,
                                  user_id ? user_id : r->session_user};
    int64_t expires = r->c.now_ms + AUTH_SESSION_TTL_MS;
    if (r->session_key && db_session_delete(&r->c, r->session_key) < 0)
        return -1;
    auth_session_new(sid, key);
    if (db_session_insert(&r->c, key, &row, r->c.now_ms, expires) < 0)
        return -1;
    r->session_key = arena_strdup(&r->c.arena, key);
    r->session_customer = row.customer_id;
    r->session_user = row.user_id;
    set_cookie(r, auth_cookie_sign(&r->c.arena, sid, r->c.conf->cookie_secret), expires);
    return 0;
}

int auth_session_end(struct req *r, enum auth_holder who)
{
    struct session_holders row = {who == AUTH_USER ? r->session_customer : NULL,
                                  who == AUTH_CUSTOMER ? r->session_user : NULL};
    if (r->session_key && (row.customer_id || row.user_id))
        return db_session_update(&r->c, r->session_key, &row);
    if (r->session_key && db_session_delete(&r->c, r->session_key) < 0)
        return -1;
    r->session_key = NULL;
    set_cookie(r, "", 0);
    return 0;
}
