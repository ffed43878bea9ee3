#!/usr/bin/env bats
# 97-multihost.bats: medusa-fcgi on three hosts (network namespaces, a worker pool each) behind
# one nginx, all on one PostgreSQL (its own cluster, fsync on): tests/multihost/run.sh. The
# checkout storm (200 buyers, 50 units), then a host's pool killed and another host's link cut
# mid-load. Runs with MEDUSA_TEST_DB=pg (one SQLite file is not shared by hosts; `run.sh all
# sqlite` runs the same plumbing on one machine) and needs root and `ip netns`.

load helpers

multihost_unsupported() {
    if [ "$MEDUSA_TEST_DB" != pg ]; then
        echo "needs MEDUSA_TEST_DB=pg (hosts share a PostgreSQL database)"
    elif [ "$(id -u)" -ne 0 ]; then
        echo "needs root (network namespaces)"
    elif ! ip netns add "mf-probe$$" 2>/dev/null; then
        echo "ip netns is not permitted here"
    else
        ip netns del "mf-probe$$"
        return 1
    fi
}

setup_file() {
    local why
    if why=$(multihost_unsupported); then
        export MULTIHOST_SKIP="$why"
        return 0
    fi
    MULTIHOST_DIR=$(mktemp -d /tmp/mf-multihost.XXXXXX)
    export MULTIHOST_DIR
    "$MEDUSA_SRCDIR/tests/multihost/run.sh" up --dir "$MULTIHOST_DIR" --hosts 3 --workers 4 pg
}

setup() {
    [ -z "${MULTIHOST_SKIP:-}" ] || skip "$MULTIHOST_SKIP"
}

teardown_file() {
    [ -n "${MULTIHOST_DIR:-}" ] || return 0
    "$MEDUSA_SRCDIR/tests/multihost/run.sh" down --dir "$MULTIHOST_DIR"
    rm -rf "$MULTIHOST_DIR"
}

@test "multihost: 200 buyers race for 50 units over 3 hosts: 50 orders, stock 0, the rest a 4xx" {
    run "$MEDUSA_SRCDIR/tests/multihost/run.sh" storm --dir "$MULTIHOST_DIR"
    assert_success
    refute_output --partial "not ok"
}

@test "multihost: host 2's pool killed mid-load: orders go on, none lost or doubled" {
    run "$MEDUSA_SRCDIR/tests/multihost/run.sh" failover --dir "$MULTIHOST_DIR" --kill pool --victim 2
    assert_success
    refute_output --partial "not ok"
}

@test "multihost: host 3's link cut mid-load: orders go on through host 1, invariants hold" {
    run "$MEDUSA_SRCDIR/tests/multihost/run.sh" failover --dir "$MULTIHOST_DIR" --kill link --victim 3
    assert_success
    refute_output --partial "not ok"
}
