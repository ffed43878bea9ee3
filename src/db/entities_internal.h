/* entities_internal.h: what the descriptor files (db/entities*.c) share: the timestamp columns
 * and the condition every soft-deletable entity applies. Never included outside them. */
#ifndef DB_ENTITIES_INTERNAL_H
#define DB_ENTITIES_INTERNAL_H
#include "db/graph.h"

#define TIMESTAMPS                                                                                 \
    {"created_at", G_TEXT, NULL, 0}, {"updated_at", G_TEXT, NULL, 0},                              \
    {                                                                                              \
        "deleted_at", G_TEXT, NULL, 0                                                              \
    }
#define LIVE "%c.deleted_at IS NULL"

#endif
