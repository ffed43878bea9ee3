/* ctx.c: error recording (STYLE.md §5). The first error wins; rendering is http/resp.c's job. */
#include "core/ctx.h"

#include <stdarg.h>
#include <stdio.h>

static int err_vset(struct ctx *c, enum err_type t, const char *code, const char *fmt, va_list ap)
{
    if (c->err.type != ERR_NONE)
        return -1;
    c->err.type = t;
    c->err.code = code;
    vsnprintf(c->err.msg, sizeof(c->err.msg), fmt, ap);
    return -1;
}

int err_set(struct ctx *c, enum err_type t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vset(c, t, NULL, fmt, ap);
    va_end(ap);
    return -1;
}

int err_set_code(struct ctx *c, enum err_type t, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    err_vset(c, t, code, fmt, ap);
    va_end(ap);
    return -1;
}

void err_clear(struct ctx *c)
{
    c->err.type = ERR_NONE;
    c->err.code = NULL;
    c->err.msg[0] = '\0';
}
