package dev.colossus.assistant.grounding;

import java.time.Instant;
import java.util.Objects;

/**
 * A post found for a question, as the assistant sees it.
 *
 * @param id        the post's id (the last path segment of {@code url})
 * @param handle    the author's handle without {@code @} ({@code user} or {@code user@remote.host})
 * @param text      the post's plain text
 * @param createdAt when it was posted
 * @param likes     how many likes it has
 * @param reposts   how many reposts it has
 * @param url       the post's public URL, ending in its id
 */
public record SourcePost(String id, String handle, String text, Instant createdAt, long likes, long reposts,
                         String url) {

    public SourcePost {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(url, "url");
    }
}
