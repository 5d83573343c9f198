package dev.colossus.social.search;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.Lock;

/** Decides whether an index directory can be used as it is, and wipes one that cannot. */
final class IndexHealth {

    static final String SCHEMA_KEY = "colossus.schema";
    static final String SCHEMA_VERSION = "2";

    private IndexHealth() {
    }

    /**
     * Why the index in {@code dir} must be rebuilt, or empty when it is sound: it opens, every file's checksum
     * matches, and it was written with this schema. Reads every index file once.
     *
     * @throws IOException for failures a rebuild would not fix (permissions, disk errors)
     */
    static Optional<String> rebuildReason(Directory dir) throws IOException {
        String[] files = dir.listAll();
        boolean anyIndexFile = false;
        for (String f : files) {
            if (!f.equals(IndexWriter.WRITE_LOCK_NAME)) anyIndexFile = true;
        }
        if (!anyIndexFile) return Optional.of("no index yet");
        if (!DirectoryReader.indexExists(dir)) return Optional.of("index files present but no segments file");
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            Map<String, String> userData = reader.getIndexCommit().getUserData();
            if (!SCHEMA_VERSION.equals(userData.get(SCHEMA_KEY))) {
                return Optional.of("index schema " + userData.get(SCHEMA_KEY) + " is not " + SCHEMA_VERSION);
            }
            for (LeafReaderContext leaf : reader.leaves()) {
                leaf.reader().checkIntegrity();
            }
            return Optional.empty();
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException
                 | NoSuchFileException | FileNotFoundException | EOFException e) {
            return Optional.of("index is damaged (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** Deletes every file of the directory while holding its write lock, so a live writer elsewhere is never harmed. */
    static void wipe(Directory dir) throws IOException {
        try (Lock ignored = dir.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
            wipeLocked(dir);
        }
    }

    /** Deletes every file of the directory but the write lock, which the caller holds. */
    static void wipeLocked(Directory dir) throws IOException {
        for (String f : dir.listAll()) {
            if (!f.equals(IndexWriter.WRITE_LOCK_NAME)) dir.deleteFile(f);
        }
    }
}
