#!/usr/bin/env bats
# 05-events.bats: the event outbox from outside (issue #5; store.md §1.12): `medusa-fcgi events`
# lists and consumes, the event_hook runs without a shell, and `serve` runs the hook for new
# events by itself.

load helpers
load orders

setup_file() {
    start_stack
}

teardown_file() {
    stop_stack
}

# The dispatcher test runs a second stack of its own (variables set in a test reach teardown).
teardown() {
    if [ -n "${OWN_STACK:-}" ]; then
        stop_stack
    fi
}

# add_event NAME DATA: an event as a committed change leaves it.
add_event() {
    sql "INSERT INTO event_outbox (name, data) VALUES ('$1', '$2')"
}

# A hook that records its arguments and environment, one line per run; fails while
# $BATS_FILE_TMPDIR/hook.fail exists.
make_hook() {
    cat > "$BATS_FILE_TMPDIR/hook.sh" <<'SH'
#!/bin/sh
[ -e "$(dirname "$0")/hook.fail" ] && exit 3
printf '%s|%s|%s|%s\n' "$MEDUSA_EVENT_ID" "$MEDUSA_EVENT_NAME" "$1" "$*" >> "$(dirname "$0")/hook.out"
SH
    chmod +x "$BATS_FILE_TMPDIR/hook.sh"
    rm -f "$BATS_FILE_TMPDIR/hook.out" "$BATS_FILE_TMPDIR/hook.fail"
}

@test "events: list prints pending events as JSON lines, oldest first" {
    sql "DELETE FROM event_outbox"
    add_event customer.created '{"id":"cus_1"}'
    add_event customer.updated '{"id":"cus_1","n":2}'
    add_event order.updated '{"id":"order_1","no_notification":null}'
    run medusa events
    assert_success
    assert_equal "${#lines[@]}" 3
    assert_equal "$(printf '%s\n' "${lines[0]}" | jq -c '{name, data, consumed_at}')" \
        '{"name":"customer.created","data":{"id":"cus_1"},"consumed_at":null}'
    assert_equal "$(printf '%s\n' "${lines[2]}" | jq -r .name)" order.updated
    local first
    first=$(printf '%s\n' "${lines[0]}" | jq .id)
    run medusa events list --after "$first" --limit 1
    assert_equal "${#lines[@]}" 1
    assert_equal "$(printf '%s\n' "${lines[0]}" | jq -r .name)" customer.updated
}

@test "events: consume without a hook prints and marks each event once" {
    sql "DELETE FROM event_outbox"
    add_event a.one '{}'
    add_event b.two '{}'
    add_event c.three '{}'
    MEDUSA_EVENT_HOOK= run medusa events consume --limit 2
    assert_success
    assert_equal "${#lines[@]}" 2
    assert_equal "$(printf '%s\n' "${lines[1]}" | jq -r .name)" b.two
    run medusa events
    assert_equal "${#lines[@]}" 1
    MEDUSA_EVENT_HOOK= run medusa events consume
    assert_equal "${#lines[@]}" 1
    run medusa events
    assert_output ""
    run medusa events list --all
    assert_equal "${#lines[@]}" 3
    [ "$(printf '%s\n' "${lines[0]}" | jq -r '.consumed_at | type')" = string ]
}

@test "events: consume runs the hook without a shell, and stops at a failure" {
    make_hook
    sql "DELETE FROM event_outbox"
    add_event customer.password_reset '{"email":"a@b.c","token":"t; rm -rf /"}'
    add_event second.event '{"x":"$HOME `id`"}'
    MEDUSA_EVENT_HOOK="$BATS_FILE_TMPDIR/hook.sh --from medusa" run medusa events consume
    assert_success
    run cat "$BATS_FILE_TMPDIR/hook.out"
    assert_equal "${#lines[@]}" 2
    [[ "${lines[0]}" == *"|customer.password_reset|--from|--from medusa customer.password_reset {\"email\":\"a@b.c\",\"token\":\"t; rm -rf /\"}" ]]
    [[ "${lines[1]}" == *'|second.event|--from|--from medusa second.event {"x":"$HOME `id`"}' ]]
    # A failing hook leaves the event (and the ones after it) pending.
    add_event third.event '{}'
    add_event fourth.event '{}'
    touch "$BATS_FILE_TMPDIR/hook.fail"
    MEDUSA_EVENT_HOOK="$BATS_FILE_TMPDIR/hook.sh" run medusa events consume
    assert_failure
    run medusa events
    assert_equal "${#lines[@]}" 2
    rm -f "$BATS_FILE_TMPDIR/hook.fail"
    MEDUSA_EVENT_HOOK="$BATS_FILE_TMPDIR/hook.sh" run medusa events consume
    assert_success
    run medusa events
    assert_output ""
}

@test "events: bad arguments are refused" {
    run medusa events nonsense
    assert_failure 2
    run medusa events --limit -3
    assert_failure 2
}

@test "events: serve runs the event_hook for new events by itself" {
    need_nginx
    make_hook
    OWN_STACK=1
    MEDUSA_EVENT_HOOK="$BATS_FILE_TMPDIR/hook.sh" start_stack
    add_event customer.created '{"email":"hooked@example.com"}'
    local i=0
    while [ ! -s "$BATS_FILE_TMPDIR/hook.out" ] && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    run cat "$BATS_FILE_TMPDIR/hook.out"
    [[ "${lines[0]}" == *"|customer.created|"*'"email":"hooked@example.com"'* ]]
    i=0
    while [ -n "$(medusa events)" ] && [ $i -lt 50 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    run medusa events
    assert_output ""
    # The dispatcher is a child of the supervisor and stops with it.
    local sup
    sup=$(cat "$MEDUSA_TEST_DIR/medusa.pid")
    # two workers and the dispatcher (the job runner is named medusa-jobs)
    [ "$(pgrep -x medusa-fcgi -P "$sup" | wc -l)" -eq 3 ]
}
