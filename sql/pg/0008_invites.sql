-- PostgreSQL twin of sql/0008_invites.sql: the same statements, types as in sql/pg/0001_init.sql.
-- 0008_invites.sql: invitations of team members (Medusa 1.20's invite model). An invite carries
-- the signed token the invitee accepts with; it is deleted when accepted or withdrawn, and one live
-- invite exists per e-mail.

CREATE TABLE invite (
    id              character varying PRIMARY KEY,               -- invite_
    user_email      character varying NOT NULL,
    role            text DEFAULT 'member' CHECK (role IN ('admin', 'member', 'developer')),
    accepted        boolean NOT NULL DEFAULT false,
    token           character varying NOT NULL,
    expires_at      timestamptz NOT NULL,
    metadata        jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    rowid           bigint GENERATED ALWAYS AS IDENTITY  -- (pg) SQLite's rowid
);
CREATE UNIQUE INDEX idx_invite_user_email ON invite (user_email) WHERE deleted_at IS NULL;

-- The admin lists page by creation time, as the others (0003_list_indexes.sql).
CREATE INDEX idx_user_created_at_id ON "user" (created_at, id);
CREATE INDEX idx_tax_rate_created_at_id ON tax_rate (created_at, id);
CREATE INDEX idx_sales_channel_created_at_id ON sales_channel (created_at, id);
CREATE INDEX idx_publishable_api_key_created_at_id ON publishable_api_key (created_at, id);
