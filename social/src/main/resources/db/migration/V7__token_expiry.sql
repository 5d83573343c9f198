-- Tokens that expire: an app may ask for a lifetime (expires_in) when it gets a token. Epoch milliseconds, as in V1;
-- NULL means the token never expires (what Mastodon clients that ask for nothing get). Portable SQL.

ALTER TABLE tokens ADD COLUMN expires_at BIGINT;
