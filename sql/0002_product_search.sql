-- 0002_product_search.sql: full-text search over products (POST /store/products/search), an
-- FTS5 index kept in step with every product write by triggers, so no writer has to remember it.
-- One row per live, published product (the only ones search shows): title, subtitle,
-- description, handle, its variants' titles and SKUs, its tags and its collection's title. The
-- rank weighs title and handle first, then variants (titles, SKUs), tags, collection.

CREATE VIEW product_search_source AS
SELECT p.id AS product_id,
       p.title AS title,
       coalesce(p.subtitle, '') AS subtitle,
       coalesce(p.description, '') AS description,
       coalesce(p.handle, '') AS handle,
       coalesce((SELECT group_concat(v.title || ' ' || coalesce(v.sku, ''), ' ')
                 FROM product_variant v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '')
           AS variants,
       coalesce((SELECT group_concat(t.value, ' ') FROM product_tags pt
                 JOIN product_tag t ON t.id = pt.product_tag_id WHERE pt.product_id = p.id), '')
           AS tags,
       coalesce((SELECT c.title FROM product_collection c WHERE c.id = p.collection_id), '')
           AS collection
FROM product p
WHERE p.deleted_at IS NULL AND p.status = 'published';

CREATE VIRTUAL TABLE product_search USING fts5(
    product_id UNINDEXED, title, subtitle, description, handle, variants, tags, collection,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO product_search (product_search, rank) VALUES ('rank', 'bm25(0, 10, 4, 1, 8, 5, 3, 2)');
INSERT INTO product_search SELECT * FROM product_search_source;

CREATE TRIGGER product_search_product_ins AFTER INSERT ON product BEGIN
    INSERT INTO product_search SELECT * FROM product_search_source WHERE product_id = NEW.id;
END;
CREATE TRIGGER product_search_product_upd AFTER UPDATE ON product BEGIN
    DELETE FROM product_search WHERE product_id = OLD.id;
    INSERT INTO product_search SELECT * FROM product_search_source WHERE product_id = NEW.id;
END;
CREATE TRIGGER product_search_product_del AFTER DELETE ON product BEGIN
    DELETE FROM product_search WHERE product_id = OLD.id;
END;

CREATE TRIGGER product_search_variant_ins AFTER INSERT ON product_variant BEGIN
    DELETE FROM product_search WHERE product_id = NEW.product_id;
    INSERT INTO product_search SELECT * FROM product_search_source WHERE product_id = NEW.product_id;
END;
CREATE TRIGGER product_search_variant_upd AFTER UPDATE OF title, sku, deleted_at, product_id
ON product_variant BEGIN
    DELETE FROM product_search WHERE product_id IN (OLD.product_id, NEW.product_id);
    INSERT INTO product_search SELECT * FROM product_search_source
        WHERE product_id IN (OLD.product_id, NEW.product_id);
END;
CREATE TRIGGER product_search_variant_del AFTER DELETE ON product_variant BEGIN
    DELETE FROM product_search WHERE product_id = OLD.product_id;
    INSERT INTO product_search SELECT * FROM product_search_source WHERE product_id = OLD.product_id;
END;

CREATE TRIGGER product_search_tags_ins AFTER INSERT ON product_tags BEGIN
    DELETE FROM product_search WHERE product_id = NEW.product_id;
    INSERT INTO product_search SELECT * FROM product_search_source WHERE product_id = NEW.product_id;
END;
CREATE TRIGGER product_search_tags_del AFTER DELETE ON product_tags BEGIN
    DELETE FROM product_search WHERE product_id = OLD.product_id;
    INSERT INTO product_search SELECT * FROM product_search_source WHERE product_id = OLD.product_id;
END;
CREATE TRIGGER product_search_tag_upd AFTER UPDATE OF value ON product_tag BEGIN
    DELETE FROM product_search WHERE product_id IN
        (SELECT product_id FROM product_tags WHERE product_tag_id = NEW.id);
    INSERT INTO product_search SELECT * FROM product_search_source WHERE product_id IN
        (SELECT product_id FROM product_tags WHERE product_tag_id = NEW.id);
END;
CREATE TRIGGER product_search_collection_upd AFTER UPDATE OF title ON product_collection BEGIN
    DELETE FROM product_search WHERE product_id IN
        (SELECT id FROM product WHERE collection_id = NEW.id);
    INSERT INTO product_search SELECT * FROM product_search_source WHERE product_id IN
        (SELECT id FROM product WHERE collection_id = NEW.id);
END;
