/* sbuf.h: a growable byte buffer on the heap, for responses and SQL-free text building. */
#ifndef CORE_SBUF_H
#define CORE_SBUF_H
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct sbuf {
    char *buf; /* always NUL-terminated once anything is added */
    size_t len, cap;
};

#define SBUF_INIT                                                                                  \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void sbuf_init(struct sbuf *sb);
void sbuf_release(struct sbuf *sb);
/* Empties the buffer, keeping its memory. */
void sbuf_reset(struct sbuf *sb);
void sbuf_grow(struct sbuf *sb, size_t extra);
void sbuf_adds(struct sbuf *sb, const char *s);
/* A decimal integer, as %lld writes it. */
void sbuf_add_int(struct sbuf *sb, long long v);
void sbuf_addf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Inline: answers are written a byte or a key at a time, hundreds of thousands per second. */
static inline void sbuf_add(struct sbuf *sb, const void *data, size_t len)
{
    if (sb->len + len + 1 > sb->cap)
        sbuf_grow(sb, len);
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

static inline void sbuf_addc(struct sbuf *sb, char ch)
{
    if (sb->len + 2 > sb->cap)
        sbuf_grow(sb, 1);
    sb->buf[sb->len++] = ch;
    sb->buf[sb->len] = '\0';
}

/* Appends s[0..len) as a JSON string literal, quotes included, escaped as json-c writes it
 * (json_text): \" \\ \b \f \n \r \t, other control characters as \u00xx, '/' and bytes >= 0x7f
 * as they are. The one string escaper. */
void sbuf_add_json_strn(struct sbuf *sb, const char *s, size_t len);
/* The same for a NUL-terminated s. */
void sbuf_add_json_str(struct sbuf *sb, const char *s);
/* Object members after the first: ,"key":v and ,"key":"v" (v NULL: null). */
void sbuf_member_int(struct sbuf *sb, const char *key, long long v);
void sbuf_member_str(struct sbuf *sb, const char *key, const char *v);
/* Appends v[0..n) as a JSON array of strings (NULL entries as ""). */
void sbuf_add_json_strs(struct sbuf *sb, const char *const *v, int n);

#endif
