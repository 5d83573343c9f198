package dev.colossus.app.http;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window request counters per key (a verified token or a client address), as Mastodon limits API use: at most
 * {@code limit} requests per key per window. A key's window opens at its first request and the next one at its first
 * request after that window, so a burst is never split across two budgets by a wall-clock boundary. Thread-safe;
 * memory is bounded by the keys seen in one window.
 */
public final class RateLimiter {

    /** The state after counting one request: {@code allowed} false means answer 429. */
    public record Decision(boolean allowed, int limit, int remaining, Instant reset) {
    }

    private record Window(long start, int count) {
    }

    private final int limit;
    private final long windowMillis;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    /**
     * The key under which a client address is counted: an IPv4 address itself, an IPv6 address by its /64 network
     * (one subscriber's usual allocation, so that an address per request does not buy a fresh budget each time).
     */
    public static String clientKey(String address) {
        try {
            byte[] b = InetAddress.ofLiteral(address).getAddress();
            if (b.length == 4) return "ip:" + address;
            return "ip6:" + HexFormat.of().formatHex(b, 0, 8) + "/64";
        } catch (IllegalArgumentException e) {
            return "ip:" + address;
        }
    }

    /** True when {@code address} is a loopback address (127.0.0.0/8, ::1). */
    public static boolean isLoopback(String address) {
        try {
            return InetAddress.ofLiteral(address).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Counts a request for {@code key} at {@code nowMillis}. */
    public Decision hit(String key, long nowMillis) {
        Window w = windows.compute(key, (k, old) -> old == null || nowMillis >= old.start + windowMillis
                ? new Window(nowMillis, 1) : new Window(old.start, old.count + 1));
        if (windows.size() > 100_000) windows.values().removeIf(x -> nowMillis >= x.start + windowMillis);
        int remaining = Math.max(0, limit - w.count);
        return new Decision(w.count <= limit, limit, remaining, Instant.ofEpochMilli(w.start + windowMillis));
    }
}
