-- Polls attached to posts, their options with vote counts, and who voted for what. Portable SQL (SQLite and
-- PostgreSQL); ids are snowflakes, times epoch milliseconds, as in V1.

CREATE TABLE polls (
    id           BIGINT   NOT NULL PRIMARY KEY,
    status_id    BIGINT   NOT NULL UNIQUE REFERENCES statuses (id),
    account_id   BIGINT   NOT NULL REFERENCES accounts (id),  -- the post's author
    multiple     SMALLINT NOT NULL,  -- 1: a voter may choose several options
    hide_totals  SMALLINT NOT NULL,  -- 1: results stay hidden from voters until the poll ends
    votes_count  BIGINT   NOT NULL,  -- over all options
    voters_count BIGINT   NOT NULL,
    expires_at   BIGINT   NOT NULL,
    ended_at     BIGINT,             -- when its end was processed (voters and author notified); null before
    created_at   BIGINT   NOT NULL
);
CREATE INDEX polls_open ON polls (ended_at, expires_at);

CREATE TABLE poll_options (
    poll_id     BIGINT       NOT NULL REFERENCES polls (id),
    position    SMALLINT     NOT NULL,  -- the option's index, from 0
    title       VARCHAR(200) NOT NULL,  -- at most PollLimits' 200 characters
    votes_count BIGINT       NOT NULL,
    PRIMARY KEY (poll_id, position)
);

-- One row per voter: the primary key makes a second vote by the same account fail, however concurrent.
CREATE TABLE poll_votes (
    poll_id    BIGINT       NOT NULL REFERENCES polls (id),
    account_id BIGINT       NOT NULL REFERENCES accounts (id),
    choices    VARCHAR(100) NOT NULL,  -- the chosen option indexes, ascending, comma-separated (at most 20)
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (poll_id, account_id)
);
CREATE INDEX poll_votes_account ON poll_votes (account_id);
