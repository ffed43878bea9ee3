/* csv.h: CSV as Medusa's product import reads it (Papa Parse with header rows and a guessed
 * delimiter) and its export writes it (';'-separated, csvCellContentFormatter quoting). */
#ifndef CORE_CSV_H
#define CORE_CSV_H
#include <stddef.h>

#include "core/arena.h"
#include "core/sbuf.h"

struct csv_row {
    char **f; /* fields, unquoted, NUL-terminated (arena) */
    int n;    /* number of fields */
    int line; /* 1-based line of the file where the row starts */
};

struct csv {
    struct csv_row *rows; /* the header row first; empty lines are skipped */
    int nrows;
    char delim;
};

/* Parses text[0..len). delim 0 guesses it as Papa Parse does from the first rows, among ',',
 * '\t', '|' and ';' (the one giving the most fields per row, consistently; ',' if none gives
 * two). A UTF-8 byte-order mark is dropped. Fields may be quoted ("" is a quote; quoted fields
 * may hold delimiters and line breaks); line breaks are CRLF, LF or CR. 0, or -1 with a
 * reason in err (an unterminated quote, a NUL byte, more than max_rows rows, the header row
 * included). */
int csv_parse(struct arena *a, const char *text, size_t len, char delim, int max_rows,
              struct csv *out, char *err, size_t errlen);

/* Appends s as Medusa's export writes a cell: quoted (quotes doubled) when it holds a line break,
 * a comma, a semicolon or a quote; as is otherwise. */
void csv_write_field(struct sbuf *out, const char *s);

#endif
