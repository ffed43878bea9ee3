-- PostgreSQL twin of sql/0009_stripe_event.sql: the same statements, types as in sql/pg/0001_init.sql.
-- 0009_stripe_event.sql: every verified Stripe webhook event (POST /stripe/hooks), keyed by Stripe's
-- event id, so that a delivery Stripe repeats, or a replay, is recognised and acted on at most once
-- (issue 16). processed_at is set when the event's handling has been committed; an event whose
-- handling failed or is not wired yet stays unprocessed, to be handled at its next delivery.
CREATE TABLE stripe_event (
    id text PRIMARY KEY,                 -- evt_...
    type text NOT NULL,                  -- payment_intent.succeeded, ...
    object_id text,                      -- data.object.id (pi_... for payment_intent.* events)
    resource_id text,                    -- data.object.metadata.resource_id: the cart or collection
    livemode boolean NOT NULL DEFAULT false,
    created bigint,                      -- Stripe's event.created, seconds since the epoch
    payload text NOT NULL,               -- the verified body exactly as received
    deliveries integer NOT NULL DEFAULT 1,
    received_at timestamptz NOT NULL,
    last_received_at timestamptz NOT NULL,
    processed_at timestamptz,
    outcome text                         -- what its handling did: ignored, logged, ...
);
CREATE INDEX idx_stripe_event_object ON stripe_event (object_id);
CREATE INDEX idx_stripe_event_pending ON stripe_event (received_at) WHERE processed_at IS NULL;
