/* resp.h: writing responses. Every handler answers through these; err_render() is the only error
 * writer (STYLE.md §5). */
#ifndef HTTP_RESP_H
#define HTTP_RESP_H
#include <stddef.h>

struct req;
struct json_object;

/* Writes status, headers and obj as compact JSON (application/json; charset=utf-8), then puts obj
 * (the response owns its tree). Returns 0. */
int resp_json(struct req *r, int status, struct json_object *obj);
/* {key: obj} (obj shared, not taken): Medusa's one-entity answer. */
int resp_keyed(struct req *r, int status, const char *key, struct json_object *obj);
/* Writes an already-serialised JSON body. Returns 0. */
int resp_json_text(struct req *r, int status, const char *json, size_t len);
/* An empty buffer for writing a JSON body directly (list pages spliced from SQL-built rows);
 * send it with resp_body_send(). */
struct sbuf *resp_body(struct req *r);
int resp_body_send(struct req *r, int status);
/* Writes a text/plain body (Express sendStatus answers: "OK", "Unauthorized", ...). Returns 0. */
int resp_text(struct req *r, int status, const char *text);
/* Writes a status with an empty body (204, preflight). Returns 0. */
int resp_empty(struct req *r, int status);
/* Renders r->c.err as Medusa's error body with Medusa's status (http/errors.c). */
void err_render(struct req *r);

/* The HTTP status for an error type, and the code forced onto the body (or NULL). */
int errors_status(int type);
const char *errors_forced_code(int type);
const char *errors_reason(int status);

#endif
