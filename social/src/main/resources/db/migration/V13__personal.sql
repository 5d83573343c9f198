-- What each account keeps for itself: bookmarks, pinned posts, follow requests to locked accounts, direct
-- conversations and posting preferences. Portable SQL (SQLite and PostgreSQL); ids are snowflakes, as in V1.

-- A locked account approves its followers; a follow may ask to be notified of the followed account's new posts.
ALTER TABLE accounts ADD COLUMN locked SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE follows ADD COLUMN notify SMALLINT NOT NULL DEFAULT 0;

CREATE TABLE bookmarks (
    id         BIGINT NOT NULL PRIMARY KEY,  -- orders the account's list
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    status_id  BIGINT NOT NULL,              -- never a reblog: its original
    UNIQUE (account_id, status_id)
);
CREATE INDEX bookmarks_status ON bookmarks (status_id);

CREATE TABLE status_pins (
    id         BIGINT NOT NULL PRIMARY KEY,  -- orders the account's pinned posts
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    status_id  BIGINT NOT NULL UNIQUE        -- one of the account's own public or unlisted posts
);
CREATE INDEX status_pins_account ON status_pins (account_id, id);

CREATE TABLE follow_requests (
    id                BIGINT   NOT NULL PRIMARY KEY,  -- orders the target's list of requests
    account_id        BIGINT   NOT NULL REFERENCES accounts (id),  -- who asks to follow
    target_account_id BIGINT   NOT NULL REFERENCES accounts (id),  -- the locked account
    notify            SMALLINT NOT NULL,              -- the follow it becomes notifies of new posts
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX follow_requests_target ON follow_requests (target_account_id, id);

-- Direct posts belong to a conversation: a reply to a direct post continues its parent's.
CREATE TABLE status_conversations (
    status_id       BIGINT NOT NULL PRIMARY KEY,
    conversation_id BIGINT NOT NULL
);
CREATE INDEX status_conversations_conversation ON status_conversations (conversation_id, status_id);

-- Each participant's view of a conversation; its id is the one the API shows, its list is ordered by last_status_id.
CREATE TABLE account_conversations (
    id              BIGINT        NOT NULL PRIMARY KEY,
    account_id      BIGINT        NOT NULL REFERENCES accounts (id),
    conversation_id BIGINT        NOT NULL,
    participant_ids VARCHAR(4000) NOT NULL,  -- the other accounts of the last post, ascending, comma-separated
    last_status_id  BIGINT        NOT NULL,
    unread          SMALLINT      NOT NULL,
    UNIQUE (account_id, conversation_id)
);
CREATE INDEX account_conversations_account ON account_conversations (account_id, last_status_id);

CREATE TABLE account_preferences (
    account_id         BIGINT      NOT NULL PRIMARY KEY REFERENCES accounts (id),
    default_visibility SMALLINT    NOT NULL,
    default_sensitive  SMALLINT    NOT NULL,
    default_language   VARCHAR(16)
);
