#!/usr/bin/env bats
# 69-admin-notes.bats: the order page's timeline in the Admin API (issue #15): notes (list by
# resource, create with the logged-in author, read, update, delete, Medusa's refusals) and
# notifications: the event hook, as a notification provider, answers {"to", "data"} for an event
# and a notification is recorded; the admin lists them and resends one, which the dispatcher
# delivers through the hook again. Through nginx and the worker pool, on a real order.

load helpers
load spec
load admin
load checkout

setup_file() {
    start_stack
    admin_login_file
    checkout_vars
    checkout_order "$TEE" 1
    export ORDER
}

setup() {
    admin_token
}

teardown_file() {
    stop_stack
}

@test "notes: written on an order by the logged-in user, listed with their author, read" {
    local uid note
    uid=$(q "SELECT id FROM \"user\" WHERE email = 'admin@medusa-test.com'")
    adm POST /admin/notes "{\"resource_id\":\"$ORDER\",\"resource_type\":\"order\",\"value\":\"Called the customer: leave at the door\"}"
    assert_status 200
    assert_spec POST /admin/notes
    note=$(jqr .note.id)
    [[ "$note" == note_* ]]
    [ "$(jqr .note.author_id)" = "$uid" ] && [ "$(jqr .note.value)" = "Called the customer: leave at the door" ]
    [ "$(jqr .note.resource_type)" = order ] && [ "$(jqr .note.resource_id)" = "$ORDER" ]
    [ "$(q "SELECT author_id || '|' || value FROM note WHERE id = '$note'")" = "$uid|Called the customer: leave at the door" ]
    [ "$(last_event note.created | jq -r .data.id)" = "$note" ]
    adm POST /admin/notes "{\"resource_id\":\"$ORDER\",\"resource_type\":\"order\",\"value\":\"Second\"}"
    adm POST /admin/notes '{"resource_id":"order_other","resource_type":"order","value":"Elsewhere"}'
    adm GET "/admin/notes?resource_id=$ORDER"
    assert_status 200
    assert_spec GET "/admin/notes?resource_id=$ORDER"
    [ "$(jqr .count)" = 2 ] && [ "$(jqr .limit)" = 50 ] && [ "$(jqr .offset)" = 0 ]
    [ "$(jqr '[.notes[].author.email] | unique | .[0]')" = admin@medusa-test.com ]
    [ "$(jqr '.notes[0].author | has("password_hash")')" = false ]
    adm GET "/admin/notes?resource_id=$ORDER&limit=1&offset=1"
    [ "$(jqr '.notes | length')" = 1 ] && [ "$(jqr .count)" = 2 ]
    adm GET /admin/notes
    [ "$(jqr .count)" = 3 ]
    adm GET "/admin/notes/$note"
    assert_status 200
    assert_spec GET "/admin/notes/$note"
    [ "$(jqr .note.author.email)" = admin@medusa-test.com ]
}

@test "notes: update the value, delete (soft), and the 404s" {
    local note
    adm POST /admin/notes "{\"resource_id\":\"$ORDER\",\"resource_type\":\"order\",\"value\":\"Draft\"}"
    note=$(jqr .note.id)
    adm POST "/admin/notes/$note" '{"value":"Final words"}'
    assert_status 200
    assert_spec POST "/admin/notes/$note"
    [ "$(jqr .note.value)" = "Final words" ]
    [ "$(q "SELECT value FROM note WHERE id = '$note'")" = "Final words" ]
    [ "$(last_event note.updated | jq -r .data.id)" = "$note" ]
    adm DELETE "/admin/notes/$note"
    assert_status 200
    [ "$body" = "{\"id\":\"$note\",\"object\":\"note\",\"deleted\":true}" ]
    [ -n "$(q "SELECT deleted_at FROM note WHERE id = '$note'")" ]
    adm GET "/admin/notes/$note"
    assert_medusa_error 404 not_found "Note with id: $note was not found."
    adm POST "/admin/notes/$note" '{"value":"x"}'
    assert_medusa_error 404 not_found "Note with id: $note was not found."
    adm DELETE "/admin/notes/$note"
    assert_medusa_error 404 not_found "Note with id: $note was not found."
    adm GET "/admin/notes?resource_id=$ORDER"
    [ "$(jqr "[.notes[].id] | index(\"$note\")")" = null ]
}

@test "notes: Medusa's validation, and the routes are the admin's" {
    adm POST /admin/notes '{}'
    assert_medusa_error 400 invalid_data "resource_id should not be empty, resource_id must be a string, resource_type should not be empty, resource_type must be a string, value should not be empty, value must be a string"
    adm POST /admin/notes "{\"resource_id\":\"$ORDER\",\"resource_type\":\"order\",\"value\":\"\",\"x\":1}"
    assert_medusa_error 400 invalid_data "property x should not exist, value should not be empty"
    adm POST /admin/notes "{\"resource_id\":5,\"resource_type\":\"order\",\"value\":\"v\"}"
    assert_medusa_error 400 invalid_data "resource_id must be a string"
    adm POST /admin/notes/note_x '{"value":7}'
    assert_medusa_error 400 invalid_data "value must be a string"
    adm GET "/admin/notes?limit=x"
    assert_status 400
    customer_credentials
    assert_admin_only GET /admin/notes
    assert_admin_only POST /admin/notes '{"resource_id":"a","resource_type":"order","value":"v"}'
    assert_admin_only DELETE /admin/notes/note_x
    assert_admin_only GET /admin/notifications
    assert_admin_only POST /admin/notifications/noti_x/resend '{}'
}

# A notification provider as an event hook: for order.placed it answers where it sent the
# mail (the order's e-mail) and what it sent; a resend is recorded with its environment.
make_provider() {
    cat > "$BATS_FILE_TMPDIR/provider.sh" <<'SH'
#!/bin/sh
printf '%s|%s|%s\n' "$MEDUSA_EVENT_NAME" "${MEDUSA_RESEND_OF:-}" "${MEDUSA_NOTIFICATION_TO:-}" >> "$(dirname "$0")/provider.log"
case "$1" in
order.placed) printf '{"to":"buyer@example.com","data":{"template":"order-placed","order":%s}}\n' "$2" ;;
esac
exit 0
SH
    chmod +x "$BATS_FILE_TMPDIR/provider.sh"
}

