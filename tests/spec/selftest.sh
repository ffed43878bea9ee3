#!/usr/bin/env bash
# selftest.sh: checks tests/spec/check-response on hand-made bodies. Prints TAP; exits non-zero
# if any case fails. Bodies follow the spec's schemas and the shapes in
# ../shared/reference/semantics (store.md 5.1, 5.9, 12.3; checkout.md 1.4-1.6; observed.md).
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
CR="$HERE/check-response"

n=0
failed=0
# t WANT_RC DESCRIPTION METHOD PATH STATUS BODY [STDERR_REGEX]
t() {
    local want="$1" desc="$2" method="$3" path="$4" status="$5" body="$6" re="${7-}" out rc
    n=$((n + 1))
    out=$(printf '%s' "$body" | "$CR" "$method" "$path" "$status" 2>&1)
    rc=$?
    if [ "$rc" = "$want" ] && { [ -z "$re" ] || printf '%s\n' "$out" | grep -Eq -- "$re"; }; then
        echo "ok $n - $desc"
    else
        echo "not ok $n - $desc"
        echo "#   expected exit $want${re:+ and stderr matching /$re/}, got $rc"
        printf '%s\n' "$out" | sed 's/^/#   /'
        failed=$((failed + 1))
    fi
}

TS='"created_at":"2024-05-01T10:20:30.123Z","updated_at":"2024-05-01T10:20:30.123Z"'
DE='{"id":72,"iso_2":"de","iso_3":"deu","num_code":276,"name":"GERMANY","display_name":"Germany","region_id":"reg_01HEU"}'
DK='{"id":59,"iso_2":"dk","iso_3":"dnk","num_code":208,"name":"DENMARK","display_name":"Denmark","region_id":"reg_01HEU"}'
REGION='{"id":"reg_01HEU","name":"EU","currency_code":"eur","tax_rate":0,"tax_code":null,
 "gift_cards_taxable":true,"automatic_taxes":true,"tax_provider_id":null,"metadata":null,'"$TS"',
 "deleted_at":null,"countries":['"$DE,$DK"'],
 "payment_providers":[{"id":"manual","is_installed":true}],
 "fulfillment_providers":[{"id":"manual","is_installed":true}],
 "currency":{"code":"eur","symbol":"€","symbol_native":"€","name":"Euro"}}'
REGIONS='{"regions":['"$REGION"'],"count":1,"offset":0,"limit":100}'

t 0 "GET /store/regions: realistic list (integer Country.id/num_code)" \
    GET '/store/regions?limit=100' 200 "$REGIONS"
t 1 "GET /store/regions: tax_rate as a string is rejected" \
    GET /store/regions 200 "${REGIONS/\"tax_rate\":0/\"tax_rate\":\"0\"}" \
    '\$\.regions\[0\]\.tax_rate: .* is not of type'
t 1 "GET /store/regions: missing required key is reported with its path" \
    GET /store/regions 200 "${REGIONS/\"tax_code\":null,/}" \
    "\\\$\\.regions\\[0\\]: 'tax_code' is a required property"
t 1 "GET /store/regions: bad timestamp is rejected (date-time)" \
    GET /store/regions 200 "${REGIONS/2024-05-01T10:20:30.123Z/yesterday}" \
    "is not a 'date-time'"
t 0 "GET /store/regions?fields=name: required not enforced under fields" \
    GET '/store/regions?fields=name' 200 '{"regions":[{"id":"reg_01HEU","name":"EU"}],"count":1,"offset":0,"limit":100}'
t 0 "GET /store/regions/{id}: single region" \
    GET /store/regions/reg_01HEU 200 '{"region":'"$REGION"'}'
t 0 "GET /store/regions/{id} 404: Medusa error body" \
    GET /store/regions/reg_missing 404 '{"type":"not_found","message":"Region with reg_missing was not found"}'
t 1 "GET /store/regions/{id} 404: unknown error type is rejected" \
    GET /store/regions/reg_missing 404 '{"type":"missing","message":"nope"}' \
    "\\\$\\.type: 'missing' is not one of"
t 0 "GET /store/regions 400: Error (oneOf Error|MultipleErrors read as anyOf)" \
    GET '/store/regions?foo=1' 400 '{"type":"invalid_data","message":"property foo should not exist"}'
t 1 "404 body that is not JSON is rejected" \
    GET /store/regions/x 404 'Not Found' 'body is not JSON'

t 0 "POST /store/products/search: literal path beats /store/products/{id}" \
    POST /store/products/search 200 '{"hits":[]}'
