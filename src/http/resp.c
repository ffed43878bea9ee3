/* resp.c: status line, headers and body through the request's writer (FastCGI stream or CGI
 * stdout). Error bodies keep Medusa's key order: code, type, message (store.md §1.2). */
#include "http/resp.h"

#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/log.h"
#include "core/sbuf.h"
#include "http/req.h"

static int write_all(struct req *r, int status, const char *ctype, const char *body, size_t len)
{
    struct sbuf *h = &r->outbuf;
    int head = r->method && !strcmp(r->method, "HEAD");
    if (r->responded)
        return 0;
    r->responded = 1;
    r->status = status;
    /* Buffered: the front sends it only once the request's transaction has committed. */
    sbuf_reset(h);
    sbuf_addf(h, "Status: %d %s\r\n", status, errors_reason(status));
    if (ctype)
        sbuf_addf(h, "Content-Type: %s\r\n", ctype);
    sbuf_addf(h, "Content-Length: %zu\r\n", head ? 0 : len);
    if (r->headers.len)
        sbuf_add(h, r->headers.buf, r->headers.len);
    sbuf_add(h, "\r\n", 2);
    r->body_off = h->len;
    if (!head && len)
        sbuf_add(h, body, len);
    return 0;
}

int resp_json_text(struct req *r, int status, const char *json, size_t len)
{
    return write_all(r, status, "application/json; charset=utf-8", json, len);
}

int resp_keyed(struct req *r, int status, const char *key, struct json_object *obj)
{
    struct json_object *body = json_object_new_object();
    json_set(body, key, json_share(obj));
    return resp_json(r, status, body);
}

int resp_json(struct req *r, int status, struct json_object *obj)
{
    size_t len;
    const char *s = json_text(obj, &len);
    write_all(r, status, "application/json; charset=utf-8", s, len);
    json_object_put(obj);
    return 0;
}

struct sbuf *resp_body(struct req *r)
{
    sbuf_reset(&r->body_out);
    return &r->body_out;
}

int resp_body_send(struct req *r, int status)
{
    return resp_json_text(r, status, r->body_out.buf ? r->body_out.buf : "", r->body_out.len);
}

int resp_text(struct req *r, int status, const char *text)
{
    return write_all(r, status, "text/plain; charset=utf-8", text, strlen(text));
}

int resp_empty(struct req *r, int status)
{
    return write_all(r, status, NULL, "", 0);
}

void err_render(struct req *r)
{
    struct err *e = &r->c.err;
    struct sbuf b = SBUF_INIT;
    int status = errors_status(e->type);
    const char *code = errors_forced_code(e->type);
    switch (e->type) {
    case ERR_HTTP_UNAUTHORIZED:
        resp_text(r, 401, "Unauthorized");
        return;
    case ERR_HTTP_NOT_FOUND:
        resp_text(r, 404, "Not Found");
        return;
    case ERR_MULTI:
        sbuf_adds(&b, "{\"errors\":[");
        sbuf_add_json_str(&b, e->msg);
        sbuf_adds(&b, "],\"message\":\"Provided request body contains errors. Please check the "
                      "data and retry the request\"}");
        resp_json_text(r, 400, b.buf, b.len);
        sbuf_release(&b);
        return;
    case ERR_NONE:
    case ERR_UNKNOWN:
        /* Untyped failures never leak their cause (STYLE.md §5). */
        log_error("unknown error on %s %s: %s", r->method, r->path, e->msg[0] ? e->msg : "-");
        resp_json_text(r, 500,
                       "{\"code\":\"unknown_error\",\"type\":\"unknown_error\","
                       "\"message\":\"An unknown error occurred.\"}",
                       86);
        return;
    default:
        break;
    }
    if (!code)
        code = e->code;
    sbuf_addc(&b, '{');
    if (code) {
        sbuf_adds(&b, "\"code\":");
        sbuf_add_json_str(&b, code);
        sbuf_addc(&b, ',');
    }
    sbuf_adds(&b, "\"type\":");
    sbuf_add_json_str(&b, err_type_name(e->type));
    sbuf_adds(&b, ",\"message\":");
    sbuf_add_json_str(&b, e->type == ERR_CONFLICT
                              ? "The request conflicted with another request. You may retry the "
                                "request with the provided Idempotency-Key."
                              : e->msg);
    sbuf_addc(&b, '}');
    resp_json_text(r, status, b.buf, b.len);
    sbuf_release(&b);
}
