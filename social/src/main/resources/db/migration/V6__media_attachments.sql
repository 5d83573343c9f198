-- Media attached to posts (and uploads waiting to be). The files live on disk by content hash (DATA/media/ab/cd/
-- HASH.EXT; previews HASH-small.EXT), so rows with equal files share one. Portable SQL (SQLite and PostgreSQL);
-- ids are snowflakes, times epoch milliseconds, as in V1.

CREATE TABLE media_attachments (
    id               BIGINT           NOT NULL PRIMARY KEY,
    account_id       BIGINT           NOT NULL REFERENCES accounts (id),
    status_id        BIGINT,                     -- null while unattached
    position         SMALLINT         NOT NULL,  -- order within the post
    type             VARCHAR(8)       NOT NULL,  -- image, gifv, video or audio
    format           VARCHAR(8)       NOT NULL,  -- the stored file's extension: png, jpg, gif, webp, wav, mp3, ogg, mp4, webm
    file_hash        VARCHAR(64)      NOT NULL,  -- SHA-256 of the stored file, lower-case hex
    file_size        BIGINT           NOT NULL,
    description      VARCHAR(1500)    NOT NULL,
    focus_x          DOUBLE PRECISION NOT NULL,
    focus_y          DOUBLE PRECISION NOT NULL,
    blurhash         VARCHAR(100),
    width            INTEGER,
    height           INTEGER,
    duration         DOUBLE PRECISION,           -- seconds
    frame_rate       DOUBLE PRECISION,
    preview_format   VARCHAR(8),                 -- png or jpg; null without a preview
    preview_width    INTEGER,
    preview_height   INTEGER,
    created_at       BIGINT           NOT NULL,
    unattached_since BIGINT                      -- when it was uploaded or its post deleted; null while attached
);
CREATE INDEX media_attachments_status ON media_attachments (status_id, position);
CREATE INDEX media_attachments_unattached ON media_attachments (unattached_since);
CREATE INDEX media_attachments_hash ON media_attachments (file_hash);
