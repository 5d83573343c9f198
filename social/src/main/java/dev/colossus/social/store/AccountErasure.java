package dev.colossus.social.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Erases an account that deletes itself, inside the caller's transaction: its posts and reblogs (with others'
 * reblogs of its posts, and everything hanging off each, as {@link PostRows#remove} does), its favourites, follows
 * either way (counters undone), blocks and mutes either way, notifications to and from it, markers, what it kept
 * of others' posts ({@link PersonalRows#deleteAccount}), its poll votes (taken off the counts), its tokens and API
 * keys (revoked), and its profile. Its media are left unattached and already expired, for the media cleanup to
 * delete. The account row stays, marked deleted, so that its username stays reserved; lookups no longer find it
 * ({@link Accounts}).
 */
public final class AccountErasure {

    private AccountErasure() {
    }

    /**
     * What an erasure removed that lives outside the database or must be announced.
     *
     * @param postIds    the posts and reblogs removed (its own and others' reblogs of them), newest first
     * @param imagePaths the avatar and header files the account showed
     */
    public record Erased(List<Long> postIds, List<String> imagePaths) {
    }

    /**
     * The posts erasing account {@code id} removes, in the order it removes them: newest first, each after the
     * reblogs of it.
     */
    public static List<Long> posts(Connection c, long id) throws SQLException {
        Set<Long> out = new LinkedHashSet<>();
        for (long post : Sql.longs(c, "SELECT id FROM statuses WHERE account_id = ? ORDER BY id DESC", id)) {
            out.addAll(PostRows.reblogsOf(c, post));
            out.add(post);
        }
        return new ArrayList<>(out);
    }

    /** Erases account {@code id} at {@code now} (epoch ms). */
    public static Erased erase(Connection c, long id, long now) throws SQLException {
        List<Long> removed = posts(c, id);
        for (long post : removed) PostRows.remove(c, post);
        for (long post : Sql.longs(c, "SELECT status_id FROM favourites WHERE account_id = ?", id)) {
            PostRows.addCounter(c, post, "favourites_count", -1);
        }
        Sql.update(c, "DELETE FROM favourites WHERE account_id = ?", id);
        for (long target : Sql.longs(c, "SELECT target_account_id FROM follows WHERE account_id = ?", id)) {
            Accounts.addFollow(c, id, target, -1);
        }
        for (long follower : Sql.longs(c, "SELECT account_id FROM follows WHERE target_account_id = ?", id)) {
            Accounts.addFollow(c, follower, id, -1);
        }
        Sql.update(c, "DELETE FROM follows WHERE account_id = ? OR target_account_id = ?", id, id);
        ListRows.eraseAccount(c, id);
        BlockRows.deleteAllOf(c, id);
        MuteRows.deleteAllOf(c, id);
        Sql.update(c, "DELETE FROM notifications WHERE account_id = ? OR from_account_id = ?", id, id);
        Sql.update(c, "DELETE FROM markers WHERE account_id = ?", id);
        Sql.update(c, "DELETE FROM idempotency_keys WHERE account_id = ?", id);
        PersonalRows.deleteAccount(c, id);
        PollRows.deleteVotesOf(c, id);
        Sql.update(c, "UPDATE tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL", now, id);
        Sql.update(c, "UPDATE api_keys SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL", now, id);
        Sql.update(c, "UPDATE media_attachments SET status_id = NULL, unattached_since = 0 WHERE account_id = ?", id);
        List<String> images = new ArrayList<>();
        Accounts.setImage(c, id, false, null).ifPresent(images::add);
        Accounts.setImage(c, id, true, null).ifPresent(images::add);
        Sql.update(c, "UPDATE accounts SET deleted_at = ?, email_lower = NULL, password_hash = NULL, display_name = '',"
                + " note = '', fields = '[]', statuses_count = 0, followers_count = 0, following_count = 0,"
                + " last_status_at = NULL WHERE id = ?", now, id);
        return new Erased(removed, images);
    }
}
