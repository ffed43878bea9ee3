-- 0001_init.sql: the whole schema, table and column names as Medusa v1.20's models, so every
-- API field maps to one column. Conventions (store.md §1.7): ids TEXT "prefix_ULID"; times TEXT
-- ISO-8601 UTC with ms; booleans INTEGER 0/1; metadata TEXT holding a JSON object or NULL; money
-- INTEGER minor units. Enum columns CHECK Medusa's enum values. "(ours)" marks what Medusa lacks.
-- The runner wraps this file in one transaction and sets user_version; no BEGIN/COMMIT/PRAGMA here.

-- ---------------------------------------------------------------------------------------------
-- Reference data: currencies and countries (rows inserted at the end, as Medusa's
-- countries_currencies migration does)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE currency (
    code            TEXT PRIMARY KEY,               -- lower-case ISO 4217, "eur"
    symbol          TEXT NOT NULL,
    symbol_native   TEXT NOT NULL,
    name            TEXT NOT NULL,
    includes_tax    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE payment_provider (
    id              TEXT PRIMARY KEY,               -- the provider identifier, "manual"
    is_installed    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE fulfillment_provider (
    id              TEXT PRIMARY KEY,
    is_installed    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE tax_provider (
    id              TEXT PRIMARY KEY,
    is_installed    INTEGER NOT NULL DEFAULT 1
);

-- Medusa registers its built-in manual providers at start-up; we have no plugin loader, so the rows
-- are part of the schema.
INSERT INTO payment_provider (id, is_installed) VALUES ('manual', 1);
INSERT INTO fulfillment_provider (id, is_installed) VALUES ('manual', 1);

-- ---------------------------------------------------------------------------------------------
-- Store, sales channels, publishable keys, users
-- ---------------------------------------------------------------------------------------------

CREATE TABLE sales_channel (
    id              TEXT PRIMARY KEY,               -- sc_
    name            TEXT NOT NULL,
    description     TEXT,
    is_disabled     INTEGER NOT NULL DEFAULT 0,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);

CREATE TABLE store (
    id                          TEXT PRIMARY KEY,   -- store_
    name                        TEXT NOT NULL DEFAULT 'Medusa Store',
    default_currency_code       TEXT NOT NULL DEFAULT 'usd' REFERENCES currency (code),
    swap_link_template          TEXT,
    payment_link_template       TEXT,
    invite_link_template        TEXT,
    default_location_id         TEXT,
    default_sales_channel_id    TEXT REFERENCES sales_channel (id),
    metadata                    TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX idx_store_default_currency_code ON store (default_currency_code);
CREATE INDEX idx_store_default_sales_channel_id ON store (default_sales_channel_id);

CREATE TABLE store_currencies (
    store_id        TEXT NOT NULL REFERENCES store (id) ON DELETE CASCADE,
    currency_code   TEXT NOT NULL REFERENCES currency (code) ON DELETE CASCADE,
    PRIMARY KEY (store_id, currency_code)
);
CREATE INDEX idx_store_currencies_currency_code ON store_currencies (currency_code);

CREATE TABLE publishable_api_key (
    id              TEXT PRIMARY KEY,               -- pk_; the id is the key clients send
    title           TEXT NOT NULL,
    created_by      TEXT,
    revoked_by      TEXT,
    revoked_at      TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE publishable_api_key_sales_channel (
    id                  TEXT,                       -- pksc_ (not the key, as in Medusa)
    publishable_key_id  TEXT NOT NULL REFERENCES publishable_api_key (id) ON DELETE CASCADE,
    sales_channel_id    TEXT NOT NULL REFERENCES sales_channel (id) ON DELETE CASCADE,
    PRIMARY KEY (publishable_key_id, sales_channel_id)
);
CREATE INDEX idx_pak_sales_channel_sales_channel_id
    ON publishable_api_key_sales_channel (sales_channel_id);

CREATE TABLE "user" (
    id              TEXT PRIMARY KEY,               -- usr_
    email           TEXT NOT NULL,
    first_name      TEXT,
    last_name       TEXT,
    password_hash   TEXT,                           -- libsodium crypto_pwhash_str (argon2id)
    api_token       TEXT,
    role            TEXT DEFAULT 'member' CHECK (role IN ('admin', 'member', 'developer')),
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_user_email ON "user" (email) WHERE deleted_at IS NULL;

-- ---------------------------------------------------------------------------------------------
-- Regions, countries, tax rates
-- ---------------------------------------------------------------------------------------------

CREATE TABLE region (
    id                  TEXT PRIMARY KEY,           -- reg_
    name                TEXT NOT NULL,
    currency_code       TEXT NOT NULL REFERENCES currency (code),
    tax_rate            REAL NOT NULL,
    tax_code            TEXT,
    gift_cards_taxable  INTEGER NOT NULL DEFAULT 1,
    automatic_taxes     INTEGER NOT NULL DEFAULT 1,
    tax_provider_id     TEXT REFERENCES tax_provider (id),
    includes_tax        INTEGER NOT NULL DEFAULT 0,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_region_currency_code ON region (currency_code);
CREATE INDEX idx_region_tax_provider_id ON region (tax_provider_id);

CREATE TABLE country (
    id              INTEGER PRIMARY KEY,            -- serial, as Medusa's
    iso_2           TEXT NOT NULL,                  -- lower-case
    iso_3           TEXT NOT NULL,                  -- lower-case
    num_code        INTEGER NOT NULL,
    name            TEXT NOT NULL,                  -- upper-case
    display_name    TEXT NOT NULL,
    region_id       TEXT REFERENCES region (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX idx_country_iso_2 ON country (iso_2);
CREATE INDEX idx_country_region_id ON country (region_id);

CREATE TABLE region_payment_providers (
    region_id       TEXT NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    provider_id     TEXT NOT NULL REFERENCES payment_provider (id) ON DELETE CASCADE,
    PRIMARY KEY (region_id, provider_id)
);
CREATE INDEX idx_region_payment_providers_provider_id ON region_payment_providers (provider_id);

CREATE TABLE region_fulfillment_providers (
    region_id       TEXT NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    provider_id     TEXT NOT NULL REFERENCES fulfillment_provider (id) ON DELETE CASCADE,
    PRIMARY KEY (region_id, provider_id)
);
CREATE INDEX idx_region_fulfillment_providers_provider_id
    ON region_fulfillment_providers (provider_id);

CREATE TABLE tax_rate (
    id              TEXT PRIMARY KEY,               -- txr_
    rate            REAL,
    code            TEXT,
    name            TEXT NOT NULL,
    region_id       TEXT NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX idx_tax_rate_region_id ON tax_rate (region_id);

-- ---------------------------------------------------------------------------------------------
-- Customers, groups, addresses
-- ---------------------------------------------------------------------------------------------

CREATE TABLE customer (
    id                  TEXT PRIMARY KEY,           -- cus_
    email               TEXT NOT NULL,
    first_name          TEXT,
    last_name           TEXT,
    billing_address_id  TEXT REFERENCES address (id) ON DELETE SET NULL,
    password_hash       TEXT,
    phone               TEXT,
    has_account         INTEGER NOT NULL DEFAULT 0,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_customer_email_has_account ON customer (email, has_account)
    WHERE deleted_at IS NULL;
CREATE INDEX idx_customer_email ON customer (email);
CREATE INDEX idx_customer_billing_address_id ON customer (billing_address_id);

CREATE TABLE address (
    id              TEXT PRIMARY KEY,               -- addr_
    customer_id     TEXT REFERENCES customer (id),
    company         TEXT,
    first_name      TEXT,
    last_name       TEXT,
    address_1       TEXT,
    address_2       TEXT,
    city            TEXT,
    country_code    TEXT REFERENCES country (iso_2),
    province        TEXT,
    postal_code     TEXT,
    phone           TEXT,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_address_customer_id ON address (customer_id);
CREATE INDEX idx_address_country_code ON address (country_code);

CREATE TABLE customer_group (
    id              TEXT PRIMARY KEY,               -- cgrp_
    name            TEXT NOT NULL,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_customer_group_name ON customer_group (name) WHERE deleted_at IS NULL;

CREATE TABLE customer_group_customers (
    customer_group_id   TEXT NOT NULL REFERENCES customer_group (id) ON DELETE CASCADE,
    customer_id         TEXT NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    PRIMARY KEY (customer_group_id, customer_id)
);
CREATE INDEX idx_customer_group_customers_customer_id ON customer_group_customers (customer_id);

-- Customer sessions (ours): the Store API's cookie session, server side.
CREATE TABLE store_session (
    id              TEXT PRIMARY KEY,               -- random, opaque, sent in the cookie
    customer_id     TEXT REFERENCES customer (id) ON DELETE CASCADE,
    data            TEXT,                           -- JSON object
    expires_at      TEXT NOT NULL,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX idx_store_session_customer_id ON store_session (customer_id);
CREATE INDEX idx_store_session_expires_at ON store_session (expires_at);

-- ---------------------------------------------------------------------------------------------
-- Shipping profiles and options
-- ---------------------------------------------------------------------------------------------

CREATE TABLE shipping_profile (
    id              TEXT PRIMARY KEY,               -- sp_
    name            TEXT NOT NULL,
    type            TEXT NOT NULL CHECK (type IN ('default', 'gift_card', 'custom')),
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_shipping_profile_type ON shipping_profile (type);

CREATE TABLE shipping_option (
    id              TEXT PRIMARY KEY,               -- so_
    name            TEXT NOT NULL,
    region_id       TEXT NOT NULL REFERENCES region (id),
    profile_id      TEXT NOT NULL REFERENCES shipping_profile (id),
    provider_id     TEXT NOT NULL REFERENCES fulfillment_provider (id),
    price_type      TEXT NOT NULL CHECK (price_type IN ('flat_rate', 'calculated')),
    amount          INTEGER,
    is_return       INTEGER NOT NULL DEFAULT 0,
    admin_only      INTEGER NOT NULL DEFAULT 0,
    data            TEXT NOT NULL DEFAULT '{}',
    includes_tax    INTEGER NOT NULL DEFAULT 0,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_shipping_option_region_id ON shipping_option (region_id);
CREATE INDEX idx_shipping_option_profile_id ON shipping_option (profile_id);
CREATE INDEX idx_shipping_option_provider_id ON shipping_option (provider_id);

CREATE TABLE shipping_option_requirement (
    id                  TEXT PRIMARY KEY,           -- sor_
    shipping_option_id  TEXT NOT NULL REFERENCES shipping_option (id) ON DELETE CASCADE,
    type                TEXT NOT NULL CHECK (type IN ('min_subtotal', 'max_subtotal')),
    amount              INTEGER NOT NULL,
    deleted_at          TEXT
);
CREATE INDEX idx_shipping_option_requirement_shipping_option_id
    ON shipping_option_requirement (shipping_option_id);

CREATE TABLE shipping_tax_rate (
    shipping_option_id  TEXT NOT NULL REFERENCES shipping_option (id) ON DELETE CASCADE,
    rate_id             TEXT NOT NULL REFERENCES tax_rate (id) ON DELETE CASCADE,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (shipping_option_id, rate_id)
);
CREATE INDEX idx_shipping_tax_rate_rate_id ON shipping_tax_rate (rate_id);

-- ---------------------------------------------------------------------------------------------
-- Catalog: products, variants, options, prices, images, tags, types, collections, categories
-- ---------------------------------------------------------------------------------------------

CREATE TABLE product_collection (
    id              TEXT PRIMARY KEY,               -- pcol_
    title           TEXT NOT NULL,
    handle          TEXT,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_product_collection_handle ON product_collection (handle)
    WHERE deleted_at IS NULL;
CREATE INDEX idx_product_collection_created_at ON product_collection (created_at);

CREATE TABLE product_type (
    id              TEXT PRIMARY KEY,               -- ptyp_
    value           TEXT NOT NULL,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_product_type_value ON product_type (value);

CREATE TABLE product_tag (
    id              TEXT PRIMARY KEY,               -- ptag_
    value           TEXT NOT NULL,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_product_tag_value ON product_tag (value);

CREATE TABLE product (
    id              TEXT PRIMARY KEY,               -- prod_
    title           TEXT NOT NULL,
    subtitle        TEXT,
    description     TEXT,
    handle          TEXT,
    is_giftcard     INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'proposed', 'published', 'rejected')),
    thumbnail       TEXT,
    -- Medusa 1.20 keeps the profile in product_shipping_profile and exposes profile_id from it; we
    -- keep both in step (the column spares a join on every cart shipping-option lookup).
    profile_id      TEXT REFERENCES shipping_profile (id),
    weight          INTEGER,
    length          INTEGER,
    height          INTEGER,
    width           INTEGER,
    hs_code         TEXT,
    origin_country  TEXT,
    mid_code        TEXT,
    material        TEXT,
    collection_id   TEXT REFERENCES product_collection (id) ON DELETE SET NULL,
    type_id         TEXT REFERENCES product_type (id) ON DELETE SET NULL,
    discountable    INTEGER NOT NULL DEFAULT 1,
    external_id     TEXT,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_product_handle ON product (handle) WHERE deleted_at IS NULL;
CREATE INDEX idx_product_collection_id ON product (collection_id);
CREATE INDEX idx_product_type_id ON product (type_id);
CREATE INDEX idx_product_profile_id ON product (profile_id);
CREATE INDEX idx_product_created_at ON product (created_at);
CREATE INDEX idx_product_status ON product (status);

CREATE TABLE product_shipping_profile (
    profile_id      TEXT NOT NULL REFERENCES shipping_profile (id) ON DELETE CASCADE,
    product_id      TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    PRIMARY KEY (profile_id, product_id)
);
CREATE UNIQUE INDEX idx_product_shipping_profile_product_id
    ON product_shipping_profile (product_id);

CREATE TABLE product_tags (
    product_id      TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    product_tag_id  TEXT NOT NULL REFERENCES product_tag (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, product_tag_id)
);
CREATE INDEX idx_product_tags_product_tag_id ON product_tags (product_tag_id);

CREATE TABLE image (
    id              TEXT PRIMARY KEY,               -- img_
    url             TEXT NOT NULL,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);

CREATE TABLE product_images (
    product_id      TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    image_id        TEXT NOT NULL REFERENCES image (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, image_id)
);
CREATE INDEX idx_product_images_image_id ON product_images (image_id);

CREATE TABLE product_option (
    id              TEXT PRIMARY KEY,               -- opt_
    title           TEXT NOT NULL,
    product_id      TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_product_option_product_id ON product_option (product_id);

CREATE TABLE product_variant (
    id                  TEXT PRIMARY KEY,           -- variant_
    title               TEXT NOT NULL,
    product_id          TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    sku                 TEXT,
    barcode             TEXT,
    ean                 TEXT,
    upc                 TEXT,
    variant_rank        INTEGER DEFAULT 0,
    inventory_quantity  INTEGER NOT NULL,
    allow_backorder     INTEGER NOT NULL DEFAULT 0,
    manage_inventory    INTEGER NOT NULL DEFAULT 1,
    hs_code             TEXT,
    origin_country      TEXT,
    mid_code            TEXT,
    material            TEXT,
    weight              INTEGER,
    length              INTEGER,
    height              INTEGER,
    width               INTEGER,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_product_variant_product_id ON product_variant (product_id);
CREATE UNIQUE INDEX idx_product_variant_sku ON product_variant (sku) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX idx_product_variant_barcode ON product_variant (barcode)
    WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX idx_product_variant_ean ON product_variant (ean) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX idx_product_variant_upc ON product_variant (upc) WHERE deleted_at IS NULL;

CREATE TABLE product_option_value (
    id              TEXT PRIMARY KEY,               -- optval_
    value           TEXT NOT NULL,
    option_id       TEXT NOT NULL REFERENCES product_option (id) ON DELETE CASCADE,
    variant_id      TEXT NOT NULL REFERENCES product_variant (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_product_option_value_option_id ON product_option_value (option_id);
CREATE INDEX idx_product_option_value_variant_id ON product_option_value (variant_id);

CREATE TABLE price_list (
    id              TEXT PRIMARY KEY,               -- pl_
    name            TEXT NOT NULL,
    description     TEXT NOT NULL,
    type            TEXT NOT NULL DEFAULT 'sale' CHECK (type IN ('sale', 'override')),
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('active', 'draft')),
    starts_at       TEXT,
    ends_at         TEXT,
    includes_tax    INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);

CREATE TABLE price_list_customer_groups (
    price_list_id       TEXT NOT NULL REFERENCES price_list (id) ON DELETE CASCADE,
    customer_group_id   TEXT NOT NULL REFERENCES customer_group (id) ON DELETE CASCADE,
    PRIMARY KEY (price_list_id, customer_group_id)
);
CREATE INDEX idx_price_list_customer_groups_customer_group_id
    ON price_list_customer_groups (customer_group_id);

CREATE TABLE money_amount (
    id              TEXT PRIMARY KEY,               -- ma_
    currency_code   TEXT NOT NULL REFERENCES currency (code),
    amount          INTEGER NOT NULL,
    min_quantity    INTEGER,
    max_quantity    INTEGER,
    price_list_id   TEXT REFERENCES price_list (id) ON DELETE CASCADE,
    region_id       TEXT REFERENCES region (id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_money_amount_currency_code ON money_amount (currency_code);
CREATE INDEX idx_money_amount_price_list_id ON money_amount (price_list_id);
CREATE INDEX idx_money_amount_region_id ON money_amount (region_id);

-- The variant <-> price link as Medusa 1.20 keeps it: one row per price (a price has one variant).
CREATE TABLE product_variant_money_amount (
    id              TEXT PRIMARY KEY,               -- pvma_
    money_amount_id TEXT NOT NULL REFERENCES money_amount (id) ON DELETE CASCADE,
    variant_id      TEXT NOT NULL REFERENCES product_variant (id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_product_variant_money_amount_money_amount_id_unique
    ON product_variant_money_amount (money_amount_id);
CREATE INDEX idx_product_variant_money_amount_variant_id
    ON product_variant_money_amount (variant_id);

CREATE TABLE product_category (
    id                  TEXT PRIMARY KEY,           -- pcat_
    name                TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    handle              TEXT NOT NULL,
    -- TypeORM materialized path: the ancestors' ids and this one, each followed by '.'
    mpath               TEXT,
    is_active           INTEGER NOT NULL DEFAULT 0,
    is_internal         INTEGER NOT NULL DEFAULT 0,
    parent_category_id  TEXT REFERENCES product_category (id) ON DELETE CASCADE,
    rank                INTEGER NOT NULL DEFAULT 0,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE UNIQUE INDEX idx_product_category_handle ON product_category (handle);
CREATE INDEX idx_product_category_path ON product_category (mpath);
CREATE INDEX idx_product_category_parent_category_id ON product_category (parent_category_id);
-- Medusa's (parent_category_id, rank) unique index; NULL parents are distinct in both SQLite and
-- PostgreSQL, so root ranks are kept unique by the application, as in Medusa.
CREATE UNIQUE INDEX idx_product_category_parent_id_rank
    ON product_category (parent_category_id, rank);

CREATE TABLE product_category_product (
    product_category_id TEXT NOT NULL REFERENCES product_category (id) ON DELETE CASCADE,
    product_id          TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    PRIMARY KEY (product_category_id, product_id)
);
CREATE INDEX idx_product_category_product_product_id ON product_category_product (product_id);

CREATE TABLE product_sales_channel (
    id                  TEXT,                       -- prodsc_ (Medusa 1.20 gave the join an id)
    product_id          TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    sales_channel_id    TEXT NOT NULL REFERENCES sales_channel (id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (product_id, sales_channel_id)
);
CREATE INDEX idx_product_sales_channel_sales_channel_id ON product_sales_channel (sales_channel_id);

CREATE TABLE product_tax_rate (
    product_id      TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    rate_id         TEXT NOT NULL REFERENCES tax_rate (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (product_id, rate_id)
);
CREATE INDEX idx_product_tax_rate_rate_id ON product_tax_rate (rate_id);

CREATE TABLE product_type_tax_rate (
    product_type_id TEXT NOT NULL REFERENCES product_type (id) ON DELETE CASCADE,
    rate_id         TEXT NOT NULL REFERENCES tax_rate (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (product_type_id, rate_id)
);
CREATE INDEX idx_product_type_tax_rate_rate_id ON product_type_tax_rate (rate_id);

-- ---------------------------------------------------------------------------------------------
-- Discounts and gift cards
-- ---------------------------------------------------------------------------------------------

CREATE TABLE discount_rule (
    id              TEXT PRIMARY KEY,               -- dru_
    description     TEXT,
    type            TEXT NOT NULL CHECK (type IN ('fixed', 'percentage', 'free_shipping')),
    value           INTEGER NOT NULL,
    allocation      TEXT CHECK (allocation IN ('total', 'item')),
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);

CREATE TABLE discount (
    id                  TEXT PRIMARY KEY,           -- disc_
    code                TEXT NOT NULL,              -- stored upper-case, as Medusa does
    is_dynamic          INTEGER NOT NULL,
    rule_id             TEXT REFERENCES discount_rule (id),
    is_disabled         INTEGER NOT NULL,
    parent_discount_id  TEXT REFERENCES discount (id),
    starts_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    ends_at             TEXT,
    valid_duration      TEXT,                       -- ISO 8601 duration for dynamic codes
    usage_limit         INTEGER,
    usage_count         INTEGER NOT NULL DEFAULT 0,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_discount_code ON discount (code) WHERE deleted_at IS NULL;
CREATE INDEX idx_discount_rule_id ON discount (rule_id);
CREATE INDEX idx_discount_parent_discount_id ON discount (parent_discount_id);

CREATE TABLE discount_regions (
    discount_id     TEXT NOT NULL REFERENCES discount (id) ON DELETE CASCADE,
    region_id       TEXT NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    PRIMARY KEY (discount_id, region_id)
);
CREATE INDEX idx_discount_regions_region_id ON discount_regions (region_id);

CREATE TABLE discount_condition (
    id                  TEXT PRIMARY KEY,           -- discon_
    type                TEXT NOT NULL CHECK (type IN ('products', 'product_types',
                            'product_collections', 'product_tags', 'customer_groups')),
    operator            TEXT NOT NULL CHECK (operator IN ('in', 'not_in')),
    discount_rule_id    TEXT NOT NULL REFERENCES discount_rule (id) ON DELETE CASCADE,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT,
    CONSTRAINT dctypeuniq UNIQUE (type, operator, discount_rule_id)
);
CREATE INDEX idx_discount_condition_discount_rule_id ON discount_condition (discount_rule_id);

CREATE TABLE discount_condition_product (
    product_id      TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    condition_id    TEXT NOT NULL REFERENCES discount_condition (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (product_id, condition_id)
);
CREATE INDEX idx_discount_condition_product_condition_id
    ON discount_condition_product (condition_id);

CREATE TABLE discount_condition_product_type (
    product_type_id TEXT NOT NULL REFERENCES product_type (id) ON DELETE CASCADE,
    condition_id    TEXT NOT NULL REFERENCES discount_condition (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (product_type_id, condition_id)
);
CREATE INDEX idx_discount_condition_product_type_condition_id
    ON discount_condition_product_type (condition_id);

CREATE TABLE discount_condition_product_collection (
    product_collection_id   TEXT NOT NULL REFERENCES product_collection (id) ON DELETE CASCADE,
    condition_id            TEXT NOT NULL REFERENCES discount_condition (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (product_collection_id, condition_id)
);
CREATE INDEX idx_discount_condition_product_collection_condition_id
    ON discount_condition_product_collection (condition_id);

CREATE TABLE discount_condition_product_tag (
    product_tag_id  TEXT NOT NULL REFERENCES product_tag (id) ON DELETE CASCADE,
    condition_id    TEXT NOT NULL REFERENCES discount_condition (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (product_tag_id, condition_id)
);
CREATE INDEX idx_discount_condition_product_tag_condition_id
    ON discount_condition_product_tag (condition_id);

CREATE TABLE discount_condition_customer_group (
    customer_group_id   TEXT NOT NULL REFERENCES customer_group (id) ON DELETE CASCADE,
    condition_id        TEXT NOT NULL REFERENCES discount_condition (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    PRIMARY KEY (customer_group_id, condition_id)
);
CREATE INDEX idx_discount_condition_customer_group_condition_id
    ON discount_condition_customer_group (condition_id);

CREATE TABLE gift_card (
    id              TEXT PRIMARY KEY,               -- gift_
    code            TEXT NOT NULL,
    value           INTEGER NOT NULL,
    balance         INTEGER NOT NULL,
    region_id       TEXT NOT NULL REFERENCES region (id),
    order_id        TEXT REFERENCES "order" (id),
    is_disabled     INTEGER NOT NULL DEFAULT 0,
    ends_at         TEXT,
    tax_rate        REAL,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_gift_card_code ON gift_card (code);
CREATE INDEX idx_gift_card_region_id ON gift_card (region_id);
CREATE INDEX idx_gift_card_order_id ON gift_card (order_id);

CREATE TABLE gift_card_transaction (
    id              TEXT PRIMARY KEY,               -- gct_
    gift_card_id    TEXT NOT NULL REFERENCES gift_card (id),
    order_id        TEXT NOT NULL REFERENCES "order" (id),
    amount          INTEGER NOT NULL,
    is_taxable      INTEGER,
    tax_rate        REAL,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    CONSTRAINT gcuniq UNIQUE (gift_card_id, order_id)
);
CREATE INDEX idx_gift_card_transaction_order_id ON gift_card_transaction (order_id);

CREATE TABLE return_reason (
    id                      TEXT PRIMARY KEY,       -- rr_
    value                   TEXT NOT NULL,
    label                   TEXT NOT NULL,
    description             TEXT,
    parent_return_reason_id TEXT REFERENCES return_reason (id),
    metadata                TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_return_reason_value ON return_reason (value) WHERE deleted_at IS NULL;
CREATE INDEX idx_return_reason_parent_return_reason_id ON return_reason (parent_return_reason_id);

-- ---------------------------------------------------------------------------------------------
-- Carts, line items, shipping methods, payments
-- ---------------------------------------------------------------------------------------------

CREATE TABLE cart (
    id                      TEXT PRIMARY KEY,       -- cart_
    email                   TEXT,
    billing_address_id      TEXT REFERENCES address (id),
    shipping_address_id     TEXT REFERENCES address (id),
    region_id               TEXT NOT NULL REFERENCES region (id),
    customer_id             TEXT REFERENCES customer (id),
    payment_id              TEXT REFERENCES payment (id),
    type                    TEXT NOT NULL DEFAULT 'default' CHECK (type IN ('default', 'swap',
                                'draft_order', 'payment_link', 'claim')),
    completed_at            TEXT,
    payment_authorized_at   TEXT,
    idempotency_key         TEXT,
    context                 TEXT,                   -- JSON object
    sales_channel_id        TEXT REFERENCES sales_channel (id),
    metadata                TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_cart_billing_address_id ON cart (billing_address_id);
CREATE INDEX idx_cart_shipping_address_id ON cart (shipping_address_id);
CREATE INDEX idx_cart_region_id ON cart (region_id);
CREATE INDEX idx_cart_customer_id ON cart (customer_id);
CREATE UNIQUE INDEX idx_cart_payment_id ON cart (payment_id);
CREATE INDEX idx_cart_sales_channel_id ON cart (sales_channel_id);

CREATE TABLE cart_discounts (
    cart_id         TEXT NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    discount_id     TEXT NOT NULL REFERENCES discount (id) ON DELETE CASCADE,
    PRIMARY KEY (cart_id, discount_id)
);
CREATE INDEX idx_cart_discounts_discount_id ON cart_discounts (discount_id);

CREATE TABLE cart_gift_cards (
    cart_id         TEXT NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    gift_card_id    TEXT NOT NULL REFERENCES gift_card (id) ON DELETE CASCADE,
    PRIMARY KEY (cart_id, gift_card_id)
);
CREATE INDEX idx_cart_gift_cards_gift_card_id ON cart_gift_cards (gift_card_id);

CREATE TABLE custom_shipping_option (
    id                  TEXT PRIMARY KEY,           -- cso_
    price               INTEGER NOT NULL,
    shipping_option_id  TEXT NOT NULL REFERENCES shipping_option (id),
    cart_id             TEXT REFERENCES cart (id),
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT,
    UNIQUE (shipping_option_id, cart_id)
);
CREATE INDEX idx_custom_shipping_option_cart_id ON custom_shipping_option (cart_id);

CREATE TABLE "order" (
    id                  TEXT PRIMARY KEY,           -- order_
    status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed',
                            'archived', 'canceled', 'requires_action')),
    fulfillment_status  TEXT NOT NULL DEFAULT 'not_fulfilled' CHECK (fulfillment_status IN (
                            'not_fulfilled', 'partially_fulfilled', 'fulfilled',
                            'partially_shipped', 'shipped', 'partially_returned', 'returned',
                            'canceled', 'requires_action')),
    payment_status      TEXT NOT NULL DEFAULT 'not_paid' CHECK (payment_status IN ('not_paid',
                            'awaiting', 'captured', 'partially_refunded', 'refunded', 'canceled',
                            'requires_action')),
    -- Assigned by the application from app_counter 'order_display_id' (Medusa: a sequence).
    display_id          INTEGER NOT NULL,
    cart_id             TEXT REFERENCES cart (id),
    customer_id         TEXT NOT NULL REFERENCES customer (id),
    email               TEXT NOT NULL,
    billing_address_id  TEXT REFERENCES address (id),
    shipping_address_id TEXT REFERENCES address (id),
    region_id           TEXT NOT NULL REFERENCES region (id),
    currency_code       TEXT NOT NULL REFERENCES currency (code),
    tax_rate            REAL,
    draft_order_id      TEXT REFERENCES draft_order (id),
    canceled_at         TEXT,
    no_notification     INTEGER,
    idempotency_key     TEXT,
    external_id         TEXT,
    sales_channel_id    TEXT REFERENCES sales_channel (id),
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE UNIQUE INDEX idx_order_display_id ON "order" (display_id);
CREATE UNIQUE INDEX idx_order_cart_id ON "order" (cart_id);
CREATE INDEX idx_order_customer_id ON "order" (customer_id);
CREATE INDEX idx_order_billing_address_id ON "order" (billing_address_id);
CREATE INDEX idx_order_shipping_address_id ON "order" (shipping_address_id);
CREATE INDEX idx_order_region_id ON "order" (region_id);
CREATE INDEX idx_order_currency_code ON "order" (currency_code);
CREATE INDEX idx_order_draft_order_id ON "order" (draft_order_id);
CREATE INDEX idx_order_sales_channel_id ON "order" (sales_channel_id);
CREATE INDEX idx_order_created_at ON "order" (created_at);

CREATE TABLE order_discounts (
    order_id        TEXT NOT NULL REFERENCES "order" (id) ON DELETE CASCADE,
    discount_id     TEXT NOT NULL REFERENCES discount (id) ON DELETE CASCADE,
    PRIMARY KEY (order_id, discount_id)
);
CREATE INDEX idx_order_discounts_discount_id ON order_discounts (discount_id);

CREATE TABLE order_gift_cards (
    order_id        TEXT NOT NULL REFERENCES "order" (id) ON DELETE CASCADE,
    gift_card_id    TEXT NOT NULL REFERENCES gift_card (id) ON DELETE CASCADE,
    PRIMARY KEY (order_id, gift_card_id)
);
CREATE INDEX idx_order_gift_cards_gift_card_id ON order_gift_cards (gift_card_id);

CREATE TABLE draft_order (
    id                      TEXT PRIMARY KEY,       -- dorder_
    status                  TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed')),
    display_id              INTEGER NOT NULL,
    cart_id                 TEXT REFERENCES cart (id) ON DELETE CASCADE,
    order_id                TEXT REFERENCES "order" (id),
    canceled_at             TEXT,
    completed_at            TEXT,
    no_notification_order   INTEGER,
    idempotency_key         TEXT,
    metadata                TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE UNIQUE INDEX idx_draft_order_display_id ON draft_order (display_id);
CREATE UNIQUE INDEX idx_draft_order_cart_id ON draft_order (cart_id);
CREATE UNIQUE INDEX idx_draft_order_order_id ON draft_order (order_id);

CREATE TABLE swap (
    id                  TEXT PRIMARY KEY,           -- swap_
    fulfillment_status  TEXT NOT NULL CHECK (fulfillment_status IN ('not_fulfilled', 'fulfilled',
                            'shipped', 'partially_shipped', 'canceled', 'requires_action')),
    payment_status      TEXT NOT NULL CHECK (payment_status IN ('not_paid', 'awaiting',
                            'captured', 'confirmed', 'canceled', 'difference_refunded',
                            'partially_refunded', 'refunded', 'requires_action')),
    order_id            TEXT NOT NULL REFERENCES "order" (id),
    difference_due      INTEGER,
    shipping_address_id TEXT REFERENCES address (id),
    cart_id             TEXT REFERENCES cart (id),
    confirmed_at        TEXT,
    canceled_at         TEXT,
    no_notification     INTEGER,
    allow_backorder     INTEGER NOT NULL DEFAULT 0,
    idempotency_key     TEXT,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_swap_order_id ON swap (order_id);
CREATE INDEX idx_swap_shipping_address_id ON swap (shipping_address_id);
CREATE UNIQUE INDEX idx_swap_cart_id ON swap (cart_id);

-- Claims are kept minimal: the columns Medusa has, no claim items/images/tags yet.
CREATE TABLE claim_order (
    id                  TEXT PRIMARY KEY,           -- claim_
    payment_status      TEXT NOT NULL DEFAULT 'na' CHECK (payment_status IN ('na', 'not_refunded',
                            'refunded')),
    fulfillment_status  TEXT NOT NULL DEFAULT 'not_fulfilled' CHECK (fulfillment_status IN (
                            'not_fulfilled', 'partially_fulfilled', 'fulfilled',
                            'partially_shipped', 'shipped', 'partially_returned', 'returned',
                            'canceled', 'requires_action')),
    type                TEXT NOT NULL CHECK (type IN ('refund', 'replace')),
    order_id            TEXT NOT NULL REFERENCES "order" (id),
    shipping_address_id TEXT REFERENCES address (id),
    refund_amount       INTEGER,
    canceled_at         TEXT,
    no_notification     INTEGER,
    idempotency_key     TEXT,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_claim_order_order_id ON claim_order (order_id);
CREATE INDEX idx_claim_order_shipping_address_id ON claim_order (shipping_address_id);

CREATE TABLE order_edit (
    id                      TEXT PRIMARY KEY,       -- oe_
    order_id                TEXT NOT NULL REFERENCES "order" (id),
    internal_note           TEXT,
    created_by              TEXT NOT NULL,
    requested_by            TEXT,
    requested_at            TEXT,
    confirmed_by            TEXT,
    confirmed_at            TEXT,
    declined_by             TEXT,
    declined_reason         TEXT,
    declined_at             TEXT,
    canceled_by             TEXT,
    canceled_at             TEXT,
    payment_collection_id   TEXT REFERENCES payment_collection (id),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX idx_order_edit_order_id ON order_edit (order_id);
CREATE UNIQUE INDEX idx_order_edit_payment_collection_id ON order_edit (payment_collection_id);

CREATE TABLE line_item (
    id                  TEXT PRIMARY KEY,           -- item_
    cart_id             TEXT REFERENCES cart (id),
    order_id            TEXT REFERENCES "order" (id),
    swap_id             TEXT REFERENCES swap (id),
    claim_order_id      TEXT REFERENCES claim_order (id),
    original_item_id    TEXT REFERENCES line_item (id),
    order_edit_id       TEXT REFERENCES order_edit (id),
    title               TEXT NOT NULL,
    description         TEXT,
    thumbnail           TEXT,
    is_return           INTEGER NOT NULL DEFAULT 0,
    is_giftcard         INTEGER NOT NULL DEFAULT 0,
    should_merge        INTEGER NOT NULL DEFAULT 1,
    allow_discounts     INTEGER NOT NULL DEFAULT 1,
    has_shipping        INTEGER,
    unit_price          INTEGER NOT NULL,
    variant_id          TEXT REFERENCES product_variant (id),
    -- (ours) the variant's product at insert time; Medusa derives it through the variant.
    product_id          TEXT,
    quantity            INTEGER NOT NULL,
    fulfilled_quantity  INTEGER,
    returned_quantity   INTEGER,
    shipped_quantity    INTEGER,
    includes_tax        INTEGER NOT NULL DEFAULT 0,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX idx_line_item_cart_id ON line_item (cart_id);
CREATE INDEX idx_line_item_order_id ON line_item (order_id);
CREATE INDEX idx_line_item_swap_id ON line_item (swap_id);
CREATE INDEX idx_line_item_claim_order_id ON line_item (claim_order_id);
CREATE INDEX idx_line_item_variant_id ON line_item (variant_id);
CREATE INDEX idx_line_item_order_edit_id ON line_item (order_edit_id);
CREATE UNIQUE INDEX unique_li_original_item_id_order_edit_id
    ON line_item (original_item_id, order_edit_id)
    WHERE original_item_id IS NOT NULL AND order_edit_id IS NOT NULL;

CREATE TABLE line_item_adjustment (
    id              TEXT PRIMARY KEY,               -- lia_
    item_id         TEXT NOT NULL REFERENCES line_item (id) ON DELETE CASCADE,
    description     TEXT NOT NULL,
    discount_id     TEXT REFERENCES discount (id),
    amount          INTEGER NOT NULL,               -- Medusa: numeric; whole minor units here
    metadata        TEXT
);
CREATE INDEX idx_line_item_adjustment_item_id ON line_item_adjustment (item_id);
CREATE INDEX idx_line_item_adjustment_discount_id ON line_item_adjustment (discount_id);
CREATE UNIQUE INDEX idx_line_item_adjustment_discount_item
    ON line_item_adjustment (discount_id, item_id) WHERE discount_id IS NOT NULL;

CREATE TABLE line_item_tax_line (
    id              TEXT PRIMARY KEY,               -- litl_
    rate            REAL NOT NULL,
    name            TEXT NOT NULL,
    code            TEXT,
    item_id         TEXT NOT NULL REFERENCES line_item (id) ON DELETE CASCADE,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (item_id, code)
);
CREATE INDEX idx_line_item_tax_line_item_id ON line_item_tax_line (item_id);

CREATE TABLE shipping_method (
    id                  TEXT PRIMARY KEY,           -- sm_
    shipping_option_id  TEXT NOT NULL REFERENCES shipping_option (id),
    order_id            TEXT REFERENCES "order" (id),
    claim_order_id      TEXT REFERENCES claim_order (id),
    cart_id             TEXT REFERENCES cart (id),
    swap_id             TEXT REFERENCES swap (id),
    return_id           TEXT REFERENCES "return" (id),
    price               INTEGER NOT NULL,
    data                TEXT NOT NULL DEFAULT '{}',
    includes_tax        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_shipping_method_shipping_option_id ON shipping_method (shipping_option_id);
CREATE INDEX idx_shipping_method_order_id ON shipping_method (order_id);
CREATE INDEX idx_shipping_method_claim_order_id ON shipping_method (claim_order_id);
CREATE INDEX idx_shipping_method_cart_id ON shipping_method (cart_id);
CREATE INDEX idx_shipping_method_swap_id ON shipping_method (swap_id);
CREATE UNIQUE INDEX idx_shipping_method_return_id ON shipping_method (return_id);

CREATE TABLE shipping_method_tax_line (
    id                  TEXT PRIMARY KEY,           -- smtl_
    rate                REAL NOT NULL,
    name                TEXT NOT NULL,
    code                TEXT,
    shipping_method_id  TEXT NOT NULL REFERENCES shipping_method (id) ON DELETE CASCADE,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    UNIQUE (shipping_method_id, code)
);
CREATE INDEX idx_shipping_method_tax_line_shipping_method_id
    ON shipping_method_tax_line (shipping_method_id);

CREATE TABLE payment_session (
    id                      TEXT PRIMARY KEY,       -- ps_
    cart_id                 TEXT REFERENCES cart (id),
    provider_id             TEXT NOT NULL REFERENCES payment_provider (id),
    -- NULL when not selected, so the (cart_id, is_selected) unique key allows one selected only
    is_selected             INTEGER,
    is_initiated            INTEGER NOT NULL DEFAULT 0,
    status                  TEXT NOT NULL CHECK (status IN ('authorized', 'pending',
                                'requires_more', 'error', 'canceled')),
    data                    TEXT NOT NULL DEFAULT '{}',
    idempotency_key         TEXT,
    amount                  INTEGER,
    payment_authorized_at   TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    CONSTRAINT "OneSelected" UNIQUE (cart_id, is_selected)
);
CREATE INDEX idx_payment_session_cart_id ON payment_session (cart_id);
CREATE INDEX idx_payment_session_provider_id ON payment_session (provider_id);
CREATE UNIQUE INDEX "UniqPaymentSessionCartIdProviderId" ON payment_session (cart_id, provider_id)
    WHERE cart_id IS NOT NULL;

CREATE TABLE payment (
    id              TEXT PRIMARY KEY,               -- pay_
    swap_id         TEXT REFERENCES swap (id),
    cart_id         TEXT REFERENCES cart (id),
    order_id        TEXT REFERENCES "order" (id),
    amount          INTEGER NOT NULL,
    currency_code   TEXT NOT NULL REFERENCES currency (code),
    amount_refunded INTEGER NOT NULL DEFAULT 0,
    provider_id     TEXT NOT NULL REFERENCES payment_provider (id),
    data            TEXT NOT NULL DEFAULT '{}',
    captured_at     TEXT,
    canceled_at     TEXT,
    idempotency_key TEXT,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE UNIQUE INDEX idx_payment_swap_id ON payment (swap_id);
CREATE INDEX idx_payment_cart_id ON payment (cart_id);
CREATE UNIQUE INDEX "UniquePaymentActive" ON payment (cart_id) WHERE canceled_at IS NULL;
CREATE INDEX idx_payment_order_id ON payment (order_id);
CREATE INDEX idx_payment_currency_code ON payment (currency_code);
CREATE INDEX idx_payment_provider_id ON payment (provider_id);

CREATE TABLE payment_collection (
    id                  TEXT PRIMARY KEY,           -- paycol_
    type                TEXT NOT NULL CHECK (type IN ('order_edit')),
    status              TEXT NOT NULL CHECK (status IN ('not_paid', 'awaiting', 'authorized',
                            'partially_authorized', 'canceled')),
    description         TEXT,
    amount              INTEGER NOT NULL,
    authorized_amount   INTEGER,
    region_id           TEXT NOT NULL REFERENCES region (id),
    currency_code       TEXT NOT NULL REFERENCES currency (code),
    metadata            TEXT,
    created_by          TEXT NOT NULL,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_payment_collection_region_id ON payment_collection (region_id);
CREATE INDEX idx_payment_collection_currency_code ON payment_collection (currency_code);

CREATE TABLE payment_collection_sessions (
    payment_collection_id   TEXT NOT NULL REFERENCES payment_collection (id) ON DELETE CASCADE,
    payment_session_id      TEXT NOT NULL REFERENCES payment_session (id) ON DELETE CASCADE,
    PRIMARY KEY (payment_collection_id, payment_session_id)
);
CREATE INDEX idx_payment_collection_sessions_payment_session_id
    ON payment_collection_sessions (payment_session_id);

CREATE TABLE payment_collection_payments (
    payment_collection_id   TEXT NOT NULL REFERENCES payment_collection (id) ON DELETE CASCADE,
    payment_id              TEXT NOT NULL REFERENCES payment (id) ON DELETE CASCADE,
    PRIMARY KEY (payment_collection_id, payment_id)
);
CREATE INDEX idx_payment_collection_payments_payment_id ON payment_collection_payments (payment_id);

CREATE TABLE refund (
    id              TEXT PRIMARY KEY,               -- ref_
    order_id        TEXT REFERENCES "order" (id),
    payment_id      TEXT REFERENCES payment (id),
    amount          INTEGER NOT NULL,
    note            TEXT,
    reason          TEXT NOT NULL
                    CHECK (reason IN ('discount', 'return', 'swap', 'claim', 'other')),
    idempotency_key TEXT,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX idx_refund_order_id ON refund (order_id);
CREATE INDEX idx_refund_payment_id ON refund (payment_id);

-- ---------------------------------------------------------------------------------------------
-- Fulfillments, returns, order edits
-- ---------------------------------------------------------------------------------------------

CREATE TABLE fulfillment (
    id                  TEXT PRIMARY KEY,           -- ful_
    claim_order_id      TEXT REFERENCES claim_order (id),
    swap_id             TEXT REFERENCES swap (id),
    order_id            TEXT REFERENCES "order" (id),
    no_notification     INTEGER,
    provider_id         TEXT NOT NULL REFERENCES fulfillment_provider (id),
    location_id         TEXT,
    tracking_numbers    TEXT NOT NULL DEFAULT '[]', -- JSON array
    data                TEXT NOT NULL DEFAULT '{}',
    shipped_at          TEXT,
    canceled_at         TEXT,
    idempotency_key     TEXT,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE INDEX idx_fulfillment_claim_order_id ON fulfillment (claim_order_id);
CREATE INDEX idx_fulfillment_swap_id ON fulfillment (swap_id);
CREATE INDEX idx_fulfillment_order_id ON fulfillment (order_id);
CREATE INDEX idx_fulfillment_provider_id ON fulfillment (provider_id);

CREATE TABLE fulfillment_item (
    fulfillment_id  TEXT NOT NULL REFERENCES fulfillment (id) ON DELETE CASCADE,
    item_id         TEXT NOT NULL REFERENCES line_item (id),
    quantity        INTEGER NOT NULL,
    PRIMARY KEY (fulfillment_id, item_id)
);
CREATE INDEX idx_fulfillment_item_item_id ON fulfillment_item (item_id);

CREATE TABLE tracking_link (
    id              TEXT PRIMARY KEY,               -- tlink_
    url             TEXT,
    tracking_number TEXT NOT NULL,
    fulfillment_id  TEXT NOT NULL REFERENCES fulfillment (id) ON DELETE CASCADE,
    idempotency_key TEXT,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_tracking_link_fulfillment_id ON tracking_link (fulfillment_id);

CREATE TABLE "return" (
    id              TEXT PRIMARY KEY,               -- ret_
    status          TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'received',
                        'requires_action', 'canceled')),
    swap_id         TEXT REFERENCES swap (id),
    claim_order_id  TEXT REFERENCES claim_order (id),
    order_id        TEXT REFERENCES "order" (id),
    location_id     TEXT,
    shipping_data   TEXT,
    refund_amount   INTEGER NOT NULL,
    received_at     TEXT,
    no_notification INTEGER,
    idempotency_key TEXT,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE UNIQUE INDEX idx_return_swap_id ON "return" (swap_id);
CREATE UNIQUE INDEX idx_return_claim_order_id ON "return" (claim_order_id);
CREATE INDEX idx_return_order_id ON "return" (order_id);

CREATE TABLE return_item (
    return_id           TEXT NOT NULL REFERENCES "return" (id) ON DELETE CASCADE,
    item_id             TEXT NOT NULL REFERENCES line_item (id),
    quantity            INTEGER NOT NULL,
    is_requested        INTEGER NOT NULL DEFAULT 1,
    requested_quantity  INTEGER,
    received_quantity   INTEGER,
    reason_id           TEXT REFERENCES return_reason (id),
    note                TEXT,
    metadata            TEXT,
    PRIMARY KEY (return_id, item_id)
);
CREATE INDEX idx_return_item_item_id ON return_item (item_id);
CREATE INDEX idx_return_item_reason_id ON return_item (reason_id);

CREATE TABLE order_item_change (
    id                      TEXT PRIMARY KEY,       -- oic_
    type                    TEXT NOT NULL
                            CHECK (type IN ('item_add', 'item_remove', 'item_update')),
    order_edit_id           TEXT NOT NULL REFERENCES order_edit (id) ON DELETE CASCADE,
    original_line_item_id   TEXT REFERENCES line_item (id),
    line_item_id            TEXT REFERENCES line_item (id),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT,
    UNIQUE (order_edit_id, original_line_item_id),
    UNIQUE (order_edit_id, line_item_id)
);
CREATE INDEX idx_order_item_change_original_line_item_id
    ON order_item_change (original_line_item_id);
CREATE UNIQUE INDEX idx_order_item_change_line_item_id ON order_item_change (line_item_id);

-- ---------------------------------------------------------------------------------------------
-- Idempotency keys, events, counters
-- ---------------------------------------------------------------------------------------------

CREATE TABLE idempotency_key (
    id              TEXT PRIMARY KEY,               -- ikey_
    idempotency_key TEXT NOT NULL,                  -- the client's UUID v4
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    locked_at       TEXT,
    request_method  TEXT,
    request_params  TEXT,
    request_path    TEXT,
    response_code   INTEGER,
    response_body   TEXT,
    recovery_point  TEXT NOT NULL DEFAULT 'started'
);
CREATE UNIQUE INDEX idx_idempotency_key_idempotency_key ON idempotency_key (idempotency_key);

-- (ours) Events Medusa would put on its bus, written in the same transaction as the change.
CREATE TABLE event_outbox (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,                  -- "order.placed"
    data            TEXT NOT NULL DEFAULT '{}',     -- JSON
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    consumed_at     TEXT
);
CREATE INDEX idx_event_outbox_pending ON event_outbox (consumed_at, id);

-- (ours) Counters the application bumps inside its write transaction (Medusa: sequences).
CREATE TABLE app_counter (
    name            TEXT PRIMARY KEY,
    value           INTEGER NOT NULL DEFAULT 0
);
INSERT INTO app_counter (name, value) VALUES ('order_display_id', 0), ('draft_order_display_id', 0);

-- ---------------------------------------------------------------------------------------------
-- Reference rows (Medusa: migration 1611063174563 countries_currencies). Names as Medusa's list:
-- name upper-case, display_name as written, codes lower-case.
-- ---------------------------------------------------------------------------------------------

INSERT INTO country (iso_2, iso_3, num_code, name, display_name) VALUES
    ('af', 'afg', 4, 'AFGHANISTAN', 'Afghanistan'),
    ('al', 'alb', 8, 'ALBANIA', 'Albania'),
    ('dz', 'dza', 12, 'ALGERIA', 'Algeria'),
    ('as', 'asm', 16, 'AMERICAN SAMOA', 'American Samoa'),
    ('ad', 'and', 20, 'ANDORRA', 'Andorra'),
    ('ao', 'ago', 24, 'ANGOLA', 'Angola'),
    ('ai', 'aia', 660, 'ANGUILLA', 'Anguilla'),
    ('aq', 'ata', 10, 'ANTARCTICA', 'Antarctica'),
    ('ag', 'atg', 28, 'ANTIGUA AND BARBUDA', 'Antigua and Barbuda'),
    ('ar', 'arg', 32, 'ARGENTINA', 'Argentina'),
    ('am', 'arm', 51, 'ARMENIA', 'Armenia'),
    ('aw', 'abw', 533, 'ARUBA', 'Aruba'),
    ('au', 'aus', 36, 'AUSTRALIA', 'Australia'),
    ('at', 'aut', 40, 'AUSTRIA', 'Austria'),
    ('az', 'aze', 31, 'AZERBAIJAN', 'Azerbaijan'),
    ('bs', 'bhs', 44, 'BAHAMAS', 'Bahamas'),
    ('bh', 'bhr', 48, 'BAHRAIN', 'Bahrain'),
    ('bd', 'bgd', 50, 'BANGLADESH', 'Bangladesh'),
    ('bb', 'brb', 52, 'BARBADOS', 'Barbados'),
    ('by', 'blr', 112, 'BELARUS', 'Belarus'),
    ('be', 'bel', 56, 'BELGIUM', 'Belgium'),
    ('bz', 'blz', 84, 'BELIZE', 'Belize'),
    ('bj', 'ben', 204, 'BENIN', 'Benin'),
    ('bm', 'bmu', 60, 'BERMUDA', 'Bermuda'),
    ('bt', 'btn', 64, 'BHUTAN', 'Bhutan'),
    ('bo', 'bol', 68, 'BOLIVIA', 'Bolivia'),
    ('bq', 'bes', 535, 'BONAIRE, SINT EUSTATIUS AND SABA', 'Bonaire, Sint Eustatius and Saba'),
    ('ba', 'bih', 70, 'BOSNIA AND HERZEGOVINA', 'Bosnia and Herzegovina'),
    ('bw', 'bwa', 72, 'BOTSWANA', 'Botswana'),
    ('bv', 'bvd', 74, 'BOUVET ISLAND', 'Bouvet Island'),
    ('br', 'bra', 76, 'BRAZIL', 'Brazil'),
    ('io', 'iot', 86, 'BRITISH INDIAN OCEAN TERRITORY', 'British Indian Ocean Territory'),
    ('bn', 'brn', 96, 'BRUNEI DARUSSALAM', 'Brunei Darussalam'),
    ('bg', 'bgr', 100, 'BULGARIA', 'Bulgaria'),
    ('bf', 'bfa', 854, 'BURKINA FASO', 'Burkina Faso'),
    ('bi', 'bdi', 108, 'BURUNDI', 'Burundi'),
    ('kh', 'khm', 116, 'CAMBODIA', 'Cambodia'),
    ('cm', 'cmr', 120, 'CAMEROON', 'Cameroon'),
    ('ca', 'can', 124, 'CANADA', 'Canada'),
    ('cv', 'cpv', 132, 'CAPE VERDE', 'Cape Verde'),
    ('ky', 'cym', 136, 'CAYMAN ISLANDS', 'Cayman Islands'),
    ('cf', 'caf', 140, 'CENTRAL AFRICAN REPUBLIC', 'Central African Republic'),
    ('td', 'tcd', 148, 'CHAD', 'Chad'),
    ('cl', 'chl', 152, 'CHILE', 'Chile'),
    ('cn', 'chn', 156, 'CHINA', 'China'),
    ('cx', 'cxr', 162, 'CHRISTMAS ISLAND', 'Christmas Island'),
    ('cc', 'cck', 166, 'COCOS (KEELING) ISLANDS', 'Cocos (Keeling) Islands'),
    ('co', 'col', 170, 'COLOMBIA', 'Colombia'),
    ('km', 'com', 174, 'COMOROS', 'Comoros'),
    ('cg', 'cog', 178, 'CONGO', 'Congo'),
    ('cd', 'cod', 180, 'CONGO, THE DEMOCRATIC REPUBLIC OF THE', 'Congo, the Democratic Republic of the'),
    ('ck', 'cok', 184, 'COOK ISLANDS', 'Cook Islands'),
    ('cr', 'cri', 188, 'COSTA RICA', 'Costa Rica'),
    ('ci', 'civ', 384, 'COTE D''IVOIRE', 'Cote D''Ivoire'),
    ('hr', 'hrv', 191, 'CROATIA', 'Croatia'),
    ('cu', 'cub', 192, 'CUBA', 'Cuba'),
    ('cw', 'cuw', 531, 'CURAÇAO', 'Curaçao'),
    ('cy', 'cyp', 196, 'CYPRUS', 'Cyprus'),
    ('cz', 'cze', 203, 'CZECH REPUBLIC', 'Czech Republic'),
    ('dk', 'dnk', 208, 'DENMARK', 'Denmark'),
    ('dj', 'dji', 262, 'DJIBOUTI', 'Djibouti'),
    ('dm', 'dma', 212, 'DOMINICA', 'Dominica'),
    ('do', 'dom', 214, 'DOMINICAN REPUBLIC', 'Dominican Republic'),
    ('ec', 'ecu', 218, 'ECUADOR', 'Ecuador'),
    ('eg', 'egy', 818, 'EGYPT', 'Egypt'),
    ('sv', 'slv', 222, 'EL SALVADOR', 'El Salvador'),
    ('gq', 'gnq', 226, 'EQUATORIAL GUINEA', 'Equatorial Guinea'),
    ('er', 'eri', 232, 'ERITREA', 'Eritrea'),
    ('ee', 'est', 233, 'ESTONIA', 'Estonia'),
    ('et', 'eth', 231, 'ETHIOPIA', 'Ethiopia'),
    ('fk', 'flk', 238, 'FALKLAND ISLANDS (MALVINAS)', 'Falkland Islands (Malvinas)'),
    ('fo', 'fro', 234, 'FAROE ISLANDS', 'Faroe Islands'),
    ('fj', 'fji', 242, 'FIJI', 'Fiji'),
    ('fi', 'fin', 246, 'FINLAND', 'Finland'),
    ('fr', 'fra', 250, 'FRANCE', 'France'),
    ('gf', 'guf', 254, 'FRENCH GUIANA', 'French Guiana'),
    ('pf', 'pyf', 258, 'FRENCH POLYNESIA', 'French Polynesia'),
    ('tf', 'atf', 260, 'FRENCH SOUTHERN TERRITORIES', 'French Southern Territories'),
    ('ga', 'gab', 266, 'GABON', 'Gabon'),
    ('gm', 'gmb', 270, 'GAMBIA', 'Gambia'),
    ('ge', 'geo', 268, 'GEORGIA', 'Georgia'),
    ('de', 'deu', 276, 'GERMANY', 'Germany'),
    ('gh', 'gha', 288, 'GHANA', 'Ghana'),
    ('gi', 'gib', 292, 'GIBRALTAR', 'Gibraltar'),
    ('gr', 'grc', 300, 'GREECE', 'Greece'),
    ('gl', 'grl', 304, 'GREENLAND', 'Greenland'),
    ('gd', 'grd', 308, 'GRENADA', 'Grenada'),
    ('gp', 'glp', 312, 'GUADELOUPE', 'Guadeloupe'),
    ('gu', 'gum', 316, 'GUAM', 'Guam'),
    ('gt', 'gtm', 320, 'GUATEMALA', 'Guatemala'),
    ('gg', 'ggy', 831, 'GUERNSEY', 'Guernsey'),
    ('gn', 'gin', 324, 'GUINEA', 'Guinea'),
    ('gw', 'gnb', 624, 'GUINEA-BISSAU', 'Guinea-Bissau'),
    ('gy', 'guy', 328, 'GUYANA', 'Guyana'),
    ('ht', 'hti', 332, 'HAITI', 'Haiti'),
    ('hm', 'hmd', 334, 'HEARD ISLAND AND MCDONALD ISLANDS', 'Heard Island And Mcdonald Islands'),
    ('va', 'vat', 336, 'HOLY SEE (VATICAN CITY STATE)', 'Holy See (Vatican City State)'),
    ('hn', 'hnd', 340, 'HONDURAS', 'Honduras'),
    ('hk', 'hkg', 344, 'HONG KONG', 'Hong Kong'),
    ('hu', 'hun', 348, 'HUNGARY', 'Hungary'),
    ('is', 'isl', 352, 'ICELAND', 'Iceland'),
    ('in', 'ind', 356, 'INDIA', 'India'),
    ('id', 'idn', 360, 'INDONESIA', 'Indonesia'),
    ('ir', 'irn', 364, 'IRAN, ISLAMIC REPUBLIC OF', 'Iran, Islamic Republic of'),
    ('iq', 'irq', 368, 'IRAQ', 'Iraq'),
    ('ie', 'irl', 372, 'IRELAND', 'Ireland'),
    ('im', 'imn', 833, 'ISLE OF MAN', 'Isle Of Man'),
    ('il', 'isr', 376, 'ISRAEL', 'Israel'),
    ('it', 'ita', 380, 'ITALY', 'Italy'),
    ('jm', 'jam', 388, 'JAMAICA', 'Jamaica'),
    ('jp', 'jpn', 392, 'JAPAN', 'Japan'),
    ('je', 'jey', 832, 'JERSEY', 'Jersey'),
    ('jo', 'jor', 400, 'JORDAN', 'Jordan'),
    ('kz', 'kaz', 398, 'KAZAKHSTAN', 'Kazakhstan'),
    ('ke', 'ken', 404, 'KENYA', 'Kenya'),
    ('ki', 'kir', 296, 'KIRIBATI', 'Kiribati'),
    ('kp', 'prk', 408, 'KOREA, DEMOCRATIC PEOPLE''S REPUBLIC OF', 'Korea, Democratic People''s Republic of'),
    ('kr', 'kor', 410, 'KOREA, REPUBLIC OF', 'Korea, Republic of'),
    ('xk', 'xkx', 900, 'KOSOVO', 'Kosovo'),
    ('kw', 'kwt', 414, 'KUWAIT', 'Kuwait'),
    ('kg', 'kgz', 417, 'KYRGYZSTAN', 'Kyrgyzstan'),
    ('la', 'lao', 418, 'LAO PEOPLE''S DEMOCRATIC REPUBLIC', 'Lao People''s Democratic Republic'),
    ('lv', 'lva', 428, 'LATVIA', 'Latvia'),
    ('lb', 'lbn', 422, 'LEBANON', 'Lebanon'),
    ('ls', 'lso', 426, 'LESOTHO', 'Lesotho'),
    ('lr', 'lbr', 430, 'LIBERIA', 'Liberia'),
    ('ly', 'lby', 434, 'LIBYA', 'Libya'),
    ('li', 'lie', 438, 'LIECHTENSTEIN', 'Liechtenstein'),
    ('lt', 'ltu', 440, 'LITHUANIA', 'Lithuania'),
    ('lu', 'lux', 442, 'LUXEMBOURG', 'Luxembourg'),
    ('mo', 'mac', 446, 'MACAO', 'Macao'),
    ('mk', 'mkd', 807, 'MACEDONIA, THE FORMER YUGOSLAV REPUBLIC OF', 'Macedonia, the Former Yugoslav Republic of'),
    ('mg', 'mdg', 450, 'MADAGASCAR', 'Madagascar'),
    ('mw', 'mwi', 454, 'MALAWI', 'Malawi'),
    ('my', 'mys', 458, 'MALAYSIA', 'Malaysia'),
    ('mv', 'mdv', 462, 'MALDIVES', 'Maldives'),
    ('ml', 'mli', 466, 'MALI', 'Mali'),
    ('mt', 'mlt', 470, 'MALTA', 'Malta'),
    ('mh', 'mhl', 584, 'MARSHALL ISLANDS', 'Marshall Islands'),
    ('mq', 'mtq', 474, 'MARTINIQUE', 'Martinique'),
    ('mr', 'mrt', 478, 'MAURITANIA', 'Mauritania'),
    ('mu', 'mus', 480, 'MAURITIUS', 'Mauritius'),
    ('yt', 'myt', 175, 'MAYOTTE', 'Mayotte'),
    ('mx', 'mex', 484, 'MEXICO', 'Mexico'),
    ('fm', 'fsm', 583, 'MICRONESIA, FEDERATED STATES OF', 'Micronesia, Federated States of'),
    ('md', 'mda', 498, 'MOLDOVA, REPUBLIC OF', 'Moldova, Republic of'),
    ('mc', 'mco', 492, 'MONACO', 'Monaco'),
    ('mn', 'mng', 496, 'MONGOLIA', 'Mongolia'),
    ('me', 'mne', 499, 'MONTENEGRO', 'Montenegro'),
    ('ms', 'msr', 500, 'MONTSERRAT', 'Montserrat'),
    ('ma', 'mar', 504, 'MOROCCO', 'Morocco'),
    ('mz', 'moz', 508, 'MOZAMBIQUE', 'Mozambique'),
    ('mm', 'mmr', 104, 'MYANMAR', 'Myanmar'),
    ('na', 'nam', 516, 'NAMIBIA', 'Namibia'),
    ('nr', 'nru', 520, 'NAURU', 'Nauru'),
    ('np', 'npl', 524, 'NEPAL', 'Nepal'),
    ('nl', 'nld', 528, 'NETHERLANDS', 'Netherlands'),
    ('nc', 'ncl', 540, 'NEW CALEDONIA', 'New Caledonia'),
    ('nz', 'nzl', 554, 'NEW ZEALAND', 'New Zealand'),
    ('ni', 'nic', 558, 'NICARAGUA', 'Nicaragua'),
    ('ne', 'ner', 562, 'NIGER', 'Niger'),
    ('ng', 'nga', 566, 'NIGERIA', 'Nigeria'),
    ('nu', 'niu', 570, 'NIUE', 'Niue'),
    ('nf', 'nfk', 574, 'NORFOLK ISLAND', 'Norfolk Island'),
    ('mp', 'mnp', 580, 'NORTHERN MARIANA ISLANDS', 'Northern Mariana Islands'),
    ('no', 'nor', 578, 'NORWAY', 'Norway'),
    ('om', 'omn', 512, 'OMAN', 'Oman'),
    ('pk', 'pak', 586, 'PAKISTAN', 'Pakistan'),
    ('pw', 'plw', 585, 'PALAU', 'Palau'),
    ('ps', 'pse', 275, 'PALESTINIAN TERRITORY, OCCUPIED', 'Palestinian Territory, Occupied'),
    ('pa', 'pan', 591, 'PANAMA', 'Panama'),
    ('pg', 'png', 598, 'PAPUA NEW GUINEA', 'Papua New Guinea'),
    ('py', 'pry', 600, 'PARAGUAY', 'Paraguay'),
    ('pe', 'per', 604, 'PERU', 'Peru'),
    ('ph', 'phl', 608, 'PHILIPPINES', 'Philippines'),
    ('pn', 'pcn', 612, 'PITCAIRN', 'Pitcairn'),
    ('pl', 'pol', 616, 'POLAND', 'Poland'),
    ('pt', 'prt', 620, 'PORTUGAL', 'Portugal'),
    ('pr', 'pri', 630, 'PUERTO RICO', 'Puerto Rico'),
    ('qa', 'qat', 634, 'QATAR', 'Qatar'),
    ('re', 'reu', 638, 'REUNION', 'Reunion'),
    ('ro', 'rom', 642, 'ROMANIA', 'Romania'),
    ('ru', 'rus', 643, 'RUSSIAN FEDERATION', 'Russian Federation'),
    ('rw', 'rwa', 646, 'RWANDA', 'Rwanda'),
    ('bl', 'blm', 652, 'SAINT BARTHÉLEMY', 'Saint Barthélemy'),
    ('sh', 'shn', 654, 'SAINT HELENA', 'Saint Helena'),
    ('kn', 'kna', 659, 'SAINT KITTS AND NEVIS', 'Saint Kitts and Nevis'),
    ('lc', 'lca', 662, 'SAINT LUCIA', 'Saint Lucia'),
    ('mf', 'maf', 663, 'SAINT MARTIN (FRENCH PART)', 'Saint Martin (French part)'),
    ('pm', 'spm', 666, 'SAINT PIERRE AND MIQUELON', 'Saint Pierre and Miquelon'),
    ('vc', 'vct', 670, 'SAINT VINCENT AND THE GRENADINES', 'Saint Vincent and the Grenadines'),
    ('ws', 'wsm', 882, 'SAMOA', 'Samoa'),
    ('sm', 'smr', 674, 'SAN MARINO', 'San Marino'),
    ('st', 'stp', 678, 'SAO TOME AND PRINCIPE', 'Sao Tome and Principe'),
    ('sa', 'sau', 682, 'SAUDI ARABIA', 'Saudi Arabia'),
    ('sn', 'sen', 686, 'SENEGAL', 'Senegal'),
    ('rs', 'srb', 688, 'SERBIA', 'Serbia'),
    ('sc', 'syc', 690, 'SEYCHELLES', 'Seychelles'),
    ('sl', 'sle', 694, 'SIERRA LEONE', 'Sierra Leone'),
    ('sg', 'sgp', 702, 'SINGAPORE', 'Singapore'),
    ('sx', 'sxm', 534, 'SINT MAARTEN', 'Sint Maarten'),
    ('sk', 'svk', 703, 'SLOVAKIA', 'Slovakia'),
    ('si', 'svn', 705, 'SLOVENIA', 'Slovenia'),
    ('sb', 'slb', 90, 'SOLOMON ISLANDS', 'Solomon Islands'),
    ('so', 'som', 706, 'SOMALIA', 'Somalia'),
    ('za', 'zaf', 710, 'SOUTH AFRICA', 'South Africa'),
    ('gs', 'sgs', 239, 'SOUTH GEORGIA AND THE SOUTH SANDWICH ISLANDS', 'South Georgia and the South Sandwich Islands'),
    ('ss', 'ssd', 728, 'SOUTH SUDAN', 'South Sudan'),
    ('es', 'esp', 724, 'SPAIN', 'Spain'),
    ('lk', 'lka', 144, 'SRI LANKA', 'Sri Lanka'),
    ('sd', 'sdn', 729, 'SUDAN', 'Sudan'),
    ('sr', 'sur', 740, 'SURINAME', 'Suriname'),
    ('sj', 'sjm', 744, 'SVALBARD AND JAN MAYEN', 'Svalbard and Jan Mayen'),
    ('sz', 'swz', 748, 'SWAZILAND', 'Swaziland'),
    ('se', 'swe', 752, 'SWEDEN', 'Sweden'),
    ('ch', 'che', 756, 'SWITZERLAND', 'Switzerland'),
    ('sy', 'syr', 760, 'SYRIAN ARAB REPUBLIC', 'Syrian Arab Republic'),
    ('tw', 'twn', 158, 'TAIWAN, PROVINCE OF CHINA', 'Taiwan, Province of China'),
    ('tj', 'tjk', 762, 'TAJIKISTAN', 'Tajikistan'),
    ('tz', 'tza', 834, 'TANZANIA, UNITED REPUBLIC OF', 'Tanzania, United Republic of'),
    ('th', 'tha', 764, 'THAILAND', 'Thailand'),
    ('tl', 'tls', 626, 'TIMOR LESTE', 'Timor Leste'),
    ('tg', 'tgo', 768, 'TOGO', 'Togo'),
    ('tk', 'tkl', 772, 'TOKELAU', 'Tokelau'),
    ('to', 'ton', 776, 'TONGA', 'Tonga'),
    ('tt', 'tto', 780, 'TRINIDAD AND TOBAGO', 'Trinidad and Tobago'),
    ('tn', 'tun', 788, 'TUNISIA', 'Tunisia'),
    ('tr', 'tur', 792, 'TURKEY', 'Turkey'),
    ('tm', 'tkm', 795, 'TURKMENISTAN', 'Turkmenistan'),
    ('tc', 'tca', 796, 'TURKS AND CAICOS ISLANDS', 'Turks and Caicos Islands'),
    ('tv', 'tuv', 798, 'TUVALU', 'Tuvalu'),
    ('ug', 'uga', 800, 'UGANDA', 'Uganda'),
    ('ua', 'ukr', 804, 'UKRAINE', 'Ukraine'),
    ('ae', 'are', 784, 'UNITED ARAB EMIRATES', 'United Arab Emirates'),
    ('gb', 'gbr', 826, 'UNITED KINGDOM', 'United Kingdom'),
    ('us', 'usa', 840, 'UNITED STATES', 'United States'),
    ('um', 'umi', 581, 'UNITED STATES MINOR OUTLYING ISLANDS', 'United States Minor Outlying Islands'),
    ('uy', 'ury', 858, 'URUGUAY', 'Uruguay'),
    ('uz', 'uzb', 860, 'UZBEKISTAN', 'Uzbekistan'),
    ('vu', 'vut', 548, 'VANUATU', 'Vanuatu'),
    ('ve', 'ven', 862, 'VENEZUELA', 'Venezuela'),
    ('vn', 'vnm', 704, 'VIET NAM', 'Viet Nam'),
    ('vg', 'vgb', 92, 'VIRGIN ISLANDS, BRITISH', 'Virgin Islands, British'),
    ('vi', 'vir', 850, 'VIRGIN ISLANDS, U.S.', 'Virgin Islands, U.S.'),
    ('wf', 'wlf', 876, 'WALLIS AND FUTUNA', 'Wallis and Futuna'),
    ('eh', 'esh', 732, 'WESTERN SAHARA', 'Western Sahara'),
    ('ye', 'yem', 887, 'YEMEN', 'Yemen'),
    ('zm', 'zmb', 894, 'ZAMBIA', 'Zambia'),
    ('zw', 'zwe', 716, 'ZIMBABWE', 'Zimbabwe'),
    ('ax', 'ala', 248, 'ÅLAND ISLANDS', 'Åland Islands');

INSERT INTO currency (code, symbol, symbol_native, name) VALUES
    ('usd', '$', '$', 'US Dollar'),
    ('cad', 'CA$', '$', 'Canadian Dollar'),
    ('eur', '€', '€', 'Euro'),
    ('aed', 'AED', 'د.إ.‏', 'United Arab Emirates Dirham'),
    ('afn', 'Af', '؋', 'Afghan Afghani'),
    ('all', 'ALL', 'Lek', 'Albanian Lek'),
    ('amd', 'AMD', 'դր.', 'Armenian Dram'),
    ('ars', 'AR$', '$', 'Argentine Peso'),
    ('aud', 'AU$', '$', 'Australian Dollar'),
    ('azn', 'man.', 'ман.', 'Azerbaijani Manat'),
    ('bam', 'KM', 'KM', 'Bosnia-Herzegovina Convertible Mark'),
    ('bdt', 'Tk', '৳', 'Bangladeshi Taka'),
    ('bgn', 'BGN', 'лв.', 'Bulgarian Lev'),
    ('bhd', 'BD', 'د.ب.‏', 'Bahraini Dinar'),
    ('bif', 'FBu', 'FBu', 'Burundian Franc'),
    ('bnd', 'BN$', '$', 'Brunei Dollar'),
    ('bob', 'Bs', 'Bs', 'Bolivian Boliviano'),
    ('brl', 'R$', 'R$', 'Brazilian Real'),
    ('bwp', 'BWP', 'P', 'Botswanan Pula'),
    ('byn', 'Br', 'руб.', 'Belarusian Ruble'),
    ('bzd', 'BZ$', '$', 'Belize Dollar'),
    ('cdf', 'CDF', 'FrCD', 'Congolese Franc'),
    ('chf', 'CHF', 'CHF', 'Swiss Franc'),
    ('clp', 'CL$', '$', 'Chilean Peso'),
    ('cny', 'CN¥', 'CN¥', 'Chinese Yuan'),
    ('cop', 'CO$', '$', 'Colombian Peso'),
    ('crc', '₡', '₡', 'Costa Rican Colón'),
    ('cve', 'CV$', 'CV$', 'Cape Verdean Escudo'),
    ('czk', 'Kč', 'Kč', 'Czech Republic Koruna'),
    ('djf', 'Fdj', 'Fdj', 'Djiboutian Franc'),
    ('dkk', 'Dkr', 'kr', 'Danish Krone'),
    ('dop', 'RD$', 'RD$', 'Dominican Peso'),
    ('dzd', 'DA', 'د.ج.‏', 'Algerian Dinar'),
    ('eek', 'Ekr', 'kr', 'Estonian Kroon'),
    ('egp', 'EGP', 'ج.م.‏', 'Egyptian Pound'),
    ('ern', 'Nfk', 'Nfk', 'Eritrean Nakfa'),
    ('etb', 'Br', 'Br', 'Ethiopian Birr'),
    ('gbp', '£', '£', 'British Pound Sterling'),
    ('gel', 'GEL', 'GEL', 'Georgian Lari'),
    ('ghs', 'GH₵', 'GH₵', 'Ghanaian Cedi'),
    ('gnf', 'FG', 'FG', 'Guinean Franc'),
    ('gtq', 'GTQ', 'Q', 'Guatemalan Quetzal'),
    ('hkd', 'HK$', '$', 'Hong Kong Dollar'),
    ('hnl', 'HNL', 'L', 'Honduran Lempira'),
    ('hrk', 'kn', 'kn', 'Croatian Kuna'),
    ('huf', 'Ft', 'Ft', 'Hungarian Forint'),
    ('idr', 'Rp', 'Rp', 'Indonesian Rupiah'),
    ('ils', '₪', '₪', 'Israeli New Sheqel'),
    ('inr', 'Rs', '₹', 'Indian Rupee'),
    ('iqd', 'IQD', 'د.ع.‏', 'Iraqi Dinar'),
    ('irr', 'IRR', '﷼', 'Iranian Rial'),
    ('isk', 'Ikr', 'kr', 'Icelandic Króna'),
    ('jmd', 'J$', '$', 'Jamaican Dollar'),
    ('jod', 'JD', 'د.أ.‏', 'Jordanian Dinar'),
    ('jpy', '¥', '￥', 'Japanese Yen'),
    ('kes', 'Ksh', 'Ksh', 'Kenyan Shilling'),
    ('khr', 'KHR', '៛', 'Cambodian Riel'),
    ('kmf', 'CF', 'FC', 'Comorian Franc'),
    ('krw', '₩', '₩', 'South Korean Won'),
    ('kwd', 'KD', 'د.ك.‏', 'Kuwaiti Dinar'),
    ('kzt', 'KZT', 'тңг.', 'Kazakhstani Tenge'),
    ('lbp', 'LB£', 'ل.ل.‏', 'Lebanese Pound'),
    ('lkr', 'SLRs', 'SL Re', 'Sri Lankan Rupee'),
    ('ltl', 'Lt', 'Lt', 'Lithuanian Litas'),
    ('lvl', 'Ls', 'Ls', 'Latvian Lats'),
    ('lyd', 'LD', 'د.ل.‏', 'Libyan Dinar'),
    ('mad', 'MAD', 'د.م.‏', 'Moroccan Dirham'),
    ('mdl', 'MDL', 'MDL', 'Moldovan Leu'),
    ('mga', 'MGA', 'MGA', 'Malagasy Ariary'),
    ('mkd', 'MKD', 'MKD', 'Macedonian Denar'),
    ('mmk', 'MMK', 'K', 'Myanma Kyat'),
    ('mnt', 'MNT', '₮', 'Mongolian Tugrig'),
    ('mop', 'MOP$', 'MOP$', 'Macanese Pataca'),
    ('mur', 'MURs', 'MURs', 'Mauritian Rupee'),
    ('mxn', 'MX$', '$', 'Mexican Peso'),
    ('myr', 'RM', 'RM', 'Malaysian Ringgit'),
    ('mzn', 'MTn', 'MTn', 'Mozambican Metical'),
    ('nad', 'N$', 'N$', 'Namibian Dollar'),
    ('ngn', '₦', '₦', 'Nigerian Naira'),
    ('nio', 'C$', 'C$', 'Nicaraguan Córdoba'),
    ('nok', 'Nkr', 'kr', 'Norwegian Krone'),
    ('npr', 'NPRs', 'नेरू', 'Nepalese Rupee'),
    ('nzd', 'NZ$', '$', 'New Zealand Dollar'),
    ('omr', 'OMR', 'ر.ع.‏', 'Omani Rial'),
    ('pab', 'B/.', 'B/.', 'Panamanian Balboa'),
    ('pen', 'S/.', 'S/.', 'Peruvian Nuevo Sol'),
    ('php', '₱', '₱', 'Philippine Peso'),
    ('pkr', 'PKRs', '₨', 'Pakistani Rupee'),
    ('pln', 'zł', 'zł', 'Polish Zloty'),
    ('pyg', '₲', '₲', 'Paraguayan Guarani'),
    ('qar', 'QR', 'ر.ق.‏', 'Qatari Rial'),
    ('ron', 'RON', 'RON', 'Romanian Leu'),
    ('rsd', 'din.', 'дин.', 'Serbian Dinar'),
    ('rub', 'RUB', '₽.', 'Russian Ruble'),
    ('rwf', 'RWF', 'FR', 'Rwandan Franc'),
    ('sar', 'SR', 'ر.س.‏', 'Saudi Riyal'),
    ('sdg', 'SDG', 'SDG', 'Sudanese Pound'),
    ('sek', 'Skr', 'kr', 'Swedish Krona'),
    ('sgd', 'S$', '$', 'Singapore Dollar'),
    ('sos', 'Ssh', 'Ssh', 'Somali Shilling'),
    ('syp', 'SY£', 'ل.س.‏', 'Syrian Pound'),
    ('thb', '฿', '฿', 'Thai Baht'),
    ('tnd', 'DT', 'د.ت.‏', 'Tunisian Dinar'),
    ('top', 'T$', 'T$', 'Tongan Paʻanga'),
    ('try', 'TL', 'TL', 'Turkish Lira'),
    ('ttd', 'TT$', '$', 'Trinidad and Tobago Dollar'),
    ('twd', 'NT$', 'NT$', 'New Taiwan Dollar'),
    ('tzs', 'TSh', 'TSh', 'Tanzanian Shilling'),
    ('uah', '₴', '₴', 'Ukrainian Hryvnia'),
    ('ugx', 'USh', 'USh', 'Ugandan Shilling'),
    ('uyu', '$U', '$', 'Uruguayan Peso'),
    ('uzs', 'UZS', 'UZS', 'Uzbekistan Som'),
    ('vef', 'Bs.F.', 'Bs.F.', 'Venezuelan Bolívar'),
    ('vnd', '₫', '₫', 'Vietnamese Dong'),
    ('xaf', 'FCFA', 'FCFA', 'CFA Franc BEAC'),
    ('xof', 'CFA', 'CFA', 'CFA Franc BCEAO'),
    ('yer', 'YR', 'ر.ي.‏', 'Yemeni Rial'),
    ('zar', 'R', 'R', 'South African Rand'),
    ('zmk', 'ZK', 'ZK', 'Zambian Kwacha'),
    ('zwl', 'ZWL$', 'ZWL$', 'Zimbabwean Dollar');
