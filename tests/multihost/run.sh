#!/usr/bin/env bash
# shellcheck disable=SC2016 # the awk programs are single-quoted on purpose
# run.sh: medusa-fcgi on several hosts sharing one database. Each host is a network namespace
# (PREFIX-h1.., a veth into a bridge PREFIX-br in the root namespace, subnet NET.0/24: the bridge
# is NET.1, host i is NET.1i) running one worker pool (`medusa-fcgi serve --listen NET.1i:9000`);
# one nginx in the root namespace spreads the shipped locations over them (an upstream of the
# hosts' FastCGI addresses, fastcgi_next_upstream error timeout). Needs root and `ip netns`.
#
#   run.sh all [OPTIONS] DB        up, storm, failover, down (always, by a trap); exit 0 if every
#                                  check held
#   run.sh up [OPTIONS] DB         start it all (state in --dir)
#   run.sh storm --dir DIR         (a) BUYERS buyers race for a variant with STOCK units
#   run.sh failover --dir DIR [--kill pool|link] [--victim N]
#                                  (b) checkouts on every host, host N (default 2) killed mid-load
#   run.sh down --dir DIR          stop and remove everything `up` made (safe to repeat)
#   run.sh bench [OPTIONS] DB      the overhead figure: 1, 2 and 3 hosts in turn, each up afresh
#                                  with --workers TOTAL/N per host (TOTAL: --workers, default 6),
#                                  guest checkouts (8 clients) and GET /store/products?limit=10
#                                  (wrk, 16 connections, the workers' answer cache off) for
#                                  MULTIHOST_BENCH_SECONDS (10) each; one table row per count
# DB: sqlite       a SQLite file in DIR (all hosts on one file: the plumbing, on one machine)
#     pg           a private PostgreSQL cluster in DIR/pg (tests/pg/server.sh, fsync on),
#                  listening on 127.0.0.1 and the bridge address NET.1, database "medusa"
#     postgres://… or postgresql://…  an existing, empty database the hosts can reach at that URI
#                  (it must listen where the namespaces reach it, e.g. NET.1); run.sh migrates and
#                  seeds it
#     PATH         a SQLite file
# OPTIONS: --dir DIR (default a new /tmp/mf-multihost.XXXXXX), --hosts N (2 or 3, default 3),
#   --workers N per host (default 4), --port P nginx's port on 127.0.0.1 (default: a free one),
#   --kill pool|link how failover kills the victim: SIGKILL to its whole pool (default), or its
#   veth set down (requests to it then time out), --victim N (default 2), --keep (all: leave DIR,
#   and on failure the network too, to look at).
# Environment: MULTIHOST_PREFIX (default mf: names mf-h1.., mf-br), MULTIHOST_NET (default
#   10.213.0), MULTIHOST_BUYERS (200), MULTIHOST_STOCK (50), MEDUSA_BIN, MEDUSA_SRCDIR.
# Output: one "ok"/"not ok" line per check, details as "# ..." lines; logs in DIR.
set -euo pipefail

: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
PFX="${MULTIHOST_PREFIX:-mf}"
NET="${MULTIHOST_NET:-10.213.0}"
BUYERS="${MULTIHOST_BUYERS:-200}"
STOCK="${MULTIHOST_STOCK:-50}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
PGSERVER="$MEDUSA_SRCDIR/tests/pg/server.sh"
failed=0

die() {
    echo "run.sh: $*" >&2
    exit 2
}

check() { # check NAME COMMAND...: one ok / not ok line
    if "${@:2}"; then
        echo "ok - $1"
    else
        echo "not ok - $1"
        failed=1
    fi
}

eq() { # eq GOT WANT
    [ "$1" = "$2" ] && return 0
    echo "#   got '$1', want '$2'"
    return 1
}

# ---- state ----------------------------------------------------------------------------------

