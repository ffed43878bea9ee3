-- PostgreSQL twin of sql/0010_batch_jobs.sql: the same statements, types as in sql/pg/0001_init.sql.
-- 0010_batch_jobs.sql: Medusa v1.20's batch_job table (models/batch-job.ts), for the Admin API's
-- CSV imports and exports, plus two columns of ours for the job runner (`medusa-fcgi jobs`).
-- The status is not stored: it is derived from the timestamps, as Medusa's loadStatus() does.

CREATE TABLE batch_job (
    id                  character varying PRIMARY KEY,           -- batch_
    type                text NOT NULL,              -- product-import, product-export, ...
    created_by          character varying REFERENCES "user" (id),
    context             jsonb,                       -- JSON object
    result              jsonb,                       -- JSON object, or NULL before pre-processing
    dry_run             boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    pre_processed_at    timestamptz,
    processing_at       timestamptz,
    confirmed_at        timestamptz,
    completed_at        timestamptz,
    canceled_at         timestamptz,
    failed_at           timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    deleted_at          timestamptz,
    -- (ours) the runner working on the job: its pid and when it last reported, so a job whose
    -- runner died is taken up again instead of staying "processing" for ever.
    runner_pid          integer,
    heartbeat_at        timestamptz,
    rowid           bigint GENERATED ALWAYS AS IDENTITY  -- (pg) SQLite's rowid
);
CREATE INDEX idx_batch_job_created_by ON batch_job (created_by, created_at);
-- The runner's question "what is there to do?" reads only unfinished jobs.
CREATE INDEX idx_batch_job_open ON batch_job (created_at)
    WHERE completed_at IS NULL AND canceled_at IS NULL AND failed_at IS NULL
      AND deleted_at IS NULL;
