package dev.colossus.social;

import java.time.Instant;
import java.util.List;

/**
 * A poll attached to a post, as one viewer sees it. Results (each option's votes and the voter count) are hidden
 * (null) until the viewer has voted, the poll has expired, or the viewer is its author; a poll made with
 * {@code hide_totals} keeps them hidden from voters until it expires. The total of votes is always shown, as
 * Mastodon shows it.
 *
 * @param expiresAt   when voting closes
 * @param expired     whether voting has closed
 * @param multiple    whether a voter may choose several options
 * @param votesCount  votes over all options (a voter of a multiple-choice poll may cast several)
 * @param votersCount accounts that voted, or null while results are hidden
 * @param voted       whether the viewer voted (false for anonymous viewers)
 * @param ownVotes    the option indexes the viewer chose, in ascending order (empty when the viewer did not vote)
 */
public record Poll(long id, Instant expiresAt, boolean expired, boolean multiple, long votesCount, Long votersCount,
                   List<Option> options, boolean voted, List<Integer> ownVotes) {

    public Poll {
        options = List.copyOf(options);
        ownVotes = List.copyOf(ownVotes);
    }

    /** One choice of a poll; {@code votesCount} is null while results are hidden. */
    public record Option(String title, Long votesCount) {
    }
}
