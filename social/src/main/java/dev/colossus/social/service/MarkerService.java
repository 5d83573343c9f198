package dev.colossus.social.service;

import dev.colossus.social.Marker;
import dev.colossus.social.SocialException;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.MarkerRows;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where each account stopped reading its home and notifications timelines (Mastodon's markers). Thread-safe. */
public final class MarkerService {

    private final Database db;
    private final Clock clock;

    public MarkerService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * {@code accountId}'s markers of the named timelines that are set, by timeline name; names other than those of
     * {@link Marker#TIMELINES} are ignored.
     */
    public Map<String, Marker> get(long accountId, Collection<String> timelines) {
        return db.read(c -> {
            Map<String, Marker> out = new LinkedHashMap<>();
            for (String t : Marker.TIMELINES) {
                if (timelines.contains(t)) MarkerRows.get(c, accountId, t).ifPresent(m -> out.put(t, m));
            }
            return out;
        });
    }

    /**
     * Sets {@code accountId}'s marker of {@code timeline} to {@code lastReadId}, raising its version; returns it.
     *
     * @throws SocialException.Invalid for a timeline other than {@code home} and {@code notifications}
     */
    public Marker set(long accountId, String timeline, long lastReadId) {
        if (!Marker.TIMELINES.contains(timeline)) {
            throw SocialException.invalid("timeline", "Timeline must be home or notifications");
        }
        long now = clock.millis();
        return db.write(c -> MarkerRows.set(c, accountId, timeline, lastReadId, now));
    }
}
