package dev.colossus.social;

import java.time.Duration;

/**
 * What a new poll may be: how many options (at least two), how long each option's title (in code points), and for
 * how long it may run. Advertised to clients as the instance's {@code configuration.polls}.
 *
 * @param maxOptions              the most options (Mastodon: 4; 2 to 20)
 * @param maxCharactersPerOption  the longest option title (Mastodon: 50; 1 to 200)
 * @param minExpiration           the shortest run (Mastodon: 5 minutes)
 * @param maxExpiration           the longest run (Mastodon: a month, 2,629,746 seconds)
 */
public record PollLimits(int maxOptions, int maxCharactersPerOption, Duration minExpiration, Duration maxExpiration) {

    /** Mastodon's limits. */
    public static final PollLimits DEFAULT = new PollLimits(4, 50, Duration.ofMinutes(5), Duration.ofSeconds(2_629_746));

    public PollLimits {
        if (maxOptions < 2 || maxOptions > 20) throw new IllegalArgumentException("maxOptions " + maxOptions);
        if (maxCharactersPerOption < 1 || maxCharactersPerOption > 200) throw new IllegalArgumentException("maxCharactersPerOption " + maxCharactersPerOption);
        if (minExpiration.isNegative() || minExpiration.isZero() || maxExpiration.compareTo(minExpiration) < 0) {
            throw new IllegalArgumentException("poll expiration bounds " + minExpiration + ".." + maxExpiration);
        }
    }
}
