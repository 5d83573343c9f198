package dev.colossus.app.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * What a backup archive holds, written into it as {@value #NAME}: the archive format, when and by which Colossus it was
 * made, what became of the database, and every other file with its size and SHA-256.
 *
 * @param format          the archive format, {@value #FORMAT} for archives made by this version
 * @param createdAt       when the backup was made (ISO-8601, UTC)
 * @param colossusVersion the Colossus that made it, e.g. {@code Colossus 0.1.0}
 * @param database        {@code sqlite} when the network's database is in the archive; otherwise which server holds
 *                        it and how it is saved, e.g. {@code PostgreSQL, dumped separately with pg_dump}
 * @param files           every file of the archive except the manifest, as paths relative to the data directory
 */
public record BackupManifest(int format, @JsonProperty("created_at") String createdAt,
                             @JsonProperty("colossus_version") String colossusVersion, String database,
                             List<Entry> files) {

    /** The name of the manifest inside the archive. */
    public static final String NAME = "manifest.json";
    /** The archive format this version writes and the newest it reads. */
    public static final int FORMAT = 1;
    /** {@link #database} when the network's SQLite database is in the archive. */
    public static final String SQLITE = "sqlite";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public BackupManifest {
        files = List.copyOf(files);
    }

    /**
     * One file of the archive.
     *
     * @param path   its path relative to the data directory, with {@code /} separators (also its name in the archive)
     * @param size   its length in bytes
     * @param sha256 the SHA-256 of its bytes, lower-case hex
     */
    public record Entry(String path, long size, String sha256) {
    }

    /** The manifest as UTF-8 JSON. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a manifest written by {@link #toJson}.
     *
     * @throws BackupException when the bytes are not a manifest, or one of a newer format than {@value #FORMAT}
     */
    public static BackupManifest fromJson(byte[] json) {
        BackupManifest m;
        try {
            m = JSON.readValue(json, BackupManifest.class);
        } catch (JsonProcessingException e) {
            throw new BackupException(NAME + " is not a backup manifest: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BackupException(NAME + " cannot be read: " + e.getMessage());
        }
        if (m.format() < 1) throw new BackupException(NAME + " has no valid format number");
        if (m.format() > FORMAT) {
            throw new BackupException("the archive is of format " + m.format() + ", made by a newer Colossus (this one"
                    + " reads format " + FORMAT + ")");
        }
        return m;
    }
}
