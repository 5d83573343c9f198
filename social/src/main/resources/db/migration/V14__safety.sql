-- Safety: blocks, mutes and reports between accounts, and the profile fields a user edits (avatar, header, profile
-- metadata, discoverability) plus the mark of a deleted account (its row stays, so its username stays reserved).
-- Portable SQL (SQLite and PostgreSQL); ids are snowflakes, times epoch milliseconds, as in V1.

CREATE TABLE blocks (
    id                BIGINT NOT NULL PRIMARY KEY,
    account_id        BIGINT NOT NULL REFERENCES accounts (id),  -- who blocks
    target_account_id BIGINT NOT NULL REFERENCES accounts (id),  -- who is blocked
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX blocks_target ON blocks (target_account_id, account_id);

CREATE TABLE mutes (
    id                BIGINT   NOT NULL PRIMARY KEY,
    account_id        BIGINT   NOT NULL REFERENCES accounts (id),  -- who mutes
    target_account_id BIGINT   NOT NULL REFERENCES accounts (id),  -- who is muted
    notifications     SMALLINT NOT NULL,                           -- 1: their notifications are hidden too
    expires_at        BIGINT,                                      -- null: until unmuted
    UNIQUE (account_id, target_account_id)
);

CREATE TABLE reports (
    id                BIGINT        NOT NULL PRIMARY KEY,
    account_id        BIGINT        NOT NULL REFERENCES accounts (id),  -- who reports
    target_account_id BIGINT        NOT NULL REFERENCES accounts (id),  -- who is reported
    category          VARCHAR(20)   NOT NULL,                           -- spam, legal, violation, other
    comment           VARCHAR(1000) NOT NULL,
    created_at        BIGINT        NOT NULL
);
CREATE INDEX reports_target ON reports (target_account_id, id);

CREATE TABLE report_statuses (
    report_id BIGINT NOT NULL REFERENCES reports (id),
    status_id BIGINT NOT NULL,  -- kept when the post is deleted later, as the report's evidence list
    PRIMARY KEY (report_id, status_id)
);

ALTER TABLE accounts ADD COLUMN avatar_path VARCHAR(200);                 -- a media file path, null: the default
ALTER TABLE accounts ADD COLUMN header_path VARCHAR(200);
ALTER TABLE accounts ADD COLUMN fields VARCHAR(4000) NOT NULL DEFAULT '[]'; -- JSON [[name, value], ...], at most 4
ALTER TABLE accounts ADD COLUMN discoverable SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE accounts ADD COLUMN deleted_at BIGINT;                         -- null: a live account
