/* cache.c: the worker's answer cache (cache.h): a hash table of 4-way buckets. */
#include "http/cache.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

#define BUCKETS 256
#define WAYS    4

struct entry {
    char *key; /* key bytes, then the body, in one allocation */
    size_t keylen, len;
    uint64_t stamp;
    int64_t at_ms;
};

struct cache {
    struct entry e[BUCKETS][WAYS];
    size_t bytes, max_bytes;
};

static unsigned hash(const char *s, size_t n)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

struct cache *cache_new(size_t max_bytes)
{
    struct cache *cc = xmalloc(sizeof(*cc));
    memset(cc, 0, sizeof(*cc));
    cc->max_bytes = max_bytes;
    return cc;
}

static void drop(struct cache *cc, struct entry *e)
{
    if (!e->key)
        return;
    cc->bytes -= e->keylen + e->len;
    free(e->key);
    memset(e, 0, sizeof(*e));
}

void cache_free(struct cache *cc)
{
    if (!cc)
        return;
    for (int b = 0; b < BUCKETS; b++)
        for (int w = 0; w < WAYS; w++)
            drop(cc, &cc->e[b][w]);
    free(cc);
}

const char *cache_get(struct cache *cc, const char *key, size_t keylen, uint64_t stamp,
                      int64_t now_ms, int64_t ttl_ms, size_t *len)
{
    struct entry *bucket = cc->e[hash(key, keylen) % BUCKETS];
    for (int w = 0; w < WAYS; w++) {
        struct entry *e = &bucket[w];
        if (!e->key || e->keylen != keylen || memcmp(e->key, key, keylen))
            continue;
        if (e->stamp != stamp || now_ms - e->at_ms >= ttl_ms || now_ms < e->at_ms) {
            drop(cc, e);
            return NULL;
        }
        *len = e->len;
        return e->key + keylen;
    }
    return NULL;
}

void cache_put(struct cache *cc, const char *key, size_t keylen, uint64_t stamp, int64_t now_ms,
               const char *body, size_t len)
{
    struct entry *bucket = cc->e[hash(key, keylen) % BUCKETS], *slot = &bucket[0];
    if (keylen + len > cc->max_bytes / 8)
        return; /* one answer never takes a large part of the cache */
    for (int w = 0; w < WAYS; w++) {
        struct entry *e = &bucket[w];
        if (e->key && e->keylen == keylen && !memcmp(e->key, key, keylen)) {
            slot = e;
            break;
        }
        if (!e->key || e->at_ms < slot->at_ms)
            slot = e;
    }
    drop(cc, slot);
    /* Over budget: empty buckets from a rotating start until it fits. */
    for (int b = (int)(hash(key, keylen) % BUCKETS) + 1; cc->bytes + keylen + len > cc->max_bytes;
         b++)
        for (int w = 0; w < WAYS; w++)
            drop(cc, &cc->e[b % BUCKETS][w]);
    slot->key = xmalloc(keylen + len);
    memcpy(slot->key, key, keylen);
    memcpy(slot->key + keylen, body, len);
    slot->keylen = keylen;
    slot->len = len;
    slot->stamp = stamp;
    slot->at_ms = now_ms;
    cc->bytes += keylen + len;
}
