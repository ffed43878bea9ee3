#!/bin/sh
# quickstart.sh: the README's two commands on a fresh Debian 12 machine.
#   sh tests/quickstart.sh demo   install what is missing, build, migrate, seed the demo store and
#                                 serve it through nginx on http://127.0.0.1:8080 until Ctrl-C,
#                                 with Medusa's admin dashboard at /app (npm builds it once; where
#                                 npm cannot be installed, the API alone)
#   sh tests/quickstart.sh test   install what is missing, build, run the whole test suite
set -eu
cd "$(dirname "$0")/.."

# postgresql-15 and iproute2: make check DB=pg (tests/pg/server.sh) and the multi-host test.
DEPS="build-essential autoconf automake pkg-config libfcgi-dev libjson-c-dev libsqlite3-dev libpq-dev
libsodium-dev libcurl4-openssl-dev nginx bats bats-assert bats-support curl jq sqlite3 spawn-fcgi libfcgi-bin wrk
valgrind python3 python3-yaml python3-jsonschema apache2 libapache2-mod-fcgid
apache2-suexec-pristine debhelper dpkg-dev lintian systemd procps postgresql-15 iproute2"

install_deps() {
    missing=""
    for p in $DEPS; do
        dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
    done
    # Any installed nginx flavour (nginx-light, nginx-full, ...) will do.
    if [ -x /usr/sbin/nginx ]; then
        missing=$(echo "$missing" | sed 's/ nginx / /; s/ nginx$//')
    fi
    [ -z "$missing" ] && return 0
    echo "quickstart: installing:$missing" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    # The tests start their own nginx and Apache: keep the packages from starting the system
    # services (both on port 80) while they install.
    norc=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
        $sudo chmod 755 /usr/sbin/policy-rc.d
        norc=1
    fi
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null || rc=$?
    [ -n "$norc" ] && $sudo rm -f /usr/sbin/policy-rc.d
    return "${rc:-0}"
}

build() {
    [ -x configure ] || autoreconf -fi
    [ -f Makefile ] || ./configure --enable-werror
    make -j"$(nproc)"
}

case "${1:-}" in
demo)
    install_deps
    # npm builds the admin dashboard; any installed Node.js with npm will do.
    if ! command -v npm >/dev/null 2>&1; then
        DEPS=npm
        install_deps || echo "quickstart: npm could not be installed: the demo runs without the dashboard" >&2
    fi
    build
    exec make demo
    ;;
test)
    install_deps
    build
    make -j"$(nproc)" check
    ;;
*)
    echo "usage: sh tests/quickstart.sh demo|test" >&2
    exit 2
    ;;
esac
