/* sbuf.c: growable buffer; aborts on out of memory like every allocation below the front. */
#include "core/sbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

void sbuf_init(struct sbuf *sb)
{
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

void sbuf_release(struct sbuf *sb)
{
    free(sb->buf);
    sbuf_init(sb);
}

void sbuf_reset(struct sbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

void sbuf_grow(struct sbuf *sb, size_t extra)
{
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    sb->buf = xrealloc(sb->buf, cap);
    sb->cap = cap;
}

void sbuf_adds(struct sbuf *sb, const char *s)
{
    sbuf_add(sb, s, strlen(s));
}

void sbuf_add_int(struct sbuf *sb, long long v)
{
    char tmp[24], *p = tmp + sizeof(tmp);
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    sbuf_add(sb, p, (size_t)(tmp + sizeof(tmp) - p));
}

void sbuf_addf(struct sbuf *sb, const char *fmt, ...)
{
    va_list ap;
    size_t room;
    int n;
    /* One pass when it fits in the room left, a second after growing when not. */
    sbuf_grow(sb, 32);
    room = sb->cap - sb->len;
    va_start(ap, fmt);
    n = vsnprintf(sb->buf + sb->len, room, fmt, ap);
    va_end(ap);
    if (n < 0) {
        sb->buf[sb->len] = '\0';
        return;
    }
    if ((size_t)n < room) {
        sb->len += (size_t)n;
        return;
    }
    sbuf_grow(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

/* Bytes a JSON string must escape: controls, '"' and '\\'. */
static const unsigned char needs_escape[256] = {1, 1, 1, 1, 1, 1, 1, 1, 1,         1,         1, 1,
                                                1, 1, 1, 1, 1, 1, 1, 1, 1,         1,         1, 1,
                                                1, 1, 1, 1, 1, 1, 1, 1, ['"'] = 1, ['\\'] = 1};

void sbuf_add_json_strn(struct sbuf *sb, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t run = 0;
    sbuf_grow(sb, len + 2);
    sbuf_addc(sb, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = p[i];
        const char *e = NULL;
        if (!needs_escape[ch])
            continue;
        sbuf_add(sb, s + run, i - run);
        run = i + 1;
        switch (ch) {
        case '"':
            e = "\\\"";
            break;
        case '\\':
            e = "\\\\";
            break;
        case '\b':
            e = "\\b";
            break;
        case '\f':
            e = "\\f";
            break;
        case '\n':
            e = "\\n";
            break;
        case '\r':
            e = "\\r";
            break;
        case '\t':
            e = "\\t";
            break;
        }
        if (e) {
            sbuf_add(sb, e, 2);
        } else {
            char u[6] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15]};
            sbuf_add(sb, u, 6);
        }
    }
    sbuf_add(sb, s + run, len - run);
    sbuf_addc(sb, '"');
}

void sbuf_add_json_str(struct sbuf *sb, const char *s)
{
    sbuf_add_json_strn(sb, s, strlen(s));
}

void sbuf_member_int(struct sbuf *sb, const char *key, long long v)
{
    sbuf_add(sb, ",\"", 2);
    sbuf_adds(sb, key);
    sbuf_add(sb, "\":", 2);
    sbuf_add_int(sb, v);
}

void sbuf_member_str(struct sbuf *sb, const char *key, const char *v)
{
    sbuf_add(sb, ",\"", 2);
    sbuf_adds(sb, key);
    sbuf_add(sb, "\":", 2);
    if (v)
        sbuf_add_json_str(sb, v);
    else
        sbuf_add(sb, "null", 4);
}

void sbuf_add_json_strs(struct sbuf *sb, const char *const *v, int n)
{
    sbuf_addc(sb, '[');
    for (int i = 0; i < n; i++) {
        if (i)
            sbuf_addc(sb, ',');
        sbuf_add_json_str(sb, v[i] ? v[i] : "");
    }
    sbuf_addc(sb, ']');
}
