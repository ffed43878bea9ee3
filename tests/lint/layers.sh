#!/bin/sh
# layers.sh: the boundaries of HACKING and STYLE.md §1/§6/§9/§12, proved on the source as a TAP test
# (make check, make lint). Layers only include down; the table is `allowed` below:
#   core <- net, db <- pay <- domain <- front (shared by both fronts) <- store, admin
#   http (the edge framework: transports, request, router, responses) <- front, store, admin
#   src/*.c (main, serve, worker, request: the process and the request flow) may include anything.
# Also: no include cycle between modules (a .c and its .h), no SQL text outside src/db/, no request
# or response below the fronts, the transaction bracket only in src/db/, the request flow and the
# listed owners, libraries behind their one door.
# Known exceptions are listed, with their reason, in tests/lint/known.txt; one that no longer
# matches anything fails too, so the list only shrinks. SRCDIR names the tree to check.
set -u
here=$(cd "$(dirname "$0")" && pwd)
cd "${SRCDIR:-$here/../..}" || exit 1
known=${LAYERS_KNOWN:-tests/lint/known.txt}
[ -f "$known" ] || known=/dev/null
owners=${LAYERS_OWNERS:-tests/lint/tx-owners.txt}
[ -f "$owners" ] || owners=/dev/null
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
# Every tracked-looking C file under src/ (build products are not .c/.h).
find src -name '*.[ch]' | LC_ALL=C sort >"$tmp/files"

# check NAME RULE OUTPUT-FILE [LIST]: each line of OUTPUT-FILE is a violation "key<TAB>detail";
# lines whose key is listed for RULE in LIST (default $known) are allowed (and reported as such).
check() {
    n=$((n + 1))
    grep "^$2[[:space:]]" "${4:-$known}" | awk '{print $2}' | LC_ALL=C sort -u >"$tmp/allow"
    awk -F '\t' 'FILENAME == ARGV[1] { ok[$1] = 1; next } !($1 in ok)' "$tmp/allow" "$3" >"$tmp/bad"
    awk -F '\t' 'FILENAME == ARGV[1] { ok[$1] = 1; next } ($1 in ok) { seen[$1] = 1 }
        END { for (k in ok) if (!(k in seen)) print k }' "$tmp/allow" "$3" >"$tmp/stale"
    if [ -s "$tmp/bad" ] || [ -s "$tmp/stale" ]; then
        echo "not ok $n - $1"
        awk -F '\t' '{ print "# " $2 }' "$tmp/bad"
        awk -v f="${4:-$known}" -v r="$2" '{ print "# stale exception in " f ", remove it: " r " " $0 }' \
            "$tmp/stale"
        fail=1
    else
        echo "ok $n - $1"
    fi
    awk -F '\t' 'FILENAME == ARGV[1] { ok[$1] = 1; next } ($1 in ok) { print "# listed: " $2 }' \
        "$tmp/allow" "$3"
}

# grep-style rules: "file:line: text" lines keyed by file.
keyed() { sed 's/^\([^:]*\):/\1\t\1:/'; }

# --- libraries behind their one door -------------------------------------------------------------
xargs grep -nE '#include <sqlite3.h>|sqlite3_[a-z_]+\(' <"$tmp/files" | grep -v '^src/db/' |
    keyed >"$tmp/out"
check "sqlite3 only in src/db" sqlite "$tmp/out"
xargs grep -n '#include <fcgiapp.h>' <"$tmp/files" | grep -v '^src/http/fcgi.c:' | keyed >"$tmp/out"
check "fcgiapp.h only in src/http/fcgi.c" fcgi "$tmp/out"
xargs grep -nE '#include <curl/curl.h>|curl_easy_' <"$tmp/files" | grep -v '^src/net/https.c:' |
    keyed >"$tmp/out"
check "curl only in src/net/https.c" curl "$tmp/out"

