-- Core schema of the network. Portable SQL: it runs unchanged on SQLite and PostgreSQL.
-- Ids are time-ordered 64-bit "snowflakes" made by the application; times are epoch milliseconds.

CREATE TABLE accounts (
    id              BIGINT       NOT NULL PRIMARY KEY,
    username        VARCHAR(30)  NOT NULL,
    username_lower  VARCHAR(30)  NOT NULL UNIQUE,
    display_name    VARCHAR(100) NOT NULL,
    note            VARCHAR(1000) NOT NULL,
    email_lower     VARCHAR(320) UNIQUE,
    password_hash   VARCHAR(200),
    locale          VARCHAR(16),
    bot             SMALLINT     NOT NULL,
    created_at      BIGINT       NOT NULL,
    statuses_count  BIGINT       NOT NULL,
    followers_count BIGINT       NOT NULL,
    following_count BIGINT       NOT NULL,
    last_status_at  BIGINT
);

CREATE TABLE apps (
    id            BIGINT        NOT NULL PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    website       VARCHAR(500),
    redirect_uri  VARCHAR(2000) NOT NULL,
    scopes        VARCHAR(500)  NOT NULL,
    client_id     VARCHAR(64)   NOT NULL UNIQUE,
    secret_hash   VARCHAR(64)   NOT NULL,
    created_at    BIGINT        NOT NULL
);

CREATE TABLE tokens (
    id          BIGINT       NOT NULL PRIMARY KEY,
    token_hash  VARCHAR(64)  NOT NULL UNIQUE,
    app_id      BIGINT       NOT NULL REFERENCES apps (id),
    account_id  BIGINT       REFERENCES accounts (id),
    scopes      VARCHAR(500) NOT NULL,
    created_at  BIGINT       NOT NULL,
    revoked_at  BIGINT
);

CREATE TABLE statuses (
    id                     BIGINT        NOT NULL PRIMARY KEY,
    account_id             BIGINT        NOT NULL REFERENCES accounts (id),
    text                   VARCHAR(20000) NOT NULL,
    spoiler_text           VARCHAR(1000) NOT NULL,
    sensitive              SMALLINT      NOT NULL,
    visibility             SMALLINT      NOT NULL,
    language               VARCHAR(16),
    in_reply_to_id         BIGINT,
    in_reply_to_account_id BIGINT,
    reblog_of_id           BIGINT,
    source_id              VARCHAR(200)  UNIQUE,
    app_id                 BIGINT,
    created_at             BIGINT        NOT NULL,
    replies_count          BIGINT        NOT NULL,
    reblogs_count          BIGINT        NOT NULL,
    favourites_count       BIGINT        NOT NULL
);
CREATE INDEX statuses_account ON statuses (account_id, id);
CREATE INDEX statuses_visibility ON statuses (visibility, id);
CREATE INDEX statuses_reply ON statuses (in_reply_to_id);
CREATE INDEX statuses_reblog ON statuses (reblog_of_id, account_id);

CREATE TABLE mentions (
    status_id  BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    PRIMARY KEY (status_id, account_id)
);
CREATE INDEX mentions_account ON mentions (account_id, status_id);

CREATE TABLE tags (
    id         BIGINT       NOT NULL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL UNIQUE,
    created_at BIGINT       NOT NULL
);

CREATE TABLE status_tags (
    tag_id    BIGINT NOT NULL,
    status_id BIGINT NOT NULL,
    PRIMARY KEY (tag_id, status_id)
);
CREATE INDEX status_tags_status ON status_tags (status_id);

CREATE TABLE favourites (
    id         BIGINT NOT NULL PRIMARY KEY,
    account_id BIGINT NOT NULL,
    status_id  BIGINT NOT NULL,
    UNIQUE (account_id, status_id)
);
CREATE INDEX favourites_status ON favourites (status_id);

CREATE TABLE follows (
    id                BIGINT NOT NULL PRIMARY KEY,
    account_id        BIGINT NOT NULL,
    target_account_id BIGINT NOT NULL,
    UNIQUE (account_id, target_account_id)
);
CREATE INDEX follows_target ON follows (target_account_id, id);

CREATE TABLE idempotency_keys (
    account_id BIGINT       NOT NULL,
    key_hash   VARCHAR(64)  NOT NULL,
    status_id  BIGINT       NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (account_id, key_hash)
);
