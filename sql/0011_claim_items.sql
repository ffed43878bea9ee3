-- 0013_claim_items.sql: Medusa v1.20's claim items (models/claim-item.ts, claim-image.ts,
-- claim-tag.ts): what a claim says is wrong with which order line, with its images and tags.
-- The claim_order table is in 0001.

CREATE TABLE claim_item (
    id                  TEXT PRIMARY KEY,           -- citm_
    claim_order_id      TEXT NOT NULL REFERENCES claim_order (id),
    item_id             TEXT NOT NULL REFERENCES line_item (id),
    variant_id          TEXT NOT NULL REFERENCES product_variant (id),
    reason              TEXT NOT NULL CHECK (reason IN ('missing_item', 'wrong_item',
                            'production_failure', 'other')),
    note                TEXT,
    quantity            INTEGER NOT NULL,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_claim_item_claim_order_id ON claim_item (claim_order_id);
CREATE INDEX idx_claim_item_item_id ON claim_item (item_id);
CREATE INDEX idx_claim_item_variant_id ON claim_item (variant_id);

CREATE TABLE claim_image (
    id                  TEXT PRIMARY KEY,           -- cimg_
    claim_item_id       TEXT NOT NULL REFERENCES claim_item (id),
    url                 TEXT NOT NULL,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_claim_image_claim_item_id ON claim_image (claim_item_id);

CREATE TABLE claim_tag (
    id                  TEXT PRIMARY KEY,           -- ctag_
    value               TEXT NOT NULL,
    metadata            TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE INDEX idx_claim_tag_value ON claim_tag (value);

CREATE TABLE claim_item_tags (
    item_id         TEXT NOT NULL REFERENCES claim_item (id) ON DELETE CASCADE,
    tag_id          TEXT NOT NULL REFERENCES claim_tag (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, tag_id)
);
CREATE INDEX idx_claim_item_tags_tag_id ON claim_item_tags (tag_id);
