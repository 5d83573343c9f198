package dev.colossus.social;

import java.time.Instant;
import java.util.List;

/**
 * A poll attached to a post, as one viewer sees it. Vote counts are hidden (null) until the viewer has voted, the
 * poll has expired, or the viewer is its author.
 *
 * @param expiresAt   when voting closes, or null for a poll that never closes
 * @param expired     whether voting has closed
 * @param multiple    whether a voter may choose several options
 * @param votesCount  votes over all options, or null while hidden
 * @param votersCount accounts that voted, or null while hidden
 * @param voted       whether the viewer voted (false for anonymous viewers)
 * @param ownVotes    the option indexes the viewer chose, in ascending order
 */
public record Poll(long id, Instant expiresAt, boolean expired, boolean multiple, Long votesCount, Long votersCount,
                   List<Option> options, boolean voted, List<Integer> ownVotes) {

    /** One choice of a poll; {@code votesCount} is null while results are hidden. */
    public record Option(String title, Long votesCount) {
    }
}
