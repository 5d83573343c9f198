package dev.colossus.social.demo;

import dev.colossus.social.importer.LoadReport;
import dev.colossus.social.store.Accounts;
import dev.colossus.social.store.BulkLoader;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.PostRows;

import java.util.List;

/**
 * Puts a generated {@link DemoNetwork} into the store through the {@link BulkLoader}: accounts with their profiles
 * (no email, no password: nobody can log in as a demo person), follows, posts threaded by number, likes and reposts.
 * Demo posts carry the source ids {@code demo:<number>}, so loading the same network twice adds nothing.
 */
public final class DemoSeed {

    private DemoSeed() {
    }

    /** True when the store has no accounts and no posts: a fresh data directory to seed. */
    public static boolean isEmpty(Database db) {
        return db.read(c -> !Accounts.any(c) && !PostRows.any(c));
    }

    /** Loads the network; returns what the post load did. */
    public static LoadReport load(BulkLoader loader, DemoNetwork network) {
        loader.profiles(network.accounts().stream()
                .map(a -> new BulkLoader.Profile(a.username(), a.displayName(), a.bio(), a.createdAt())).toList());
        loader.follows(network.follows().stream().map(f -> new BulkLoader.Follow(f.follower(), f.followed())).toList());
        LoadReport loaded = loader.posts(network.posts().stream()
                .map(p -> BulkLoader.Post.of(sourceId(p.number()), p.author(), p.text(), p.createdAt(),
                        p.isReply() ? sourceId(p.replyTo()) : null, 0, p.language()))
                .iterator(), n -> { });
        loader.likes(reactions(network.likes()));
        loader.reposts(reactions(network.reposts()));
        return loaded;
    }

    private static List<BulkLoader.Reaction> reactions(List<DemoNetwork.Reaction> reactions) {
        return reactions.stream().map(r -> new BulkLoader.Reaction(sourceId(r.post()), r.account(), r.at())).toList();
    }

    private static String sourceId(int number) {
        return "demo:" + number;
    }
}
