-- Notifications, as Mastodon keeps them: one row per thing that happened to an account (mentioned, reblogged,
-- followed, favourited), and the read markers of each account's home and notifications timelines.
-- Portable SQL (SQLite and PostgreSQL); ids are snowflakes, times epoch milliseconds, as in V1.

CREATE TABLE notifications (
    id              BIGINT      NOT NULL PRIMARY KEY,
    account_id      BIGINT      NOT NULL REFERENCES accounts (id),  -- who is notified
    from_account_id BIGINT      NOT NULL REFERENCES accounts (id),  -- who did it
    type            VARCHAR(20) NOT NULL,                           -- mention, reblog, follow, favourite
    status_id       BIGINT,     -- the mentioning post, the reblog, the favourited post; null for a follow
    created_at      BIGINT      NOT NULL
);
CREATE INDEX notifications_account ON notifications (account_id, id);
CREATE INDEX notifications_status ON notifications (status_id);

CREATE TABLE markers (
    account_id   BIGINT      NOT NULL REFERENCES accounts (id),
    timeline     VARCHAR(20) NOT NULL,  -- home or notifications
    last_read_id BIGINT      NOT NULL,
    version      BIGINT      NOT NULL,  -- raised by one on every change
    updated_at   BIGINT      NOT NULL,
    PRIMARY KEY (account_id, timeline)
);
