-- Replies brought in by a bulk import whose parent (named by its source id) was not in the store yet. The loader
-- threads them once the parent arrives, in the same import or a later one.

CREATE TABLE pending_replies (
    status_id       BIGINT       NOT NULL PRIMARY KEY,
    reply_to_source VARCHAR(200) NOT NULL
);
CREATE INDEX pending_replies_source ON pending_replies (reply_to_source);
