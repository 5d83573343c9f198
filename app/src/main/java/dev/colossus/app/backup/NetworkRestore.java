package dev.colossus.app.backup;

import dev.colossus.app.UserError;
import dev.colossus.social.media.MediaFiles;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Restores a backup archive made by {@link NetworkBackup} into a new data directory. Before anything is written the
 * archive must be whole (a truncated file has no ZIP directory), carry a manifest this version reads, and list only
 * paths a data directory has; every file is then checked against its size and SHA-256 as it is unpacked into a
 * staging directory, and moved into place only when all of them match. On failure nothing is left behind (a directory
 * this created is removed again). The search index is not in an archive: a server rebuilds it when it starts.
 */
public final class NetworkRestore {

    /** What an archive may name: SQLite databases at the top of the data directory, media files under {@code media/}. */
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_-]+\\.db");
    private static final String STAGING = ".restoring";

    private NetworkRestore() {
    }

    /**
     * Restores {@code archive} into {@code dataDir}, which must be missing or empty.
     *
     * @param progress told the bytes to restore once the manifest is read, then the bytes restored so far
     * @return the archive's manifest
     * @throws UserError       when {@code dataDir} is not empty or {@code archive} cannot be read
     * @throws BackupException when the archive is truncated, damaged, altered or not a backup
     */
    public static BackupManifest restore(Path archive, Path dataDir, Progress progress) throws IOException {
        if (!Files.isRegularFile(archive) || !Files.isReadable(archive)) throw new UserError("cannot read " + archive);
        boolean created = !Files.exists(dataDir);
        if (!created) requireEmpty(dataDir);
        try (ZipFile zip = open(archive)) {
            BackupManifest manifest = manifest(zip, archive);
            Files.createDirectories(dataDir);
            Path staging = dataDir.resolve(STAGING);
            try {
                progress.total(manifest.files().stream().mapToLong(BackupManifest.Entry::size).sum());
                unpack(zip, archive, manifest, staging, progress);
                try (Stream<Path> top = Files.list(staging)) {
                    for (Path p : top.toList()) Files.move(p, dataDir.resolve(p.getFileName().toString()));
                }
                Files.delete(staging);
                return manifest;
            } catch (IOException | RuntimeException e) {
                NetworkBackup.deleteTree(staging);
                if (created) Files.deleteIfExists(dataDir);
                throw e;
            }
        }
    }

    private static void requireEmpty(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) throw new UserError(dataDir + " is not a directory");
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                throw new UserError(dataDir + " is not empty; restore into a new or empty directory");
            }
        }
    }

    private static ZipFile open(Path archive) throws IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new BackupException(archive + " is not a complete backup archive (truncated or damaged: "
                    + e.getMessage() + ")", e);
        }
    }

    /** Reads the manifest and checks that it and the archive's entries list the same, acceptable paths. */
    private static BackupManifest manifest(ZipFile zip, Path archive) throws IOException {
        ZipEntry entry = zip.getEntry(BackupManifest.NAME);
        if (entry == null) throw new BackupException(archive + " has no " + BackupManifest.NAME + ": not a Colossus backup");
        BackupManifest manifest;
        try (InputStream in = zip.getInputStream(entry)) {
            manifest = BackupManifest.fromJson(in.readAllBytes());
        } catch (ZipException e) {
            throw damaged(archive, BackupManifest.NAME, e);
        } catch (BackupException e) {
            throw new BackupException(archive + ": " + e.getMessage(), e);
        }
        Set<String> listed = new HashSet<>();
        for (BackupManifest.Entry f : manifest.files()) {
            if (!allowed(f.path())) {
                throw new BackupException(archive + ": the manifest lists " + f.path() + ", which is no data file");
            }
            if (!listed.add(f.path())) throw new BackupException(archive + ": the manifest lists " + f.path() + " twice");
            if (zip.getEntry(f.path()) == null) {
                throw new BackupException(archive + " lacks " + f.path() + ", which its manifest lists");
            }
        }
        List<String> unlisted = zip.stream().map(ZipEntry::getName)
                .filter(n -> !n.equals(BackupManifest.NAME) && !listed.contains(n)).toList();
        if (!unlisted.isEmpty()) {
            throw new BackupException(archive + " holds " + unlisted.getFirst() + ", which its manifest does not list");
        }
        return manifest;
    }

    private static boolean allowed(String path) {
        if (DATABASE.matcher(path).matches()) return true;
        String prefix = NetworkBackup.MEDIA + "/";
        return path.startsWith(prefix) && MediaFiles.isValidPath(path.substring(prefix.length()));
    }

    private static void unpack(ZipFile zip, Path archive, BackupManifest manifest, Path staging, Progress progress)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        long done = 0;
        for (BackupManifest.Entry f : manifest.files()) {
            Path target = staging.resolve(f.path());
            Files.createDirectories(target.getParent());
            MessageDigest sha = Digests.sha256();
            long size = 0;
            try (InputStream in = zip.getInputStream(zip.getEntry(f.path()));
                 FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                    if (size > f.size()) break;
                    done += n;
                    progress.progress(done);
                }
                channel.force(true);
            } catch (ZipException | EOFException e) {
                throw damaged(archive, f.path(), e);
            }
            if (size != f.size() || !Digests.hex(sha).equals(f.sha256())) {
                throw new BackupException(archive + ": " + f.path() + " does not match the size and SHA-256 its "
                        + "manifest gives (the archive is damaged or was altered)");
            }
        }
    }

    private static BackupException damaged(Path archive, String path, IOException e) {
        return new BackupException(archive + " is damaged at " + path + " (" + e.getMessage() + ")", e);
    }
}