t 1 "POST /store/products/search: hits must be an array" \
    POST /store/products/search 200 '{"hits":{}}' "\\\$\\.hits: \\{\\} is not of type 'array'"

VARIANT='{"id":"variant_01H","title":"S / Black","product_id":"prod_01H","sku":null,"barcode":null,
 "ean":null,"upc":null,"variant_rank":0,"inventory_quantity":100,"allow_backorder":false,
 "manage_inventory":true,"hs_code":null,"origin_country":null,"mid_code":null,"material":null,
 "weight":null,"length":null,"height":null,"width":null,"metadata":null,'"$TS"',"deleted_at":null,
 "options":[{"id":"optval_1","value":"S","option_id":"opt_1","variant_id":"variant_01H","metadata":null,'"$TS"',"deleted_at":null}],
 "prices":[{"id":"ma_1","currency_code":"eur","amount":1950,"min_quantity":null,"max_quantity":null,
   "price_list_id":null,"price_list":null,"region_id":null,"variant_id":"variant_01H",'"$TS"',"deleted_at":null}],
 "original_price":null,"calculated_price":null,"original_price_incl_tax":null,
 "calculated_price_incl_tax":null,"original_tax":null,"calculated_tax":null,"tax_rates":null}'
PRODUCT='{"id":"prod_01H","title":"Medusa T-Shirt","subtitle":null,"status":"published","external_id":null,
 "description":"Reimagine the feeling of a classic T-shirt.","handle":"t-shirt","is_giftcard":false,
 "discountable":true,"thumbnail":null,"collection_id":null,"type_id":null,"weight":400,"length":null,
 "height":null,"width":null,"hs_code":null,"origin_country":null,"mid_code":null,"material":null,
 '"$TS"',"deleted_at":null,"metadata":null,"profile_id":"sp_01H","variants":['"$VARIANT"'],
 "options":[{"id":"opt_1","title":"Size","product_id":"prod_01H","metadata":null,'"$TS"',"deleted_at":null,
   "values":[{"id":"optval_1","value":"S","option_id":"opt_1","variant_id":"variant_01H","metadata":null,'"$TS"',"deleted_at":null}]}],
 "images":[],"tags":[],"collection":null,"type":null,
 "profiles":[{"id":"sp_01H","name":"Default Shipping Profile","type":"default","metadata":null,'"$TS"',"deleted_at":null}]}'

t 0 "GET /store/products/{id}: product, pricing fields null without context" \
    GET /store/products/prod_01H 200 '{"product":'"$PRODUCT"'}'
PRICED="${PRODUCT/\"original_price\":null,\"calculated_price\":null/\"original_price\":1950,\"calculated_price\":1950,\"calculated_price_type\":\"default\"}"
t 0 "GET /store/products/{id}?region_id=: priced variant" \
    GET '/store/products/prod_01H?region_id=reg_01HEU' 200 '{"product":'"$PRICED"'}'
t 1 "GET /store/products/{id}: calculated_price as a string is rejected" \
    GET /store/products/prod_01H 200 '{"product":'"${PRODUCT/\"calculated_price\":null/\"calculated_price\":\"19.50\"}"'}' \
    'variants\[0\]\.calculated_price: .* is not of type'
t 1 "GET /store/products/{id}: nullable relation with a wrong shape names the inner error" \
    GET /store/products/prod_01H 200 '{"product":'"${PRODUCT/\"collection\":null/\"collection\":{\"id\":\"pcol_1\"\}}"'}' \
    "\\\$\\.product\\.collection: 'handle' is a required property"
t 0 "GET /store/products: list envelope" \
    GET '/store/products?limit=1' 200 '{"products":['"$PRODUCT"'],"count":1,"offset":0,"limit":1}'

ORDER_VIEW='{"id":"order_01H","object":"order","status":"pending","fulfillment_status":"not_fulfilled",
 "payment_status":"awaiting","display_id":1,"cart_id":"cart_01H","customer_id":"cus_01H",
 "email":"jane@example.com","region_id":"reg_01HEU","currency_code":"eur","tax_rate":null,
 "created_at":"2024-05-01T10:20:30.123Z","items":[],"shipping_methods":[],"discounts":[],
 "payments":[],"fulfillments":[],"shipping_address":null,"customer":{},"region":'"$REGION"',
 "subtotal":0,"discount_total":0,"shipping_total":0,"tax_total":0,"item_tax_total":0,
 "shipping_tax_total":0,"gift_card_total":0,"gift_card_tax_total":0,"total":0,"paid_total":0,
 "refunded_total":0,"refundable_amount":0}'
