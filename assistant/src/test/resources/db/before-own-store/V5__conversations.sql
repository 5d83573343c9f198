-- The assistant's stored conversations: multi-turn chats, each owned by one account.
-- Portable SQL (SQLite and PostgreSQL); ids are snowflakes, times epoch milliseconds, as in V1.

CREATE TABLE assistant_conversations (
    id          BIGINT       NOT NULL PRIMARY KEY,
    account_id  BIGINT       NOT NULL REFERENCES accounts (id),
    persona     VARCHAR(32)  NOT NULL,
    title       VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL
);
CREATE INDEX assistant_conversations_account ON assistant_conversations (account_id, id);

-- citations: the cited posts of an assistant message as a JSON array (empty for user messages).
CREATE TABLE assistant_messages (
    id               BIGINT         NOT NULL PRIMARY KEY,
    conversation_id  BIGINT         NOT NULL REFERENCES assistant_conversations (id),
    role             VARCHAR(16)    NOT NULL,
    content          VARCHAR(100000) NOT NULL,
    citations        VARCHAR(20000) NOT NULL,
    created_at       BIGINT         NOT NULL
);
CREATE INDEX assistant_messages_conversation ON assistant_messages (conversation_id, id);
