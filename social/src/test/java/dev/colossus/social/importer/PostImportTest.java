package dev.colossus.social.importer;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colossus.social.PostQuery;
import dev.colossus.social.Storage;
import dev.colossus.social.search.IndexSource;
import dev.colossus.social.search.PostHit;
import dev.colossus.social.search.SearchIndex;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.StoreIndexSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostImportTest {

    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path dir;

    private Path searchDir() {
        return dir.resolve("search");
    }

    private static PostImport.Prepared post(String id, String text, String replyTo) {
        return PostImport.prepare(new ImportedPost(1, id, "u" + (id.hashCode() & 7), text,
                T0.plusSeconds(Math.abs(id.hashCode() % 100_000)), replyTo, id.length()));
    }

    private void load(boolean indexWhileLoading, List<PostImport.Prepared> posts, boolean complete) throws IOException {
        try (PostImport postImport = PostImport.open(Storage.sqlite(dir), searchDir(), indexWhileLoading)) {
            postImport.load(posts.iterator(), n -> { });
            if (complete) postImport.rebuildIndex((done, total) -> { });
        }
    }

    /**
     * Post ids found for each query in the index in {@code index} as it opens over the store (as sets: equal scores
     * are ordered by the index's document order, which differs between two indexes of the same posts).
     */
    private List<Set<Long>> search(Path index, Database db, List<PostQuery> queries, boolean expectRebuild)
            throws IOException {
        try (SearchIndex opened = SearchIndex.open(index, new StoreIndexSource(db), SearchIndex.Options.DEFAULT,
                IndexSource.Progress.NONE)) {
            assertThat(opened.openReport().rebuilt()).as("rebuilt at opening").isEqualTo(expectRebuild);
            List<Set<Long>> found = new ArrayList<>();
            for (PostQuery q : queries) found.add(opened.searchPosts(q).hits().stream().map(PostHit::postId).collect(toSet()));
            return found;
        }
    }

    @Test
    void anIndexBuiltWhileLoadingFindsWhatARebuildFromTheStoreFinds() throws IOException {
        // An earlier import leaves a reply waiting for its parent, which the second import brings.
        load(false, List.of(post("early", "regatta results from the harbour", null),
                post("waits", "regatta reply to a parent not yet here", "later")), true);
        List<PostImport.Prepared> second = new ArrayList<>();
        second.add(post("r1", "regatta reply to an earlier post", "early"));
        second.add(post("r2", "regatta reply before its parent", "p2"));
        second.add(post("p2", "regatta parent after its reply", null));
        second.add(post("later", "regatta the parent the first import waited for", null));
        second.add(post("orphan", "regatta reply whose parent never comes", "missing"));
        second.add(post("tagged", "regatta with a #Tag and @u1", null));
        for (int i = 0; i < 30; i++) second.add(post("more" + i, "regatta number " + i, i % 3 == 0 ? "early" : null));
        load(true, second, true);

        List<PostQuery> queries = List.of(PostQuery.of("regatta").withPage(0, 40),
                PostQuery.of("regatta").withExcludeReplies(true).withPage(0, 40), PostQuery.of("#tag"),
                PostQuery.of("parent"));
        try (Database db = Database.sqlite(dir)) {
            List<Set<Long>> built = search(searchDir(), db, queries, false);
            List<Set<Long>> rebuilt = search(dir.resolve("rebuilt"), db, queries, true);
            assertThat(built).isEqualTo(rebuilt);
            assertThat(built.get(0)).hasSize(38);
            // early, p2, later, tagged, the 20 "more" that are no replies, and the orphan, whose parent is not stored
            assertThat(built.get(1)).hasSize(25);
            assertThat(built.get(2)).hasSize(1);
        }
    }

    @Test
    void anImportClosedBeforeTheIndexIsCompletedLeavesItToBeRebuilt() throws IOException {
        load(true, List.of(post("a", "lighthouse keeper", null), post("b", "lighthouse at dusk", "a")), false);
        assertThat(Files.exists(searchDir())).isTrue();
        try (Database db = Database.sqlite(dir)) {
            assertThat(search(searchDir(), db, List.of(PostQuery.of("lighthouse")), true).getFirst()).hasSize(2);
        }
    }
}
