package dev.colossus.engine;

import java.util.List;

/**
 * Finds stop strings in streamed text. Text that could be the beginning of a stop string is held back until it is
 * clear either way, so no part of a stop string is ever emitted.
 * <p>Not thread-safe.
 */
final class StopStrings {
    private final List<String> stops;
    private final StringBuilder held = new StringBuilder();
    private boolean stopped;

    StopStrings(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** Adds text; returns the part that can be emitted now. After a stop string, {@link #stopped()} is true. */
    String append(String text) {
        if (stopped) return "";
        held.append(text);
        int earliest = -1;
        for (String s : stops) {
            int at = held.indexOf(s);
            if (at >= 0 && (earliest < 0 || at < earliest)) earliest = at;
        }
        if (earliest >= 0) {
            stopped = true;
            String out = held.substring(0, earliest);
            held.setLength(0);
            return out;
        }
        int keep = 0; // longest suffix of held that is a proper prefix of a stop string
        String h = held.toString();
        for (String s : stops) {
            for (int len = Math.min(s.length() - 1, h.length()); len > keep; len--) {
                if (h.regionMatches(h.length() - len, s, 0, len)) {
                    keep = len;
                    break;
                }
            }
        }
        String out = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return out;
    }

    /** The held-back text, at the end of generation. */
    String flush() {
        String out = stopped ? "" : held.toString();
        held.setLength(0);
        return out;
    }

    boolean stopped() {
        return stopped;
    }
}
