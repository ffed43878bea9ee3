#!/bin/sh
# funclen.sh [N]: the N (default 10) longest C functions under src/, as "lines file:function".
# A function runs from its definition line (at column 0, ending in ')') to the next "}" at
# column 0 (the tree is clang-format clean, so that shape holds).
cd "$(dirname "$0")/../.." || exit 1
# shellcheck disable=SC2016 # the program is awk's
find src -name '*.c' | sort | xargs awk '
    FNR == 1 { fn = "" }
    /^[a-z_].*[a-z_0-9]+\(.*/ && !/;$/ && !/^(static )?(const )?struct [a-z_]+ [a-z_]+ *=/ {
        s = $0; sub(/\(.*/, "", s); n = split(s, w, /[ *]+/); cand = w[n]; start = FNR }
    /^\{$/ && cand != "" { fn = cand; from = start; cand = "" }
    /^}/ && fn != "" { printf "%d %s:%s\n", FNR - from + 1, FILENAME, fn; fn = "" }
' | sort -rn | head -n "${1:-10}"
