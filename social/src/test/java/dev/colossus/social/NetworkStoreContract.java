package dev.colossus.social;

import dev.colossus.social.service.AccountService;
import dev.colossus.social.service.PostService;
import dev.colossus.social.service.TrendService;
import dev.colossus.social.store.BackdatedPosts;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.PostRows;
import dev.colossus.social.store.StoreIndexSource;
import dev.colossus.social.store.StoreTrendSource;
import dev.colossus.social.store.TestDatabase;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.trends.Engagement;
import dev.colossus.social.trends.TagUse;
import dev.colossus.social.trends.TrendTracker;
import dev.colossus.social.trends.TrendingTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The network's services over a real store: the same behaviour is required of every database the store runs on
 * (one subclass per database). Each test starts from an empty, freshly migrated store.
 */
abstract class NetworkStoreContract {

    private TestDatabase store;
    private Social social;

    /** A fresh store of the database under test. */
    abstract TestDatabase openStore();

    @BeforeEach
    void open() {
        store = openStore();
        social = Social.over(store.db(), new EventBus(), Social.DEFAULT_MAX_CHARS);
    }

    @AfterEach
    void close() {
        if (store != null) store.close(); // null when the database is absent and the test was skipped
    }

    private Account person(String username) {
        return social.accounts().ensure(username, null, false);
    }

    private Post post(Account author, String text) {
        return post(author, text, Visibility.PUBLIC, null);
    }

    private Post post(Account author, String text, Visibility visibility, String idempotencyKey) {
        return social.posts().create(author.id(), null,
                new PostService.NewPost(text, null, visibility, null, false, null), idempotencyKey);
    }

    private static List<Long> ids(Page<Post> page) {
        return page.items().stream().map(Post::id).toList();
    }

