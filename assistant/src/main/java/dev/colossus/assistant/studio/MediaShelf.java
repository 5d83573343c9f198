package dev.colossus.assistant.studio;

/**
 * Where made media is kept so that an answer can link to it: the network's media storage on a server, a directory on
 * the command line. Implementations are thread-safe.
 */
@FunctionalInterface
public interface MediaShelf {

    /**
     * Stores the media.
     *
     * @return where it can be fetched from now on
     * @throws RuntimeException (an {@link java.io.UncheckedIOException} or the storage's own) when it cannot be stored
     */
    ShelvedMedia put(Media media);
}
