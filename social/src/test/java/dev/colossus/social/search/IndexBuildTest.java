package dev.colossus.social.search;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colossus.social.PostQuery;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBuildTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final int CHUNK = 128;

    @TempDir
    Path data;

    /** 1,000 posts oldest first, as an import brings them; every tenth private, every seventh unlisted. */
    private static List<IndexedPost> posts() {
        List<IndexedPost> posts = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            IndexedPost.Visibility v = i % 10 == 0 ? IndexedPost.Visibility.PRIVATE
                    : i % 7 == 0 ? IndexedPost.Visibility.UNLISTED : IndexedPost.Visibility.PUBLIC;
            posts.add(new IndexedPost(i, 1 + i % 5, "ferry crossing number " + i + (i % 3 == 0 ? " in fog #Harbour" : "")
                    + (i % 9 == 0 ? " by lantern light" : ""),
                    T0.plusSeconds(i * 60L), v, i % 11, 0, i % 4 == 0 ? i - 1 : 0, i % 3 == 0 ? List.of("Harbour") : List.of()));
        }
        return posts;
    }

    private static List<Set<Long>> search(Path dir, IndexSource source, boolean expectRebuild) throws IOException {
        try (SearchIndex index = SearchIndex.open(dir, source, SearchIndex.Options.DEFAULT, IndexSource.Progress.NONE)) {
            assertThat(index.openReport().rebuilt()).as("rebuilt at opening").isEqualTo(expectRebuild);
            List<Set<Long>> found = new ArrayList<>();
            // Each relevance query matches fewer posts than a page holds: equal scores are ordered by the index's
            // document order, which differs between two indexes of the same posts.
            for (PostQuery q : List.of(PostQuery.of("lantern").withPage(0, 200),
                    PostQuery.of("\"crossing number 12\"").withPage(0, 200),
                    PostQuery.of("#harbour").withOrder(PostQuery.Order.NEWEST).withPage(0, 200),
                    PostQuery.of("ferry").withExcludeReplies(true).withMinLikes(10).withPage(0, 200),
                    PostQuery.of("crossing").withTimeWindow(T0.plusSeconds(30_000), T0.plusSeconds(40_000)).withPage(0, 200))) {
                found.add(index.searchPosts(q).hits().stream().map(PostHit::postId).collect(toSet()));
            }
            found.add(index.searchAccounts("ferry", 0, 10).hits().stream().map(AccountHit::accountId).collect(toSet()));
            found.add(Set.of(index.postCount()));
            return found;
        }
    }

    @Test
    void anIndexBuiltInSortedChunksFindsWhatARebuildFromTheSourceFinds() throws IOException {
        List<IndexedPost> posts = posts();
        // At the end two posts changed: one became a reply, one private.
        IndexedPost threaded = posts.get(20); // 10 likes, not a reply
        threaded = new IndexedPost(threaded.id(), threaded.authorId(), threaded.text(), threaded.createdAt(),
                threaded.visibility(), threaded.likes(), 0, 3, threaded.tags());
        IndexedPost hidden = posts.get(50);
        hidden = new IndexedPost(hidden.id(), hidden.authorId(), hidden.text(), hidden.createdAt(),
                IndexedPost.Visibility.DIRECT, hidden.likes(), 0, 0, hidden.tags());
        ListSource source = new ListSource();
        source.posts.addAll(posts);
        source.posts.set(20, threaded);
        source.posts.set(50, hidden);
        source.accounts.add(new IndexedAccount(1, "ferryman", "Ferry Man", 3));

        Path built = data.resolve("built");
        try (IndexBuild build = IndexBuild.start(built, CHUNK)) {
            for (int i = 0; i < posts.size(); i += 100) build.add(posts.subList(i, i + 100).stream());
            build.finish(List.of(threaded, hidden), source);
        }

        List<Set<Long>> found = search(built, source, false);
        assertThat(found).isEqualTo(search(data.resolve("rebuilt"), source, true));
        assertThat(found.get(0)).hasSize(111 - 11); // every ninth post less the private ones (every 90th)
        assertThat(found.get(1)).containsExactly(12L); // not 121 to 129
        assertThat(found.get(2)).hasSize(200).doesNotContain(hidden.id());
        assertThat(found.get(3)).isNotEmpty().doesNotContain(threaded.id());
        assertThat(found.get(5)).containsExactly(1L);
        assertThat(found.get(6)).containsExactly(899L); // 1,000 less 100 private posts less the one made direct
    }

    @Test
    void eachChunkIsOneSegmentNewestFirstCoveringItsOwnStretchOfTime() throws IOException {
        Path built = data.resolve("built");
        List<IndexedPost> posts = posts();
        try (IndexBuild build = IndexBuild.start(built, CHUNK)) {
            build.add(posts.stream());
            build.finish(List.of(), new ListSource());
        }
        List<long[]> spans = new ArrayList<>(); // per segment: oldest, newest
        Set<Long> times = new HashSet<>();
        try (Directory dir = FSDirectory.open(built); DirectoryReader reader = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                assertThat(leaf.reader().getMetaData().sort()).isEqualTo(SearchIndex.NEWEST_FIRST);
                NumericDocValues created = leaf.reader().getNumericDocValues(Fields.CREATED);
                long previous = Long.MAX_VALUE;
                long count = 0;
                while (created.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                    assertThat(created.longValue()).isLessThanOrEqualTo(previous);
                    previous = created.longValue();
                    times.add(previous);
                    count++;
                }
                assertThat(count).isLessThanOrEqualTo(CHUNK);
                spans.add(new long[]{previous, leaf.reader().maxDoc() == 0 ? previous : firstValue(leaf)});
            }
        }
        long searchable = posts.stream().filter(p -> p.visibility().isSearchable()).count();
        assertThat(times).hasSize((int) searchable);
        assertThat(spans).hasSizeGreaterThanOrEqualTo((int) (searchable / CHUNK));
        spans.sort((a, b) -> Long.compare(a[0], b[0]));
        for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0]).as("segments overlap in time").isGreaterThan(spans.get(i - 1)[1]);
        }
    }

    private static long firstValue(LeafReaderContext leaf) throws IOException {
        NumericDocValues created = leaf.reader().getNumericDocValues(Fields.CREATED);
        created.nextDoc();
        return created.longValue();
    }
}
