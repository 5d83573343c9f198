package dev.colossus.social.store;

import dev.colossus.social.Preferences;
import dev.colossus.social.Visibility;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code account_preferences} table: an account's posting defaults, when it set any. Stateless. */
public final class PreferenceRows {

    private PreferenceRows() {
    }

    /** {@code accountId}'s stored preferences, or empty when it never set any. */
    public static Optional<Preferences> get(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT default_visibility, default_sensitive, default_language "
                + "FROM account_preferences WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Preferences(Visibility.ofCode(rs.getInt(1)), rs.getInt(2) != 0, rs.getString(3)));
            }
        }
    }

    /** Stores {@code accountId}'s preferences, replacing any. */
    public static void put(Connection c, long accountId, Preferences p) throws SQLException {
        Object[] values = {p.postingVisibility().code(), p.postingSensitive() ? 1 : 0, p.postingLanguage(), accountId};
        if (Sql.update(c, "UPDATE account_preferences SET default_visibility = ?, default_sensitive = ?, "
                + "default_language = ? WHERE account_id = ?", values) == 0) {
            Sql.update(c, "INSERT INTO account_preferences (default_visibility, default_sensitive, default_language, "
                    + "account_id) VALUES (?, ?, ?, ?)", values);
        }
    }
}
