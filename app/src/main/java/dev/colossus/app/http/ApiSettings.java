package dev.colossus.app.http;

import java.time.Duration;

/**
 * Limits and addresses of the HTTP API.
 *
 * @param publicUrl      origin used in links ({@code https://example.org}); null to use each request's Host header
 * @param perTokenLimit  requests per {@code window} per access token (Mastodon: 300 per 5 minutes)
 * @param perIpLimit     requests per {@code window} per client IP address
 * @param window         the rate-limit window
 * @param limitLoopback  whether requests from 127.0.0.1/::1 are limited too (Mastodon exempts them)
 * @param maxBodyBytes   the largest request body accepted (larger: 413)
 * @param heartbeat      how often an idle stream gets a {@code :thump} comment
 */
public record ApiSettings(String publicUrl, int perTokenLimit, int perIpLimit, Duration window, boolean limitLoopback,
                          long maxBodyBytes, Duration heartbeat) {

    public static ApiSettings defaults() {
        return new ApiSettings(null, 300, 300, Duration.ofMinutes(5), false, 256 * 1024, Duration.ofSeconds(15));
    }
}
