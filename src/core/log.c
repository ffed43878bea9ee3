/* log.c: stderr logging with a process-wide level (read-only after start-up). */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static enum log_level level = LOG_INFO;
static const char *const names[] = {"error", "warn", "info", "debug"};

void log_set_level(enum log_level lvl)
{
    level = lvl;
}

enum log_level log_get_level(void)
{
    return level;
}

int log_level_parse(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
    char line[2048];
    int n;
    va_list ap;
    if (lvl > level)
        return;
    n = snprintf(line, sizeof(line), "medusa-fcgi[%d]: %s: ", (int)getpid(), names[lvl]);
    va_start(ap, fmt);
    vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    n = (int)strlen(line);
    line[n++] = '\n';
    /* One write per line so lines from several workers never interleave. */
    if (write(STDERR_FILENO, line, (size_t)n) < 0)
        return;
}
