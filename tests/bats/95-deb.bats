#!/usr/bin/env bats
# 95-deb.bats: the Debian package (README "Deploy: the Debian package"). Builds it with
# `dpkg-buildpackage -us -uc -b` from a copy of the tree, checks it with lintian, installs it,
# serves the demo store through nginx from the installed files with the pool run as the installed
# systemd unit runs it, then purges it. Needs root and dpkg-dev, debhelper, lintian; skipped
# otherwise, when medusa-fcgi is already installed on this machine (never touched), or with
# MEDUSA_SKIP_DEB=1. It changes the machine (a package, a system user): everything is removed at
# the end.

load helpers
load hosting

UNIT=/lib/systemd/system/medusa-fcgi.service

can_run() {
    [ "${MEDUSA_SKIP_DEB:-}" != 1 ] && [ "$(id -u)" -eq 0 ] && command -v dpkg-buildpackage >/dev/null &&
        command -v dh >/dev/null && command -v lintian >/dev/null && [ -x /usr/sbin/nginx ] &&
        ! dpkg -s medusa-fcgi >/dev/null 2>&1 && [ -d "$MEDUSA_SRCDIR/debian" ] &&
        git -C "$MEDUSA_SRCDIR" rev-parse >/dev/null 2>&1
}

setup_file() {
    sqlite_only "the installed package serves a SQLite file (the Debian package's layout)" || return 0
    can_run || return 0
    # From here on this file owns the package: the tests run, teardown_file purges it.
    export DEB_RUN=1
    export BUILD="$BATS_FILE_TMPDIR/build" DIR="$BATS_FILE_TMPDIR/serve"
    mkdir -p "$BUILD/medusa-fcgi" "$DIR"
    # The tracked (and new, unignored) files: what a clone holds.
    (cd "$MEDUSA_SRCDIR" && git ls-files -z --cached --others --exclude-standard |
        xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ |
        xargs -0 cp --parents -t "$BUILD/medusa-fcgi")
    # A clean environment, as a package builder has (the suites' MEDUSA_* would leak into the
    # unit tests the build runs).
    (cd "$BUILD/medusa-fcgi" && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$BUILD" \
        dpkg-buildpackage -us -uc -b) > "$BUILD/build.log" 2>&1 ||
        { tail -30 "$BUILD/build.log" >&3; return 1; }
    DEB=$(ls "$BUILD"/medusa-fcgi_*_*.deb)
    export DEB
    # apt-get, for its wait on the dpkg lock (another apt run may hold it a while).
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 "$DEB" \
        > "$BUILD/install.log" 2>&1 || { cat "$BUILD/install.log" >&3; return 1; }
}

setup() {
    skip_sqlite_only
    [ "${DEB_RUN:-}" = 1 ] ||
        skip "needs root, dpkg-dev, debhelper, lintian, nginx and no medusa-fcgi installed"
}

teardown_file() {
    [ "${DEB_RUN:-}" = 1 ] || return 0
    [ -f "$DIR/nginx.pid" ] && kill "$(cat "$DIR/nginx.pid")" 2>/dev/null
    [ -f "$DIR/pool.pid" ] && kill "$(cat "$DIR/pool.pid")" 2>/dev/null && sleep 1
    apt-get purge -y -o DPkg::Lock::Timeout=600 medusa-fcgi > /dev/null 2>&1 || true
    # What purge keeps on purpose (a shop's data and its user), removed here: this was a test.
    rm -rf /var/lib/medusa-fcgi /run/medusa-fcgi
    if getent passwd medusa-fcgi > /dev/null; then
        deluser --quiet --system medusa-fcgi > /dev/null 2>&1 || true
    fi
    if getent group medusa-fcgi > /dev/null; then
        delgroup --quiet --system medusa-fcgi > /dev/null 2>&1 || true
    fi
}

# as_unit CMD...: runs CMD as the installed unit runs its commands (User=, Group=,
# SupplementaryGroups=, UMask=).
as_unit() {
    local user group sup umask
    user=$(sed -n 's/^User=//p' "$UNIT")
    group=$(sed -n 's/^Group=//p' "$UNIT")
    sup=$(sed -n 's/^SupplementaryGroups=//p' "$UNIT")
    umask=$(sed -n 's/^UMask=//p' "$UNIT")
    setpriv --reuid="$user" --regid="$group" --groups="$sup" --inh-caps=-all \
        sh -c 'umask "$1"; shift; exec "$@"' _ "$umask" "$@"
}

@test "deb: dpkg-buildpackage builds it and lintian finds nothing (overrides explained)" {
    [ -f "$DEB" ]
    # libcurl (the Stripe client) among the runtime dependencies, from ${shlibs:Depends}.
    run dpkg-deb -f "$DEB" Depends
    assert_output --regexp '(^|, )libcurl4 '
    run lintian --fail-on error,warning,info --display-info "$DEB"
    assert_success
    refute_output --regexp '^[EWI]:'
    # Every override carries its reason.
    run grep -B1 '^medusa-fcgi:' "$MEDUSA_SRCDIR/debian/medusa-fcgi.lintian-overrides"
    assert_line --index 0 --regexp '^#'
}

@test "deb: the binary, its man page, the configs available but not enabled, the unit, the user" {
    run dpkg -L medusa-fcgi
    assert_line /usr/bin/medusa-fcgi
    assert_line /usr/share/man/man1/medusa-fcgi.1.gz
    assert_line /etc/nginx/sites-available/medusa-fcgi.conf
    assert_line /etc/nginx/medusa-fcgi-locations.conf
    assert_line /etc/apache2/conf-available/medusa-fcgi.conf
    assert_line "$UNIT"
    assert_line /usr/share/medusa-fcgi/demo-seed.json
    assert_line /usr/share/medusa-fcgi/demo-images/coffee-mug.png
    [ ! -e /etc/nginx/sites-enabled/medusa-fcgi.conf ]
    [ ! -e /etc/apache2/conf-enabled/medusa-fcgi.conf ]
    # The migrations are in the binary: it migrates an empty file without the sql/ directory.
    run env MEDUSA_DATABASE="$BATS_TEST_TMPDIR/m.db" /usr/bin/medusa-fcgi migrate
    assert_success
    assert_output --partial "applied 0001"
    # The unit names the installed binary and config and a system user that now exists.
    assert_equal "$(sed -n 's/^ExecStart=//p' "$UNIT")" \
        "/usr/bin/medusa-fcgi --config /etc/medusa-fcgi/medusa-fcgi.conf serve"
    run systemd-analyze verify "$UNIT"
    assert_success
    [ "$(id -u medusa-fcgi)" -lt 1000 ]
    assert_equal "$(stat -c '%U %a' /var/lib/medusa-fcgi)" "medusa-fcgi 700"
    # The config: fresh secrets (the defaults are refused in production), readable by the group.
    assert_equal "$(stat -c '%U:%G %a' /etc/medusa-fcgi/medusa-fcgi.conf)" "root:medusa-fcgi 640"
    run grep -E '^(jwt|cookie)_secret = [0-9a-f]{64}$' /etc/medusa-fcgi/medusa-fcgi.conf
    assert_equal "${#lines[@]}" 2
    run man -w medusa-fcgi
    assert_output /usr/share/man/man1/medusa-fcgi.1.gz
}

@test "deb: the installed site serves the demo through nginx, the pool run as the unit runs it" {
    local port
    port=$("$MEDUSA_SRCDIR/tests/stack.sh" freeport)
    # RuntimeDirectory= and its mode, then ExecStartPre= and ExecStart= as the unit's user.
    install -d -o medusa-fcgi -g "$(sed -n 's/^Group=//p' "$UNIT")" \
        -m "$(sed -n 's/^RuntimeDirectoryMode=//p' "$UNIT")" /run/medusa-fcgi
    # shellcheck disable=SC2046
    as_unit $(sed -n 's/^ExecStartPre=//p' "$UNIT") 2> "$DIR/migrate.log"
    as_unit /usr/bin/medusa-fcgi --config /etc/medusa-fcgi/medusa-fcgi.conf seed \
        /usr/share/medusa-fcgi/demo-seed.json 2>/dev/null
    # shellcheck disable=SC2046
    setsid sh -c 'echo $$ > "$1"; shift; exec "$@"' _ "$DIR/pool.pid" \
        setpriv --reuid=medusa-fcgi --regid=www-data --groups=medusa-fcgi --inh-caps=-all \
        $(sed -n 's/^ExecStart=//p' "$UNIT") > "$DIR/pool.log" 2>&1 < /dev/null &
    # nginx with the installed site as it is, but for the port (it says 80).
    ln -sf /etc/nginx/medusa-fcgi-zones.conf /etc/nginx/medusa-fcgi-locations.conf \
        /etc/nginx/medusa-fcgi-params.conf /etc/nginx/medusa-fcgi-limits.conf \
        /etc/nginx/medusa-fcgi-static.conf "$DIR/"
    sed -e "s/listen 80;/listen 127.0.0.1:$port;/" -e '/listen \[::\]:80;/d' \
        /etc/nginx/sites-available/medusa-fcgi.conf > "$DIR/site.conf"
    mkdir -p "$DIR/tmp"
    cat > "$DIR/nginx.conf" <<CONF
user www-data;
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/nginx-error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    include /etc/nginx/mime.types;
    client_body_temp_path $DIR/tmp/body;
    fastcgi_temp_path $DIR/tmp/fastcgi;
    proxy_temp_path $DIR/tmp/proxy;
    uwsgi_temp_path $DIR/tmp/uwsgi;
    scgi_temp_path $DIR/tmp/scgi;
    include $DIR/site.conf;
}
CONF
    nginx -c "$DIR/nginx.conf"
    export BASE="http://127.0.0.1:$port"
    local i
    for i in $(seq 50); do
        curl -fs -o /dev/null "$BASE/health" && break
        sleep 0.1
    done
    api GET /health
    assert_status 200
    # The pool's socket is nginx's to reach, its database the user's alone.
    assert_equal "$(stat -c '%U:%G %a' /run/medusa-fcgi/medusa-fcgi.sock)" "medusa-fcgi:www-data 660"
    assert_equal "$(stat -c '%U %a' /var/lib/medusa-fcgi/medusa.db)" "medusa-fcgi 640"
    api GET /store/products
    assert_status 200
    assert_json .count 7
    MEDUSA_TEST_DIR=/var/lib/medusa-fcgi demo_images_served
    MEDUSA_TEST_DIR=/var/lib/medusa-fcgi checkout_story
    # The Apache configuration parses with the modules it needs.
    printf '%s\n' "ServerName localhost" "Listen 127.0.0.1:$port" "ErrorLog $DIR/apache-t.log" \
        "DefaultRuntimeDir $DIR" "PidFile $DIR/apache-t.pid" \
        "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so" \
        "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so" \
        "LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so" \
        "LoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so" \
        "LoadModule fcgid_module /usr/lib/apache2/modules/mod_fcgid.so" \
        "Include /etc/apache2/conf-available/medusa-fcgi.conf" > "$DIR/apache-t.conf"
    if [ -f /usr/lib/apache2/modules/mod_fcgid.so ]; then
        run apache2 -t -f "$DIR/apache-t.conf"
        assert_output --partial "Syntax OK"
    fi
}

