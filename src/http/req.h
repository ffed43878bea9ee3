/* req.h: one HTTP request as the front sees it, and the response being built. Handlers read
 * params, query and body from here and answer through resp.h. */
#ifndef HTTP_REQ_H
#define HTTP_REQ_H
#include <stddef.h>

#include "core/ctx.h"
#include "core/sbuf.h"

struct json_object;
struct route;
struct cache;

#define REQ_MAX_PARAMS 4

struct req_io {
    /* Writes len bytes of the response; 0 or -1. */
    int (*write)(void *io, const char *data, size_t len);
    void *io;
};

struct req {
    struct ctx c;
    /* Request, all in the arena, decoded. */
    const char *method;
    const char *path;  /* percent-decoded path, no query */
    const char *query; /* raw query string ("" if none) */
    const char *content_type;
    const char *origin;
    const char *cookie;
    const char *authorization;
    const char *access_token; /* x-medusa-access-token: an admin user's API token */
    const char *idempotency_key;
    const char *publishable_key;
    const char *acr_headers; /* Access-Control-Request-Headers */
    const char *remote_addr;
    const char *user_agent;
    const char *host;             /* the Host header, or NULL */
    const char *stripe_signature; /* Stripe-Signature (POST /stripe/hooks) */
    int https;                    /* request came over HTTPS (scheme passed by nginx) */
    const char *session_key;      /* store key of the request's live session, or NULL */
    const char *session_customer; /* who that session holds (either may be NULL) */
    const char *session_user;
    char *body; /* NUL-terminated copy, or NULL */
    size_t body_len;
    int body_too_large;       /* body exceeded conf.max_body */
    int body_short;           /* fewer bytes arrived than CONTENT_LENGTH said */
    struct json_object *json; /* parsed body (F_BODY), arena-owned */
    struct json_object *qs;   /* parsed query, arena-owned */
    const struct route *route;
    int nparams;
    const char *param_name[REQ_MAX_PARAMS];
    const char *param[REQ_MAX_PARAMS];
    /* Response. */
    int status;
    int responded;
    struct sbuf headers;  /* extra "Name: value\r\n" lines (CORS, cookies) */
    struct sbuf outbuf;   /* the whole response, sent after the transaction commits */
    struct sbuf body_out; /* a JSON body being written directly (resp_body) */
    size_t body_off;      /* where the body starts in outbuf */
    struct cache *cache;  /* the worker's answer cache, or NULL */
    /* The most body bytes req_read() keeps for this request (its route may take more than
     * conf.max_body: uploads); NULL: conf.max_body. Set by the worker, kept by req_clear(). */
    size_t (*body_limit)(struct req *r);
    struct req_io out;
};

/* Sets up a request for the worker (the sbuf keeps its memory across requests). */
void req_init(struct req *r);
void req_release(struct req *r);
/* Clears per-request fields before reading the next request. */
void req_clear(struct req *r);

/* Fills the request from CGI-style variables: getenv-like lookup fn(name, ud), body read through
 * read_body(buf, len, ud) → bytes read (0 at end, -1 on error). Used by FastCGI and CGI alike. */
int req_read(struct req *r, const char *(*getvar)(const char *name, void *ud),
             long (*read_body)(char *buf, size_t len, void *ud), void *ud);

/* Parses the query string into r->qs (qs semantics, one-element arrays comma-split as Medusa's
 * query transformer does, store.md §1.4). 0, or -1 with invalid_data. */
int req_parse_query(struct req *r);
/* Parses the JSON body into r->json; missing or non-JSON content types give {} as body-parser
 * does (store.md §1.1). Malformed JSON is a 400 (Medusa answers 500 there; we do better). 0 or
 * -1 with invalid_data. */
int req_parse_body(struct req *r);

/* 1 when the request's Content-Type is application/json (with or without parameters). */
int req_is_json(const struct req *r);
/* A path parameter by name (":id" → "id"), or NULL. */
const char *req_param(const struct req *r, const char *name);
/* Appends a response header line. */
void req_add_header(struct req *r, const char *name, const char *value);

#endif
