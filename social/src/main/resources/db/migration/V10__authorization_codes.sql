-- Authorization codes of the OAuth 2 authorization-code flow (GET/POST /oauth/authorize, then POST /oauth/token):
-- random, shown once (only their SHA-256 digest is kept), single use, short-lived, bound to the app, the user, the
-- redirect URI, the granted scopes and the PKCE challenge. Portable SQL (SQLite and PostgreSQL); ids are snowflakes,
-- times epoch milliseconds, as in V1.

CREATE TABLE authorization_codes (
    id                    BIGINT        NOT NULL PRIMARY KEY,
    code_hash             VARCHAR(64)   NOT NULL UNIQUE,  -- SHA-256 of the code, lower-case hex
    app_id                BIGINT        NOT NULL REFERENCES apps (id),
    account_id            BIGINT        NOT NULL REFERENCES accounts (id),
    redirect_uri          VARCHAR(2000) NOT NULL,
    scopes                VARCHAR(500)  NOT NULL,
    code_challenge        VARCHAR(128),                   -- null when the app sent no PKCE challenge
    code_challenge_method VARCHAR(8),                     -- S256 or plain; null without a challenge
    created_at            BIGINT        NOT NULL,
    expires_at            BIGINT        NOT NULL,
    used_at               BIGINT,                         -- set when the code is presented; it never works again
    token_id              BIGINT                          -- the token issued for it (revoked if the code comes back)
);
CREATE INDEX authorization_codes_expiry ON authorization_codes (expires_at);
