-- PostgreSQL twin of sql/0007_email_case.sql: the same statements, types as in sql/pg/0001_init.sql.
-- 0007_email_case.sql: e-mails are compared and stored ignoring case (issue #12). Registration
-- always lower-cased them, but a profile update wrote them as given, so B@EXAMPLE.COM could sit
-- beside b@example.com. Every live e-mail whose lower-case form no other row of the same kind
-- holds is lower-cased; two rows that differ only in case are left as they are (lookups compare
-- lower(email) and prefer the exact spelling). The indexes serve those comparisons.

UPDATE customer SET email = lower(email)
    WHERE email <> lower(email) AND deleted_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM customer o WHERE o.id <> customer.id AND o.deleted_at IS NULL
            AND o.has_account = customer.has_account AND lower(o.email) = lower(customer.email));
CREATE INDEX idx_customer_email_lower ON customer (lower(email));

UPDATE "user" SET email = lower(email)
    WHERE email <> lower(email) AND deleted_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM "user" o WHERE o.id <> "user".id AND o.deleted_at IS NULL
            AND lower(o.email) = lower("user".email));
CREATE INDEX idx_user_email_lower ON "user" (lower(email));

UPDATE cart SET email = lower(email) WHERE email <> lower(email);
UPDATE "order" SET email = lower(email) WHERE email <> lower(email);
CREATE INDEX idx_order_email_lower ON "order" (lower(email));
