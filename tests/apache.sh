#!/bin/sh
# apache.sh: a private Apache 2.4 (Debian's apache2 binary, its own config, port and files; never
# the system service) in front of medusa-fcgi, as the bats suites' apache-fcgid and apache-cgi
# transports and the hosting tests use it.
#   apache.sh start DIR PORT fcgid   conf/apache/medusa-fcgi.conf as shipped: mod_fcgid starts the
#                                    binary's workers itself; DIR/medusa-fcgi.conf is their config
#   apache.sh start DIR PORT cgi     a shared-hosting account: DIR is the account's home with the
#                                    database, DIR/public_html its web directory holding the binary
#                                    as medusa.cgi, conf/apache/htaccess as .htaccess and the config
#                                    medusa-fcgi.conf beside the binary; mod_cgid runs it once per
#                                    request (under suexec as APACHE_ACCOUNT when run as root)
#   apache.sh graceful DIR           `apache2 -k graceful` (what `systemctl reload apache2` does)
#   apache.sh stop DIR               stop Apache (graceful-stop; the fcgid workers get SIGTERM)
# The database is DIR/medusa.db (the cgi mode's config names it ../medusa.db, relative to itself),
# or STACK_DATABASE when set (a PostgreSQL URI, written as is into the config).
# Apache's own files go to DIR/apache/ (apache2.conf, httpd.pid, error.log). Run as root, Apache
# runs as www-data (it refuses root) and the account's files belong to APACHE_ACCOUNT (default:
# www-data without suexec, nobody with it); suexec needs the account under /var/www.
set -eu
: "${MEDUSA_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${MEDUSA_BIN:=$MEDUSA_SRCDIR/src/medusa-fcgi}"
: "${MEDUSA_ADMIN_UI:=$(cd "$(dirname "$MEDUSA_BIN")/.." && pwd)/admin-ui/www}"
APACHE="${APACHE:-/usr/sbin/apache2}"
MODS=/usr/lib/apache2/modules

