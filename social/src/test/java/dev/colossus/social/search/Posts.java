package dev.colossus.social.search;

import java.time.Instant;
import java.util.List;

/** Short ways to make test posts. */
final class Posts {
    private Posts() {
    }

    static IndexedPost post(long id, long author, String text, Instant at) {
        return new IndexedPost(id, author, text, at, IndexedPost.Visibility.PUBLIC, 0, 0, 0, List.of());
    }

    static IndexedPost post(long id, long author, String text, Instant at, int likes) {
        return new IndexedPost(id, author, text, at, IndexedPost.Visibility.PUBLIC, likes, 0, 0, List.of());
    }
}