@test "deb: backup and check work as the medusa-fcgi user while the pool serves" {
    run as_unit /usr/bin/medusa-fcgi --config /etc/medusa-fcgi/medusa-fcgi.conf backup /var/lib/medusa-fcgi/copy.db
    assert_success
    run as_unit /usr/bin/medusa-fcgi --config /etc/medusa-fcgi/medusa-fcgi.conf check
    assert_success
    assert_line "integrity: ok"
    assert_equal "$(sqlite3 /var/lib/medusa-fcgi/copy.db 'SELECT count(*) FROM "order"')" \
        "$(sqlite3 /var/lib/medusa-fcgi/medusa.db 'SELECT count(*) FROM "order"')"
}

@test "deb: purge removes the package's files and its generated config" {
    kill "$(cat "$DIR/nginx.pid")"
    kill "$(cat "$DIR/pool.pid")"
    run apt-get purge -y -o DPkg::Lock::Timeout=600 medusa-fcgi
    assert_success
    run dpkg -s medusa-fcgi
    assert_failure
    [ ! -e /usr/bin/medusa-fcgi ] && [ ! -e "$UNIT" ] && [ ! -e /etc/medusa-fcgi ]
    [ ! -e /etc/nginx/sites-available/medusa-fcgi.conf ] && [ ! -e /etc/nginx/medusa-fcgi-locations.conf ]
    [ ! -e /etc/apache2/conf-available/medusa-fcgi.conf ]
}
