-- Edited posts, as Mastodon keeps them: the post row holds the current version and when it was last edited; each
-- version (the original included, once the post is first edited) is a row of status_edits with the media and poll
-- options it showed.
-- A medium an edit removed keeps its status_id with position -1, so the history can still show it; it goes with the
-- post. Portable SQL (SQLite and PostgreSQL); ids are snowflakes, times epoch milliseconds, as in V1.

ALTER TABLE statuses ADD COLUMN edited_at BIGINT;  -- null: never edited

CREATE TABLE status_edits (
    id           BIGINT         NOT NULL PRIMARY KEY,  -- orders a post's versions
    status_id    BIGINT         NOT NULL,
    account_id   BIGINT         NOT NULL,              -- who made this version (the author)
    text         VARCHAR(20000) NOT NULL,
    spoiler_text VARCHAR(1000)  NOT NULL,
    sensitive    SMALLINT       NOT NULL,
    created_at   BIGINT         NOT NULL               -- the post's creation for the original, else the edit's time
);
CREATE INDEX status_edits_status ON status_edits (status_id, id);

CREATE TABLE status_edit_media (
    edit_id     BIGINT        NOT NULL,
    position    SMALLINT      NOT NULL,
    media_id    BIGINT        NOT NULL,
    description VARCHAR(1500) NOT NULL,  -- the alt text this version showed
    PRIMARY KEY (edit_id, position)
);

CREATE TABLE status_edit_poll_options (
    edit_id  BIGINT       NOT NULL,
    position SMALLINT     NOT NULL,
    title    VARCHAR(200) NOT NULL,  -- the poll's options as this version showed them (none: no poll)
    PRIMARY KEY (edit_id, position)
);