# The state file DIR/env holds what later verbs need: HOSTS WORKERS PORT DBKIND HOSTDB QUERYDB.
load_state() {
    [ -f "$DIR/env" ] || die "no multihost state in $DIR (run.sh up first)"
    # shellcheck disable=SC1091
    . "$DIR/env"
    BASE="http://127.0.0.1:$PORT"
}

# dbq [SQL]: SQL (argument or stdin) on the shared database, rows as sqlite3 prints them; on
# PostgreSQL through `medusa-fcgi sql` (the same SQLite-dialect SQL, rewritten by the driver).
dbq() {
    if [ "$DBKIND" = sqlite ]; then
        sqlite3 -cmd '.timeout 10000' "$QUERYDB" "$@"
    elif [ $# -gt 0 ]; then
        printf '%s\n;\n' "$1" | MEDUSA_DATABASE="$QUERYDB" "$MEDUSA_BIN" sql
    else
        MEDUSA_DATABASE="$QUERYDB" "$MEDUSA_BIN" sql
    fi
}

ns() { echo "$PFX-h$1"; }
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }
host_addr() { echo "$NET.1$1"; }

# ---- up / down ------------------------------------------------------------------------------

preflight() {
    [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces)"
    command -v ip >/dev/null || die "needs ip (iproute2)"
    ip netns add "$PFX-probe" 2>/dev/null || die "ip netns is not permitted here"
    ip netns del "$PFX-probe"
    [ -x "$MEDUSA_BIN" ] || die "no $MEDUSA_BIN"
    [ -x "$NGINX" ] || die "no nginx"
    command -v cgi-fcgi >/dev/null || die "needs cgi-fcgi (libfcgi-bin)"
    if ip -o addr show | grep -q " $NET\."; then
        die "$NET.0/24 is in use on this machine (MULTIHOST_NET picks another)"
    fi
    local i
    for i in 1 2 3; do
        if ip netns list | grep -qw "$(ns "$i")"; then
            die "namespace $(ns "$i") exists (a run left behind? run.sh down --dir ITS_DIR, or ip netns del)"
        fi
    done
}

network_up() {
    ip link add "$PFX-br" type bridge
    ip addr add "$NET.1/24" dev "$PFX-br"
    ip link set "$PFX-br" up
    local i n
    for i in $(seq "$HOSTS"); do
        n=$(ns "$i")
        ip netns add "$n"
        ip link add "$PFX-h${i}r" type veth peer name "$PFX-h${i}n"
        ip link set "$PFX-h${i}n" netns "$n"
        ip link set "$PFX-h${i}r" master "$PFX-br" up
        ip -n "$n" link set lo up
        ip -n "$n" addr add "$(host_addr "$i")/24" dev "$PFX-h${i}n"
        ip -n "$n" link set "$PFX-h${i}n" up
        ip -n "$n" route add default via "$NET.1"
    done
    # A bridge port forwards once it has left the learning state (3: forwarding).
    for i in $(seq "$HOSTS"); do
        local t=0
        until [ "$(cat "/sys/class/net/$PFX-h${i}r/brport/state" 2>/dev/null)" = 3 ]; do
            t=$((t + 1))
            [ $t -lt 100 ] || die "host $i's bridge port does not forward"
            sleep 0.1
        done
    done
}

