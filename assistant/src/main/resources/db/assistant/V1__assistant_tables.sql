-- The assistant's tables, migrated with their own history (assistant_schema_history). Portable SQL (SQLite and
-- PostgreSQL); ids are snowflakes, times epoch milliseconds. "IF NOT EXISTS": a PostgreSQL database made before the
-- assistant had its own migrations already holds these tables (made by the network's V4 and V5) and keeps them.

-- Posts that mentioned the assistant and what became of each, so that a post is answered at most once, across
-- restarts, and replies can be rate-limited per author.
CREATE TABLE IF NOT EXISTS assistant_replies (
    status_id  BIGINT      NOT NULL PRIMARY KEY, -- the post that mentioned the assistant
    author_id  BIGINT      NOT NULL,             -- who wrote it
    outcome    VARCHAR(16) NOT NULL,             -- pending, replied, limited or failed
    reply_id   BIGINT,                           -- the assistant's reply, once posted
    created_at BIGINT      NOT NULL              -- when it was taken up (epoch milliseconds)
);
CREATE INDEX IF NOT EXISTS assistant_replies_author ON assistant_replies (author_id, created_at);

-- Stored conversations: multi-turn chats, each owned by one account of the network.
CREATE TABLE IF NOT EXISTS assistant_conversations (
    id          BIGINT       NOT NULL PRIMARY KEY,
    account_id  BIGINT       NOT NULL,
    persona     VARCHAR(32)  NOT NULL,
    title       VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS assistant_conversations_account ON assistant_conversations (account_id, id);

-- citations: the cited posts of an assistant message as a JSON array (empty for user messages).
CREATE TABLE IF NOT EXISTS assistant_messages (
    id               BIGINT          NOT NULL PRIMARY KEY,
    conversation_id  BIGINT          NOT NULL REFERENCES assistant_conversations (id),
    role             VARCHAR(16)     NOT NULL,
    content          VARCHAR(100000) NOT NULL,
    citations        VARCHAR(20000)  NOT NULL,
    created_at       BIGINT          NOT NULL
);
CREATE INDEX IF NOT EXISTS assistant_messages_conversation ON assistant_messages (conversation_id, id);
