-- Posts that mentioned the assistant and what became of each, so that a post is answered at most once, across
-- restarts, and replies can be rate-limited per author. Portable SQL (SQLite and PostgreSQL).

CREATE TABLE assistant_replies (
    status_id  BIGINT      NOT NULL PRIMARY KEY, -- the post that mentioned the assistant
    author_id  BIGINT      NOT NULL,             -- who wrote it
    outcome    VARCHAR(16) NOT NULL,             -- pending, replied, limited or failed
    reply_id   BIGINT,                           -- the assistant's reply, once posted
    created_at BIGINT      NOT NULL              -- when it was taken up (epoch milliseconds)
);
CREATE INDEX assistant_replies_author ON assistant_replies (author_id, created_at);
