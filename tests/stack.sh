#!/bin/sh
# stack.sh: nginx (with the shipped conf/nginx locations and params) in front of a medusa-fcgi
# worker pool, all files in one directory. Used by the bats suite, `make demo` and `make bench`.
#   stack.sh freeport                  print a free loopback TCP port
#   stack.sh start DIR PORT [WORKERS]  serve DIR/medusa.db on 127.0.0.1:PORT; waits for /health
#   stack.sh stop DIR                  stop nginx and the pool (SIGTERM: in-flight requests finish)
#   stack.sh wait PORT                 wait (up to 10 s) for /health on 127.0.0.1:PORT
# Files in DIR: medusa.sock, medusa.pid (the supervisor), medusa.log (its stderr), nginx.conf,
# nginx.pid, nginx-error.log, uploads/ (the pool's upload_dir, served at /uploads/).
# STACK_NGINX_WORKERS sets nginx's worker_processes (default 1); STACK_RATE_LIMITS=shipped keeps
# the shipped login/password-reset rates (default: relaxed); STACK_LISTEN_V6=1 also listens on
# [::1] (the demo: "localhost" may resolve to it first). STACK_DATABASE is the pool's database
# instead of DIR/medusa.db (a PostgreSQL URI, say). MEDUSA_ADMIN_UI names the folder
# holding the built dashboard's app/ (default: admin-ui/www of the build tree, which
# `make admin-ui` fills), served at /app as the shipped medusa-fcgi-static.conf does.
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
: "${MEDUSA_ADMIN_UI:=$(cd "$(dirname "$MEDUSA_BIN")/.." && pwd)/admin-ui/www}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

freeport() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_health() {
    i=0
    while [ $i -lt 100 ]; do
        if curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$1/health" 2>/dev/null; then
            return 0
        fi
        i=$((i + 1))
        sleep 0.1
    done
    return 1
}

start() {
    dir=$(cd "$1" && pwd) port="$2" workers="${3:-2}"
    mkdir -p "$dir/nginx-tmp"
    # The shipped files, included by name relative to nginx.conf's directory.
    mkdir -p "$dir/uploads"
    for f in medusa-fcgi-locations.conf medusa-fcgi-params.conf medusa-fcgi-static.conf; do
        ln -sf "$MEDUSA_SRCDIR/conf/nginx/$f" "$dir/$f"
    done
    # The shipped rate limits with STACK_RATE_LIMITS=shipped; otherwise the same zones at a rate
    # no test reaches, so suites that log in many times are not throttled.
    rm -f "$dir/medusa-fcgi-limits.conf"
    if [ "${STACK_RATE_LIMITS:-relaxed}" = shipped ]; then
        ln -s "$MEDUSA_SRCDIR/conf/nginx/medusa-fcgi-limits.conf" "$dir/medusa-fcgi-limits.conf"
    else
        sed 's|rate=[0-9]*r/m|rate=100000r/s|' "$MEDUSA_SRCDIR/conf/nginx/medusa-fcgi-limits.conf" \
            > "$dir/medusa-fcgi-limits.conf"
    fi
    user=""
    [ "$(id -u)" -eq 0 ] && user="user root;"
    cat > "$dir/nginx.conf" <<CONF
$user
worker_processes ${STACK_NGINX_WORKERS:-1};
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
daemon on;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/nginx-tmp/body;
    fastcgi_temp_path $dir/nginx-tmp/fastcgi;
    proxy_temp_path $dir/nginx-tmp/proxy;
    uwsgi_temp_path $dir/nginx-tmp/uwsgi;
    scgi_temp_path $dir/nginx-tmp/scgi;
    default_type application/octet-stream;
    upstream medusa_fcgi { server unix:$dir/medusa.sock; }
    include medusa-fcgi-limits.conf;
    server {
        listen 127.0.0.1:$port;
        ${STACK_LISTEN_V6:+listen [::1]:$port;}
        include medusa-fcgi-locations.conf;
        set \$medusa_admin_ui $MEDUSA_ADMIN_UI;
        set \$medusa_uploads $dir/uploads;
        include medusa-fcgi-static.conf;
        # The demo store's product images, as the shipped site serves them from the install.
        location /demo-images/ { alias $MEDUSA_SRCDIR/conf/demo-images/; }
        location = /nginx-200 { return 200 "ok"; }
        location = /hello { fastcgi_pass unix:$dir/hello.sock; include medusa-fcgi-params.conf; }
        location = /oneread { fastcgi_pass unix:$dir/oneread.sock; include medusa-fcgi-params.conf; }
    }
}
CONF
    rm -f "$dir/medusa.sock"
    MEDUSA_DATABASE="${STACK_DATABASE:-$dir/medusa.db}" MEDUSA_ENV="${MEDUSA_ENV:-development}" \
        MEDUSA_UPLOAD_DIR="$dir/uploads" \
        setsid "$MEDUSA_BIN" serve --listen "unix:$dir/medusa.sock" --workers "$workers" \
        </dev/null >>"$dir/medusa.log" 2>&1 3>&- &
    echo $! > "$dir/medusa.pid"
    # shellcheck disable=SC2094 # -e only names the log nginx writes; nothing reads it here
    "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-error.log" 2>>"$dir/nginx-error.log" ||
        { cat "$dir/nginx-error.log" >&2; exit 1; }
    if ! wait_health "$port"; then
        echo "stack.sh: no answer on port $port; medusa.log:" >&2
        tail -20 "$dir/medusa.log" >&2
        tail -5 "$dir/nginx-error.log" >&2
        exit 1
    fi
}

stop() {
    dir="$1"
    if [ -f "$dir/nginx.pid" ]; then
        kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
    fi
    if [ -f "$dir/medusa.pid" ]; then
        pid=$(cat "$dir/medusa.pid")
        kill -TERM "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 350 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        kill -KILL "$pid" 2>/dev/null || true
        rm -f "$dir/medusa.pid"
    fi
    rm -f "$dir/nginx.pid"
}

case "${1:-}" in
freeport) freeport ;;
wait) wait_health "$2" ;;
start) shift; start "$@" ;;
stop) shift; stop "$@" ;;
*) echo "usage: stack.sh freeport | start DIR PORT [WORKERS] | stop DIR | wait PORT" >&2; exit 2 ;;
esac
