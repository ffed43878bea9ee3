/* search.c: search text → FTS5 MATCH expression (search.h). Terms are quoted, so nothing the
 * shopper types is FTS5 syntax. */
#include "domain/search.h"

#include <ctype.h>
#include <string.h>

#include "core/sbuf.h"

static int word_byte(unsigned char ch)
{
    return ch >= 0x80 || isalnum(ch);
}

const char *search_fts_query(struct arena *a, const char *q, int any_word)
{
    struct sbuf sb = SBUF_INIT;
    const char *out = NULL;
    int words = 0;
    if (!q)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)q; *p;) {
        if (!word_byte(*p)) {
            p++;
            continue;
        }
        const unsigned char *start = p;
        while (*p && word_byte(*p))
            p++;
        if (words++)
            sbuf_adds(&sb, any_word ? " OR " : " AND ");
        sbuf_addc(&sb, '"');
        sbuf_add(&sb, start, (size_t)(p - start));
        sbuf_adds(&sb, "\"*");
        if (words == 16)
            break; /* enough to narrow any catalogue */
    }
    if (words)
        out = arena_strdup(a, sb.buf);
    sbuf_release(&sb);
    return out;
}