db_up() {
    case "$DB" in
    sqlite | /* | ./* | *.db)
        DBKIND=sqlite
        HOSTDB="$DIR/medusa.db"
        [ "$DB" = sqlite ] || HOSTDB=$(realpath -m "$DB")
        QUERYDB="$HOSTDB"
        rm -f "$HOSTDB" "$HOSTDB-wal" "$HOSTDB-shm"
        ;;
    pg)
        DBKIND=pg
        mkdir -p "$DIR/pg"
        "$PGSERVER" start --listen "127.0.0.1,$NET.1" --fsync on --max-connections 200 "$DIR/pg"
        "$PGSERVER" createdb "$DIR/pg" medusa
        HOSTDB=$("$PGSERVER" url "$DIR/pg" medusa "$NET.1")
        QUERYDB=$("$PGSERVER" url "$DIR/pg" medusa)
        ;;
    postgres://* | postgresql://*)
        DBKIND=pg
        HOSTDB="$DB"
        QUERYDB="$DB"
        ;;
    *) die "DB: sqlite, pg, a postgres:// URI or a SQLite file path" ;;
    esac
    printf 'DBKIND=%s\nHOSTDB=%q\nQUERYDB=%q\n' "$DBKIND" "$HOSTDB" "$QUERYDB" >>"$DIR/env"
}

db_seed() {
    MEDUSA_DATABASE="$HOSTDB" "$MEDUSA_BIN" migrate >"$DIR/migrate.log" 2>&1 ||
        { cat "$DIR/migrate.log" >&2; die "migrate failed"; }
    MEDUSA_DATABASE="$HOSTDB" "$MEDUSA_BIN" seed "$MEDUSA_SRCDIR/conf/demo-seed.json" \
        >>"$DIR/migrate.log" 2>&1 || { cat "$DIR/migrate.log" >&2; die "seed failed"; }
}

pool_up() { # pool_up I: host I's worker pool, in its namespace, a process group of its own
    local i="$1" h="$DIR/h$1"
    mkdir -p "$h/uploads"
    # setsid first: the pool is then the leader of its own group, which `down` and the failover
    # kill whole. ip netns exec execs the program, so $! is the supervisor.
    # DIR/pool.conf, when there is one, is the pools' config (bench: no answer cache).
    local conf=()
    [ ! -f "$DIR/pool.conf" ] || conf=(-c "$DIR/pool.conf")
    MEDUSA_DATABASE="$HOSTDB" MEDUSA_ENV=development MEDUSA_UPLOAD_DIR="$h/uploads" \
        setsid ip netns exec "$(ns "$i")" "$MEDUSA_BIN" "${conf[@]}" serve \
        --listen "$(host_addr "$i"):9000" --workers "$WORKERS" </dev/null >>"$h/medusa.log" 2>&1 &
    echo $! >"$h/pid"
    disown
}

# fcgi_health I: GET /health straight to host I's FastCGI socket (no nginx in between).
fcgi_health() {
    env -i REQUEST_METHOD=GET REQUEST_URI=/health PATH_INFO=/health SCRIPT_NAME= \
        QUERY_STRING= SERVER_PROTOCOL=HTTP/1.1 GATEWAY_INTERFACE=CGI/1.1 \
        cgi-fcgi -bind -connect "$(host_addr "$1"):9000" 2>/dev/null | grep -q '^OK'
}

nginx_up() {
    local d="$DIR/nginx" f i servers=""
    mkdir -p "$d/tmp"
    for f in medusa-fcgi-locations.conf medusa-fcgi-params.conf; do
        ln -sf "$MEDUSA_SRCDIR/conf/nginx/$f" "$d/$f"
    done
    # The shipped zones at a rate no test reaches (as tests/stack.sh does by default).
    sed 's|rate=[0-9]*r/m|rate=100000r/s|' "$MEDUSA_SRCDIR/conf/nginx/medusa-fcgi-limits.conf" \
        >"$d/medusa-fcgi-limits.conf"
    for i in $(seq "$HOSTS"); do
        servers="$servers        server $(host_addr "$i"):9000 max_fails=1 fail_timeout=10s;
"
    done
    cat >"$d/nginx.conf" <<CONF
user root;
worker_processes 2;
pid $d/nginx.pid;
error_log $d/error.log warn;
daemon on;
events { worker_connections 4096; }
http {
    log_format up '\$msec|\$status|\$upstream_addr|\$upstream_status|\$request';
    access_log $d/access.log up;
    client_body_temp_path $d/tmp/body;
    fastcgi_temp_path $d/tmp/fastcgi;
    proxy_temp_path $d/tmp/proxy;
    uwsgi_temp_path $d/tmp/uwsgi;
    scgi_temp_path $d/tmp/scgi;
    default_type application/octet-stream;
    # A host that refuses or times out is skipped for the next one. nginx never passes a
    # request on once it has been sent (a POST, say, to a host that then died): that client
    # gets the 502 and the database is left as the dead host left it.
    fastcgi_next_upstream error timeout;
    upstream medusa_fcgi {
$servers    }
    include medusa-fcgi-limits.conf;
    server {
        listen 127.0.0.1:$PORT;
        include medusa-fcgi-locations.conf;
        location = /nginx-200 { return 200 "ok"; }
    }
}
CONF
    # shellcheck disable=SC2094 # -e only names the log nginx writes; nothing reads it here
    "$NGINX" -p "$d" -c "$d/nginx.conf" -e "$d/error.log" 2>>"$d/error.log" ||
        { cat "$d/error.log" >&2; die "nginx did not start"; }
}

up() {
    preflight
    mkdir -p "$DIR"
    DIR=$(cd "$DIR" && pwd)
    # The postgres user reaches DIR/pg (mktemp makes DIR private).
    [ "$DB" != pg ] || chmod 755 "$DIR"
    [ -n "$PORT" ] || PORT=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
    # What down needs first: it can then undo a half-made `up`.
    printf 'HOSTS=%s\nWORKERS=%s\nPORT=%s\nPFX=%s\nNET=%s\n' "$HOSTS" "$WORKERS" "$PORT" "$PFX" \
        "$NET" >"$DIR/env"
    network_up
    db_up
    db_seed
    local i t
    for i in $(seq "$HOSTS"); do pool_up "$i"; done
    for i in $(seq "$HOSTS"); do
        t=0
        until fcgi_health "$i"; do
            t=$((t + 1))
            [ $t -lt 100 ] || { tail -20 "$DIR/h$i/medusa.log" >&2; die "host $i's pool does not answer"; }
            sleep 0.1
        done
    done
    nginx_up
    "$MEDUSA_SRCDIR/tests/stack.sh" wait "$PORT" || die "nginx does not answer /health on $PORT"
}

down() {
    [ -f "$DIR/env" ] || return 0
    # shellcheck disable=SC1091
    . "$DIR/env"
    local i pid
    [ -f "$DIR/nginx/nginx.pid" ] && kill "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null
    for i in 1 2 3; do
        [ -f "$DIR/h$i/pid" ] || continue
        pid=$(cat "$DIR/h$i/pid")
        kill -KILL -- "-$pid" 2>/dev/null || true
        rm -f "$DIR/h$i/pid"
    done
    for i in 1 2 3; do
        ip netns del "$(ns "$i")" 2>/dev/null || true
        ip link del "$PFX-h${i}r" 2>/dev/null || true
    done
    ip link del "$PFX-br" 2>/dev/null || true
    if [ -d "$DIR/pg/data" ]; then
        "$PGSERVER" stop "$DIR/pg" || true
    fi
    rm -f "$DIR/nginx/nginx.pid"
    return 0
}

# ---- checks ---------------------------------------------------------------------------------

variant_of_storm() {
    dbq "SELECT id FROM product_variant ORDER BY id LIMIT 1"
}

# nginx's access log: msec|status|upstream_addr|upstream_status|request, the upstream fields
# listing every host tried ("a:9000, b:9000").
alog() { # alog SINCE: the lines logged at or after SINCE (epoch seconds)
    awk -F'|' -v t="$1" '$1 >= t' "$DIR/nginx/access.log"
}

# upstreams_used SINCE: how many hosts answered requests (200) after time SINCE (epoch s).
upstreams_used() {
    alog "$1" | awk -F'|' '$2 == 200 { n = split($3, a, ", "); u[a[n]] = 1 } END { n = 0; for (k in u) n++; print n }'
}

# answers_5xx SINCE: requests answered 5xx after SINCE.
answers_5xx() {
    alog "$1" | awk -F'|' '$2 >= 500 { n++ } END { print n + 0 }'
}

# The order invariants over the whole database: no cart with two orders, every order with its
# lines and exactly one live payment, no payment session authorized twice for a cart, no
# negative stock.
order_invariants() {
    check "no cart has two orders" \
        eq "$(dbq "SELECT count(*) FROM (SELECT cart_id FROM \"order\" GROUP BY cart_id HAVING count(*) > 1) x")" 0
    check "every order has its lines and exactly one payment (none captured twice)" \
        eq "$(dbq "SELECT count(*) FROM \"order\" o WHERE
                NOT EXISTS (SELECT 1 FROM line_item l WHERE l.order_id = o.id)
             OR (SELECT count(*) FROM payment p WHERE p.order_id = o.id AND p.canceled_at IS NULL) != 1")" 0
    check "no payment row is counted for two orders or two carts" \
        eq "$(dbq "SELECT count(*) FROM (SELECT cart_id FROM payment WHERE cart_id IS NOT NULL AND canceled_at IS NULL GROUP BY cart_id HAVING count(*) > 1) x")" 0
    check "no negative stock" \
        eq "$(dbq "SELECT count(*) FROM product_variant WHERE inventory_quantity < 0")" 0
}

storm() {
    load_state
    local v since res orders refused other
    v=$(variant_of_storm)
    dbq "UPDATE product_variant SET inventory_quantity = $STOCK, manage_inventory = 1,
            allow_backorder = 0 WHERE id = '$v'"
    since=$(date +%s.%N)
    res=$(python3 "$(dirname "$0")/storm.py" "$BASE" "$BUYERS" "$v" "$DIR/storm.out" \
        2>"$DIR/storm.err") || { cat "$DIR/storm.err" >&2; check "storm ran" false; return; }
    sed 's/^/# /' "$DIR/storm.err"
    echo "# storm: $BUYERS buyers, $STOCK units: $res"
    read -r _ orders _ refused _ other <<<"$res"
    check "storm: exactly $STOCK buyers got an order" eq "$orders" "$STOCK"
    check "storm: every other buyer got a 4xx in Medusa's error body" eq "$refused" "$((BUYERS - STOCK))"
    check "storm: no 5xx, no answer missing" eq "$other" 0
    check "storm: no 5xx in nginx's log" eq "$(answers_5xx "$since")" 0
    check "storm: $STOCK orders of the variant in the database" \
        eq "$(dbq "SELECT count(DISTINCT l.order_id) FROM line_item l WHERE l.variant_id = '$v' AND l.order_id IS NOT NULL")" "$STOCK"
    check "storm: stock is 0" eq "$(dbq "SELECT inventory_quantity FROM product_variant WHERE id = '$v'")" 0
    check "storm: nginx spread the buyers over all $HOSTS hosts" eq "$(upstreams_used "$since")" "$HOSTS"
    order_invariants
}

failover() {
    load_state
    local v stock=100000 out="$DIR/failover.out" stop="$DIR/failover.stop" load since killed_at
    local got failures before after sold_db pid n
    { [ "$VICTIM" -ge 1 ] && [ "$VICTIM" -le "$HOSTS" ]; } || die "--victim 1..$HOSTS"
    v=$(variant_of_storm)
    dbq "UPDATE product_variant SET inventory_quantity = $stock, manage_inventory = 1,
            allow_backorder = 0 WHERE id = '$v'"
    before=$(dbq "SELECT coalesce(sum(quantity), 0) FROM line_item WHERE variant_id = '$v' AND order_id IS NOT NULL")
    since=$(date +%s.%N)
    rm -f "$stop" "$out"
    python3 "$MEDUSA_SRCDIR/tests/bats/checkout_load.py" "$BASE" 120 $((HOSTS * WORKERS)) "$v" \
        "$out" "$stop" >"$DIR/failover.load" &
    load=$!
    # Kill the victim once orders flow, mid-load.
    n=0
    until [ "$(lines "$out")" -ge 20 ]; do
        n=$((n + 1))
        [ $n -lt 600 ] || break
        sleep 0.1
    done
    killed_at=$(date +%s.%N)
    echo "$(host_addr "$VICTIM"):9000" >>"$DIR/dead"
    if [ "$KILL" = link ]; then
        ip link set "$PFX-h${VICTIM}r" down
        echo "# host $VICTIM's veth set down after $(lines "$out") orders"
    else
        pid=$(cat "$DIR/h$VICTIM/pid")
        kill -KILL -- "-$pid"
        echo "# host $VICTIM's pool killed (SIGKILL to the group) after $(lines "$out") orders"
    fi
    local at_kill
    at_kill=$(lines "$out")
    # Then on: the load goes on until 40 more orders went through the other hosts.
    n=0
    until [ "$(lines "$out")" -ge $((at_kill + 40)) ]; do
        n=$((n + 1))
        [ $n -lt 900 ] || break
        sleep 0.1
    done
    touch "$stop"
    wait "$load" || true
    read -r got failures <"$DIR/failover.load"
    echo "# failover: $got orders answered 200, $failures flows cut; $(answers_5xx "$since") 5xx from nginx"
    alog "$since" | awk -F'|' '$2 >= 500 { print "#   " $2 " from " $3 " (" $4 ") " $5 }' | sort | uniq -c |
        sort -rn | head -5
    check "failover: orders went on after host $VICTIM died" test "$got" -ge $((at_kill + 40))
    check "failover: after the kill, only the live hosts served" \
        eq "$(alog "$(awk -v t="$killed_at" 'BEGIN { printf "%.3f", t + 1 }')" | awk -F'|' -v h="$(host_addr "$VICTIM"):9000" \
            '$2 == 200 { n = split($3, a, ", "); if (a[n] == h) c++ } END { print c + 0 }')" 0
    check "failover: every 5xx is nginx's 502/504 for the dead host, none from a live pool" \
        eq "$(alog "$since" | awk -F'|' -v dead="$(tr '\n' ' ' <"$DIR/dead")" '
            BEGIN { split(dead, d, " "); for (k in d) isdead[d[k]] = 1 }
            $2 >= 500 { n = split($3, a, ", "); if (($2 != 502 && $2 != 504) || !(a[n] in isdead)) c++ }
            END { print c + 0 }')" 0
    # Every order a client got a 200 for is there, whole.
    check "failover: every order answered 200 is in the database with its cart, lines and payment" \
        eq "$({
            echo "CREATE TEMP TABLE got (cart TEXT, ord TEXT, qty INTEGER);"
            awk '{ printf "INSERT INTO got VALUES (\x27%s\x27, \x27%s\x27, %d);\n", $1, $2, $3 }' "$out"
            echo "SELECT count(*) FROM got g WHERE
                    NOT EXISTS (SELECT 1 FROM \"order\" o WHERE o.id = g.ord AND o.cart_id = g.cart)
                 OR (SELECT coalesce(sum(quantity), 0) FROM line_item l WHERE l.order_id = g.ord
                       AND l.variant_id = '$v') != g.qty
                 OR (SELECT count(*) FROM payment p WHERE p.order_id = g.ord AND p.canceled_at IS NULL) != 1
                 OR (SELECT completed_at FROM cart c WHERE c.id = g.cart) IS NULL;"
        } | dbq)" 0
    after=$(dbq "SELECT inventory_quantity FROM product_variant WHERE id = '$v'")
    sold_db=$(($(dbq "SELECT coalesce(sum(quantity), 0) FROM line_item WHERE variant_id = '$v' AND order_id IS NOT NULL") - before))
    check "failover: stock sold = units in orders ($sold_db)" eq "$((stock - after))" "$sold_db"
    order_invariants
}

# all's trap: down, and DIR removed, unless --keep (which keeps a failed run's network too).
cleanup() {
    if [ -n "$KEEP" ] && [ "$failed" != 0 ]; then
        echo "# --keep: left running in $DIR (run.sh down --dir $DIR)"
        return
    fi
    down
    [ -n "$KEEP" ] || rm -rf "$DIR"
}

# ---- bench ----------------------------------------------------------------------------------

# bench_one: after up, one table row for this HOSTS x WORKERS: checkout flows a second (each a
# cart, a line, an e-mail, payment sessions and a completed order) and catalog answers a second.
bench_one() {
    load_state
    local v secs="${MULTIHOST_BENCH_SECONDS:-10}" got failures rps
    v=$(variant_of_storm)
    dbq "UPDATE product_variant SET inventory_quantity = 10000000, manage_inventory = 1,
         allow_backorder = 0 WHERE id = '$v'"
    python3 "$MEDUSA_SRCDIR/tests/bats/checkout_load.py" "$BASE" "$secs" 8 "$v" "$DIR/bench.orders" \
        >"$DIR/bench.load"
    read -r got failures <"$DIR/bench.load"
    rps=$(wrk -t2 -c16 -d"${secs}s" "$BASE/store/products?limit=10" | awk '/^Requests\/sec/ { print $2 }')
    awk -v h="$HOSTS" -v w="$WORKERS" -v g="$got" -v f="$failures" -v s="$secs" -v r="$rps" \
        'BEGIN { printf "| %d x %d | %.1f | %d | %.0f |\n", h, w, g / s, f, r }'
}

bench() {
    local total="$WORKERS" n
    command -v wrk >/dev/null || die "bench needs wrk"
    echo "# $(nproc) cores; $total workers in all; PostgreSQL (fsync on) and nginx on the same machine"
    echo "| hosts x workers | checkout flows/s | failed flows | GET /store/products?limit=10 req/s, uncached |"
    echo "|---|---|---|---|"
    for n in 1 2 3; do
        DIR=$(mktemp -d /tmp/mf-multihost.XXXXXX) HOSTS=$n WORKERS=$(((total + n - 1) / n)) PORT=""
        trap cleanup EXIT
        printf 'environment = development\ncache_ttl_ms = 0\n' >"$DIR/pool.conf"
        up >"$DIR/up.log" 2>&1 || { cat "$DIR/up.log" >&2; die "up with $n hosts failed"; }
        bench_one
        cleanup
        trap - EXIT
    done
}

# ---- main -----------------------------------------------------------------------------------

verb="${1:-}"
[ $# -gt 0 ] && shift
DIR="" HOSTS=3 WORKERS="" PORT="" KILL=pool VICTIM=2 KEEP="" DB=""
while [ $# -gt 0 ]; do
    case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --hosts) HOSTS="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --kill) KILL="$2"; shift 2 ;;
    --victim) VICTIM="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -*) die "unknown option $1" ;;
    *) DB="$1"; shift ;;
    esac
done
case "$HOSTS" in 2 | 3) ;; *) die "--hosts 2 or 3" ;; esac
# Workers per host; bench: in all, shared among the hosts.
if [ -z "$WORKERS" ]; then
    WORKERS=4
    [ "$verb" != bench ] || WORKERS=6
fi
case "$KILL" in pool | link) ;; *) die "--kill pool|link" ;; esac

case "$verb" in
up | all)
    [ -n "$DB" ] || die "usage: run.sh $verb [OPTIONS] DB"
    [ -n "$DIR" ] || DIR=$(mktemp -d /tmp/mf-multihost.XXXXXX)
    ;;
bench) [ -n "$DB" ] || die "usage: run.sh bench [OPTIONS] DB" ;;
storm | failover | down) [ -n "$DIR" ] || die "usage: run.sh $verb --dir DIR" ;;
*) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac

case "$verb" in
up) up ;;
down) down ;;
storm) storm; exit "$failed" ;;
failover) failover; exit "$failed" ;;
bench) bench ;;
all)
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    echo "# $DIR: $HOSTS hosts x $WORKERS workers on $DB"
    up
    storm
    failover
    exit "$failed"
    ;;
esac
