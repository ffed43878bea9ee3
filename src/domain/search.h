/* search.h: turning a shopper's search text into an FTS5 query (POST /store/products/search). */
#ifndef DOMAIN_SEARCH_H
#define DOMAIN_SEARCH_H
#include "core/arena.h"

/* Every word of q (letters and digits, any script) as a quoted prefix term, all required
 * (`shi blue` → `"shi"* AND "blue"*`), or with any_word any of them (`... OR ...`, the
 * fallback when no product has every word). NULL when q has no word. */
const char *search_fts_query(struct arena *a, const char *q, int any_word);

#endif
