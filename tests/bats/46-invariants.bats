#!/usr/bin/env bats
# 46-invariants.bats: the money-invariant tester (tests/invariants/invariants.py, issue #12), bounded:
# fixed seeds, a few hundred random Store and Admin API steps each, through nginx and the pool on a
# fresh database per seed, every invariant checked after every step. Any violation fails the test
# with the seed, the steps and a shrunk reproduction. `make check-invariants` runs it longer. The
# sabotage tests write one forbidden change straight into the database mid-run and expect the
# tester to name it, so the checks stay live once the shop keeps them.

load helpers

setup_file() {
    [ "$MEDUSA_TEST_TRANSPORT" = nginx ] || return 0
    # a failing seed shrinks its first three invariants for 20 s each: bounded, and still readable
    export INVARIANT_SHRINK_SECONDS=20 INVARIANT_SHRINK_MAX=3
}

invariants() {
    need_nginx
    run python3 "$MEDUSA_SRCDIR/tests/invariants/invariants.py" "$@"
    # the tester's TAP-like "ok N" lines stay out of bats' stream; its speed line goes in as a comment
    echo "$output" | grep '^# [0-9]* seeds' >&3 || true
}

@test "invariants: seed 1, 600 steps" {
    invariants --seeds 1 --steps 600
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

@test "invariants: seed 2, 600 steps" {
    invariants --seeds 2 --steps 600
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

@test "invariants: seed 3, 600 steps" {
    invariants --seeds 3 --steps 600
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

@test "invariants: the tester catches stock that rises, a changed completed cart, an overused discount" {
    local what
    for what in stock-rose completed-cart-frozen discount-limit gift-card-balance; do
        invariants --seeds 7 --steps 120 --sabotage "$what" --shrink-seconds 0
        [ "$status" -eq 1 ] || { echo "sabotage $what: tester exited $status"; echo "$output"; return 1; }
        echo "$output" | grep -q "^# \[$what\]" || { echo "sabotage $what not reported"; echo "$output"; return 1; }
    done
}
