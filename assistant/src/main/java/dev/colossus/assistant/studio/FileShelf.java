package dev.colossus.assistant.studio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps media as files in a directory, named {@code KIND-N.EXT} with the first free {@code N}; the URL is the file's
 * absolute path. Thread-safe (a name is claimed by creating the file).
 */
public final class FileShelf implements MediaShelf {

    private final Path dir;

    public FileShelf(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public ShelvedMedia put(Media media) {
        try {
            Files.createDirectories(dir);
            for (int n = 1; ; n++) {
                Path file = dir.resolve(media.kind().id() + "-" + n + "." + media.extension());
                try {
                    Files.write(file, media.bytes(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return new ShelvedMedia(media.kind(), null, file.toString(), media.mimeType(), media.prompt());
                } catch (FileAlreadyExistsException taken) {
                    // the next number
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write media into " + dir + ": " + e.getMessage(), e);
        }
    }
}
