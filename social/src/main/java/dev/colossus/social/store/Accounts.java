package dev.colossus.social.store;

import dev.colossus.social.Account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code accounts} table. Stateless; every method runs on the caller's connection (and transaction). */
public final class Accounts {

    static final String COLUMNS = "a.id, a.username, a.display_name, a.note, a.bot, a.created_at, a.statuses_count, "
            + "a.followers_count, a.following_count, a.last_status_at, a.avatar_path, a.header_path, a.fields, "
            + "a.discoverable, a.locked";

    /** Leaves out deleted accounts, whose rows stay only to keep their usernames reserved. */
    private static final String LIVE = " AND a.deleted_at IS NULL";

    private Accounts() {
    }

    /** A login: the account id and its stored password hash. */
    public record Credentials(long accountId, String passwordHash) {
    }

    public static void insert(Connection c, long id, String username, String email, String passwordHash, String locale,
                              boolean bot, long createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (id, username, username_lower, display_name, "
                + "note, email_lower, password_hash, locale, bot, created_at, statuses_count, followers_count, "
                + "following_count) VALUES (?, ?, ?, '', '', ?, ?, ?, ?, ?, 0, 0, 0)")) {
            ps.setLong(1, id);
            ps.setString(2, username);
            ps.setString(3, username.toLowerCase(Locale.ROOT));
            ps.setString(4, email == null ? null : email.toLowerCase(Locale.ROOT));
            ps.setString(5, passwordHash);
            ps.setString(6, locale);
            ps.setInt(7, bot ? 1 : 0);
            ps.setLong(8, createdAt);
            ps.executeUpdate();
        }
    }

    /** Whether there is any account at all. */
    public static boolean any(Connection c) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM accounts");
    }

    public static Optional<Account> byId(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM accounts a WHERE a.id = ?" + LIVE, id);
    }

    /** Case-insensitive. */
    public static Optional<Account> byUsername(Connection c, String username) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM accounts a WHERE a.username_lower = ?" + LIVE, username.toLowerCase(Locale.ROOT));
    }

    /** The locale the account signed up with, if it has one. */
    public static Optional<String> locale(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT locale FROM accounts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static boolean usernameTaken(Connection c, String username) throws SQLException {
        return exists(c, "SELECT 1 FROM accounts WHERE username_lower = ?", username.toLowerCase(Locale.ROOT));
    }

    public static boolean emailTaken(Connection c, String email) throws SQLException {
        return exists(c, "SELECT 1 FROM accounts WHERE email_lower = ?", email.toLowerCase(Locale.ROOT));
    }

    public static Optional<Credentials> credentialsByEmail(Connection c, String email) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, password_hash FROM accounts WHERE email_lower = ? AND password_hash IS NOT NULL")) {
            ps.setString(1, email.toLowerCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Credentials(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** The stored password hash of an account, or empty when it has none (demo and imported people) or is unknown. */
    public static Optional<String> passwordHash(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM accounts WHERE id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Replaces an account's password hash. */
    public static void setPasswordHash(Connection c, long accountId, String passwordHash) throws SQLException {
        Sql.update(c, "UPDATE accounts SET password_hash = ? WHERE id = ?", passwordHash, accountId);
    }

    /** Sets whether the account approves its followers. */
    public static void setLocked(Connection c, long accountId, boolean locked) throws SQLException {
        Sql.update(c, "UPDATE accounts SET locked = ? WHERE id = ?", locked ? 1 : 0, accountId);
    }

    /** Accounts by id; ids that do not exist are absent from the map. */
    public static Map<Long, Account> byIds(Connection c, Collection<Long> ids) throws SQLException {
        Map<Long, Account> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts a WHERE a.id IN ("
                + Sql.placeholders(ids.size()) + ")" + LIVE)) {
            Sql.bindLongs(ps, 1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Account a = map(rs, 1);
                    out.put(a.id(), a);
                }
            }
        }
        return out;
    }

    /** Accounts by lower-case username; names that do not exist are absent from the map. */
    public static Map<String, Account> byUsernames(Connection c, Collection<String> lowerNames) throws SQLException {
        Map<String, Account> out = new HashMap<>();
        if (lowerNames.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts a WHERE a.username_lower IN ("
                + Sql.placeholders(lowerNames.size()) + ")" + LIVE)) {
            int i = 1;
            for (String n : lowerNames) ps.setString(i++, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Account a = map(rs, 1);
                    out.put(a.username().toLowerCase(Locale.ROOT), a);
                }
            }
        }
        return out;
    }

    public static void updateProfile(Connection c, long id, String displayName, String note, Boolean bot) throws SQLException {
        if (displayName != null) Sql.update(c, "UPDATE accounts SET display_name = ? WHERE id = ?", displayName, id);
        if (note != null) Sql.update(c, "UPDATE accounts SET note = ? WHERE id = ?", note, id);
        if (bot != null) Sql.update(c, "UPDATE accounts SET bot = ? WHERE id = ?", bot ? 1 : 0, id);
    }

    /** Replaces an account's profile fields (null: unchanged) and discoverability (null: unchanged). */
    public static void updateFieldsAndDiscoverable(Connection c, long id, List<Account.Field> fields, Boolean discoverable)
            throws SQLException {
        if (fields != null) Sql.update(c, "UPDATE accounts SET fields = ? WHERE id = ?", ProfileFields.format(fields), id);
        if (discoverable != null) Sql.update(c, "UPDATE accounts SET discoverable = ? WHERE id = ?", discoverable ? 1 : 0, id);
    }

    /**
     * Sets an account's avatar ({@code header} false) or header image file (null: the default one); returns the file
     * it showed before, if any.
     */
    public static Optional<String> setImage(Connection c, long id, boolean header, String path) throws SQLException {
        String column = header ? "header_path" : "avatar_path";
        List<String> before = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM accounts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) before.add(rs.getString(1));
            }
        }
        Sql.update(c, "UPDATE accounts SET " + column + " = ? WHERE id = ?", path, id);
        return before.stream().findFirst();
    }

    /** Whether any account shows the image file {@code path} as its avatar or header. */
    public static boolean imageInUse(Connection c, String path) throws SQLException {
        return Sql.exists(c, "SELECT 1 FROM accounts WHERE avatar_path = ? OR header_path = ?", path, path);
    }

    /** Adds {@code delta} to an account's posts counter and, when positive, sets the last-posted time. */
    public static void addPosts(Connection c, long id, int delta, long at) throws SQLException {
        if (delta > 0) {
            Sql.update(c, "UPDATE accounts SET statuses_count = statuses_count + ?, last_status_at = ? WHERE id = ?", delta, at, id);
        } else {
            Sql.update(c, "UPDATE accounts SET statuses_count = statuses_count + ? WHERE id = ?", delta, id);
        }
    }

    /** Adds {@code delta} to both follow counters; rows are locked in id order, so a follow back cannot deadlock. */
    public static void addFollow(Connection c, long follower, long target, int delta) throws SQLException {
        String following = "UPDATE accounts SET following_count = following_count + ? WHERE id = ?";
        String followers = "UPDATE accounts SET followers_count = followers_count + ? WHERE id = ?";
        if (follower < target) {
            Sql.update(c, following, delta, follower);
            Sql.update(c, followers, delta, target);
        } else {
            Sql.update(c, followers, delta, target);
            Sql.update(c, following, delta, follower);
        }
    }

    static Account map(ResultSet rs, int col) throws SQLException {
        long lastPost = rs.getLong(col + 9);
        boolean never = rs.wasNull();
        return new Account(rs.getLong(col), rs.getString(col + 1), rs.getString(col + 2), rs.getString(col + 3),
                rs.getInt(col + 4) != 0, Instant.ofEpochMilli(rs.getLong(col + 5)), rs.getLong(col + 6),
                rs.getLong(col + 7), rs.getLong(col + 8), never ? null : Instant.ofEpochMilli(lastPost),
                rs.getString(col + 10), rs.getString(col + 11), ProfileFields.parse(rs.getString(col + 12)),
                rs.getInt(col + 13) != 0, rs.getInt(col + 14) != 0);
    }

    private static Optional<Account> one(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs, 1)) : Optional.empty();
            }
        }
    }

    private static boolean exists(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Up to {@code limit} accounts that have posted, the most recently active first, leaving out {@code viewer}, the
     * accounts it follows and those hidden from it at {@code now} ({@link Hiding}): whom to suggest following.
     */
    public static List<Account> suggestedTo(Connection c, long viewer, long now, int limit) throws SQLException {
        List<Account> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts a WHERE a.id <> ? "
                + "AND a.last_status_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.account_id = ? "
                + "AND f.target_account_id = a.id) AND a.id NOT IN (" + Hiding.accounts() + ")"
                + " ORDER BY a.last_status_at DESC, a.id DESC LIMIT ?")) {
            ps.setLong(1, viewer);
            ps.setLong(2, viewer);
            Object[] hiding = Hiding.params(viewer, now);
            for (int i = 0; i < hiding.length; i++) ps.setObject(3 + i, hiding[i]);
            ps.setInt(3 + hiding.length, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs, 1));
            }
        }
        return out;
    }

    /** Lists accounts whose ids are given, in the given order (missing ones skipped). */
    public static List<Account> inOrder(Connection c, List<Long> ids) throws SQLException {
        Map<Long, Account> byId = byIds(c, ids);
        List<Account> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Account a = byId.get(id);
            if (a != null) out.add(a);
        }
        return out;
    }
}
