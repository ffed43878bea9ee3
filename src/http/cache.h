/* cache.h: a worker's cache of catalog answers (routes flagged F_CACHE). An entry is the body of
 * a 200 answer keyed by method, path, query and publishable key; it serves while the database is
 * unchanged (db_change_stamp) and younger than conf.cache_ttl_ms, which bounds how late a price
 * list whose window opens by the clock alone is seen. Requests with a customer session bypass it.
 * Memory is bounded; the oldest entry in a full bucket goes first. */
#ifndef HTTP_CACHE_H
#define HTTP_CACHE_H
#include <stddef.h>
#include <stdint.h>

struct cache;

struct cache *cache_new(size_t max_bytes);
void cache_free(struct cache *cc);
/* The cached body for key, or NULL (stale entries are dropped). */
const char *cache_get(struct cache *cc, const char *key, size_t keylen, uint64_t stamp,
                      int64_t now_ms, int64_t ttl_ms, size_t *len);
void cache_put(struct cache *cc, const char *key, size_t keylen, uint64_t stamp, int64_t now_ms,
               const char *body, size_t len);

#endif
