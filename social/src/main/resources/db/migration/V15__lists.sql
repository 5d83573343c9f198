-- Lists: an account's named selections of the accounts it follows, each read as its own timeline (Mastodon's lists).
-- Portable SQL (SQLite and PostgreSQL); ids are snowflakes, as in V1.

CREATE TABLE lists (
    id             BIGINT       NOT NULL PRIMARY KEY,
    account_id     BIGINT       NOT NULL REFERENCES accounts (id),  -- the owner
    title          VARCHAR(100) NOT NULL,
    replies_policy VARCHAR(10)  NOT NULL,                           -- followed, list or none
    exclusive      SMALLINT     NOT NULL                            -- 1: members' posts leave the owner's home
);
CREATE INDEX lists_account ON lists (account_id, id);

-- A member is an account the owner follows; it leaves every list of the owner with the follow.
CREATE TABLE list_accounts (
    id         BIGINT NOT NULL PRIMARY KEY,  -- orders the list's members
    list_id    BIGINT NOT NULL REFERENCES lists (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    UNIQUE (list_id, account_id)
);
CREATE INDEX list_accounts_account ON list_accounts (account_id, list_id);