    /** Runs every task at once on its own thread and returns their results in order. */
    private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<T>> futures = pool.invokeAll(tasks);
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(f.get());
            return out;
        }
    }

    @Test
    void signUpRefusesATakenUsernameOrEmailWhateverTheirCase() {
        Application app = social.auth().registerApp("tests", null, "read write", null);
        AccessGrant appGrant = new AccessGrant(0, app.id(), null, app.scopes());
        IssuedToken token = social.accounts().register(appGrant,
                new AccountService.SignUp("Alice_1", "alice@example.org", "correct horse", true, "en"));
        Account alice = social.accounts().lookup("alice_1").orElseThrow();
        assertThat(alice.username()).isEqualTo("Alice_1");
        assertThat(social.auth().authenticate(token.accessToken()).orElseThrow().accountId()).isEqualTo(alice.id());

        assertThatThrownBy(() -> social.accounts().register(appGrant,
                new AccountService.SignUp("ALICE_1", "other@example.org", "correct horse", true, "en")))
                .isInstanceOfSatisfying(SocialException.Invalid.class,
                        e -> assertThat(e.details()).containsOnlyKeys("username"));
        assertThatThrownBy(() -> social.accounts().register(appGrant,
                new AccountService.SignUp("someone", "ALICE@example.org", "correct horse", true, "en")))
                .isInstanceOfSatisfying(SocialException.Invalid.class,
                        e -> assertThat(e.details()).containsOnlyKeys("email"));
    }

    @Test
    void tokensExpireAndAPasswordChangeRevokesTheAccountsOtherWorkingTokens() throws InterruptedException {
        Application app = social.auth().registerApp("tests", null, "read write", null);
        AccessGrant appGrant = new AccessGrant(0, app.id(), null, app.scopes());
        IssuedToken signUp = social.accounts().register(appGrant,
                new AccountService.SignUp("carol", "carol@example.org", "correct horse", true, "en"));
        IssuedToken brief = social.auth().passwordGrant(app.clientId(), app.clientSecret(), "carol@example.org",
                "correct horse", "read", Duration.ofMillis(300));
        assertThat(brief.expiresAt()).isEqualTo(brief.createdAt().plusMillis(300));
        assertThat(social.auth().authenticate(brief.accessToken())).isPresent();
        Thread.sleep(400);
        assertThat(social.auth().authenticate(brief.accessToken())).isEmpty();

        IssuedToken phone = social.auth().passwordGrant(app.clientId(), app.clientSecret(), "carol@example.org",
                "correct horse", "read", null);
        assertThat(phone.expiresAt()).isNull();
        AccessGrant current = social.auth().authenticate(signUp.accessToken()).orElseThrow();
        assertThat(social.auth().changePassword(current, "not it", "a new password"))
                .isEqualTo(new PasswordChange.WrongPassword());
        assertThat(social.auth().changePassword(current, "correct horse", "a new password"))
                .isEqualTo(new PasswordChange.Changed(1));
        assertThat(social.auth().authenticate(phone.accessToken())).isEmpty();
        assertThat(social.auth().authenticate(signUp.accessToken())).isPresent();
        long checks = social.auth().passwordChecks();
        assertThatThrownBy(() -> social.auth().passwordGrant(app.clientId(), app.clientSecret(), "nobody@example.org",
                "correct horse", "read", null)).hasMessageContaining("grant is invalid");
        assertThat(social.auth().passwordChecks()).as("the key derivation runs for an unknown email too").isEqualTo(checks + 1);
        assertThat(social.auth().passwordGrant(app.clientId(), app.clientSecret(), "carol@example.org", "a new password",
                "read", null).accessToken()).isNotBlank();
    }

    @Test
    void postsKeepTextTagsMentionsAndCountersAndDeletingUndoesThem() {
        Account ann = person("ann");
        Account bob = person("bob");
        Post first = post(ann, "Grüße @bob 🎉 #Java #java #Cafés");
        assertThat(first.text()).isEqualTo("Grüße @bob 🎉 #Java #java #Cafés");
        assertThat(first.tags()).containsExactlyInAnyOrder("java", "cafés");
        assertThat(first.mentions()).containsExactly(new Post.Mention(bob.id(), "bob"));

        Post reply = social.posts().create(bob.id(), null,
                new PostService.NewPost("@ann danke", first.id(), null, null, false, "de"), null);
        social.posts().favourite(bob.id(), first.id());
        social.posts().favourite(bob.id(), first.id());
        Post reblog = social.posts().reblog(bob.id(), first.id());
        Post seen = social.posts().get(first.id(), bob.id());
        assertThat(seen.repliesCount()).isEqualTo(1);
        assertThat(seen.favouritesCount()).isEqualTo(1);
        assertThat(seen.reblogsCount()).isEqualTo(1);
        assertThat(seen.favourited()).isTrue();
        assertThat(seen.reblogged()).isTrue();
        assertThat(reblog.reblog().id()).isEqualTo(first.id());
        assertThat(social.posts().context(first.id(), null).descendants()).extracting(Post::id).containsExactly(reply.id());
        assertThat(social.accounts().get(bob.id()).postsCount()).isEqualTo(2);

        social.posts().delete(bob.id(), reply.id());
        social.posts().unreblog(bob.id(), first.id());
        social.posts().unfavourite(bob.id(), first.id());
        Post after = social.posts().get(first.id(), bob.id());
        assertThat(List.of(after.repliesCount(), after.reblogsCount(), after.favouritesCount())).containsExactly(0L, 0L, 0L);
        assertThat(social.accounts().get(bob.id()).postsCount()).isZero();

        social.posts().delete(ann.id(), first.id());
        assertThatThrownBy(() -> social.posts().get(first.id(), null)).isInstanceOf(SocialException.NotFound.class);
        assertThat(social.timelines().tag(null, "java", PageRequest.first(20)).items()).isEmpty();
    }

    @Test
    void timelinesPageByIdInBothDirectionsAndKeepToVisibility() {
        Account ann = person("ann");
        Account bob = person("bob");
        Account cy = person("cy");
        social.follows().follow(cy.id(), ann.id());
        List<Long> posts = new ArrayList<>();
        for (int i = 0; i < 7; i++) posts.add(post(ann, "post " + i + " #paging").id());
        long unlisted = post(ann, "quiet", Visibility.UNLISTED, null).id();
        long followersOnly = post(ann, "friends only", Visibility.PRIVATE, null).id();
        post(bob, "not followed");

        Page<Post> newest = social.timelines().publicTimeline(null, PageRequest.first(3));
        assertThat(ids(newest)).isNotEmpty().doesNotContain(unlisted, followersOnly);
        Page<Post> annOnly = social.timelines().tag(null, "paging", PageRequest.first(3));
        assertThat(ids(annOnly)).containsExactly(posts.get(6), posts.get(5), posts.get(4));
        Page<Post> older = social.timelines().tag(null, "paging", PageRequest.of(annOnly.nextMaxId(), null, null, 3));
        assertThat(ids(older)).containsExactly(posts.get(3), posts.get(2), posts.get(1));
        Page<Post> newer = social.timelines().tag(null, "PAGING", PageRequest.of(null, null, posts.get(1), 2));
        assertThat(ids(newer)).containsExactly(posts.get(3), posts.get(2));
        Page<Post> since = social.timelines().tag(null, "paging", PageRequest.of(null, posts.get(4), null, 10));
        assertThat(ids(since)).containsExactly(posts.get(6), posts.get(5));

        List<Long> home = ids(social.timelines().home(cy.id(), PageRequest.first(40)));
        assertThat(home).contains(unlisted, followersOnly, posts.get(0)).hasSize(9);
        assertThat(ids(social.timelines().account(null, ann.id(), false, false, PageRequest.first(40))))
                .contains(unlisted).doesNotContain(followersOnly);
    }

    @Test
    void homePagesReachPostsYearsApartInBothDirections() {
        Account ann = person("ann");
        Account bob = person("bob");
        Account cy = person("cy");
        social.follows().follow(cy.id(), ann.id());
        long now = System.currentTimeMillis();
        // More posts than a page checks one by one, newer than all of ann's, by someone cy does not follow: the
        // pages must find ann's posts through the index.
        BackdatedPosts.insert(store.db(), bob.id(), Snowflakes.floorOf(now - 30_000), 2_100, now - 30_000);
        long[] minutesAgo = {1, 90, 1_500, 30_000, 600_000, 5_000_000}; // up to about ten years
        List<Long> ids = new ArrayList<>(); // newest first
        for (int i = 0; i < minutesAgo.length; i++) {
            long old = post(ann, "post " + i).id();
            long at = now - minutesAgo[i] * 60_000;
            long id = Snowflakes.floorOf(at) + i;
            BackdatedPosts.move(store.db(), old, id, at);
            ids.add(id);
        }

        List<Long> walked = new ArrayList<>();
        Page<Post> page = social.timelines().home(cy.id(), PageRequest.first(2));
        while (!page.items().isEmpty()) {
            walked.addAll(ids(page));
            page = social.timelines().home(cy.id(), PageRequest.of(page.nextMaxId(), null, null, 2));
        }
        assertThat(walked).isEqualTo(ids);
        assertThat(ids(social.timelines().home(cy.id(), PageRequest.of(null, null, ids.get(5), 2))))
                .as("min_id: the posts right after it").containsExactly(ids.get(3), ids.get(4));
        assertThat(ids(social.timelines().home(cy.id(), PageRequest.of(null, null, ids.get(1), 40))))
                .containsExactly(ids.get(0));
        assertThat(ids(social.timelines().home(cy.id(), PageRequest.of(null, ids.get(4), null, 40))))
                .as("since_id: the newest posts after it").containsExactlyElementsOf(ids.subList(0, 4));
        assertThat(ids(social.timelines().home(cy.id(), PageRequest.of(ids.get(0), ids.get(4), null, 2))))
                .containsExactly(ids.get(1), ids.get(2));
        assertThat(ids(social.timelines().home(cy.id(), PageRequest.of(ids.get(5), null, null, 40)))).isEmpty();
    }

    @Test
    void followsCountAndListNewestFirst() {
        Account ann = person("ann");
        Account bob = person("bob");
        Account cy = person("cy");
        social.follows().follow(ann.id(), bob.id());
        social.follows().follow(ann.id(), bob.id());
        social.follows().follow(cy.id(), bob.id());
        assertThat(social.accounts().get(bob.id()).followersCount()).isEqualTo(2);
        assertThat(social.accounts().get(ann.id()).followingCount()).isEqualTo(1);

        Page<Account> first = social.follows().followers(bob.id(), PageRequest.first(1));
        assertThat(first.items()).extracting(Account::id).containsExactly(cy.id());
        Page<Account> second = social.follows().followers(bob.id(), PageRequest.of(first.nextMaxId(), null, null, 1));
        assertThat(second.items()).extracting(Account::id).containsExactly(ann.id());
        assertThat(social.follows().relationships(bob.id(), List.of(ann.id(), 999L)))
                .containsExactly(new Relationship(ann.id(), false, true, false, false, false, false, false, false, false));

        social.follows().unfollow(ann.id(), bob.id());
        social.follows().unfollow(ann.id(), bob.id());
        assertThat(social.accounts().get(bob.id()).followersCount()).isEqualTo(1);
        assertThat(social.follows().following(ann.id(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void suggestionsAreAccountsThatPostedMostRecentlyFirstLeavingOutTheViewerAndWhomItFollows() {
        // Created in the order they post, so that ids break a tie of posting times the same way.
        Account ann = person("ann");
        Account bob = person("bob");
        Account eve = person("eve");
        Account cy = person("cy");
        person("dee");
        post(ann, "my own post");
        post(bob, "bob was here");
        post(eve, "eve was here");
        post(cy, "cy was here last");
        social.follows().follow(ann.id(), eve.id());

        assertThat(social.follows().suggestions(ann.id(), 10)).extracting(Account::id).containsExactly(cy.id(), bob.id());
        assertThat(social.follows().suggestions(ann.id(), 1)).extracting(Account::id).containsExactly(cy.id());
        social.follows().unfollow(ann.id(), eve.id());
        assertThat(social.follows().suggestions(ann.id(), 10)).extracting(Account::id).containsExactly(cy.id(), eve.id(), bob.id());
        assertThatThrownBy(() -> social.follows().suggestions(ann.id(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentFollowsBothWaysAllTakeEffect() throws Exception {
        List<Account> people = IntStream.range(0, 6).mapToObj(i -> person("p" + i)).toList();
        List<Callable<Relationship>> tasks = new ArrayList<>();
        for (Account a : people) for (Account b : people) if (a != b) tasks.add(() -> social.follows().follow(a.id(), b.id()));
        assertThat(concurrently(tasks)).allMatch(Relationship::following);
        for (Account a : people) {
            Account now = social.accounts().get(a.id());
            assertThat(List.of(now.followersCount(), now.followingCount())).containsExactly(5L, 5L);
        }
    }

    @Test
    void anIdempotencyKeyAnswersWithTheFirstPostEvenForConcurrentRequests() throws Exception {
        Account ann = person("ann");
        Post once = post(ann, "only once", Visibility.PUBLIC, "key-1");
        assertThat(post(ann, "only once", Visibility.PUBLIC, "key-1").id()).isEqualTo(once.id());
        assertThat(post(ann, "other key", Visibility.PUBLIC, "key-2").id()).isNotEqualTo(once.id());
        assertThat(post(person("bob"), "same key, other account", Visibility.PUBLIC, "key-1").id()).isNotEqualTo(once.id());

        List<Callable<Long>> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) racing.add(() -> post(ann, "raced", Visibility.PUBLIC, "key-3").id());
        assertThat(concurrently(racing).stream().distinct()).hasSize(1);
        assertThat(social.accounts().get(ann.id()).postsCount()).isEqualTo(3);
    }

    @Test
    void concurrentPostsWithTheSameNewHashtagAllSucceed() throws Exception {
        List<Account> people = IntStream.range(0, 8).mapToObj(i -> person("tagger" + i)).toList();
        List<Callable<Post>> tasks = people.stream().<Callable<Post>>map(p -> () -> post(p, "first! #BrandNew")).toList();
        List<Post> posted = concurrently(tasks);
        assertThat(ids(social.timelines().tag(null, "brandnew", PageRequest.first(40))))
                .containsExactlyInAnyOrderElementsOf(posted.stream().map(Post::id).toList());
    }

    @Test
    void trendsReplayPublicTagUsesFavouritesAndReblogsFromTheStore() {
        Account ann = person("ann");
        Account bob = person("bob");
        Account cy = person("cy");
        Post rising = post(ann, "ready #Rust");
        post(bob, "me too #rust");
        post(cy, "secretly #rust", Visibility.UNLISTED, null);
        Post hidden = post(ann, "not public", Visibility.UNLISTED, null);
        for (Account a : List.of(bob, cy)) {
            social.posts().favourite(a.id(), rising.id());
            social.posts().favourite(a.id(), hidden.id());
        }
        social.posts().reblog(cy.id(), rising.id());
        // Three days ago, as an import writes it: ids made for that time.
        long old = System.currentTimeMillis() - Duration.ofDays(3).toMillis();
        Snowflakes ids = new Snowflakes();
        store.db().write(c -> {
            PostRows.insert(c, new PostRows.NewRow(ids.at(old), bob.id(), "back then #rust", "", false, Visibility.PUBLIC,
                    null, null, null, null, "import:1", null, old, 0), List.of(), List.of("rust"), ids);
            return null;
        });

        StoreTrendSource source = new StoreTrendSource(store.db());
        long now = System.currentTimeMillis();
        assertThat(source.tagUses(now - Duration.ofHours(1).toMillis(), now + 1))
                .extracting(TagUse::tag, TagUse::accountId).containsExactlyInAnyOrder(
                        tuple("rust", ann.id()), tuple("rust", bob.id()));
        assertThat(source.tagUses(old - 1000, old + 1000)).extracting(TagUse::at).containsExactly(Instant.ofEpochMilli(old));
        assertThat(source.engagements(now - Duration.ofHours(1).toMillis(), now + 1))
                .extracting(Engagement::postId, Engagement::accountId).containsExactlyInAnyOrder(
                        tuple(rising.id(), bob.id()),
                        tuple(rising.id(), cy.id()),
                        tuple(rising.id(), cy.id()));

        try (TrendService trends = TrendService.start(source, social.posts(), new EventBus(),
                Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC), TrendTracker.Options.DEFAULT)) {
            assertThat(trends.tags(0, 10)).extracting(TrendingTag::name).containsExactly("rust");
            assertThat(trends.posts(0, 10, null)).extracting(Post::id).containsExactly(rising.id());
        }
    }

    @Test
    void theSearchIndexSourceReadsPostsInIdOrderWithTheirTags() {
        Account ann = person("ann");
        Post a = post(ann, "one #x");
        social.posts().reblog(person("bob").id(), a.id());
        Post b = post(ann, "two #y #z");
        StoreIndexSource source = new StoreIndexSource(store.db());
        assertThat(source.postCount()).isEqualTo(2);
        assertThat(source.posts(0).toList()).extracting(p -> p.id(), p -> p.tags().stream().sorted().toList())
                .containsExactly(tuple(a.id(), List.of("x")),
                        tuple(b.id(), List.of("y", "z")));
        assertThat(source.accounts(0).count()).isEqualTo(2);
    }
}