# --- includes go down only ------------------------------------------------------------------------
# allowed[dir] = the directories a file in src/dir may include from (its own included).
xargs grep -n '^#include "' <"$tmp/files" | awk -F: '
BEGIN {
    allowed["core"] = "core"
    allowed["net"] = "core net"
    allowed["db"] = "core db"
    allowed["pay"] = "core net db pay"
    allowed["domain"] = "core db pay domain"
    allowed["http"] = "core http"
    allowed["front"] = "core db pay domain http front"
    allowed["store"] = "core db pay domain http front store"
    allowed["admin"] = "core db pay domain http front admin"
}
{
    file = $1
    inc = $0
    sub(/^[^"]*"/, "", inc)
    sub(/".*$/, "", inc)
    ndir = split(file, part, "/")
    if (ndir < 3)
        next # src/*.c: the process and the request flow may include anything
    dir = part[2]
    if (!(dir in allowed)) {
        printf "%s\t%s:%s: %s is in no layer (add it to layers.sh)\n", file, file, $2, dir
        next
    }
    if (inc == "config.h")
        next
    if (index(inc, "/") == 0) {
        printf "%s\t%s:%s: includes \"%s\" of src/ from a layer\n", file, file, $2, inc
        next
    }
    to = inc
    sub(/\/.*$/, "", to)
    if (index(" " allowed[dir] " ", " " to " ") == 0)
        printf "%s\t%s:%s: %s/ includes %s (%s/ may include %s)\n", file, file, $2, dir, inc, dir,
            allowed[dir]
}' >"$tmp/out"
check "includes go down only" include "$tmp/out"
# pay/ sees the database only to refuse a provider call inside a transaction.
grep -n '^#include "db/' src/pay/*.[ch] 2>/dev/null | grep -v '#include "db/db.h"' | keyed >"$tmp/out"
check "pay includes only db/db.h of db" pay "$tmp/out"

# Below the fronts nothing sees a request: no struct req, no response writer (STYLE.md §1, §5).
grep -E '^src/(core|net|db|pay|domain)/' "$tmp/files" |
    xargs grep -nE '\bstruct req\b|\b(resp_[a-z_]+|err_render|page_list|page_row)\(' |
    grep -vE '^[^:]+:[0-9]+: *(/\*|\*)' | keyed >"$tmp/out"
check "no request or response below the fronts" req "$tmp/out"

# --- no include cycle between modules ------------------------------------------------------------
# A module is a .c/.h pair (src/http/req); an edge runs from a module to every module whose header
# one of its two files includes. A cycle is reported once, as its sorted member list.
xargs grep -H '^#include "' <"$tmp/files" | awk -F: '
{
    from = $1
    sub(/\.[ch]$/, "", from)
    inc = $0
    sub(/^[^"]*"/, "", inc)
    sub(/".*$/, "", inc)
    if (index(inc, "/") == 0 || inc !~ /\.h$/)
        next
    to = "src/" inc
    sub(/\.h$/, "", to)
    if (to == from || (from SUBSEP to) in edge)
        next
    edge[from, to] = 1
    out[from] = out[from] " " to
    node[from] = node[to] = 1
}
# Tarjan: each strongly connected component of more than one module is a cycle.
function visit(v,    m, i, w, list, comp, k, sorted, j, t) {
    index_of[v] = lowlink[v] = ++counter
    stack[++sp] = v
    onstack[v] = 1
    m = split(out[v], list, " ")
    for (i = 1; i <= m; i++) {
        w = list[i]
        if (!(w in index_of)) {
            visit(w)
            if (lowlink[w] < lowlink[v])
                lowlink[v] = lowlink[w]
        } else if ((w in onstack) && index_of[w] < lowlink[v])
            lowlink[v] = index_of[w]
    }
    if (lowlink[v] == index_of[v]) {
        k = 0
        do {
            w = stack[sp--]
            delete onstack[w]
            comp[++k] = w
        } while (w != v)
        if (k > 1) {
            for (i = 2; i <= k; i++) { # insertion sort: the key does not depend on the walk
                t = comp[i]
                for (j = i - 1; j >= 1 && comp[j] > t; j--)
                    comp[j + 1] = comp[j]
                comp[j + 1] = t
            }
            sorted = comp[1]
            for (i = 2; i <= k; i++)
                sorted = sorted "," comp[i]
            printf "%s\tinclude cycle: %s\n", sorted, sorted
        }
    }
}
END {
    for (v in node)
        if (!(v in index_of))
            visit(v)
}' | LC_ALL=C sort >"$tmp/out"
check "no include cycle between modules" cycle "$tmp/out"

# --- SQL only in src/db/ --------------------------------------------------------------------------
# String literals (comments and character constants skipped) that read as SQL: a keyword, a bound
# parameter or the %c row alias of db/graph.h.
# shellcheck disable=SC2016 # an awk program
grep -v '^src/db/' "$tmp/files" | xargs awk '
FNR == 1 { incomment = 0 }
{
    line = $0
    s = ""
    lit = ""
    instr = 0
    for (i = 1; i <= length(line); i++) {
        ch = substr(line, i, 1)
        two = substr(line, i, 2)
        if (incomment) {
            if (two == "*/") { incomment = 0; i++ }
            continue
        }
        if (instr) {
            if (ch == "\\") { lit = lit substr(line, i, 2); i++; continue }
            if (ch == "\"") { instr = 0; s = s "\001" lit; lit = ""; continue }
            lit = lit ch
            continue
        }
        if (two == "/*") { incomment = 1; i++; continue }
        if (two == "//") break
        if (ch == "\x27") { # a character constant: skip it whole
            if (substr(line, i + 1, 1) == "\\") i += 3; else i += 2
            continue
        }
        if (ch == "\"") instr = 1
    }
    m = split(s, lits, "\001")
    for (k = 2; k <= m; k++) {
        t = " " lits[k] " "
        if (t ~ /%[cp]\./ || t ~ /[ (]= \?/ || t ~ /\?[0-9]/ ||
            t ~ /[^A-Za-z_](SELECT|INSERT INTO|INSERT OR|DELETE FROM|WHERE|ORDER BY|GROUP BY|JOIN|IS NULL|IS NOT NULL|LIKE|CAST\(|SAVEPOINT|PRAGMA|json_each|json_group_array)[^A-Za-z_]/ ||
            t ~ /[^A-Za-z_]UPDATE [a-z_]+ SET[^A-Za-z_]/)
            printf "%s\t%s:%d: SQL outside src/db/: \"%s\"\n", FILENAME, FILENAME, FNR, lits[k]
    }
}' >"$tmp/out"
check "no SQL text outside src/db" sql "$tmp/out"

# --- one owner for transactions --------------------------------------------------------------------
# The bracket is db_tx() (src/db/db.c). The request flow (src/request.c) runs every F_WRITE handler
# in one; any other caller of db_tx is a function named in tests/lint/tx-owners.txt with its
# reason (work before the write lock, or outside any transaction), on a route without F_WRITE.
# db_begin/db_commit/db_rollback stay inside src/db/.
xargs grep -nE '\bdb_(begin|commit|rollback)\(' <"$tmp/files" | grep -v '^src/db/' |
    grep -vE '^[^:]+:[0-9]+: *(/\*|\*)' | keyed >"$tmp/out"
check "transactions open and close only in src/db" tx "$tmp/out"
# Functions are found as clang-format lays them out: the definition's line at column 0, then "{"
# alone at column 0, the body, "}" at column 0.
# shellcheck disable=SC2016 # an awk program
grep -v '^src/db/' "$tmp/files" | grep -v '^src/request.c$' | xargs awk '
FNR == 1 { fn = ""; last = "" }
/^[A-Za-z_][^;]*\(/ && !/^(static |const |extern )*[a-z_ ]*\[/ { last = $0 }
/^\{$/ {
    fn = last
    sub(/\(.*/, "", fn)
    sub(/.*[ *]/, "", fn)
}
/^\}/ { fn = "" }
/(^|[^a-z_])db_tx\(/ && fn != "" && !/^ *(\/\*|\*)/ {
    printf "%s:%s\t%s:%d: %s calls db_tx\n", FILENAME, fn, FILENAME, FNR, fn
}' | sort -u -t "$(printf '\t')" -k1,1 >"$tmp/out"
check "db_tx only in the request flow and the listed owners" tx-owner "$tmp/out" "$owners"
# A listed owner opens its own transactions: its route must not open one too (no nesting).
grep '^tx-owner ' "$owners" | awk '{ n = $2; sub(/.*:/, "", n); print n }' | while read -r fn; do
    grep -n "^ROUTE(.*[ ,]$fn,.*F_WRITE" src/http/routes.def | keyed
done >"$tmp/out"
check "no listed owner is an F_WRITE route's handler" tx-route "$tmp/out"

# --- the rest of STYLE.md §4/§9 -------------------------------------------------------------------
{
    xargs grep -nE '\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|gmtime|localtime)\(' <"$tmp/files"
    [ -d tests/unit ] && grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|gmtime|localtime)\(' tests/unit
} | grep -vE '^[^:]+:[0-9]+: *(/\*|\*)' | keyed >"$tmp/out"
check "no banned functions" banned "$tmp/out"
xargs grep -n 'json_object_get(' <"$tmp/files" | grep -v '^src/core/json.c:' | keyed >"$tmp/out"
check "json_object_get only in core/json.c" json_get "$tmp/out"

echo "1..$n"
exit $fail
