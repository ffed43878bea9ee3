-- PostgreSQL twin of sql/0011_claim_items.sql: the same statements, types as in sql/pg/0001_init.sql.
-- 0013_claim_items.sql: Medusa v1.20's claim items (models/claim-item.ts, claim-image.ts,
-- claim-tag.ts): what a claim says is wrong with which order line, with its images and tags.
-- The claim_order table is in 0001.

CREATE TABLE claim_item (
    id                  character varying PRIMARY KEY,           -- citm_
    claim_order_id      character varying NOT NULL REFERENCES claim_order (id),
    item_id             character varying NOT NULL REFERENCES line_item (id),
    variant_id          character varying NOT NULL REFERENCES product_variant (id),
    reason              text NOT NULL CHECK (reason IN ('missing_item', 'wrong_item',
                            'production_failure', 'other')),
    note                character varying,
    quantity            integer NOT NULL,
    metadata            jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    rowid           bigint GENERATED ALWAYS AS IDENTITY  -- (pg) SQLite's rowid
);
CREATE INDEX idx_claim_item_claim_order_id ON claim_item (claim_order_id);
CREATE INDEX idx_claim_item_item_id ON claim_item (item_id);
CREATE INDEX idx_claim_item_variant_id ON claim_item (variant_id);

CREATE TABLE claim_image (
    id                  character varying PRIMARY KEY,           -- cimg_
    claim_item_id       character varying NOT NULL REFERENCES claim_item (id),
    url                 character varying NOT NULL,
    metadata            jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    rowid           bigint GENERATED ALWAYS AS IDENTITY  -- (pg) SQLite's rowid
);
CREATE INDEX idx_claim_image_claim_item_id ON claim_image (claim_item_id);

CREATE TABLE claim_tag (
    id                  character varying PRIMARY KEY,           -- ctag_
    value               character varying NOT NULL,
    metadata            jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    rowid           bigint GENERATED ALWAYS AS IDENTITY  -- (pg) SQLite's rowid
);
CREATE INDEX idx_claim_tag_value ON claim_tag (value);

CREATE TABLE claim_item_tags (
    item_id         character varying NOT NULL REFERENCES claim_item (id) ON DELETE CASCADE,
    tag_id          character varying NOT NULL REFERENCES claim_tag (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, tag_id)
);
CREATE INDEX idx_claim_item_tags_tag_id ON claim_item_tags (tag_id);
