package dev.colossus.app.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Rendered pages kept until the store's next write, for what many anonymous clients poll (the public timeline's first
 * page): a new post, a like or a profile change is shown at once, since any write makes every entry stale. Holds a
 * few dozen pages at most. Thread-safe.
 */
final class FirstPageCache {

    private static final int MAX_ENTRIES = 32;

    private record Entry(long version, RenderedPage page) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongSupplier storeVersion;

    /** @param storeVersion the store's write counter ({@link dev.colossus.social.Social#version}) */
    FirstPageCache(LongSupplier storeVersion) {
        this.storeVersion = storeVersion;
    }

    /**
     * The page under {@code key} rendered since the last write, or a fresh one from {@code render}, which must read
     * only what the key and the store determine (no viewer-specific state).
     */
    RenderedPage get(String key, Supplier<RenderedPage> render) {
        long version = storeVersion.getAsLong(); // taken before the read: a write during it leaves the entry stale
        Entry e = entries.get(key);
        if (e != null && e.version() == version) return e.page();
        RenderedPage page = render.get();
        if (entries.size() >= MAX_ENTRIES) entries.clear();
        entries.put(key, new Entry(version, page));
        return page;
    }
}
