-- API keys for the OpenAI-compatible API (/v1), created by users and shown once: only their SHA-256 digest is kept.
-- Portable SQL (SQLite and PostgreSQL); ids are snowflakes, times epoch milliseconds, as in V1.

CREATE TABLE api_keys (
    id           BIGINT       NOT NULL PRIMARY KEY,
    account_id   BIGINT       NOT NULL REFERENCES accounts (id),
    name         VARCHAR(100) NOT NULL,
    key_hash     VARCHAR(64)  NOT NULL UNIQUE,  -- SHA-256 of the key, lower-case hex
    key_hint     VARCHAR(16)  NOT NULL,         -- the key's first characters, to tell keys apart in lists
    created_at   BIGINT       NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT                         -- null while the key works
);
CREATE INDEX api_keys_account ON api_keys (account_id, id);

-- Model tokens (prompt + completion) spent per caller and UTC day, for daily quotas. The subject is "key:ID" for a
-- user's key, "user:ID" for a user's access token, "env:DIGEST" for a key from COLOSSUS_API_KEYS.
CREATE TABLE api_usage (
    subject VARCHAR(80) NOT NULL,
    day     BIGINT      NOT NULL,  -- days since 1970-01-01 (UTC)
    tokens  BIGINT      NOT NULL,
    PRIMARY KEY (subject, day)
);
