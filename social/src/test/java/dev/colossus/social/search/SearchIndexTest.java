package dev.colossus.social.search;

import static dev.colossus.social.search.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colossus.social.PostQuery;
import dev.colossus.social.TagHit;
import dev.colossus.social.Visibility;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexTest {

    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path dir;
    SearchIndex index;

    @BeforeEach
    void open() throws IOException {
        index = SearchIndex.open(dir, new ListSource(),
                SearchIndex.Options.DEFAULT.withClock(Clock.fixed(NOW, ZoneOffset.UTC)), IndexSource.Progress.NONE);
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private List<Long> ids(PostQuery q) {
        index.refresh();
        return index.searchPosts(q).hits().stream().map(PostHit::postId).toList();
    }

    private static Instant hoursAgo(double h) {
        return NOW.minusSeconds((long) (h * 3600));
    }

    @Test
    void tighterTextMatchRanksFirstAtEqualAgeAndEngagement() {
        index.indexPost(post(1, 10, "Watching the weather and the traffic today, also a rocket somewhere, and a launch of something else", hoursAgo(1)));
        index.indexPost(post(2, 11, "Rocket launch tonight", hoursAgo(1)));
        assertThat(ids(PostQuery.of("rocket launch"))).containsExactly(2L, 1L);
    }

    @Test
    void newerPostWinsBetweenEqualTexts() {
        index.indexPost(post(1, 10, "new album from the band", hoursAgo(30)));
        index.indexPost(post(2, 11, "new album from the band", hoursAgo(2)));
        index.indexPost(post(3, 12, "new album from the band", hoursAgo(10)));
        assertThat(ids(PostQuery.of("album"))).containsExactly(2L, 3L, 1L);
    }

    @Test
    void moreLikedPostWinsBetweenEqualTextsOfEqualAge() {
        index.indexPost(post(1, 10, "best pasta recipe", hoursAgo(5), 3));
        index.indexPost(post(2, 11, "best pasta recipe", hoursAgo(5), 40));
        index.indexPost(post(3, 12, "best pasta recipe", hoursAgo(5), 0));
        assertThat(ids(PostQuery.of("pasta"))).containsExactly(2L, 1L, 3L);
    }

    @Test
    void likeUpdatesReorderWithoutReindexing() {
        index.indexPost(post(1, 10, "marathon results", hoursAgo(3)));
        index.indexPost(post(2, 11, "marathon results", hoursAgo(3)));
        index.updateEngagement(1, 0, 25);
        assertThat(ids(PostQuery.of("marathon"))).containsExactly(1L, 2L);
        index.updateEngagement(2, 500, 0);
        assertThat(ids(PostQuery.of("marathon"))).containsExactly(2L, 1L);
    }

    @Test
    void recencyDoesNotDrownAFarBetterMatch() {
        // An old post that is entirely about the query against a fresh one that mentions it in passing.
        index.indexPost(post(1, 10, "eclipse eclipse eclipse", hoursAgo(12)));
        index.indexPost(post(2, 11, "went to the market, bought bread, cheese, apples and saw posters about an eclipse", hoursAgo(0.1)));
        assertThat(ids(PostQuery.of("eclipse"))).containsExactly(1L, 2L);
    }

    @Test
    void whenOnlyOldPostsMatchTheyAreFoundInRelevanceOrder() {
        index.indexPost(post(1, 10, "harbour regatta results", hoursAgo(24 * 60)));
        index.indexPost(post(2, 10, "regatta", hoursAgo(24 * 90)));
        index.indexPost(post(3, 10, "something else entirely", hoursAgo(1)));
        assertThat(ids(PostQuery.of("regatta"))).containsExactly(2L, 1L);
    }

    @Test
    void prunedRankingGivesTheSamePagesAsScoringEveryMatch() throws IOException {
        Random rng = new Random(5);
        String[] words = {"alpha", "beta", "gamma", "delta", "omega", "sun", "moon", "tide"};
        for (int i = 1; i <= 4000; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 1 + rng.nextInt(6); w > 0; w--) text.append(words[rng.nextInt(words.length)]).append(' ');
            double ageHours = Math.pow(rng.nextDouble(), 3) * 24 * 90;
            int likes = rng.nextInt(10) == 0 ? rng.nextInt(5000) : rng.nextInt(4);
            index.indexPost(post(i, 1 + i % 50, text.toString(), hoursAgo(ageHours), likes));
            if (i % 1000 == 0) index.commit(); // several segments, each sorted newest first
        }
        index.updateEngagement(17, 20_000, 300);
        index.commit();
        index.refresh();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            assertThat(reader.leaves()).as("segments sorted as pruning by recency expects").hasSizeGreaterThan(1)
                    .allSatisfy(l -> assertThat(l.reader().getMetaData().sort()).isEqualTo(SearchIndex.NEWEST_FIRST));
            IndexSearcher everything = new IndexSearcher(reader);
            PostQueries queries = new PostQueries(new TextAnalyzer());
            List<PostQuery> cases = new ArrayList<>();
            for (String text : List.of("alpha", "sun moon", "tide", "", "beta -gamma", "\"sun moon\"", "omega delta alpha")) {
                cases.add(PostQuery.of(text));
                cases.add(PostQuery.of(text).withPage(40, 20));
                cases.add(PostQuery.of(text).withMatch(PostQuery.Match.ANY).withPage(0, 50));
            }
            cases.add(PostQuery.of("alpha").withTimeWindow(hoursAgo(24 * 10), hoursAgo(5)));
            cases.add(PostQuery.of("moon").withMinLikes(100));
            for (PostQuery q : cases) {
                TopDocs all = everything.search(new FunctionScoreQuery(queries.build(q),
                        new RankingValuesSource(Ranking.DEFAULT, NOW.toEpochMilli())), q.offset() + q.limit());
                List<Long> expected = new ArrayList<>();
                for (int i = q.offset(); i < all.scoreDocs.length; i++) expected.add(postId(reader, all.scoreDocs[i].doc));
                assertThat(ids(q)).as(q.text() + " " + q.match() + " from " + q.offset()).isEqualTo(expected);
            }
            long allAlpha = everything.count(queries.build(PostQuery.of("alpha")));
            assertThat(allAlpha).isGreaterThan(RankedTopPosts.EXACT_COUNT);
            assertThat(index.searchPosts(PostQuery.of("alpha")).totalHits()).as("stopped scoring hopeless matches")
                    .isLessThan(allAlpha);
        }
    }

    @Test
    void segmentsWrittenOldestFirstAreSearchedNewestFirst() {
        // A rebuild feeds the posts oldest first, so the first segments hold the oldest posts; searched in that order,
        // every segment would be scored through before the page held a recent post.
        Random rng = new Random(9);
        long id = 0;
        for (int daysAgo = 30; daysAgo >= 0; daysAgo -= 10) {
            for (int i = 0; i < 1500; i++) {
                index.indexPost(post(++id, 1 + i % 50, "alpha " + (rng.nextBoolean() ? "beta" : "gamma"),
                        hoursAgo(24 * (daysAgo + rng.nextDouble())), rng.nextInt(4)));
            }
            index.commit();
        }
        index.refresh();
        SearchResult<PostHit> found = index.searchPosts(PostQuery.of("alpha"));
        assertThat(found.hits()).hasSize(20).allSatisfy(h -> assertThat(h.postId()).isGreaterThan(4500));
        assertThat(found.totalHits()).as("matches scored: fewer than the newest segment holds").isLessThan(1500);
    }

    private static long postId(DirectoryReader reader, int doc) throws IOException {
        LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(doc, reader.leaves()));
        NumericDocValues ids = leaf.reader().getNumericDocValues(Fields.POST_ID_DV);
        assertThat(ids.advanceExact(doc - leaf.docBase)).isTrue();
        return ids.longValue();
    }

    @Test
    void allWordsMustMatchByDefaultButAnyWordWithMatchAny() {
        index.indexPost(post(1, 10, "solar eclipse photos", hoursAgo(1)));
        index.indexPost(post(2, 11, "solar panels on the roof", hoursAgo(1)));
        assertThat(ids(PostQuery.of("solar eclipse"))).containsExactly(1L);
        assertThat(ids(PostQuery.of("solar eclipse").withMatch(PostQuery.Match.ANY))).containsExactly(1L, 2L);
    }

    @Test
    void accentsCaseAndEmojiAreFoldedOrKept() {
        index.indexPost(post(1, 10, "Le Café de Flore 🚀 ouvre", hoursAgo(1)));
        assertThat(ids(PostQuery.of("cafe"))).containsExactly(1L);
        assertThat(ids(PostQuery.of("CAFÉ"))).containsExactly(1L);
        assertThat(ids(PostQuery.of("🚀"))).containsExactly(1L);
    }

    @Test
    void hostileQuerySyntaxNeverThrows() {
        index.indexPost(post(1, 10, "hello world", hoursAgo(1)));
        for (String q : List.of("AND (", "\"unbalanced", "*", "-", "((((", "hello) OR", "~~~", ":::", "\\")) {
            assertThat(index.searchPosts(PostQuery.of(q)).hits()).as(q).isNotNull();
        }
        assertThat(ids(PostQuery.of("!!!"))).isEmpty();
    }

    @Test
    void timeWindowKeepsOnlyPostsInside() {
        index.indexPost(post(1, 10, "concert", hoursAgo(50)));
        index.indexPost(post(2, 10, "concert", hoursAgo(20)));
        index.indexPost(post(3, 10, "concert", hoursAgo(1)));
        assertThat(ids(PostQuery.of("concert").withTimeWindow(hoursAgo(24), hoursAgo(2)))).containsExactly(2L);
        assertThat(ids(PostQuery.of("concert").withTimeWindow(hoursAgo(24), null))).containsExactlyInAnyOrder(2L, 3L);
        assertThat(ids(PostQuery.of("concert").withTimeWindow(null, hoursAgo(20)))).containsExactly(1L);
    }

    @Test
    void authorIncludeAndExcludeListsFilter() {
        index.indexPost(post(1, 10, "tacos", hoursAgo(1)));
        index.indexPost(post(2, 11, "tacos", hoursAgo(1)));
        index.indexPost(post(3, 12, "tacos", hoursAgo(1)));
        assertThat(ids(PostQuery.of("tacos").withIncludeAuthors(Set.of(10L, 12L)))).containsExactlyInAnyOrder(1L, 3L);
        assertThat(ids(PostQuery.of("tacos").withExcludeAuthors(Set.of(10L)))).containsExactlyInAnyOrder(2L, 3L);
    }

    @Test
    void minimumLikesFollowsUpdatedCounts() {
        index.indexPost(post(1, 10, "goal", hoursAgo(1), 2));
        index.indexPost(post(2, 11, "goal", hoursAgo(1), 9));
        assertThat(ids(PostQuery.of("goal").withMinLikes(5))).containsExactly(2L);
        index.updateEngagement(1, 7, 0);
        assertThat(ids(PostQuery.of("goal").withMinLikes(5))).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void privateAndDirectPostsAreNeverSearchableAndUnlistedOnlyOnRequest() {
        index.indexPost(new IndexedPost(1, 10, "secret plans", hoursAgo(1), IndexedPost.Visibility.PRIVATE, 0, 0, 0, List.of()));
        index.indexPost(new IndexedPost(2, 10, "secret plans", hoursAgo(1), IndexedPost.Visibility.DIRECT, 0, 0, 0, List.of()));
        index.indexPost(new IndexedPost(3, 10, "secret plans", hoursAgo(1), IndexedPost.Visibility.UNLISTED, 0, 0, 0, List.of()));
        index.indexPost(new IndexedPost(4, 10, "secret plans", hoursAgo(1), IndexedPost.Visibility.PUBLIC, 0, 0, 0, List.of()));
        assertThat(ids(PostQuery.of("secret"))).containsExactlyInAnyOrder(3L, 4L);
        assertThat(ids(PostQuery.of("secret").withVisibilities(Set.of(Visibility.PUBLIC)))).containsExactly(4L);
        assertThat(ids(PostQuery.of("secret").withVisibilities(Set.of(Visibility.PRIVATE)))).isEmpty();
    }

    @Test
    void aPostMadePrivateLaterLeavesTheIndex() {
        index.indexPost(post(1, 10, "reveal", hoursAgo(1)));
        assertThat(ids(PostQuery.of("reveal"))).containsExactly(1L);
        index.indexPost(new IndexedPost(1, 10, "reveal", hoursAgo(1), IndexedPost.Visibility.PRIVATE, 0, 0, 0, List.of()));
        assertThat(ids(PostQuery.of("reveal"))).isEmpty();
    }

    @Test
    void repliesCanBeLeftOut() {
        index.indexPost(post(1, 10, "pizza night", hoursAgo(2)));
        index.indexPost(new IndexedPost(2, 11, "pizza night yes", hoursAgo(1), IndexedPost.Visibility.PUBLIC, 0, 0, 1, List.of()));
        assertThat(ids(PostQuery.of("pizza").withExcludeReplies(true))).containsExactly(1L);
    }

    @Test
    void pagesFollowEachOtherWithoutOverlapAndCountAllHits() {
        for (int i = 1; i <= 25; i++) index.indexPost(post(i, 10, "weather update " + i, hoursAgo(i)));
        index.refresh();
        SearchResult<PostHit> first = index.searchPosts(PostQuery.of("weather").withPage(0, 10));
        SearchResult<PostHit> second = index.searchPosts(PostQuery.of("weather").withPage(10, 10));
        SearchResult<PostHit> third = index.searchPosts(PostQuery.of("weather").withPage(20, 10));
        assertThat(first.totalHits()).isEqualTo(25);
        assertThat(first.hits()).hasSize(10);
        assertThat(third.hits()).hasSize(5);
        assertThat(first.hits().stream().map(PostHit::postId).toList())
                .doesNotContainAnyElementsOf(second.hits().stream().map(PostHit::postId).toList());
        assertThat(first.hits().getFirst().postId()).isEqualTo(1L);
        assertThat(third.hits().getLast().postId()).isEqualTo(25L);
    }

    @Test
    void newestOrderIsPureTimeOrder() {
        index.indexPost(post(1, 10, "storm storm storm", hoursAgo(5), 100));
        index.indexPost(post(2, 10, "a storm is coming to the coast this evening", hoursAgo(1)));
        index.indexPost(post(3, 10, "storm", hoursAgo(3)));
        assertThat(ids(PostQuery.of("storm").withOrder(PostQuery.Order.NEWEST))).containsExactly(2L, 3L, 1L);
        assertThat(ids(PostQuery.of("").withOrder(PostQuery.Order.NEWEST))).containsExactly(2L, 3L, 1L);
    }

    @Test
    void blankTextRanksByRecencyAndEngagement() {
        index.indexPost(post(1, 10, "one", hoursAgo(48)));
        index.indexPost(post(2, 10, "two", hoursAgo(1)));
        assertThat(ids(PostQuery.of(""))).containsExactly(2L, 1L);
    }

    @Test
    void deletedPostsDisappear() {
        index.indexPost(post(1, 10, "volcano", hoursAgo(1)));
        index.indexPost(post(2, 11, "volcano", hoursAgo(1)));
        index.deletePost(1);
        assertThat(ids(PostQuery.of("volcano"))).containsExactly(2L);
        index.deleteAccount(11, true);
        assertThat(ids(PostQuery.of("volcano"))).isEmpty();
    }

    @Test
    void newPostIsFoundWithinOneSecondWithoutExplicitRefresh() throws InterruptedException {
        index.indexPost(post(1, 10, "seed", hoursAgo(1)));
        index.refresh();
        long start = System.nanoTime();
        index.indexPost(post(2, 10, "xylophonist spotted downtown", NOW));
        boolean found = false;
        while (!found && System.nanoTime() - start < Duration.ofSeconds(1).toNanos()) {
            found = !index.searchPosts(PostQuery.of("xylophonist")).hits().isEmpty();
            if (!found) Thread.sleep(10);
        }
        assertThat(found).as("post searchable within 1 s").isTrue();
    }

    @Test
    void accountsMatchUsernameAndDisplayNamePrefixesExactUsernameFirst() {
        index.indexAccount(new IndexedAccount(1, "alice_w", "Alice Walker", 10));
        index.indexAccount(new IndexedAccount(2, "ali", "Ali Khan", 5));
        index.indexAccount(new IndexedAccount(3, "bob", "Alina Popular", 1000));
        index.indexAccount(new IndexedAccount(4, "carol", "Carol", 99999));
        index.indexAccount(new IndexedAccount(5, "alistair", "Al", 50));
        index.refresh();
        List<Long> found = index.searchAccounts("@Ali", 0, 10).hits().stream().map(AccountHit::accountId).toList();
        // exact username, then username prefixes by followers, then display-name matches
        assertThat(found).containsExactly(2L, 5L, 1L, 3L);
        assertThat(index.searchAccounts("walker", 0, 10).hits()).extracting(AccountHit::username).containsExactly("alice_w");
        assertThat(index.searchAccounts("alice w", 0, 10).hits()).extracting(AccountHit::accountId).containsExactly(1L);
        assertThat(index.searchAccounts("", 0, 10).hits()).isEmpty();
        index.deleteAccount(2, false);
        index.refresh();
        assertThat(index.searchAccounts("ali", 0, 10).hits()).extracting(AccountHit::accountId).doesNotContain(2L);
    }

    @Test
    void hashtagsByPrefixWithUseCountsMostUsedFirst() {
        index.indexPost(new IndexedPost(1, 10, "go", hoursAgo(1), IndexedPost.Visibility.PUBLIC, 0, 0, 0, List.of("#Launch", "space")));
        index.indexPost(new IndexedPost(2, 10, "go", hoursAgo(1), IndexedPost.Visibility.PUBLIC, 0, 0, 0, List.of("launch")));
        index.indexPost(new IndexedPost(3, 10, "go", hoursAgo(1), IndexedPost.Visibility.PUBLIC, 0, 0, 0, List.of("launchday")));
        index.indexPost(new IndexedPost(4, 10, "go", hoursAgo(1), IndexedPost.Visibility.PRIVATE, 0, 0, 0, List.of("launchday", "launchday2")));
        index.indexPost(new IndexedPost(5, 10, "go", hoursAgo(1), IndexedPost.Visibility.PUBLIC, 0, 0, 0, List.of("lunch")));
        index.refresh();
        assertThat(index.searchTags("#LAUN", 0, 10).hits())
                .containsExactly(new TagHit("launch", 2), new TagHit("launchday", 1));
        index.deletePost(2);
        index.refresh();
        assertThat(index.searchTags("launch", 0, 10).hits())
                .containsExactly(new TagHit("launch", 1), new TagHit("launchday", 1));
    }
}
