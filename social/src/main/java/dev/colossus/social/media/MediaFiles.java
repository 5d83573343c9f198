package dev.colossus.social.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Media files on disk, named by their content: {@code ROOT/ab/cd/HASH.EXT} where {@code HASH} is the SHA-256 in hex
 * (a preview is {@code HASH-small.EXT}). A file is written to a temporary name, synced and renamed into place, so a
 * reader never sees half a file and a crash leaves none. Thread-safe; writing the same name twice at once is
 * harmless (both write equal bytes).
 */
public final class MediaFiles {

    /** What a preview's name adds to its original's hash. */
    static final String PREVIEW_SUFFIX = "-small";
    private static final Pattern PATH = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}(-small)?\\.[a-z0-9]{2,5}");

    private final Path root;

    /** @param root the media directory; created when missing */
    public MediaFiles(Path root) {
        this.root = root;
    }

    /** The relative path of a file named {@code name.extension}: {@code ab/cd/name.extension}. */
    static String path(String name, String extension) {
        return name.substring(0, 2) + "/" + name.substring(2, 4) + "/" + name + "." + extension;
    }

    /** Whether {@code relative} is a path this store could have made (nothing else is ever resolved). */
    public static boolean isValidPath(String relative) {
        return relative != null && PATH.matcher(relative).matches();
    }

    /** The file at a relative path when it exists; empty for a missing file or a path this store never makes. */
    public Optional<Path> find(String relative) {
        if (!isValidPath(relative)) return Optional.empty();
        Path p = root.resolve(relative);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Writes {@code data} at {@code relative} unless a file is already there. @throws UncheckedIOException */
    void write(String relative, byte[] data) {
        Path target = root.resolve(relative);
        if (Files.isRegularFile(target)) return;
        try {
            Path dir = target.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".upload-", ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buf = ByteBuffer.wrap(data);
                    while (buf.hasRemaining()) ch.write(buf);
                    ch.force(true);
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store media file " + target + ": " + e.getMessage(), e);
        }
    }

    /** Makes a rename durable; some file systems cannot open directories, and then there is nothing to sync. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // Not supported here: the rename is as durable as the file system makes it.
        }
    }

    /** Deletes the file at {@code relative} if it exists. @throws UncheckedIOException */
    void delete(String relative) {
        try {
            Files.deleteIfExists(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete media file " + relative + ": " + e.getMessage(), e);
        }
    }
}
