package dev.colossus.social;

import java.time.Instant;

/**
 * Where an account stopped reading one of its timelines, as Mastodon's markers API keeps it.
 *
 * @param timeline   {@code home} or {@code notifications}
 * @param lastReadId the id of the last post or notification read
 * @param version    1 when first set, raised by one on every change (clients use it to detect concurrent updates)
 */
public record Marker(String timeline, long lastReadId, long version, Instant updatedAt) {

    /** The timelines that have markers. */
    public static final java.util.List<String> TIMELINES = java.util.List.of("home", "notifications");
}
