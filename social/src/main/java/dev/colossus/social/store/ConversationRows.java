package dev.colossus.social.store;

import dev.colossus.social.Account;
import dev.colossus.social.Conversation;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Direct conversations: which conversation each direct post belongs to ({@code status_conversations}) and each
 * participant's view of it ({@code account_conversations}: the others, the last post, whether unread). Stateless.
 */
public final class ConversationRows {

    private static final String COLUMNS = "id, conversation_id, participant_ids, last_status_id, unread";

    private ConversationRows() {
    }

    /**
     * One participant's view of a conversation.
     *
     * @param id             the id the API shows
     * @param participantIds the other accounts of the last post, ascending
     */
    public record Row(long id, long conversationId, List<Long> participantIds, long lastPostId, boolean unread) {
    }

    /** The conversation direct post {@code postId} belongs to, if it is one. */
    public static Optional<Long> conversationOf(Connection c, long postId) throws SQLException {
        return Sql.longs(c, "SELECT conversation_id FROM status_conversations WHERE status_id = ?", postId).stream().findFirst();
    }

    /** Files direct post {@code postId} under {@code conversationId}. */
    public static void link(Connection c, long postId, long conversationId) throws SQLException {
        Sql.update(c, "INSERT INTO status_conversations (status_id, conversation_id) VALUES (?, ?)", postId, conversationId);
    }

    /**
     * Makes {@code postId} the last post of {@code accountId}'s view of the conversation, creating the view with
     * {@code newId} when the account has none (or removed it); returns the view's id.
     */
    public static long deliver(Connection c, long newId, long accountId, long conversationId,
                               Collection<Long> participantIds, long postId, boolean unread) throws SQLException {
        String participants = join(participantIds);
        int updated = Sql.update(c, "UPDATE account_conversations SET participant_ids = ?, last_status_id = ?, unread = ?"
                + " WHERE account_id = ? AND conversation_id = ?", participants, postId, unread ? 1 : 0, accountId,
                conversationId);
        if (updated == 0) {
            Sql.update(c, "INSERT INTO account_conversations (id, account_id, conversation_id, participant_ids, "
                    + "last_status_id, unread) VALUES (?, ?, ?, ?, ?, ?)", newId, accountId, conversationId,
                    participants, postId, unread ? 1 : 0);
            return newId;
        }
        return Sql.longs(c, "SELECT id FROM account_conversations WHERE account_id = ? AND conversation_id = ?",
                accountId, conversationId).getFirst();
    }

    /** A page of {@code accountId}'s conversations, in {@link Paging}'s order by last post id, as Mastodon pages them. */
    public static List<Row> page(Connection c, long accountId, PageRequest request) throws SQLException {
        Paging p = Paging.on("last_status_id", request);
        return query(c, "SELECT " + COLUMNS + " FROM account_conversations WHERE account_id = ?" + p.where() + p.orderBy(),
                p.withLeading(accountId));
    }

    /** {@code accountId}'s conversation {@code id}, if it has one by that id. */
    public static Optional<Row> byId(Connection c, long accountId, long id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM account_conversations WHERE account_id = ? AND id = ?", accountId, id)
                .stream().findFirst();
    }

    /** Marks {@code accountId}'s conversation {@code id} read; whether it has one by that id. */
    public static boolean markRead(Connection c, long accountId, long id) throws SQLException {
        return Sql.update(c, "UPDATE account_conversations SET unread = 0 WHERE account_id = ? AND id = ?", accountId, id) > 0;
    }

    /** Removes {@code accountId}'s conversation {@code id} from its list; whether it had one by that id. */
    public static boolean delete(Connection c, long accountId, long id) throws SQLException {
        return Sql.update(c, "DELETE FROM account_conversations WHERE account_id = ? AND id = ?", accountId, id) > 0;
    }

    /**
     * Takes post {@code postId} (being deleted) out of its conversation: each view whose last post it was falls back
     * to the newest remaining post of the conversation that account wrote or was mentioned in, or goes when none is left.
     */
    static void forgetPost(Connection c, long postId) throws SQLException {
        Optional<Long> conversation = conversationOf(c, postId);
        if (conversation.isEmpty()) return;
        Sql.update(c, "DELETE FROM status_conversations WHERE status_id = ?", postId);
        for (Sql.Pair view : Sql.pairs(c, "SELECT id, account_id FROM account_conversations WHERE last_status_id = ?", postId)) {
            long account = view.target();
            List<Long> newest = Sql.longs(c, "SELECT sc.status_id FROM status_conversations sc JOIN statuses s ON s.id = "
                    + "sc.status_id WHERE sc.conversation_id = ? AND (s.account_id = ? OR EXISTS (SELECT 1 FROM mentions m "
                    + "WHERE m.status_id = s.id AND m.account_id = ?)) ORDER BY sc.status_id DESC LIMIT 1",
                    conversation.get(), account, account);
            if (newest.isEmpty()) {
                Sql.update(c, "DELETE FROM account_conversations WHERE id = ?", view.id());
                continue;
            }
            long last = newest.getFirst();
            TreeSet<Long> others = new TreeSet<>(Sql.longs(c, "SELECT account_id FROM statuses WHERE id = ? UNION "
                    + "SELECT account_id FROM mentions WHERE status_id = ?", last, last));
            others.remove(account);
            Sql.update(c, "UPDATE account_conversations SET last_status_id = ?, participant_ids = ? WHERE id = ?", last,
                    join(others), view.id());
        }
    }

    private static String join(Collection<Long> ids) {
        return new TreeSet<>(ids).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Row> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (rs.next()) {
                    String participants = rs.getString(3);
                    List<Long> ids = participants.isEmpty() ? List.of()
                            : Arrays.stream(participants.split(",")).map(Long::valueOf).toList();
                    out.add(new Row(rs.getLong(1), rs.getLong(2), ids, rs.getLong(4), rs.getInt(5) != 0));
                }
                return out;
            }
        }
    }

    /** The rows with their accounts and last posts as {@code viewer} sees them, in order; ones with a hidden post go. */
    public static List<Conversation> hydrate(Connection c, long viewer, List<Row> rows)
            throws SQLException {
        Set<Long> accountIds = new LinkedHashSet<>();
        for (Row r : rows) accountIds.addAll(r.participantIds());
        Map<Long, Account> accounts = Accounts.byIds(c, accountIds);
        Map<Long, Post> posts = new HashMap<>();
        for (Post p : PostVisibility.visibleList(c, rows.stream().map(Row::lastPostId).toList(), viewer)) {
            posts.put(p.id(), p);
        }
        List<Conversation> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Post last = posts.get(r.lastPostId());
            if (last == null) continue;
            List<Account> others = r.participantIds().stream().map(accounts::get).filter(a -> a != null).toList();
            out.add(new Conversation(r.id(), r.unread(), others, last));
        }
        return out;
    }
}
