/* multipart.c: multipart/form-data bodies (multipart.h). Strict where the RFCs are (CRLF line
 * ends, the delimiter "--boundary" only at a line start, a blank line after each part's
 * headers), lenient where browsers differ (header names in any case, quoted or bare parameter
 * values, filename* in RFC 5987 form). Every bound is checked before a byte is read. */
#define _GNU_SOURCE /* memmem */
#include "http/multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* RFC 2045 token characters (parameter names, bare values). */
static int is_token(unsigned char ch)
{
    return ch > 32 && ch < 127 && !strchr("()<>@,;:\\\"/[]?=", ch);
}

/* One parameter value at s[*i..n): a quoted string (backslash escapes a character) or a token.
 * Copies it into the arena; NULL when malformed, too long or holding a NUL byte. */
static char *param_value(struct arena *a, const char *s, size_t n, size_t *i)
{
    char buf[MP_MAX_PARAM_VALUE + 1];
    size_t k = 0, p = *i;
    if (p < n && s[p] == '"') {
        for (p++;; p++) {
            if (p >= n)
                return NULL; /* unterminated */
            if (s[p] == '"')
                break;
            if (s[p] == '\\' && p + 1 < n)
                p++;
            if (s[p] == '\0' || k == MP_MAX_PARAM_VALUE)
                return NULL;
            buf[k++] = s[p];
        }
        p++;
    } else {
        while (p < n && is_token((unsigned char)s[p])) {
            if (k == MP_MAX_PARAM_VALUE)
                return NULL;
            buf[k++] = s[p++];
        }
        if (!k)
            return NULL;
    }
    *i = p;
    buf[k] = '\0';
    return arena_strndup(a, buf, k);
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* RFC 5987 ext-value "charset'lang'percent-encoded" decoded in place; NULL if malformed or it
 * decodes to a NUL byte. Only the bytes are decoded: the charset is taken as UTF-8. */
static char *ext_value(char *v)
{
    char *q1 = strchr(v, '\''), *q2, *src, *dst;
    if (!q1 || !(q2 = strchr(q1 + 1, '\'')))
        return NULL;
    for (src = q2 + 1, dst = v; *src; src++) {
        if (*src == '%') {
            int hi = hexval(src[1]), lo = hi < 0 ? -1 : hexval(src[2]);
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
                return NULL;
            *dst++ = (char)(hi * 16 + lo);
            src += 2;
        } else {
            *dst++ = *src;
        }
    }
    *dst = '\0';
    return v;
}

/* Content-Disposition: form-data; name="..."; filename="..." (value at s[0..n)). */
static int disposition(struct arena *a, const char *s, size_t n, struct mp_part *part)
{
    size_t i = 0;
    const char *ext_filename = NULL;
    while (i < n && is_space(s[i]))
        i++;
    if (n - i < 9 || strncasecmp(s + i, "form-data", 9))
        return -1;
    i += 9;
    for (;;) {
        size_t k;
        char pname[32];
        char *v;
        while (i < n && is_space(s[i]))
            i++;
        if (i == n)
            break;
        if (s[i++] != ';')
            return -1;
        while (i < n && is_space(s[i]))
            i++;
        if (i == n)
            break; /* a trailing ';' */
        for (k = 0; i < n && is_token((unsigned char)s[i]); i++) {
            if (k == sizeof(pname) - 1)
                return -1;
            pname[k++] = s[i];
        }
        pname[k] = '\0';
        while (i < n && is_space(s[i]))
            i++;
        if (!k || i == n || s[i++] != '=')
            return -1;
        while (i < n && is_space(s[i]))
            i++;
        if (!(v = param_value(a, s, n, &i)))
            return -1;
        if (!strcasecmp(pname, "name"))
            part->name = v;
        else if (!strcasecmp(pname, "filename"))
            part->filename = v;
        else if (!strcasecmp(pname, "filename*")) {
            if (!(ext_filename = ext_value(v)))
                return -1;
        }
    }
    if (ext_filename)
        part->filename = ext_filename;
    return 0;
}

/* The header block h[0..n) of one part, lines separated by CRLF. */
static int part_headers(struct arena *a, const char *h, size_t n, struct mp_part *part, char *err,
                        size_t errlen)
{
    int has_disposition = 0;
    size_t i = 0;
    while (i < n) {
        const char *line = h + i, *end = memmem(line, n - i, "\r\n", 2), *colon;
        size_t llen = end ? (size_t)(end - line) : n - i;
        i += llen + (end ? 2 : 0);
        if (!llen)
            continue;
        if (!(colon = memchr(line, ':', llen))) {
            snprintf(err, errlen, "malformed part header");
            return -1;
        }
        size_t nlen = (size_t)(colon - line), vlen = llen - nlen - 1;
        if (nlen == 19 && !strncasecmp(line, "content-disposition", 19)) {
            if (disposition(a, colon + 1, vlen, part) < 0) {
                snprintf(err, errlen, "malformed Content-Disposition header");
                return -1;
            }
            has_disposition = 1;
        } else if (nlen == 12 && !strncasecmp(line, "content-type", 12)) {
            const char *v = colon + 1;
            while (vlen && is_space(*v))
                v++, vlen--;
            while (vlen && is_space(v[vlen - 1]))
                vlen--;
            if (memchr(v, '\0', vlen)) {
                snprintf(err, errlen, "malformed Content-Type header");
                return -1;
            }
            part->content_type = arena_strndup(a, v, vlen);
        }
    }
    if (!has_disposition) {
        snprintf(err, errlen, "a part has no Content-Disposition: form-data header");
        return -1;
    }
    return 0;
}

const char *multipart_boundary(struct arena *a, const char *ct)
{
    const char *p;
    size_t i = 0, n;
    if (!ct)
        return NULL;
    while (is_space(*ct))
        ct++;
    if (strncasecmp(ct, "multipart/form-data", 19) || (ct[19] && ct[19] != ';' && ct[19] != ' '))
        return NULL;
    p = ct + 19;
    n = strlen(p);
    while (i < n) {
        size_t k = 0;
        char pname[32];
        char *v;
        while (i < n && (is_space(p[i]) || p[i] == ';'))
            i++;
        while (i < n && is_token((unsigned char)p[i]) && k < sizeof(pname) - 1)
            pname[k++] = p[i++];
        pname[k] = '\0';
        while (i < n && is_space(p[i]))
            i++;
        if (!k || i >= n || p[i++] != '=')
            return NULL;
        while (i < n && is_space(p[i]))
            i++;
        if (!(v = param_value(a, p, n, &i)))
            return NULL;
        if (!strcasecmp(pname, "boundary")) {
            size_t bl = strlen(v);
            if (!bl || bl > MP_MAX_BOUNDARY || v[bl - 1] == ' ')
                return NULL;
            for (size_t j = 0; j < bl; j++)
                if ((unsigned char)v[j] < 32 || (unsigned char)v[j] > 126)
                    return NULL;
            return v;
        }
    }
    return NULL;
}

int multipart_parse(struct arena *a, const char *boundary, const char *body, size_t len,
                    struct mp_part **parts, char *err, size_t errlen)
{
    size_t blen = strlen(boundary), dlen = blen + 4, pos;
    char *delim = arena_alloc(a, dlen + 1); /* "\r\n--boundary" */
    struct mp_part *v = NULL;
    int n = 0;
    const char *hit;

    memcpy(delim, "\r\n--", 4);
    memcpy(delim + 4, boundary, blen);
    delim[dlen] = '\0';
    *parts = NULL;
    /* The first delimiter may open the body without the CRLF before it. */
    if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2))
        pos = dlen - 2;
    else if ((hit = len ? memmem(body, len, delim, dlen) : NULL))
        pos = (size_t)(hit - body) + dlen;
    else {
        snprintf(err, errlen, "no multipart boundary in the body");
        return -1;
    }
    for (;;) {
        struct mp_part part;
        size_t hs, cs;
        /* pos is just past "--boundary": "--" closes, else padding then CRLF opens a part. */
        if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
            break;
        while (pos < len && is_space(body[pos]))
            pos++;
        if (len - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n') {
            snprintf(err, errlen, "malformed multipart delimiter line");
            return -1;
        }
        if (n == MP_MAX_PARTS) {
            snprintf(err, errlen, "too many parts (more than %d)", MP_MAX_PARTS);
            return -1;
        }
        hs = pos + 2;
        memset(&part, 0, sizeof(part));
        if (len - hs >= 2 && body[hs] == '\r' && body[hs + 1] == '\n') {
            snprintf(err, errlen, "a part has no Content-Disposition: form-data header");
            return -1;
        }
        size_t window = len - hs < MP_MAX_HEADER + 4 ? len - hs : MP_MAX_HEADER + 4;
        if (!(hit = memmem(body + hs, window, "\r\n\r\n", 4))) {
            snprintf(err, errlen,
                     window == len - hs ? "a part's headers do not end"
                                        : "a part's headers are too long");
            return -1;
        }
        if (part_headers(a, body + hs, (size_t)(hit - body) - hs + 2, &part, err, errlen) < 0)
            return -1;
        cs = (size_t)(hit - body) + 4;
        /* The content runs to the next CRLF--boundary (the CRLF belongs to the delimiter). */
        if (!(hit = memmem(body + cs, len - cs, delim, dlen))) {
            snprintf(err, errlen, "the multipart body does not end with its closing boundary");
            return -1;
        }
        part.data = body + cs;
        part.len = (size_t)(hit - body) - cs;
        v = arena_grow(a, v, n, sizeof(*v));
        v[n++] = part;
        pos = (size_t)(hit - body) + dlen;
    }
    *parts = v;
    return n;
}
