package dev.colossus.social.store;

/** Test rows written straight into the store, for timelines that span years: SQL stays in the store package. */
public final class BackdatedPosts {

    private BackdatedPosts() {
    }

    /** Writes {@code count} public posts by {@code accountId} made at {@code createdAt}, ids from {@code firstId} up. */
    public static void insert(Database db, long accountId, long firstId, int count, long createdAt) {
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO statuses (id, account_id, text, spoiler_text, sensitive,"
                    + " visibility, created_at, replies_count, reblogs_count, favourites_count)"
                    + " VALUES (?, ?, 'busy', '', 0, 0, ?, 0, 0, 0)")) {
                for (int i = 0; i < count; i++) {
                    ps.setLong(1, firstId + i);
                    ps.setLong(2, accountId);
                    ps.setLong(3, createdAt);
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    /** Gives post {@code oldId} the id {@code newId} and the time {@code createdAt}, as if it had been made then. */
    public static void move(Database db, long oldId, long newId, long createdAt) {
        db.write(c -> {
            try (var ps = c.prepareStatement("UPDATE statuses SET id = ?, created_at = ? WHERE id = ?")) {
                ps.setLong(1, newId);
                ps.setLong(2, createdAt);
                ps.setLong(3, oldId);
                return ps.executeUpdate();
            }
        });
    }
}
