#!/usr/bin/env bats
# 63-admin-uploads.bats: POST /admin/uploads and /admin/uploads/protected (multipart, several
# files), POST /admin/uploads/download-url and DELETE /admin/uploads (issue #14), on the shipped
# nginx config: the pool stores the files in upload_dir, nginx serves them from there.

load helpers
load spec
load orders
load admin

setup_file() {
    start_stack
    admin_login
    FILES="$BATS_FILE_TMPDIR/files"
    mkdir -p "$FILES"
    printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$FILES/shoe.png"
    printf '\377\330\377\340\0\020JFIF' > "$FILES/shirt.jpg"
    printf 'GIF89a\001\0\001\0' > "$FILES/dot.gif"
    printf 'Product Handle;Product Title\r\nmug;Mug\r\n' > "$FILES/products.csv"
    printf '<html><script>alert(1)</script></html>' > "$FILES/page.html"
    printf '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' > "$FILES/logo.svg"
    cp "$FILES/page.html" "$FILES/fake.png"
    export FILES
}

teardown_file() {
    stop_stack
}

# upload PATH CURL_FORM_ARGS...: a multipart POST as the admin; sets status and body.
upload() {
    local path="$1" out="$BATS_TEST_TMPDIR/up"
    shift
    status=$(curl -sS -o "$out" -w '%{http_code}' -H "Authorization: Bearer $ADMIN_TOKEN" "$@" \
        "$BASE$path")
    body=$(cat "$out")
}

uploads_listing() {
    (cd "$MEDUSA_TEST_DIR/uploads" && find . -type f | sort)
}

@test "uploads: several images at once, each with its url and key, served by nginx" {
    need_nginx
    upload /admin/uploads -F "files=@$FILES/shoe.png" -F "files=@$FILES/shirt.jpg;type=image/jpeg" \
        -F "files=@$FILES/dot.gif"
    assert_status 200
    assert_spec POST /admin/uploads
    assert_json '.uploads | length' 3
    local key url
    key=$(jqr '.uploads[0].key')
    url=$(jqr '.uploads[0].url')
    [[ "$key" =~ ^[0-9]{13}-shoe\.png$ ]]
    [ "$url" = "$BASE/uploads/$key" ]
    [[ "$(jqr '.uploads[1].key')" == *-shirt.jpg ]]
    cmp "$FILES/shoe.png" "$MEDUSA_TEST_DIR/uploads/$key"
    # nginx answers it, with its type and the sandbox headers; the pool never sees the request.
    run curl -sS -D - -o "$BATS_TEST_TMPDIR/got" "$url"
    [[ "$output" == *"Content-Type: image/png"* ]]
    [[ "$output" == *"X-Content-Type-Options: nosniff"* ]]
    [[ "$output" == *"Content-Security-Policy: default-src 'none'; sandbox"* ]]
    cmp "$FILES/shoe.png" "$BATS_TEST_TMPDIR/got"
    ! grep -q "GET /uploads" "$MEDUSA_TEST_DIR/medusa.log"
    # No listing, no dot files.
    run curl -s -o /dev/null -w '%{http_code}' "$BASE/uploads/"
    [ "$output" = 403 ]
}

@test "uploads: the client's file name is made safe; a text field is ignored" {
    need_nginx
    upload /admin/uploads -F "files=@$FILES/dot.gif;filename=../../.. /evil name é.gif" \
        -F "note=hello"
    assert_status 200
    [[ "$(jqr '.uploads[0].key')" =~ ^[0-9]{13}-evil-name-.gif$ ]]
    [ "$(jqr '.uploads | length')" = 1 ]
    [ -f "$MEDUSA_TEST_DIR/uploads/$(jqr '.uploads[0].key')" ]
    [ ! -e "$MEDUSA_TEST_DIR/evil name é.gif" ]
}

@test "uploads: only images whose bytes match their extension; nothing is stored otherwise" {
    need_nginx
    local before
    before=$(uploads_listing)
    upload /admin/uploads -F "files=@$FILES/page.html"
    assert_medusa_error 400 invalid_data "The file type of page.html is not allowed (allowed: .jpg, .jpeg, .png, .gif, .webp, .avif)"
    upload /admin/uploads -F "files=@$FILES/logo.svg"
    assert_status 400
    upload /admin/uploads -F "files=@$FILES/shoe.png" -F "files=@$FILES/fake.png"
    assert_medusa_error 400 invalid_data "The content of fake.png is not a .png image"
    upload /admin/uploads -F "files=@$FILES/products.csv"
    assert_status 400
    [ "$(uploads_listing)" = "$before" ]
}