t 0 "GET /store/orders/{id}: store view of an order (observed.md omissions)" \
    GET /store/orders/order_01H 200 '{"order":'"$ORDER_VIEW"'}'
t 1 "POST /store/carts/{id}/complete: the full order is still required there" \
    POST /store/carts/cart_01H/complete 200 '{"type":"order","data":'"$ORDER_VIEW"'}' \
    "'updated_at' is a required property"
t 0 "GET /store/orders lookup 404: plain-text Not Found" \
    GET '/store/orders?display_id=9&email=a@b.c' 404 'Not Found'

CART='{"id":"cart_01H","object":"cart","email":null,"billing_address_id":null,"billing_address":null,
 "shipping_address_id":null,"shipping_address":null,"region_id":"reg_01HEU","region":'"$REGION"',
 "customer_id":null,"payment_id":null,"payment":null,"type":"default","completed_at":null,
 "payment_authorized_at":null,"idempotency_key":null,"context":{"ip":"::1","user_agent":"curl"},
 "sales_channel_id":"sc_01H",'"$TS"',"deleted_at":null,"metadata":null,"discounts":[],"gift_cards":[],
 "payment_sessions":[],"shipping_methods":[],
 "items":[{"id":"item_01H","cart_id":"cart_01H","order_id":null,"swap_id":null,"claim_order_id":null,
   "original_item_id":null,"order_edit_id":null,"title":"Medusa T-Shirt","description":"S / Black",
   "thumbnail":null,"is_return":false,"is_giftcard":false,"should_merge":true,"allow_discounts":true,
   "has_shipping":false,"unit_price":1950,"variant_id":"variant_01H","quantity":2,
   "fulfilled_quantity":null,"returned_quantity":null,"shipped_quantity":null,"metadata":{},'"$TS"',
   "adjustments":[],"tax_lines":[{"rate":0,"name":"default","code":"default","item_id":"item_01H"}],
   "subtotal":3900,"discount_total":0,"tax_total":0,"total":3900,"original_total":3900,"original_tax_total":0}],
 "subtotal":3900,"discount_total":0,"item_tax_total":0,"shipping_total":0,"shipping_tax_total":0,
 "tax_total":0,"gift_card_total":0,"gift_card_tax_total":0,"total":3900}'
t 0 "POST /store/carts/{id}/line-items: open cart, no payment_session, tax lines without id" \
    POST /store/carts/cart_01H/line-items 200 '{"cart":'"$CART"'}'
t 1 "POST /store/carts/{id}/complete: type order with a cart as data is rejected" \
    POST /store/carts/cart_01H/complete 200 '{"type":"order","data":'"$CART"'}' \
    "'display_id' is a required property"
t 0 "POST /store/carts/{id}/complete: type cart (payment needs more)" \
    POST /store/carts/cart_01H/complete 200 '{"type":"cart","data":'"$CART"',"payment_status":"pending"}'
t 0 "POST /store/carts/{id}/line-items 400: insufficient_inventory code" \
    POST /store/carts/cart_01H/line-items 400 \
    '{"code":"insufficient_inventory","type":"not_allowed","message":"Variant with id: variant_01H does not have the required inventory"}'

t 0 "GET /store/gift-cards/{code}: only id, code, value, balance, region" \
    GET /store/gift-cards/GIFT-1 200 '{"gift_card":{"id":"gift_01H","code":"GIFT-1","value":1000,"balance":1000,"region":'"$REGION"'}}'
t 1 "GET /store/gift-cards/{code}: balance is still required" \
    GET /store/gift-cards/GIFT-1 200 '{"gift_card":{"id":"gift_01H","code":"GIFT-1","value":1000,"region":'"$REGION"'}}' \
    "'balance' is a required property"
t 0 "POST /store/auth 401: plain-text Unauthorized" \
    POST /store/auth 401 'Unauthorized'
t 0 "POST /store/customers/password-token 204: empty body" \
    POST /store/customers/password-token 204 ''
t 1 "POST /store/customers/password-token 204: a body is rejected" \
    POST /store/customers/password-token 204 '{}' 'expected an empty body'
t 2 "unknown path: exit 2" GET /store/nowhere 200 '{}' 'no path'
t 2 "unknown method: exit 2" PATCH /store/regions 200 '{}' 'method not in the spec'
t 2 "undeclared status: exit 2" GET /store/regions 418 '{}' 'status not declared'
t 0 "admin spec chosen for /admin paths" \
    GET /admin/regions 200 '{"regions":['"$REGION"'],"count":1,"offset":0,"limit":50}'

echo "1..$n"
[ "$failed" -eq 0 ]
