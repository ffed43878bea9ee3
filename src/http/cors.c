/* cors.c: origin matching as the `cors` package does for Medusa: a literal origin, or a regular
 * expression written between delimiters (/re/, ~re~, ...). A non-matching origin gets no
 * Allow-Origin header but the request is still served (store.md §1.9). */
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/conf.h"
#include "http/cors.h"
#include "http/req.h"
#include "http/resp.h"

struct origin {
    char *literal; /* or NULL when re is used */
    regex_t re;
};

struct origin_list {
    struct origin *v;
    int n;
};

/* Compiled from the read-only config at worker start; never changed while serving. */
static struct origin_list lists[2];

static int compile(struct origin_list *l, const char *spec, char *err, size_t errlen)
{
    char *copy = xstrdup(spec), *save = NULL, *tok;
    l->v = NULL;
    l->n = 0;
    for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        size_t len;
        while (*tok == ' ')
            tok++;
        len = strlen(tok);
        while (len && tok[len - 1] == ' ')
            tok[--len] = '\0';
        if (!len)
            continue;
        l->v = xrealloc(l->v, sizeof(*l->v) * (size_t)(l->n + 1));
        struct origin *o = &l->v[l->n];
        const char *end = len > 2 && strchr("/~@;%#'", tok[0]) ? strrchr(tok + 1, tok[0]) : NULL;
        if (end && end > tok + 1) {
            char *pat = strndup(tok + 1, (size_t)(end - tok - 1));
            int flags = REG_EXTENDED | REG_NOSUB | (strchr(end + 1, 'i') ? REG_ICASE : 0);
            int rc = regcomp(&o->re, pat, flags);
            free(pat);
            if (rc) {
                snprintf(err, errlen, "bad CORS pattern '%s'", tok);
                free(copy);
                return -1;
            }
            o->literal = NULL;
        } else {
            o->literal = xstrdup(tok);
        }
        l->n++;
    }
    free(copy);
    return 0;
}

int cors_init(const struct conf *cf, char *err, size_t errlen)
{
    cors_release();
    if (compile(&lists[0], cf->store_cors ? cf->store_cors : "", err, errlen) < 0)
        return -1;
    return compile(&lists[1], cf->admin_cors ? cf->admin_cors : "", err, errlen);
}

void cors_release(void)
{
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < lists[k].n; i++) {
            if (lists[k].v[i].literal)
                free(lists[k].v[i].literal);
            else
                regfree(&lists[k].v[i].re);
        }
        free(lists[k].v);
        lists[k].v = NULL;
        lists[k].n = 0;
    }
}

int cors_origin_allowed(int admin, const char *origin)
{
    const struct origin_list *l = &lists[admin ? 1 : 0];
    if (!origin)
        return 0;
    for (int i = 0; i < l->n; i++) {
        if (l->v[i].literal ? !strcmp(l->v[i].literal, origin)
                            : !regexec(&l->v[i].re, origin, 0, NULL, 0))
            return 1;
    }
    return 0;
}

int cors_apply(struct req *r)
{
    int admin;
    if (!strncmp(r->path, "/store", 6) && (!r->path[6] || r->path[6] == '/'))
        admin = 0;
    else if (!strncmp(r->path, "/admin", 6) && (!r->path[6] || r->path[6] == '/'))
        admin = 1;
    else
        return 0;
    if (cors_origin_allowed(admin, r->origin))
        req_add_header(r, "Access-Control-Allow-Origin", r->origin);
    req_add_header(r, "Vary", "Origin");
    req_add_header(r, "Access-Control-Allow-Credentials", "true");
    if (strcmp(r->method, "OPTIONS"))
        return 0;
    req_add_header(r, "Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
    if (r->acr_headers && *r->acr_headers) {
        req_add_header(r, "Access-Control-Allow-Headers", r->acr_headers);
        req_add_header(r, "Vary", "Access-Control-Request-Headers");
    }
    resp_empty(r, 204);
    return 1;
}
