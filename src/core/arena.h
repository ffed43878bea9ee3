/* arena.h: request-scoped memory. Everything a request allocates comes from one arena and is
 * released at once by arena_reset(); non-memory resources register a deferred cleanup. */
#ifndef CORE_ARENA_H
#define CORE_ARENA_H
#include <stdarg.h>
#include <stddef.h>

struct arena_block;
struct arena_defer;

struct arena {
    struct arena_block *head;   /* current block; the first block is kept across resets */
    struct arena_defer *defers; /* LIFO cleanups */
    size_t used_total;          /* bytes handed out since the last reset */
};

/* Sets up an empty arena (no allocation until first use). */
void arena_init(struct arena *a);
/* Frees every block; runs pending cleanups first. The arena is unusable until arena_init. */
void arena_release(struct arena *a);
/* Runs cleanups LIFO and frees all blocks but the first, for the next request. */
void arena_reset(struct arena *a);

/* Memory aligned to 16 bytes, valid until reset. Out of memory aborts the process (the supervisor
 * respawns the worker); input cannot cause it since every buffer is bounded upstream. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_calloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);

/* Registers fn(p) to run at the next reset or release, after later-registered ones. */
void arena_defer(struct arena *a, void (*fn)(void *), void *p);

/* malloc that aborts on failure, for worker-lifetime state. */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Grows an arena array of n elements of size sz to hold one more (capacity: the next power of
 * two, 4 at least); returns the array, moved when it had to grow. */
void *arena_grow(struct arena *a, void *v, int n, size_t sz);

#endif
