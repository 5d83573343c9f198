package dev.colossus.social.store;

import dev.colossus.social.Poll;
import dev.colossus.social.Post;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code polls}, {@code poll_options} and {@code poll_votes} tables. A post's poll goes with the post
 * ({@link PostRows#delete}). Stateless; runs on the caller's connection.
 */
public final class PollRows {

    private static final String COLUMNS = "id, status_id, account_id, multiple, hide_totals, votes_count, voters_count, "
            + "expires_at";

    private PollRows() {
    }

    /** A poll to insert with its post: option titles in order, times in epoch milliseconds. */
    public record NewRow(long id, long postId, long accountId, List<String> options, boolean multiple,
                         boolean hideTotals, long expiresAt, long createdAt) {
    }

    /** A stored poll as everyone sees it, counts included; {@code optionVotes} follow {@code titles}. */
    public record Stored(long id, long postId, long accountId, boolean multiple, boolean hideTotals, long votesCount,
                         long votersCount, long expiresAt, List<String> titles, List<Long> optionVotes) {

        public boolean expiredAt(long now) {
            return expiresAt <= now;
        }

        /**
         * The poll as {@code viewerId} (nullable), who chose {@code ownVotes} (null: did not vote), sees it at
         * {@code now}: results only once it voted (unless totals are hidden), the poll expired, or it is the author.
         */
        public Poll viewedBy(Long viewerId, List<Integer> ownVotes, long now) {
            boolean expired = expiredAt(now);
            boolean voted = ownVotes != null;
            boolean results = expired || (viewerId != null && viewerId == accountId) || (voted && !hideTotals);
            List<Poll.Option> options = new ArrayList<>(titles.size());
            for (int i = 0; i < titles.size(); i++) {
                options.add(new Poll.Option(titles.get(i), results ? optionVotes.get(i) : null));
            }
            return new Poll(id, Instant.ofEpochMilli(expiresAt), expired, multiple, votesCount,
                    results ? votersCount : null, options, voted, voted ? ownVotes : List.of());
        }
    }

    /** Inserts a poll and its options (no votes yet). */
    public static void insert(Connection c, NewRow row) throws SQLException {
        Sql.update(c, "INSERT INTO polls (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)",
                row.id(), row.postId(), row.accountId(), row.multiple() ? 1 : 0, row.hideTotals() ? 1 : 0,
                row.expiresAt(), row.createdAt());
        for (int i = 0; i < row.options().size(); i++) {
            Sql.update(c, "INSERT INTO poll_options (poll_id, position, title, votes_count) VALUES (?, ?, ?, 0)",
                    row.id(), i, row.options().get(i));
        }
    }

    /** The poll of each post that has one, as {@code viewerId} (nullable) sees it at {@code now} (epoch ms). */
    public static Map<Long, Poll> ofPosts(Connection c, Collection<Long> postIds, Long viewerId, long now)
            throws SQLException {
        if (postIds.isEmpty()) return Map.of();
        List<Stored> polls = select(c, "status_id", postIds);
        if (polls.isEmpty()) return Map.of();
        List<Long> pollIds = polls.stream().map(Stored::id).toList();
        Map<Long, List<Integer>> own = viewerId == null ? Map.of() : choicesOf(c, viewerId, pollIds);
        Map<Long, Poll> out = new HashMap<>();
        for (Stored p : polls) out.put(p.postId(), p.viewedBy(viewerId, own.get(p.id()), now));
        return out;
    }

    /** Poll {@code id}, if it exists. */
    public static Optional<Stored> find(Connection c, long id) throws SQLException {
        return select(c, "id", List.of(id)).stream().findFirst();
    }

    /** Poll {@code id} as {@code viewerId} (nullable) sees it now; empty when missing or its post is hidden from them. */
    public static Optional<Poll> visible(Connection c, long id, Long viewerId) throws SQLException {
        Optional<Stored> poll = find(c, id);
        if (poll.isEmpty()) return Optional.empty();
        return PostVisibility.visible(c, poll.get().postId(), viewerId).map(Post::poll);
    }

    /** The options {@code accountId} chose in poll {@code pollId}, or empty when it did not vote there. */
    public static Optional<List<Integer>> choices(Connection c, long pollId, long accountId) throws SQLException {
        return Optional.ofNullable(choicesOf(c, accountId, List.of(pollId)).get(pollId));
    }

    /**
     * Records {@code accountId}'s vote for {@code choices} (distinct, valid indexes) and counts it. A second vote by
     * the same account breaks the primary key (a constraint violation), however concurrent the two are.
     */
    public static void vote(Connection c, long pollId, long accountId, List<Integer> choices, long now)
            throws SQLException {
        List<Integer> sorted = choices.stream().sorted().toList();
        Sql.update(c, "INSERT INTO poll_votes (poll_id, account_id, choices, created_at) VALUES (?, ?, ?, ?)",
                pollId, accountId, sorted.stream().map(String::valueOf).collect(Collectors.joining(",")), now);
        count(c, pollId, sorted, 1);
    }

    /** Adds {@code delta} to the counts of {@code choices}, the poll's votes (one per choice) and its voters. */
    private static void count(Connection c, long pollId, List<Integer> choices, int delta) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE poll_options SET votes_count = votes_count + ? "
                + "WHERE poll_id = ? AND position IN (" + Sql.placeholders(choices.size()) + ")")) {
            ps.setInt(1, delta);
            ps.setLong(2, pollId);
            for (int i = 0; i < choices.size(); i++) ps.setInt(3 + i, choices.get(i));
            ps.executeUpdate();
        }
        Sql.update(c, "UPDATE polls SET votes_count = votes_count + ?, voters_count = voters_count + ? WHERE id = ?",
                delta * choices.size(), delta, pollId);
    }

    /** Ids of polls expired by {@code now} whose end is not yet processed, soonest first, at most {@code limit}. */
    public static List<Long> endedUnprocessed(Connection c, long now, int limit) throws SQLException {
        return Sql.longs(c, "SELECT id FROM polls WHERE ended_at IS NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?",
                now, limit);
    }

    /**
     * Marks the end of poll {@code id} processed; returns false when it already was (by another thread or process),
     * so that each end is processed once.
     */
    public static boolean markEnded(Connection c, long id, long now) throws SQLException {
        return Sql.update(c, "UPDATE polls SET ended_at = ? WHERE id = ? AND ended_at IS NULL", now, id) == 1;
    }

    /** When the next poll whose end is not yet processed expires (epoch ms), if there is one. */
    public static Optional<Long> nextExpiry(Connection c) throws SQLException {
        List<Long> next = Sql.longs(c, "SELECT expires_at FROM polls WHERE ended_at IS NULL ORDER BY expires_at LIMIT 1");
        return next.stream().findFirst();
    }

    /** The accounts that voted in poll {@code id}, in the order they voted. */
    public static List<Long> voters(Connection c, long id) throws SQLException {
        return Sql.longs(c, "SELECT account_id FROM poll_votes WHERE poll_id = ? ORDER BY created_at, account_id", id);
    }

    /**
     * Makes {@code row} the poll of its post as an edit does (Mastodon's rules): a post without a poll gets it as
     * new; an existing poll takes its options, settings and expiry, and loses its votes when its options or
     * {@code multiple} changed; either way its end is processed again when it next expires. Returns whether earlier
     * votes were dropped.
     */
    public static boolean replace(Connection c, NewRow row) throws SQLException {
        Optional<Stored> old = select(c, "status_id", List.of(row.postId())).stream().findFirst();
        if (old.isEmpty()) {
            insert(c, row);
            return false;
        }
        long id = old.get().id();
        boolean changed = !old.get().titles().equals(row.options()) || old.get().multiple() != row.multiple();
        if (changed) {
            Sql.update(c, "DELETE FROM poll_votes WHERE poll_id = ?", id);
            Sql.update(c, "DELETE FROM poll_options WHERE poll_id = ?", id);
            for (int i = 0; i < row.options().size(); i++) {
                Sql.update(c, "INSERT INTO poll_options (poll_id, position, title, votes_count) VALUES (?, ?, ?, 0)",
                        id, i, row.options().get(i));
            }
            Sql.update(c, "UPDATE polls SET votes_count = 0, voters_count = 0 WHERE id = ?", id);
        }
        Sql.update(c, "UPDATE polls SET multiple = ?, hide_totals = ?, expires_at = ?, ended_at = NULL WHERE id = ?",
                row.multiple() ? 1 : 0, row.hideTotals() ? 1 : 0, row.expiresAt(), id);
        return changed;
    }

    /** The option titles of post {@code postId}'s poll in order (empty without one): what an edit's history keeps. */
    public static List<String> optionTitles(Connection c, long postId) throws SQLException {
        return select(c, "status_id", List.of(postId)).stream().findFirst().map(Stored::titles).orElse(List.of());
    }

    /**
     * Removes the poll of post {@code postId}, its options and votes (inside the post's own deletion, or an edit
     * that drops the poll).
     */
    public static void deleteForPost(Connection c, long postId) throws SQLException {
        for (long id : Sql.longs(c, "SELECT id FROM polls WHERE status_id = ?", postId)) {
            Sql.update(c, "DELETE FROM poll_votes WHERE poll_id = ?", id);
            Sql.update(c, "DELETE FROM poll_options WHERE poll_id = ?", id);
            Sql.update(c, "DELETE FROM polls WHERE id = ?", id);
        }
    }

    /** Removes every vote of {@code accountId} and takes each off its poll's counts (inside an account's deletion). */
    public static void deleteVotesOf(Connection c, long accountId) throws SQLException {
        Map<Long, List<Integer>> votes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT poll_id, choices FROM poll_votes WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) votes.put(rs.getLong(1), parseChoices(rs.getString(2)));
            }
        }
        for (Map.Entry<Long, List<Integer>> vote : votes.entrySet()) count(c, vote.getKey(), vote.getValue(), -1);
        Sql.update(c, "DELETE FROM poll_votes WHERE account_id = ?", accountId);
    }

    private static Map<Long, List<Integer>> choicesOf(Connection c, long accountId, Collection<Long> pollIds)
            throws SQLException {
        Map<Long, List<Integer>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT poll_id, choices FROM poll_votes WHERE account_id = ? "
                + "AND poll_id IN (" + Sql.placeholders(pollIds.size()) + ")")) {
            ps.setLong(1, accountId);
            Sql.bindLongs(ps, 2, pollIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getLong(1), parseChoices(rs.getString(2)));
            }
        }
        return out;
    }

    private static List<Integer> parseChoices(String text) {
        return Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
    }

    /** Polls whose {@code column} (id or status_id) is one of {@code keys}, with their options. */
    private static List<Stored> select(Connection c, String column, Collection<Long> keys) throws SQLException {
        record Head(long id, long postId, long accountId, boolean multiple, boolean hideTotals, long votes,
                    long voters, long expiresAt) {
        }
        List<Head> heads = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM polls WHERE " + column + " IN ("
                + Sql.placeholders(keys.size()) + ")")) {
            Sql.bindLongs(ps, 1, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heads.add(new Head(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4) != 0,
                            rs.getInt(5) != 0, rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                }
            }
        }
        if (heads.isEmpty()) return List.of();
        Map<Long, List<String>> titles = new HashMap<>();
        Map<Long, List<Long>> counts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT poll_id, title, votes_count FROM poll_options WHERE "
                + "poll_id IN (" + Sql.placeholders(heads.size()) + ") ORDER BY poll_id, position")) {
            Sql.bindLongs(ps, 1, heads.stream().map(Head::id).toList());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    titles.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    counts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(3));
                }
            }
        }
        return heads.stream().map(h -> new Stored(h.id(), h.postId(), h.accountId(), h.multiple(), h.hideTotals(),
                h.votes(), h.voters(), h.expiresAt(), List.copyOf(titles.getOrDefault(h.id(), List.of())),
                List.copyOf(counts.getOrDefault(h.id(), List.of())))).toList();
    }
}
