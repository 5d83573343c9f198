package dev.colossus.social.search;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** An in-memory {@link IndexSource} that counts how often it is read; posts may be added while it is read. */
final class ListSource implements IndexSource {
    final List<IndexedPost> posts = new CopyOnWriteArrayList<>();
    final List<IndexedAccount> accounts = new CopyOnWriteArrayList<>();
    final AtomicInteger postReads = new AtomicInteger();
    long lastAfterPost = -1;

    @Override
    public long postCount() {
        return posts.size();
    }

    @Override
    public Stream<IndexedPost> posts(long afterId) {
        postReads.incrementAndGet();
        lastAfterPost = afterId;
        return posts.stream().filter(p -> p.id() > afterId);
    }

    @Override
    public Stream<IndexedAccount> accounts(long afterId) {
        return accounts.stream().filter(a -> a.id() > afterId);
    }
}
