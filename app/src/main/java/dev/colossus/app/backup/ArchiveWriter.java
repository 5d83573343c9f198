package dev.colossus.app.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a backup archive: a ZIP file of the added files followed by its {@link BackupManifest}. The archive is
 * written to a temporary file next to its destination and renamed into place by {@link #commit} once complete and
 * synced, so the destination never holds part of an archive; closing without committing deletes the temporary file.
 * Where the file system has POSIX permissions, only the owner may read the archive (it holds password hashes and
 * tokens).
 * Not thread-safe.
 */
final class ArchiveWriter implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final ZipOutputStream zip;
    private final LongConsumer progress;
    private final List<BackupManifest.Entry> entries = new ArrayList<>();
    private final byte[] buffer = new byte[1 << 16];
    private long written;
    private boolean committed;

    /**
     * @param target   the archive to make (replaced when it exists, once the new one is complete)
     * @param progress told the number of file bytes added so far, after every buffer
     */
    ArchiveWriter(Path target, LongConsumer progress) throws IOException {
        this.target = target.toAbsolutePath();
        this.progress = progress;
        this.temp = Files.createTempFile(this.target.getParent(), "." + target.getFileName() + ".", ".partial");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        this.zip = new ZipOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
    }

    /**
     * Adds {@code file} as {@code path}, deflated at the fastest level when {@code compress} (databases) or stored as
     * it is (media files, already compressed), and records its size and SHA-256 for the manifest.
     */
    void add(String path, Path file, boolean compress) throws IOException {
        zip.setLevel(compress ? Deflater.BEST_SPEED : Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(path));
        MessageDigest sha = Digests.sha256();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                zip.write(buffer, 0, n);
                size += n;
                written += n;
                progress.accept(written);
            }
        }
        zip.closeEntry();
        entries.add(new BackupManifest.Entry(path, size, Digests.hex(sha)));
    }

    /** The files added so far, in order. */
    List<BackupManifest.Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Writes {@code manifest} (which should list {@link #entries()}) as the archive's last entry, syncs the file and
     * renames it to the destination.
     */
    void commit(BackupManifest manifest) throws IOException {
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        zip.putNextEntry(new ZipEntry(BackupManifest.NAME));
        zip.write(manifest.toJson());
        zip.closeEntry();
        zip.finish();
        zip.flush();
        channel.force(true);
        zip.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (committed) return;
        try {
            zip.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
