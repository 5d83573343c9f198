package dev.colossus.social.store;

import dev.colossus.social.PageRequest;
import dev.colossus.social.Social;
import dev.colossus.social.Post;
import dev.colossus.social.demo.DemoGenerator;
import dev.colossus.social.demo.DemoNetwork;
import dev.colossus.social.demo.DemoSeed;
import dev.colossus.social.importer.LoadReport;
import dev.colossus.social.stream.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BulkLoaderTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private final Snowflakes ids = new Snowflakes();
    private Social social;

    private Social social() {
        if (social == null) social = Social.over(db(), new EventBus(), Social.DEFAULT_MAX_CHARS);
        return social;
    }

    private Database db() {
        if (db == null) db = Database.sqlite(dir);
        return db;
    }

    @AfterEach
    void close() {
        if (social != null) social.close();
        else if (db != null) db.close();
    }

    private LoadReport load(BulkLoader.Post... posts) {
        return new BulkLoader(db(), ids).posts(List.of(posts).iterator(), n -> { });
    }

    private static BulkLoader.Post post(String id, String author, String text, Instant at, String replyTo, int likes) {
        return BulkLoader.Post.of(id, author, text, at, replyTo, likes, null);
    }

    private Post bySource(String sourceId) {
        long id = db().read(c -> Sql.longs(c, "SELECT id FROM statuses WHERE source_id = ?", sourceId)).getFirst();
        return social().posts().get(id, null);
    }

    private List<Post> publicTimeline() {
        return social().timelines().publicTimeline(null, PageRequest.first(40)).items();
    }

    private List<Long> longs(String sql) {
        return db().read(c -> Sql.longs(c, sql));
    }

    private boolean exists(String sql) {
        return db().read(c -> Sql.exists(c, sql));
    }

    @Test
    void postsKeepTheirTimeLikesAndEntitiesAndTheirIdsSortByTime() {
        load(post("b", "bea", "Later post #Launch with @ann", T0.plusSeconds(60), null, 7),
                post("a", "ann", "Early post #launch", T0, null, 0));

        Post early = bySource("a"), late = bySource("b");
        assertThat(early.createdAt()).isEqualTo(T0);
        assertThat(late.createdAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(Snowflakes.millisOf(early.id())).isEqualTo(T0.toEpochMilli());
        assertThat(late.favouritesCount()).isEqualTo(7);
        assertThat(late.tags()).containsExactly("launch");
        assertThat(late.mentions()).extracting(Post.Mention::username).containsExactly("ann");
        assertThat(publicTimeline()).extracting(Post::text).containsExactly(late.text(), early.text());
        assertThat(social().timelines().tag(null, "LAUNCH", PageRequest.first(10)).items()).hasSize(2);
        assertThat(late.account().postsCount()).isEqualTo(1);
        assertThat(late.account().lastPostAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void unknownAuthorsBecomeAccountsNobodyCanLogInAs() {
        load(post("a", "NewPerson", "hello", T0, null, 0));
        assertThat(exists("SELECT 1 FROM accounts WHERE username = 'NewPerson' AND email_lower IS NULL AND password_hash IS NULL")).isTrue();
        load(post("b", "newperson", "same person, other case", T0.plusSeconds(1), null, 0));
        assertThat(longs("SELECT statuses_count FROM accounts")).containsExactly(2L);
    }

    @Test
    void repliesAreThreadedBySourceIdEvenWhenTheParentComesLater() {
        LoadReport loaded = load(post("r", "bea", "a reply", T0.plusSeconds(5), "p", 0),
                post("p", "ann", "the parent", T0, null, 0));
        assertThat(loaded.threaded()).isEqualTo(1);
        Post parent = bySource("p"), reply = bySource("r");
        assertThat(reply.inReplyToId()).isEqualTo(parent.id());
        assertThat(reply.inReplyToAccountId()).isEqualTo(parent.account().id());
        assertThat(parent.repliesCount()).isEqualTo(1);
        assertThat(social().posts().context(parent.id(), null).descendants()).extracting(Post::id).containsExactly(reply.id());
    }

    @Test
    void aReplyWaitsForAParentThatALaterLoadBrings() {
        LoadReport first = load(post("r", "bea", "a reply", T0.plusSeconds(5), "p", 0));
        assertThat(first.waiting()).isEqualTo(1);
        assertThat(bySource("r").inReplyToId()).isNull();

        LoadReport second = load(post("p", "ann", "the parent", T0, null, 0));
        assertThat(second.threaded()).isEqualTo(1);
        assertThat(second.waiting()).isZero();
        assertThat(bySource("r").inReplyToId()).isEqualTo(bySource("p").id());
        assertThat(bySource("p").repliesCount()).isEqualTo(1);
    }

    @Test
    void loadingTheSameIdsAgainAddsNothing() {
        BulkLoader.Post[] posts = {post("a", "ann", "one #x", T0, null, 1), post("b", "bea", "two", T0, "a", 2)};
        assertThat(load(posts).inserted()).isEqualTo(2);
        LoadReport again = load(posts);
        assertThat(again.inserted()).isZero();
        assertThat(again.skipped()).isEqualTo(2);
        assertThat(longs("SELECT COUNT(*) FROM statuses")).containsExactly(2L);
        assertThat(longs("SELECT COUNT(*) FROM status_tags")).containsExactly(1L);
        assertThat(bySource("a").repliesCount()).isEqualTo(1);
        assertThat(longs("SELECT statuses_count FROM accounts ORDER BY username"))
                .containsExactly(1L, 1L);
    }

    @Test
    void postsInTheSameMillisecondAcrossBatchesAndLoadsGetDistinctIds() {
        List<BulkLoader.Post> posts = new ArrayList<>();
        for (int i = 0; i < BulkLoader.BATCH + 5; i++) posts.add(post("s" + i, "ann", "same instant " + i, T0, null, 0));
        new BulkLoader(db(), ids).posts(posts.iterator(), n -> { });
        // A new loader restarts its sequence: its ids for T0 clash with the stored ones and must be drawn again.
        LoadReport more = new BulkLoader(db(), new Snowflakes())
                .posts(List.of(post("late", "ann", "also then", T0, null, 0)).iterator(), n -> { });
        assertThat(more.inserted()).isEqualTo(1);
        assertThat(longs("SELECT COUNT(DISTINCT id) FROM statuses"))
                .containsExactly((long) BulkLoader.BATCH + 6);
        assertThat(Snowflakes.millisOf(bySource("late").id())).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void theDemoNetworkLoadsWithThreadsLikesRepostsAndFollows() {
        Instant now = Instant.parse("2026-01-10T12:00:00Z");
        DemoNetwork network = DemoGenerator.generate(7, now, new DemoGenerator.Size(8, 300, Duration.ofDays(2)));
        assertThat(DemoSeed.isEmpty(db())).isTrue();
        DemoSeed.load(new BulkLoader(db(), ids), network);

        assertThat(DemoSeed.isEmpty(db())).isFalse();
        long replies = network.posts().stream().filter(p -> p.isReply()).count();
        assertThat(longs("SELECT COUNT(*) FROM statuses WHERE reblog_of_id IS NULL"))
                .containsExactly(300L);
        assertThat(longs("SELECT COUNT(*) FROM statuses WHERE in_reply_to_id IS NOT NULL"))
                .containsExactly(replies);
        assertThat(longs("SELECT COUNT(*) FROM favourites"))
                .containsExactly((long) network.likes().size());
        assertThat(longs("SELECT SUM(favourites_count) FROM statuses"))
                .containsExactly((long) network.likes().size());
        assertThat(longs("SELECT COUNT(*) FROM statuses WHERE reblog_of_id IS NOT NULL"))
                .containsExactly((long) network.reposts().size());
        assertThat(longs("SELECT COUNT(*) FROM follows"))
                .containsExactly((long) network.follows().size());
        assertThat(longs("SELECT COUNT(*) FROM accounts WHERE password_hash IS NOT NULL"))
                .containsExactly(0L);
        assertThat(publicTimeline().getFirst().createdAt()).isBefore(now);
    }
}
