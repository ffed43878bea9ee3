/* strv.h: NULL-terminated string lists (const char *const *), as Medusa's allowed fields,
 * relations and enum values are written here. */
#ifndef CORE_STRV_H
#define CORE_STRV_H
#include <string.h>

/* 1 if s is an entry of list (list may be NULL). */
static inline int strv_has(const char *const *list, const char *s)
{
    for (; list && *list; list++)
        if (!strcmp(*list, s))
            return 1;
    return 0;
}

#endif