@test "uploads: bodies that are not multipart, malformed or with another file field are 400s" {
    need_nginx
    upload /admin/uploads -H 'Content-Type: application/json' --data-binary '{"files":[]}'
    assert_medusa_error 400 invalid_data "The request body must be multipart/form-data"
    upload /admin/uploads -H 'Content-Type: multipart/form-data; boundary=xyz' \
        --data-binary $'--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\n\r\nno end'
    assert_medusa_error 400 invalid_data "Malformed multipart body: the multipart body does not end with its closing boundary"
    upload /admin/uploads -F "images=@$FILES/shoe.png"
    assert_medusa_error 400 invalid_data "Unexpected field images"
    # multer gives no files for a form without any: Medusa answers an empty list.
    upload /admin/uploads -F "note=x"
    assert_status 200
    assert_json . '{"uploads":[]}'
    api POST /admin/uploads
    assert_status 401
}

@test "uploads: a file above the JSON routes' 1 MB passes; above max_upload nginx refuses it" {
    need_nginx
    head -c 3000000 /dev/zero | cat "$FILES/shoe.png" - > "$BATS_TEST_TMPDIR/big.png"
    upload /admin/uploads -F "files=@$BATS_TEST_TMPDIR/big.png"
    assert_status 200
    cmp "$BATS_TEST_TMPDIR/big.png" "$MEDUSA_TEST_DIR/uploads/$(jqr '.uploads[0].key')"
    local before
    before=$(uploads_listing)
    head -c 11000000 /dev/zero | cat "$FILES/shoe.png" - > "$BATS_TEST_TMPDIR/huge.png"
    upload /admin/uploads -F "files=@$BATS_TEST_TMPDIR/huge.png"
    assert_status 413
    [ "$(uploads_listing)" = "$before" ]
}

@test "uploads protected: CSV under an unguessable key, never listed, downloaded as attachment" {
    need_nginx
    upload /admin/uploads/protected -F "files=@$FILES/products.csv"
    assert_status 200
    assert_spec POST /admin/uploads/protected
    local key
    key=$(jqr '.uploads[0].key')
    [[ "$key" =~ ^protected/[0-9a-f]{32}-[0-9]{13}-products\.csv$ ]]
    run curl -s -o /dev/null -w '%{http_code}' "$BASE/uploads/protected/"
    [ "$output" = 403 ]
    adm POST /admin/uploads/download-url "{\"file_key\":\"$key\"}"
    assert_status 200
    assert_spec POST /admin/uploads/download-url
    assert_json .download_url "$BASE/uploads/$key"
    run curl -sS -D - -o "$BATS_TEST_TMPDIR/got" "$BASE/uploads/$key"
    [[ "$output" == *"Content-Disposition: attachment"* ]]
    [[ "$output" == *"Cache-Control: private, no-store"* ]]
    cmp "$FILES/products.csv" "$BATS_TEST_TMPDIR/got"
    upload /admin/uploads/protected -F "files=@$FILES/page.html"
    assert_status 400
}

@test "uploads download-url and delete: Medusa's bodies and errors" {
    need_nginx
    upload /admin/uploads -F "files=@$FILES/dot.gif"
    local key
    key=$(jqr '.uploads[0].key')
    adm POST /admin/uploads/download-url '{"file_key":"1-none.gif"}'
    assert_medusa_error 404 not_found "File with key 1-none.gif not found"
    adm POST /admin/uploads/download-url '{}'
    assert_medusa_error 400 invalid_data "file_key must be a string"
    adm DELETE /admin/uploads "{\"file_key\":\"$key\"}"
    assert_status 200
    assert_spec DELETE /admin/uploads
    assert_json . "{\"id\":\"$key\",\"object\":\"file\",\"deleted\":true}"
    [ ! -e "$MEDUSA_TEST_DIR/uploads/$key" ]
    run curl -s -o /dev/null -w '%{http_code}' "$BASE/uploads/$key"
    [ "$output" = 404 ]
    # Deleting it again is fine (Medusa's local service ignores a missing file).
    adm DELETE /admin/uploads "{\"file_key\":\"$key\"}"
    assert_status 200
    # Keys outside what the service makes are refused: nothing else can be deleted (on
    # PostgreSQL a stand-in takes the place of the SQLite file next to uploads/).
    [ "$MEDUSA_TEST_DB" = pg ] && : >"$MEDUSA_TEST_DIR/medusa.db"
    adm DELETE /admin/uploads '{"file_key":"../medusa.db"}'
    assert_medusa_error 400 invalid_data "file_key ../medusa.db is not a key of this file service"
    [ -f "$MEDUSA_TEST_DIR/medusa.db" ]
    adm DELETE /admin/uploads '{"file_key":"protected/../../medusa.db"}'
    assert_status 400
    adm DELETE /admin/uploads '{"file_key":7}'
    assert_medusa_error 400 invalid_data "file_key must be a string"
    assert_admin_only DELETE /admin/uploads "{\"file_key\":\"$key\"}"
    assert_admin_only POST /admin/uploads/download-url "{\"file_key\":\"$key\"}"
}
