package dev.colossus.app.http;

import java.time.Duration;

/**
 * Limits and addresses of the HTTP API.
 *
 * @param publicUrl        origin used in links ({@code https://example.org}); null to use each request's Host header
 * @param perTokenLimit    requests per {@code window} per verified access token (Mastodon: 300 per 5 minutes)
 * @param perIpLimit       requests per {@code window} per client IP address (requests without a valid token)
 * @param window           the rate-limit window
 * @param limitLoopback    whether requests from 127.0.0.1/::1 are limited too (default true: like any client)
 * @param maxBodyBytes     the largest request body accepted (larger: 413)
 * @param heartbeat        how often an idle stream gets a {@code :thump} comment
 * @param trustedProxies   the reverse proxies whose {@code X-Forwarded-For} names the client (default none)
 * @param passwordFailures failed password checks per client address and per account before each further attempt
 *                         must wait (default 5; see {@link PasswordGuard})
 */
public record ApiSettings(String publicUrl, int perTokenLimit, int perIpLimit, Duration window, boolean limitLoopback,
                          long maxBodyBytes, Duration heartbeat, TrustedProxies trustedProxies, int passwordFailures) {

    public static ApiSettings defaults() {
        return new ApiSettings(null, 300, 300, Duration.ofMinutes(5), true, 256 * 1024, Duration.ofSeconds(15),
                TrustedProxies.NONE, 5);
    }

    /** These settings with other request limits per token and per client address. */
    public ApiSettings withLimits(int perToken, int perIp, boolean loopback) {
        return new ApiSettings(publicUrl, perToken, perIp, window, loopback, maxBodyBytes, heartbeat, trustedProxies,
                passwordFailures);
    }

    /** These settings with another stream heartbeat interval. */
    public ApiSettings withHeartbeat(Duration heartbeat) {
        return new ApiSettings(publicUrl, perTokenLimit, perIpLimit, window, limitLoopback, maxBodyBytes, heartbeat,
                trustedProxies, passwordFailures);
    }

    /** These settings with other trusted proxies. */
    public ApiSettings withTrustedProxies(TrustedProxies proxies) {
        return new ApiSettings(publicUrl, perTokenLimit, perIpLimit, window, limitLoopback, maxBodyBytes, heartbeat,
                proxies, passwordFailures);
    }

    /** These settings with another number of free password failures. */
    public ApiSettings withPasswordFailures(int failures) {
        return new ApiSettings(publicUrl, perTokenLimit, perIpLimit, window, limitLoopback, maxBodyBytes, heartbeat,
                trustedProxies, failures);
    }
}
