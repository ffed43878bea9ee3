#!/bin/sh
# gen-catalog.sh DB N: adds N generated products to a migrated, seeded database, for the
# benchmark: each with 3 variants (2 prices each, eur and usd), 2 option values, an image, 2 of 50
# tags, a type, a collection, one of the seeded categories, the default sales channel and the
# default shipping profile. Plain SQL through the sqlite3 CLI: 100,000 products take seconds.
set -eu
db="$1"
n="$2"
sqlite3 -bail "$db" <<SQL
-- Products go in last, with foreign keys checked afterwards: the search index triggers then
-- build each product's row once, with its variants and tags already there.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE seq AS
    WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $n) SELECT i FROM s;
CREATE TEMP TABLE ctx AS SELECT
    (SELECT default_sales_channel_id FROM store LIMIT 1) AS sc,
    (SELECT id FROM shipping_profile WHERE type = 'default' LIMIT 1) AS sp;
INSERT OR IGNORE INTO product_tag (id, value)
    SELECT printf('ptag_gen_%02d', i), printf('tag%02d', i) FROM seq WHERE i <= 50;
INSERT OR IGNORE INTO product_type (id, value)
    SELECT printf('ptyp_gen_%02d', i), printf('type%02d', i) FROM seq WHERE i <= 10;
INSERT OR IGNORE INTO product_collection (id, title, handle)
    SELECT printf('pcol_gen_%02d', i), printf('Collection %02d', i), printf('collection-%02d', i)
    FROM seq WHERE i <= 20;
INSERT INTO product_shipping_profile (profile_id, product_id)
    SELECT (SELECT sp FROM ctx), printf('prod_gen_%06d', i) FROM seq;
INSERT INTO product_sales_channel (id, product_id, sales_channel_id)
    SELECT printf('prodsc_gen_%06d', i), printf('prod_gen_%06d', i), (SELECT sc FROM ctx) FROM seq;
INSERT INTO product_tags (product_id, product_tag_id)
    SELECT printf('prod_gen_%06d', i), printf('ptag_gen_%02d', 1 + i % 50) FROM seq;
INSERT INTO product_tags (product_id, product_tag_id)
    SELECT printf('prod_gen_%06d', i), printf('ptag_gen_%02d', 1 + (i + 7) % 50) FROM seq;
CREATE TEMP TABLE cats AS
    SELECT id, row_number() OVER (ORDER BY rank, handle) - 1 AS rn FROM product_category
    WHERE is_active = 1 AND is_internal = 0;
INSERT INTO product_category_product (product_category_id, product_id)
    SELECT (SELECT id FROM cats WHERE rn = i % (SELECT count(*) FROM cats)),
           printf('prod_gen_%06d', i) FROM seq WHERE (SELECT count(*) FROM cats) > 0;
INSERT INTO image (id, url) SELECT printf('img_gen_%06d', i), printf('https://example.com/gen/%d.png', i) FROM seq;
INSERT INTO product_images (product_id, image_id)
    SELECT printf('prod_gen_%06d', i), printf('img_gen_%06d', i) FROM seq;
INSERT INTO product_option (id, title, product_id)
    SELECT printf('opt_gen_%06d', i), 'Size', printf('prod_gen_%06d', i) FROM seq;
CREATE TEMP TABLE v3 AS SELECT 1 AS k, 'S' AS size UNION ALL SELECT 2, 'M' UNION ALL SELECT 3, 'L';
INSERT INTO product_variant (id, title, product_id, sku, variant_rank, inventory_quantity, created_at, updated_at)
    SELECT printf('variant_gen_%06d_%d', i, k), size, printf('prod_gen_%06d', i),
           printf('GEN-%06d-%s', i, size), k - 1, 100,
           strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', printf('+%d seconds', i)),
           strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', printf('+%d seconds', i))
    FROM seq, v3;
INSERT INTO product_option_value (id, value, option_id, variant_id)
    SELECT printf('optval_gen_%06d_%d', i, k), size, printf('opt_gen_%06d', i),
           printf('variant_gen_%06d_%d', i, k) FROM seq, v3;
INSERT INTO money_amount (id, currency_code, amount)
    SELECT printf('ma_gen_%06d_%d_e', i, k), 'eur', 1000 + (i * 7 + k * 100) % 9000 FROM seq, v3;
INSERT INTO money_amount (id, currency_code, amount)
    SELECT printf('ma_gen_%06d_%d_u', i, k), 'usd', 1200 + (i * 7 + k * 100) % 9000 FROM seq, v3;
INSERT INTO product_variant_money_amount (id, money_amount_id, variant_id)
    SELECT printf('pvma_gen_%06d_%d_%s', i, k, c), printf('ma_gen_%06d_%d_%s', i, k, c),
           printf('variant_gen_%06d_%d', i, k)
    FROM seq, v3, (SELECT 'e' AS c UNION ALL SELECT 'u');
INSERT INTO product (id, title, subtitle, description, handle, status, thumbnail, profile_id,
                     weight, collection_id, type_id, created_at, updated_at)
    SELECT printf('prod_gen_%06d', i),
           printf('%s %s %06d', CASE i % 5 WHEN 0 THEN 'Classic' WHEN 1 THEN 'Organic' WHEN 2 THEN 'Vintage' WHEN 3 THEN 'Urban' ELSE 'Summer' END, CASE i % 4 WHEN 0 THEN 'Shirt' WHEN 1 THEN 'Jacket' WHEN 2 THEN 'Sneaker' ELSE 'Backpack' END, i), NULL,
           printf('A generated product number %d for the benchmark.', i),
           printf('gen-%06d', i), 'published', printf('https://example.com/gen/%d.png', i),
           (SELECT sp FROM ctx), 400, printf('pcol_gen_%02d', 1 + i % 20),
           printf('ptyp_gen_%02d', 1 + i % 10),
           strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', printf('+%d seconds', i)),
           strftime('%Y-%m-%dT%H:%M:%fZ', '2020-01-01', printf('+%d seconds', i))
    FROM seq;
COMMIT;
PRAGMA foreign_keys = ON;
PRAGMA foreign_key_check;
ANALYZE;
SQL
