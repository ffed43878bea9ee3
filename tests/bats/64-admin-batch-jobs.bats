#!/usr/bin/env bats
# 64-admin-batch-jobs.bats: /admin/batch-jobs with Medusa's product-import and product-export
# (issue #14): the dry run's summary, confirm, the job runner that `serve` starts doing the work
# off the request path, the Store API serving the imported products, an export that imports
# back, errors with line numbers, cancel, ownership, and the shop answering during an import.

load helpers
load spec
load orders
load admin

setup_file() {
    start_stack
    admin_login
}

teardown_file() {
    stop_stack
}

# upload_csv FILE: uploads FILE as a protected file; sets KEY.
upload_csv() {
    KEY=$(curl -sS -H "Authorization: Bearer $ADMIN_TOKEN" -F "files=@$1;type=text/csv" \
        "$BASE/admin/uploads/protected" | jq -r '.uploads[0].key')
    [[ "$KEY" == protected/* ]]
}

# wait_job ID: until the job is past created/confirmed/processing (or pre_processed when
# WAIT_FOR=pre_processed); leaves the job's answer in $body. Bounded by 600 polls.
wait_job() {
    local i=0 s
    while [ $i -lt 600 ]; do
        adm GET "/admin/batch-jobs/$1"
        s=$(jqr .batch_job.status)
        case "$s" in
        created | confirmed | processing) ;;
        pre_processed) [ "${WAIT_FOR:-}" = pre_processed ] && return 0 ;;
        *) return 0 ;;
        esac
        i=$((i + 1))
        sleep 0.1
    done
    echo "job $1 still $s" >&2
    return 1
}

# import_job FILE [DRY_RUN]: uploads FILE and creates a product-import job; sets JOB.
import_job() {
    upload_csv "$1"
    adm POST /admin/batch-jobs "{\"type\":\"product-import\",\"context\":{\"fileKey\":\"$KEY\"},\"dry_run\":${2:-true}}"
    assert_status 201
    JOB=$(jqr .batch_job.id)
}

@test "batch jobs: an import's dry run summarises it, confirm imports it, the store serves it" {
    need_nginx
    import_job "$MEDUSA_SRCDIR/tests/fixtures/products-import.csv"
    assert_spec POST /admin/batch-jobs
    assert_json '.batch_job | [.type, .status, .dry_run, .result]' '["product-import","created",true,null]'
    [[ "$JOB" == batch_* ]]
    WAIT_FOR=pre_processed wait_job "$JOB"
    assert_spec GET "/admin/batch-jobs/$JOB"
    assert_json .batch_job.status pre_processed
    assert_json .batch_job.result.operations '{"PRODUCT_CREATE":2,"PRODUCT_UPDATE":0,"VARIANT_CREATE":3,"VARIANT_UPDATE":0}'
    assert_json '.batch_job.result | [.count, .advancement_count]' '[5,0]'
    # Medusa's text: the dashboard reads "to create" and "to update" from its first two numbers.
    assert_json '.batch_job.result.stat_descriptors[0].message' 'There will be 2 products created (0  updated).\n             3 variants will be created and 0 updated'
    api GET /store/products?handle=rain-jacket
    assert_json '.products | length' 0
    adm POST "/admin/batch-jobs/$JOB/confirm"
    assert_status 200
    assert_spec POST "/admin/batch-jobs/$JOB/confirm"
    assert_json .batch_job.status confirmed
    wait_job "$JOB"
    assert_json .batch_job.status completed
    assert_json '.batch_job.result | [.advancement_count, .count, .progress]' '[5,5,1]'
    [ "$(jqr .batch_job.completed_at)" != null ]
    # What the Store API now serves.
    api GET '/store/products?handle=rain-jacket&currency_code=usd'
    assert_status 200
    assert_json '.products[0] | [.title, .subtitle, .description, .weight, .hs_code, .origin_country, .material, .type.value, .thumbnail]' '["Rain Jacket","Dry in a storm","Taped seams; a hood; two pockets.",800,"6201","PT","Nylon","Outerwear","https://img.example/rain-front.png"]'
    assert_json '[.products[0].tags[].value] | sort' '["autumn","rain"]'
    assert_json '[.products[0].images[].url] | sort' '["https://img.example/rain-back.png","https://img.example/rain-front.png"]'
    assert_json '[.products[0].options[].title]' '["Size","Color"]'
    assert_json '[.products[0].variants[] | [.title, .sku, .inventory_quantity, .calculated_price]]' '[["Rain Jacket / S / Blue","RJ-S-BLUE",12,9900],["Rain Jacket / M / Blue","RJ-M-BLUE",7,9900]]'
    local rj
    rj=$(jqr '.products[0].id')
    adm GET "/admin/products/$rj"
    assert_json '[.product.categories[].handle]' '["shirts"]'
    assert_json '[.product.sales_channels[].name]' '["Default Sales Channel"]'
    local eu
    eu=$(sql "SELECT id FROM region WHERE name = 'EU'")
    api GET "/store/products?handle=rain-jacket&region_id=$eu"
    # The region's price (79.50) wins over the currency's (89.95) in its region.
    assert_json '[.products[0].variants[] | .calculated_price]' '[7950,8995]'
    [ "$(sql "SELECT external_id FROM product WHERE handle = 'rain-jacket'")" = ext-rj-1 ]
    # A draft stays out of the store, as in Medusa.
    api GET /store/products?handle=wool-socks
    assert_json '.products | length' 0
    [ "$(sql "SELECT status || ' ' || (SELECT CAST(allow_backorder AS INTEGER) || '' || CAST(manage_inventory AS INTEGER) FROM product_variant WHERE product_id = product.id) FROM product WHERE handle = 'wool-socks'")" = "draft 10" ]
}

@test "batch jobs: the list the dashboard polls shows the caller's jobs, newest first" {
    need_nginx
    adm GET '/admin/batch-jobs?limit=100&created_at[gte]=2020-01-01T00:00:00.000Z'
    assert_status 200
    assert_spec GET '/admin/batch-jobs?limit=100&created_at[gte]=2020-01-01T00:00:00.000Z'
    assert_json '[.limit, .offset]' '[100,0]'
    [ "$(jqr '.count')" -ge 1 ]
    adm GET '/admin/batch-jobs?created_at[gte]=2999-01-01T00:00:00.000Z'
    assert_json '[.batch_jobs, .count, .limit]' '[[],0,10]'
    adm GET '/admin/batch-jobs?type[]=product-export'
    assert_json '.count' 0
    adm GET '/admin/batch-jobs?canceled_at=null&completed_at[gte]=2020-01-01'
    [ "$(jqr '.count')" -ge 1 ]
    adm GET '/admin/batch-jobs?status=completed'
    assert_medusa_error 400 invalid_data "property status should not exist"
    adm GET '/admin/batch-jobs?type=product-import'
    assert_medusa_error 400 invalid_data "type must be an array"
    assert_admin_only GET /admin/batch-jobs
}

@test "batch jobs: an export writes the catalogue in Medusa's columns, and it imports back as updates" {
    need_nginx
    local products variants
    products=$(sql "SELECT count(*) FROM product WHERE deleted_at IS NULL")
    variants=$(sql "SELECT count(*) FROM product_variant v JOIN product p ON p.id = v.product_id WHERE v.deleted_at IS NULL AND p.deleted_at IS NULL")
    adm POST /admin/batch-jobs '{"type":"product-export","context":{},"dry_run":false}'
    assert_status 201
    JOB=$(jqr .batch_job.id)
    wait_job "$JOB"
    assert_spec GET "/admin/batch-jobs/$JOB"
    assert_json .batch_job.status completed
    assert_json '.batch_job.result.stat_descriptors[0].message' "There will be $products products exported by this action"
    assert_json '.batch_job.result | [.advancement_count, .count]' "[$products,$products]"
    local key size
    key=$(jqr .batch_job.result.file_key)
    size=$(jqr .batch_job.result.file_size)
    [[ "$key" =~ ^protected/[0-9a-f]{32}-[0-9]{13}-product-export-[0-9]{13}\.csv$ ]]
    adm POST /admin/uploads/download-url "{\"file_key\":\"$key\"}"
    assert_status 200
    curl -sS -o "$BATS_TEST_TMPDIR/export.csv" "$(jqr .download_url)"
    [ "$(stat -c %s "$BATS_TEST_TMPDIR/export.csv")" = "$size" ]
    head -1 "$BATS_TEST_TMPDIR/export.csv" | grep -q '^Product Id;Product Handle;Product Title;Product Subtitle;.*;Variant Material;Price EUR;Price USD;Price EU \[EUR\];Option 1 Name;Option 1 Value;Option 2 Name;Option 2 Value;Image 1 Url'
    # One CRLF line per variant, after the header; the quoted description survives.
    [ "$(tr -cd '\r' < "$BATS_TEST_TMPDIR/export.csv" | wc -c)" = $((variants + 1)) ]
    grep -q '"Taped seams; a hood; two pockets."' "$BATS_TEST_TMPDIR/export.csv"
    grep -q ';RJ-S-BLUE;;12;false;true;.*;89.95;99;79.5;Size;S;Color;Blue;' "$BATS_TEST_TMPDIR/export.csv"
    # Back in: every product and variant is an update, nothing is created.
    import_job "$BATS_TEST_TMPDIR/export.csv"
    WAIT_FOR=pre_processed wait_job "$JOB"
    assert_json .batch_job.result.operations "{\"PRODUCT_CREATE\":0,\"PRODUCT_UPDATE\":$products,\"VARIANT_CREATE\":0,\"VARIANT_UPDATE\":$variants}"
    adm POST "/admin/batch-jobs/$JOB/confirm"
    wait_job "$JOB"
    assert_json .batch_job.status completed
    [ "$(sql "SELECT count(*) FROM product WHERE deleted_at IS NULL")" = "$products" ]
    api GET '/store/products?handle=rain-jacket&currency_code=usd'
    assert_json '[.products[0].variants[] | .calculated_price]' '[9900,9900]'
}

@test "batch jobs: a file with problems fails before writing, every problem with its line" {
    need_nginx
    local before
    before=$(sql "SELECT count(*) FROM product")
    cat > "$BATS_TEST_TMPDIR/bad.csv" <<'CSV'
Product Id;Product Handle;Product Title;Product Status;Variant Title;Variant SKU;Variant Inventory Quantity;Price Atlantis [EUR];Price EUR;Option 1 Name;Option 1 Value
;new-one;New One;sold;Default;RJ-S-BLUE;many;10;abc;;
;;No Handle;draft;V;X-1;1;;;;
prod_none;ghost;Ghost;draft;V;X-2;1;;;;
;t-shirt;Tee again;draft;V;X-3;1;;;;
;two-opts;Two;draft;V;X-4;1;;;Size;
CSV
    import_job "$BATS_TEST_TMPDIR/bad.csv"
    wait_job "$JOB"
    assert_spec GET "/admin/batch-jobs/$JOB"
    assert_json .batch_job.status failed
    assert_json '.batch_job.result.errors' '["Line 2: Product Status must be one of draft, proposed, published, rejected, not \"sold\"","Line 2: Variant Inventory Quantity must be a whole number, not \"many\"","Line 2: Product_variant with sku RJ-S-BLUE already exists.","Line 2: Trying to set a price for a region Atlantis that doesn'"'"'t exist","Line 2: The price \"abc\" is not an amount","No value found for target column \"Product Handle\" in line 3 of the given csv file","Line 4: Product with id: prod_none was not found","Line 5: Product with handle t-shirt already exists. Give its Product Id to update it","Line 6: Product options length does not match variant options length. Product has 1 and variant has 0.","9 problems in the csv file; nothing was imported"]'
    [ "$(sql "SELECT count(*) FROM product")" = "$before" ]
    # Medusa's own words for a column it does not know, and for a missing handle column.
    printf 'Product Handle;Colour\nx;red\n' > "$BATS_TEST_TMPDIR/col.csv"
    import_job "$BATS_TEST_TMPDIR/col.csv"
    wait_job "$JOB"
    assert_json '.batch_job | [.status, .result.errors]' '["failed",["Unable to treat column Colour from the csv file. No target column found in the provided schema"]]'
    printf 'Product Title\nx\n' > "$BATS_TEST_TMPDIR/nohandle.csv"
    import_job "$BATS_TEST_TMPDIR/nohandle.csv"
    wait_job "$JOB"
    assert_json '.batch_job.result.errors' '["Missing column(s) \"Product Handle\" from the given csv file"]'
    printf 'Product Handle;Product Title\nx;"open\n' > "$BATS_TEST_TMPDIR/quote.csv"
    import_job "$BATS_TEST_TMPDIR/quote.csv"
    wait_job "$JOB"
    assert_json '.batch_job.result.errors' '["The csv file parsing failed due to: unterminated quoted field starting in line 2"]'
    # A key that names no file fails the job.
    adm POST /admin/batch-jobs '{"type":"product-import","context":{"fileKey":"protected/0-none.csv"},"dry_run":true}'
    JOB=$(jqr .batch_job.id)
    wait_job "$JOB"
    assert_json '.batch_job | [.status, .result.errors]' '["failed",["File with key protected/0-none.csv not found"]]'
}

@test "batch jobs: Medusa's rules for create, confirm and cancel" {
    need_nginx
    adm POST /admin/batch-jobs '{}'
    assert_medusa_error 400 invalid_data "type must be a string, context must be an object"
    adm POST /admin/batch-jobs '{"type":"order-import","context":{}}'
    assert_medusa_error 404 not_found "Unable to find a BatchJob strategy with the type order-import"
    adm POST /admin/batch-jobs '{"type":"product-export","context":{"filterable_fields":{"status":["draft"]}}}'
    assert_status 400
    adm POST /admin/batch-jobs '{"type":"product-import","context":{},"dry_run":"yes"}'
    assert_medusa_error 400 invalid_data "dry_run must be a boolean value"
    printf 'Product Handle;Product Title;Variant Title\nto-cancel;To cancel;One\n' > "$BATS_TEST_TMPDIR/c.csv"
    import_job "$BATS_TEST_TMPDIR/c.csv"
    WAIT_FOR=pre_processed wait_job "$JOB"
    assert_json .batch_job.status pre_processed
    adm POST "/admin/batch-jobs/$JOB/cancel"
    assert_status 200
    assert_spec POST "/admin/batch-jobs/$JOB/cancel"
    assert_json .batch_job.status canceled
    adm POST "/admin/batch-jobs/$JOB/confirm"
    assert_medusa_error 400 not_allowed "Cannot confirm processing for a batch job that is not pre processed"
    [ "$(sql "SELECT count(*) FROM product WHERE handle = 'to-cancel'")" = 0 ]
    local done
    done=$(sql "SELECT id FROM batch_job WHERE completed_at IS NOT NULL LIMIT 1")
    adm POST "/admin/batch-jobs/$done/cancel"
    assert_medusa_error 400 not_allowed "Cannot cancel completed batch job"
    adm GET /admin/batch-jobs/batch_none
    assert_medusa_error 404 not_found "Batch job with id batch_none was not found"
    assert_admin_only POST /admin/batch-jobs '{"type":"product-export","context":{}}'
    assert_admin_only POST "/admin/batch-jobs/$JOB/cancel"
}

@test "batch jobs: another admin neither sees nor touches them" {
    need_nginx
    sql "INSERT INTO \"user\" (id, email, password_hash, api_token) SELECT 'usr_other', 'other@medusa-test.com', password_hash, 'tok-other' FROM \"user\" LIMIT 1"
    local job
    job=$(sql "SELECT id FROM batch_job LIMIT 1")
    api -H 'x-medusa-access-token: tok-other' GET "/admin/batch-jobs/$job"
    assert_medusa_error 400 not_allowed "Cannot access a batch job that does not belong to the logged in user"
    api -H 'x-medusa-access-token: tok-other' POST "/admin/batch-jobs/$job/cancel"
    assert_status 400
    api -H 'x-medusa-access-token: tok-other' GET /admin/batch-jobs
    assert_json '[.batch_jobs, .count]' '[[],0]'
}

@test "batch jobs: a 2,000-product import runs while the shop keeps answering" {
    need_nginx
    python3 - "$BATS_TEST_TMPDIR/big.csv" 2000 <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
with open(out, "w") as f:
    f.write("Product Handle;Product Title;Product Status;Variant Title;Variant SKU;"
            "Variant Inventory Quantity;Price EUR;Price USD;Option 1 Name;Option 1 Value\r\n")
    for i in range(n):
        for size in ("S", "M"):
            f.write(f"bulk-{i};Bulk {i};published;Bulk {i} / {size};BULK-{i}-{size};5;"
                    f"{10 + i % 7}.5;12;Size;{size}\r\n")
PY
    import_job "$BATS_TEST_TMPDIR/big.csv" false
    # Reads and a cart while the runner imports: every one answered, none refused.
    local reads=0 bad=0 st seen_processing=0
    while :; do
        adm GET "/admin/batch-jobs/$JOB"
        case "$(jqr .batch_job.status)" in
        completed | failed | canceled) break ;;
        processing) seen_processing=1 ;;
        esac
        st=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/store/products?limit=5")
        [ "$st" = 200 ] || bad=$((bad + 1))
        st=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{}' "$BASE/store/carts")
        [ "$st" = 200 ] || bad=$((bad + 1))
        reads=$((reads + 1))
        [ $reads -lt 3000 ]
    done
    assert_json .batch_job.status completed
    [ "$bad" = 0 ]
    [ "$seen_processing" = 1 ]
    [ "$(sql "SELECT count(*) FROM product WHERE handle LIKE 'bulk-%'")" = 2000 ]
    api GET '/store/products?handle=bulk-1999&currency_code=eur'
    assert_json '[.products[0].variants[] | [.sku, .calculated_price]]' '[["BULK-1999-S",1450],["BULK-1999-M",1450]]'
    echo "# $reads store reads and carts answered during the import" >&3
}

@test "batch jobs: a job a stopped runner left processing is failed by the next one" {
    need_nginx
    MEDUSA_TEST_KEEP_DB=1 stop_stack # the database stays: the runner below works on it
    local job
    job=$(sql "SELECT id FROM batch_job WHERE completed_at IS NOT NULL LIMIT 1")
    sql "UPDATE batch_job SET completed_at = NULL, processing_at = '2026-01-01T00:00:00.000Z' WHERE id = '$job'"
    MEDUSA_UPLOAD_DIR="$MEDUSA_TEST_DIR/uploads" medusa jobs --once
    [ "$(sql "SELECT failed_at IS NOT NULL FROM batch_job WHERE id = '$job'")" = 1 ]
    sql "SELECT result FROM batch_job WHERE id = '$job'" | grep -q "The job runner stopped while this job was processing"
}
