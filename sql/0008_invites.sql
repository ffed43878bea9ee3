-- 0008_invites.sql: invitations of team members (Medusa 1.20's invite model). An invite carries
-- the signed token the invitee accepts with; it is deleted when accepted or withdrawn, and one live
-- invite exists per e-mail.

CREATE TABLE invite (
    id              TEXT PRIMARY KEY,               -- invite_
    user_email      TEXT NOT NULL,
    role            TEXT DEFAULT 'member' CHECK (role IN ('admin', 'member', 'developer')),
    accepted        INTEGER NOT NULL DEFAULT 0,
    token           TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    metadata        TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    deleted_at      TEXT
);
CREATE UNIQUE INDEX idx_invite_user_email ON invite (user_email) WHERE deleted_at IS NULL;

-- The admin lists page by creation time, as the others (0003_list_indexes.sql).
CREATE INDEX idx_user_created_at_id ON "user" (created_at, id);
CREATE INDEX idx_tax_rate_created_at_id ON tax_rate (created_at, id);
CREATE INDEX idx_sales_channel_created_at_id ON sales_channel (created_at, id);
CREATE INDEX idx_publishable_api_key_created_at_id ON publishable_api_key (created_at, id);
