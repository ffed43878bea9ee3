#!/usr/bin/env bats
# 74-admin-order-export.bats: the order-export batch job (issue #15) the dashboard's Export
# Orders starts: Medusa's columns (";"-separated, CRLF), one line per order, newest first, each
# line's totals as the Admin API's order answers them; the file is protected and downloaded
# through a signed URL. Real orders through nginx, the pool and the job runner.

load helpers
load spec
load checkout
load admin

setup_file() {
    start_stack "$MEDUSA_SRCDIR/tests/fixtures/seed-extended.json"
    checkout_vars
    admin_login
}

teardown_file() {
    stop_stack
}

wait_job() {
    local i=0 s
    while [ $i -lt 600 ]; do
        adm GET "/admin/batch-jobs/$1"
        s=$(jqr .batch_job.status)
        case "$s" in
        created | confirmed | processing | pre_processed) ;;
        *) return 0 ;;
        esac
        i=$((i + 1))
        sleep 0.1
    done
    echo "job $1 still $s" >&2
    return 1
}

@test "order export: Medusa's header, every order newest first, totals as the order answers them" {
    need_nginx
    local a b job key n line o
    checkout_order "$TEE" 2
    a=$ORDER
    checkout_order "$TEE" 1
    b=$ORDER
    adm POST "/admin/orders/$b/capture"
    adm POST "/admin/orders/$b/refund" '{"amount":300,"reason":"discount"}'
    assert_status 200
    n=$(q "SELECT count(*) FROM \"order\"")
    adm POST /admin/batch-jobs '{"type":"order-export","context":{},"dry_run":false}'
    assert_status 201
    # (Not checked against the 1.20 spec: its BatchJob.type enum names only the product jobs,
    # though Medusa registers order-export and its dashboard starts it.)
    job=$(jqr .batch_job.id)
    wait_job "$job"
    assert_json .batch_job.status completed
    assert_json '.batch_job.result.stat_descriptors[0].message' "There will be $n orders exported by this action"
    assert_json '.batch_job.result | [.advancement_count, .count]' "[$n,$n]"
    key=$(jqr .batch_job.result.file_key)
    [[ "$key" =~ ^protected/.*order-export-[0-9]{13}\.csv$ ]]
    adm POST /admin/uploads/download-url "{\"file_key\":\"$key\"}"
    curl -sS -o "$BATS_TEST_TMPDIR/orders.csv" "$(jqr .download_url)"
    [ "$(head -1 "$BATS_TEST_TMPDIR/orders.csv")" = $'Order_ID;Display_ID;Order status;Date;Customer First name;Customer Last name;Customer Email;Customer ID;Shipping Address 1;Shipping Address 2;Shipping Country Code;Shipping City;Shipping Postal Code;Shipping Region ID;Fulfillment Status;Payment Status;Subtotal;Shipping Total;Discount Total;Gift Card Total;Refunded Total;Tax Total;Total;Currency Code;Sales channel name;Sales channel description\r' ]
    [ "$(tr -cd '\r' < "$BATS_TEST_TMPDIR/orders.csv" | wc -c)" = $((n + 1)) ]
    # Newest first: b, then a.
    [ "$(sed -n 2p "$BATS_TEST_TMPDIR/orders.csv" | cut -d';' -f1)" = "$b" ]
    [ "$(sed -n 3p "$BATS_TEST_TMPDIR/orders.csv" | cut -d';' -f1)" = "$a" ]
    for o in "$a" "$b"; do
        adm GET "/admin/orders/$o"
        line=$(grep "^$o;" "$BATS_TEST_TMPDIR/orders.csv" | tr -d '\r')
        [ "$(printf '%s' "$line" | cut -d';' -f2,3,7,8,14,15,16)" = "$(jqr '[.order.display_id, .order.status, .order.email, .order.customer_id, .order.region_id, .order.fulfillment_status, .order.payment_status] | map(tostring) | join(";")')" ]
        [ "$(printf '%s' "$line" | cut -d';' -f17-24)" = "$(jqr '[.order.subtotal, .order.shipping_total, .order.discount_total, .order.gift_card_total, .order.refunded_total, .order.tax_total, .order.total, .order.currency_code] | map(tostring) | join(";")')" ]
        [ "$(printf '%s' "$line" | cut -d';' -f11)" = de ]
        # JavaScript's toUTCString of created_at.
        [ "$(printf '%s' "$line" | cut -d';' -f4)" = "$(date -u -d "$(jqr .order.created_at)" '+%a, %d %b %Y %H:%M:%S GMT')" ]
    done
    [ "$(grep "^$b;" "$BATS_TEST_TMPDIR/orders.csv" | cut -d';' -f21)" = 300 ]
}

@test "order export: filters are refused, as the product export's" {
    adm POST /admin/batch-jobs '{"type":"order-export","context":{"filterable_fields":{"status":["pending"]}}}'
    assert_medusa_error 400 invalid_data "filterable_fields: the export takes every order, without filters"
}
