/* csv.c: CSV reading and writing (csv.h). One pass over the bytes, no copy of the input: each
 * field is copied once into the arena. */
#include "core/csv.h"

#include <stdio.h>
#include <string.h>

struct parser {
    struct arena *a;
    const char *s;
    size_t len, i;
    int line;
    char delim;
    struct sbuf field;
};

/* Reads one field at p->i; *end_of_row set when a line break or the end follows it.
 * -1 with err on an unterminated quote. */
static int read_field(struct parser *p, char **out, int *end_of_row, char *err, size_t errlen)
{
    const char *s = p->s;
    size_t n = p->len;
    sbuf_reset(&p->field);
    if (p->i < n && s[p->i] == '"') {
        int start = p->line;
        p->i++;
        for (;;) {
            if (p->i >= n) {
                snprintf(err, errlen, "unterminated quoted field starting in line %d", start);
                return -1;
            }
            if (s[p->i] == '"') {
                if (p->i + 1 < n && s[p->i + 1] == '"') {
                    sbuf_addc(&p->field, '"');
                    p->i += 2;
                    continue;
                }
                p->i++;
                break;
            }
            if (s[p->i] == '\n' || (s[p->i] == '\r' && (p->i + 1 >= n || s[p->i + 1] != '\n')))
                p->line++;
            sbuf_addc(&p->field, s[p->i++]);
        }
    }
    /* Unquoted text, or what follows a closing quote before the delimiter (Papa keeps it). */
    while (p->i < n && s[p->i] != p->delim && s[p->i] != '\n' && s[p->i] != '\r')
        sbuf_addc(&p->field, s[p->i++]);
    *out = arena_strndup(p->a, p->field.len ? p->field.buf : "", p->field.len);
    *end_of_row = 1;
    if (p->i < n && s[p->i] == p->delim) {
        p->i++;
        *end_of_row = 0;
    } else if (p->i < n) {
        /* a line break: CRLF, LF or CR */
        if (s[p->i] == '\r' && p->i + 1 < n && s[p->i + 1] == '\n')
            p->i++;
        p->i++;
        p->line++;
    }
    return 0;
}

/* Parses rows until the end or max_rows (non-empty) rows. */
static int parse_rows(struct parser *p, int max_rows, struct csv *out, char *err, size_t errlen)
{
    out->rows = NULL;
    out->nrows = 0;
    while (p->i < p->len) {
        struct csv_row row = {NULL, 0, p->line};
        int eor = 0;
        if (out->nrows == max_rows) {
            snprintf(err, errlen, "more than %d rows", max_rows);
            return -1;
        }
        while (!eor) {
            char *f;
            if (read_field(p, &f, &eor, err, errlen) < 0)
                return -1;
            row.f = arena_grow(p->a, row.f, row.n, sizeof(*row.f));
            row.f[row.n++] = f;
            /* a delimiter ending the text: one more, empty field */
            if (!eor && p->i >= p->len) {
                row.f = arena_grow(p->a, row.f, row.n, sizeof(*row.f));
                row.f[row.n++] = arena_strdup(p->a, "");
                eor = 1;
            }
        }
        if (row.n == 1 && !row.f[0][0])
            continue; /* an empty line */
        out->rows = arena_grow(p->a, out->rows, out->nrows, sizeof(*out->rows));
        out->rows[out->nrows++] = row;
    }
    return 0;
}

/* Papa Parse's guessDelimiter over the first 10 rows. */
static char guess_delim(struct arena *a, const char *s, size_t len)
{
    static const char cand[] = {',', '\t', '|', ';'};
    char best = ',';
    double best_delta = -1, max_avg = -1;
    for (size_t k = 0; k < sizeof(cand); k++) {
        struct parser p = {a, s, len, 0, 1, cand[k], SBUF_INIT};
        struct csv rows;
        char err[128];
        double delta = 0, avg = 0;
        int prev = -1, total = 0;
        /* 11: stop after 10 rows (the "too many rows" error is the expected way out). */
        parse_rows(&p, 11, &rows, err, sizeof(err));
        sbuf_release(&p.field);
        if (!rows.nrows)
            continue;
        for (int r = 0; r < rows.nrows; r++) {
            total += rows.rows[r].n;
            if (prev >= 0)
                delta += rows.rows[r].n > prev ? rows.rows[r].n - prev : prev - rows.rows[r].n;
            prev = rows.rows[r].n;
        }
        avg = (double)total / rows.nrows;
        if ((best_delta < 0 || delta <= best_delta) && (max_avg < 0 || avg > max_avg) &&
            avg > 1.99) {
            best_delta = delta;
            max_avg = avg;
            best = cand[k];
        }
    }
    return best;
}

int csv_parse(struct arena *a, const char *text, size_t len, char delim, int max_rows,
              struct csv *out, char *err, size_t errlen)
{
    struct parser p;
    int rc;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        text += 3, len -= 3;
    if (memchr(text, '\0', len)) {
        snprintf(err, errlen, "the file holds a NUL byte: it is not CSV text");
        return -1;
    }
    if (!delim)
        delim = len ? guess_delim(a, text, len) : ',';
    memset(&p, 0, sizeof(p));
    p.a = a;
    p.s = text;
    p.len = len;
    p.line = 1;
    p.delim = delim;
    sbuf_init(&p.field);
    rc = parse_rows(&p, max_rows, out, err, errlen);
    sbuf_release(&p.field);
    out->delim = delim;
    return rc;
}

void csv_write_field(struct sbuf *out, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, "\n\r,;\"")) {
        sbuf_adds(out, s);
        return;
    }
    sbuf_addc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            sbuf_addc(out, '"');
        sbuf_addc(out, *s);
    }
    sbuf_addc(out, '"');
}