# suexec_ok DIR: true when Apache can run the account's CGI under suexec: root, the suexec
# helper installed (apache2-suexec-pristine or -custom) and DIR under its document root.
suexec_ok() {
    [ "$(id -u)" -eq 0 ] && [ -x /usr/lib/apache2/suexec ] && [ -f "$MODS/mod_suexec.so" ] &&
        case "$1" in /var/www/*) true ;; *) false ;; esac
}

common_conf() {
    dir="$1" port="$2"
    cat <<CONF
# Written by tests/apache.sh: a private Apache for one test file.
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile $dir/apache/httpd.pid
ErrorLog $dir/apache/error.log
LogLevel warn
DefaultRuntimeDir $dir/apache/run
Mutex file:$dir/apache/run default
LoadModule mpm_event_module $MODS/mod_mpm_event.so
LoadModule authz_core_module $MODS/mod_authz_core.so
LoadModule authz_host_module $MODS/mod_authz_host.so
LoadModule mime_module $MODS/mod_mime.so
LoadModule alias_module $MODS/mod_alias.so
LoadModule env_module $MODS/mod_env.so
LoadModule setenvif_module $MODS/mod_setenvif.so
LoadModule rewrite_module $MODS/mod_rewrite.so
LoadModule headers_module $MODS/mod_headers.so
LoadModule dir_module $MODS/mod_dir.so
LoadModule autoindex_module $MODS/mod_autoindex.so
TypesConfig /etc/mime.types
StartServers 1
# Room for the processes of older generations that finish their requests after a graceful
# restart (two slots filled by them once left no room for new ones: requests hung).
ServerLimit 16
ThreadsPerChild 32
MaxRequestWorkers 64
Timeout 60
KeepAlive On
CONF
    if [ "$(id -u)" -eq 0 ]; then
        printf 'User www-data\nGroup www-data\n'
    fi
}

start_fcgid() {
    dir="$1" port="$2"
    common_conf "$dir" "$port" > "$dir/apache/apache2.conf"
    mkdir -p "$dir/apache/fcgid" "$dir/htdocs"
    cat >> "$dir/apache/apache2.conf" <<CONF
LoadModule fcgid_module $MODS/mod_fcgid.so
FcgidIPCDir $dir/apache/fcgid
FcgidProcessTableFile $dir/apache/fcgid/shm
DocumentRoot $dir/htdocs
# Where this test's binary and config are; the shipped file defaults to an installed binary.
Define MEDUSA_FCGI_BIN $MEDUSA_BIN
Define MEDUSA_FCGI_CONFIG $dir/medusa-fcgi.conf
Define MEDUSA_FCGI_IMAGES $MEDUSA_SRCDIR/conf/demo-images
Define MEDUSA_FCGI_ADMIN_UI $MEDUSA_ADMIN_UI
Define MEDUSA_FCGI_UPLOADS $dir/uploads
Include $MEDUSA_SRCDIR/conf/apache/medusa-fcgi.conf
CONF
    mkdir -p "$dir/uploads"
    [ "$(id -u)" -eq 0 ] && chown www-data:www-data "$dir/uploads"
    cat > "$dir/medusa-fcgi.conf" <<CONF
database = ${STACK_DATABASE:-$dir/medusa.db}
environment = development
upload_dir = $dir/uploads
CONF
    [ -d "$dir/apache/fcgid" ] && [ "$(id -u)" -eq 0 ] && chown -R www-data:www-data "$dir/apache/fcgid"
}

start_cgi() {
    dir="$1" port="$2"
    web="$dir/public_html"
    common_conf "$dir" "$port" > "$dir/apache/apache2.conf"
    mkdir -p "$web"
    # The account's files, as its owner would upload them (see README, Deploy: shared hosting).
    cp "$MEDUSA_BIN" "$web/medusa.cgi"
    cp "$MEDUSA_SRCDIR/conf/apache/htaccess" "$web/.htaccess"
    cp -r "$MEDUSA_SRCDIR/conf/demo-images" "$web/demo-images"
    cat > "$web/medusa-fcgi.conf" <<CONF
# Beside the binary: found without MEDUSA_CONFIG. A relative database is relative to this file.
database = ${STACK_DATABASE:-../medusa.db}
environment = development
CONF
    chmod 755 "$dir" "$web" "$web/medusa.cgi"
    chmod 644 "$web/.htaccess" "$web/medusa-fcgi.conf"
    suexec=""
    if suexec_ok "$dir"; then
        suexec="SuexecUserGroup ${APACHE_ACCOUNT:-nobody} $(id -gn "${APACHE_ACCOUNT:-nobody}")"
        echo "LoadModule suexec_module $MODS/mod_suexec.so" >> "$dir/apache/apache2.conf"
    fi
    cat >> "$dir/apache/apache2.conf" <<CONF
LoadModule cgid_module $MODS/mod_cgid.so
ScriptSock $dir/apache/run/cgid.sock
# As shared hosts are set up: the account's .htaccess decides (AllowOverride All), nothing is
# executable or rewritten unless it says so, .ht* files are never served.
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<VirtualHost 127.0.0.1:$port>
    DocumentRoot $web
    $suexec
    <Directory $web>
        Options SymLinksIfOwnerMatch
        AllowOverride All
        Require all granted
    </Directory>
</VirtualHost>
<FilesMatch "^\.ht">
    Require all denied
</FilesMatch>
CONF
}

start() {
    dir=$(cd "$1" && pwd) port="$2" mode="$3"
    mkdir -p "$dir/apache/run"
    case "$mode" in
    fcgid) start_fcgid "$dir" "$port" ;;
    cgi) start_cgi "$dir" "$port" ;;
    *) echo "apache.sh: unknown mode '$mode'" >&2; exit 2 ;;
    esac
    if [ "$(id -u)" -eq 0 ]; then
        # The workers (or the CGI runs) write the database and its -wal/-shm beside it.
        owner=www-data
        [ "$mode" = cgi ] && suexec_ok "$dir" && owner="${APACHE_ACCOUNT:-nobody}"
        chown "$owner:$(id -gn "$owner")" "$dir"
        [ -n "${STACK_DATABASE:-}" ] || chown "$owner:$(id -gn "$owner")" "$dir"/medusa.db*
        if [ "$mode" = cgi ]; then
            chown -R "$owner:$(id -gn "$owner")" "$dir/public_html"
            # Under suexec the account's programs run as the account: the database is its own
            # (0600), and Apache's user can cross the home directory but not read it.
            if suexec_ok "$dir"; then
                chmod 711 "$dir"
                [ -n "${STACK_DATABASE:-}" ] || chmod 600 "$dir"/medusa.db*
            fi
        fi
        chown -R www-data:www-data "$dir/apache/run"
    fi
    "$APACHE" -f "$dir/apache/apache2.conf" -k start 2>>"$dir/apache/error.log" ||
        { cat "$dir/apache/error.log" >&2; exit 1; }
    if ! "$MEDUSA_SRCDIR/tests/stack.sh" wait "$port"; then
        echo "apache.sh: no answer on port $port; error.log:" >&2
        tail -20 "$dir/apache/error.log" >&2
        exit 1
    fi
}

graceful() {
    "$APACHE" -f "$1/apache/apache2.conf" -k graceful
}

stop() {
    dir="$1"
    [ -f "$dir/apache/httpd.pid" ] || return 0
    pid=$(cat "$dir/apache/httpd.pid")
    "$APACHE" -f "$dir/apache/apache2.conf" -k stop 2>/dev/null || kill "$pid" 2>/dev/null || true
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
}

case "${1:-}" in
start) shift; start "$@" ;;
graceful) shift; graceful "$@" ;;
stop) shift; stop "$@" ;;
*) echo "usage: apache.sh start DIR PORT fcgid|cgi | graceful DIR | stop DIR" >&2; exit 2 ;;
esac