@test "notifications: the hook's answer is recorded, listed for the order, resent through the hook" {
    local noti child
    make_provider
    MEDUSA_EVENT_HOOK="$BATS_FILE_TMPDIR/provider.sh" run medusa events consume
    assert_success
    # order.placed was answered; the notes' events were not (the hook said nothing).
    [ "$(q "SELECT count(*) FROM notification")" = 1 ]
    [ "$(q "SELECT event_name || '|' || resource_type || '|' || resource_id || '|' || \"to\" || '|' || provider_id FROM notification")" = "order.placed|order|$ORDER|buyer@example.com|event-hook" ]
    [ "$(q "SELECT json_extract(data, '$.template') FROM notification")" = order-placed ]
    adm GET "/admin/notifications?resource_type=order&resource_id=$ORDER"
    assert_status 200
    assert_spec GET "/admin/notifications?resource_type=order&resource_id=$ORDER"
    [ "$(jqr .count)" = 1 ] && [ "$(jqr .limit)" = 50 ] && [ "$(jqr .offset)" = 0 ]
    [ "$(jqr '.notifications[0] | keys_unsorted | join(",")')" = id,resource_type,resource_id,event_name,to,provider_id,created_at,updated_at,customer_id,data,parent_id,resends ]
    noti=$(jqr .notifications[0].id)
    [ "$(jqr '.notifications[0].resends | length')" = 0 ]
    adm GET "/admin/notifications?event_name=order.placed,order.canceled"
    [ "$(jqr .count)" = 1 ]
    adm GET "/admin/notifications?resource_id=order_none"
    [ "$(jqr .count)" = 0 ]
    # Resend to another address: a child notification, delivered by the dispatcher.
    adm POST "/admin/notifications/$noti/resend" '{"to":"other@example.com"}'
    assert_status 200
    assert_spec POST "/admin/notifications/$noti/resend"
    [ "$(jqr .notification.id)" = "$noti" ] && [ "$(jqr '.notification.resends | length')" = 1 ]
    child=$(jqr .notification.resends[0].id)
    [ "$(jqr .notification.resends[0].to)" = other@example.com ] && [ "$(jqr .notification.resends[0].parent_id)" = "$noti" ]
    : > "$BATS_FILE_TMPDIR/provider.log"
    MEDUSA_EVENT_HOOK="$BATS_FILE_TMPDIR/provider.sh" run medusa events consume
    assert_success
    grep -qx "order.placed|$noti|other@example.com" "$BATS_FILE_TMPDIR/provider.log"
    # The resend is not recorded a second time; the list hides resends unless asked.
    [ "$(q "SELECT count(*) FROM notification")" = 2 ]
    adm GET /admin/notifications
    [ "$(jqr .count)" = 1 ]
    adm GET "/admin/notifications?include_resends=true"
    [ "$(jqr .count)" = 2 ]
    # Without `to`, the resend goes where the original went.
    adm POST "/admin/notifications/$noti/resend" '{}'
    [ "$(jqr '.notification.resends[-1].to')" = buyer@example.com ]
    [ "$(q "SELECT count(*) FROM notification WHERE parent_id = '$noti'")" = 2 ]
    [ -n "$child" ]
}

@test "notifications: refusals, and no_notification silences the provider" {
    adm POST /admin/notifications/noti_missing/resend '{}'
    assert_medusa_error 404 not_found "Notification with id: noti_missing was not found."
    adm POST /admin/notifications/noti_missing/resend '{"to":5}'
    assert_medusa_error 400 invalid_data "to must be a string"
    adm GET "/admin/notifications?include_resends=maybe"
    assert_medusa_error 400 invalid_data "include_resends must be a boolean string"
    make_provider
    local before
    before=$(q "SELECT count(*) FROM notification")
    sql_event() { q "INSERT INTO event_outbox (name, data) VALUES ('$1', '$2')"; }
    sql_event order.placed "{\"id\":\"$ORDER\",\"no_notification\":true}"
    MEDUSA_EVENT_HOOK="$BATS_FILE_TMPDIR/provider.sh" run medusa events consume
    assert_success
    [ "$(q "SELECT count(*) FROM notification")" = "$before" ]
}
