package dev.colossus.social.store;

import dev.colossus.social.PageRequest;
import dev.colossus.social.TimelineList;
import dev.colossus.social.Visibility;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code lists} and {@code list_accounts} tables. Stateless; runs on the caller's connection. A member is always
 * an account the owner follows: {@link #leaveWithFollow} runs wherever a follow ends.
 */
public final class ListRows {

    private static final String COLUMNS = "id, account_id, title, replies_policy, exclusive";

    private ListRows() {
    }

    public static void insert(Connection c, TimelineList list) throws SQLException {
        Sql.update(c, "INSERT INTO lists (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", list.id(), list.ownerId(),
                list.title(), list.repliesPolicy().apiName(), list.exclusive() ? 1 : 0);
    }

    /** Writes the list's title, policy and exclusivity (its owner never changes). */
    public static void update(Connection c, TimelineList list) throws SQLException {
        Sql.update(c, "UPDATE lists SET title = ?, replies_policy = ?, exclusive = ? WHERE id = ?", list.title(),
                list.repliesPolicy().apiName(), list.exclusive() ? 1 : 0, list.id());
    }

    /** Removes the list and its members; whether {@code ownerId} had it. */
    public static boolean delete(Connection c, long ownerId, long id) throws SQLException {
        if (byId(c, ownerId, id).isEmpty()) return false;
        Sql.update(c, "DELETE FROM list_accounts WHERE list_id = ?", id);
        Sql.update(c, "DELETE FROM lists WHERE id = ?", id);
        return true;
    }

    /** {@code ownerId}'s list {@code id}, if it has one by that id. */
    public static Optional<TimelineList> byId(Connection c, long ownerId, long id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM lists WHERE id = ? AND account_id = ?", id, ownerId).stream().findFirst();
    }

    /** {@code ownerId}'s lists, oldest first. */
    public static List<TimelineList> byOwner(Connection c, long ownerId) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM lists WHERE account_id = ? ORDER BY id", ownerId);
    }

    public static int countByOwner(Connection c, long ownerId) throws SQLException {
        return Sql.longs(c, "SELECT COUNT(*) FROM lists WHERE account_id = ?", ownerId).getFirst().intValue();
    }

    /** {@code ownerId}'s lists that {@code memberId} is in, oldest first. */
    public static List<TimelineList> containing(Connection c, long ownerId, long memberId) throws SQLException {
        return query(c, "SELECT l.id, l.account_id, l.title, l.replies_policy, l.exclusive FROM lists l JOIN list_accounts la"
                + " ON la.list_id = l.id WHERE l.account_id = ? AND la.account_id = ? ORDER BY l.id", ownerId, memberId);
    }

    /** Adds {@code accountId} to list {@code listId} with this id, unless it is a member already. */
    public static void addMember(Connection c, long id, long listId, long accountId) throws SQLException {
        if (Sql.exists(c, "SELECT 1 FROM list_accounts WHERE list_id = ? AND account_id = ?", listId, accountId)) return;
        Sql.update(c, "INSERT INTO list_accounts (id, list_id, account_id) VALUES (?, ?, ?)", id, listId, accountId);
    }

    public static void removeMember(Connection c, long listId, long accountId) throws SQLException {
        Sql.update(c, "DELETE FROM list_accounts WHERE list_id = ? AND account_id = ?", listId, accountId);
    }

    public static int countMembers(Connection c, long listId) throws SQLException {
        return Sql.longs(c, "SELECT COUNT(*) FROM list_accounts WHERE list_id = ?", listId).getFirst().intValue();
    }

    /** A page of the list's members: (membership id, account id) in {@link Paging}'s order by membership id. */
    public static List<Sql.Pair> members(Connection c, long listId, PageRequest request) throws SQLException {
        Paging p = Paging.on("id", request);
        return Sql.pairs(c, "SELECT id, account_id FROM list_accounts WHERE list_id = ?" + p.where() + p.orderBy(),
                p.withLeading(listId));
    }

    /** Takes {@code targetId} out of every list of {@code followerId}, inside the transaction that ends the follow. */
    public static void leaveWithFollow(Connection c, long followerId, long targetId) throws SQLException {
        Sql.update(c, "DELETE FROM list_accounts WHERE account_id = ? AND list_id IN (SELECT id FROM lists WHERE account_id = ?)",
                targetId, followerId);
    }

    /** Removes every list of {@code accountId} and its memberships in others' lists (an account's deletion). */
    public static void eraseAccount(Connection c, long accountId) throws SQLException {
        Sql.update(c, "DELETE FROM list_accounts WHERE account_id = ? OR list_id IN (SELECT id FROM lists WHERE account_id = ?)",
                accountId, accountId);
        Sql.update(c, "DELETE FROM lists WHERE account_id = ?", accountId);
    }

    /**
     * A page of the list's timeline: the members' posts and reblogs up to followers-only (the owner follows them),
     * their replies as {@code list}'s policy allows, without what the owner's blocks and mutes hide at {@code now}.
     */
    public static List<Long> timeline(Connection c, TimelineList list, long now, PageRequest request) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(list, now, params);
        Paging p = Paging.on("s.id", request);
        return Sql.longs(c, "SELECT s.id FROM statuses s" + where + p.where() + p.orderBy(), p.withLeading(params.toArray()));
    }

    /** Whether post {@code postId} belongs in the list's timeline at {@code now} (what its live stream carries). */
    public static boolean shows(Connection c, TimelineList list, long postId, long now) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = where(list, now, params);
        params.add(postId);
        return Sql.exists(c, "SELECT 1 FROM statuses s" + where + " AND s.id = ?", params.toArray());
    }

    /** The conditions of a list's timeline on the posts aliased {@code s}; their parameters go to {@code params}. */
    private static String where(TimelineList list, long now, List<Object> params) {
        String members = "SELECT account_id FROM list_accounts WHERE list_id = ?";
        params.addAll(List.of(list.id(), Visibility.PRIVATE.code()));
        StringBuilder sql = new StringBuilder(" WHERE s.account_id IN (" + members + ")"
                + " AND s.visibility <= ?");
        String ownReplies = "s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id";
        switch (list.repliesPolicy()) {
            case NONE -> sql.append(" AND (").append(ownReplies).append(")");
            case LIST -> {
                sql.append(" AND (").append(ownReplies).append(" OR s.in_reply_to_account_id IN (").append(members).append("))");
                params.add(list.id());
            }
            case FOLLOWED -> {
                sql.append(" AND (").append(ownReplies).append(" OR s.in_reply_to_account_id = ?")
                        .append(" OR s.in_reply_to_account_id IN (SELECT target_account_id FROM follows WHERE account_id = ?))");
                params.add(list.ownerId());
                params.add(list.ownerId());
            }
        }
        sql.append(Hiding.posts());
        params.addAll(List.of(Hiding.postParams(list.ownerId(), now)));
        return sql.toString();
    }

    private static List<TimelineList> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<TimelineList> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new TimelineList(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            TimelineList.RepliesPolicy.fromApiName(rs.getString(4)).orElse(TimelineList.RepliesPolicy.LIST),
                            rs.getInt(5) != 0));
                }
                return out;
            }
        }
    }
}
