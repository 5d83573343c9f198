package dev.colossus.social.store;

import dev.colossus.social.Application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The {@code apps} table: registered OAuth clients, with a digest of their secret. */
public final class AppRows {

    private static final String COLUMNS = "id, name, website, redirect_uri, scopes, client_id";

    private AppRows() {
    }

    /** A client that proved its secret: its id and the scopes it registered. */
    public record Client(long id, String scopes) {
    }

    /** Stores an app; {@code app.clientSecret()} is not stored, only {@code secretHash}. */
    public static void insert(Connection c, Application app, String secretHash, long createdAt) throws SQLException {
        Sql.update(c, "INSERT INTO apps (id, name, website, redirect_uri, scopes, client_id, secret_hash, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", app.id(), app.name(), app.website(), app.redirectUri(),
                app.scopes(), app.clientId(), secretHash, createdAt);
    }

    /** The app with this client id, without its secret. */
    public static Optional<Application> byClientId(Connection c, String clientId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM apps WHERE client_id = ?", clientId);
    }

    /** The app with this id, without its secret. */
    public static Optional<Application> byId(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM apps WHERE id = ?", id);
    }

    /** The client with this id whose secret has this digest, or empty. */
    public static Optional<Client> client(Connection c, String clientId, String secretHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, scopes FROM apps WHERE client_id = ? AND secret_hash = ?")) {
            ps.setString(1, clientId);
            ps.setString(2, secretHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Client(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    private static Optional<Application> one(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Application(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), null)) : Optional.empty();
            }
        }
    }
}
