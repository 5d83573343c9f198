package dev.colossus.social.search;

import static dev.colossus.social.search.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colossus.social.PostQuery;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.store.LockObtainFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexRebuildTest {

    @TempDir
    Path data;
    Path dir;
    ListSource source = new ListSource();

    @BeforeEach
    void fill() {
        dir = data.resolve("index");
        Instant t = Instant.parse("2026-05-01T00:00:00Z");
        for (int i = 1; i <= 300; i++) {
            source.posts.add(post(i, 1 + i % 7, "post number " + i + (i % 3 == 0 ? " about jazz" : " about rain"), t.plusSeconds(i)));
        }
        source.accounts.add(new IndexedAccount(1, "jazzfan", "Jazz Fan", 3));
    }

    private SearchIndex open() throws IOException {
        return SearchIndex.open(dir, source, SearchIndex.Options.DEFAULT, IndexSource.Progress.NONE);
    }

    private static long jazzHits(SearchIndex index) {
        return index.searchPosts(PostQuery.of("jazz")).totalHits();
    }

    @Test
    void missingDirectoryIsBuiltFromTheSourceWithProgress() throws IOException {
        List<long[]> progress = new ArrayList<>();
        try (SearchIndex index = SearchIndex.open(dir, source, SearchIndex.Options.DEFAULT, (d, t) -> progress.add(new long[]{d, t}))) {
            assertThat(index.openReport().rebuilt()).isTrue();
            assertThat(index.openReport().postsFed()).isEqualTo(300);
            assertThat(index.postCount()).isEqualTo(300);
            assertThat(jazzHits(index)).isEqualTo(100);
            assertThat(index.searchAccounts("jazz", 0, 5).hits()).extracting(AccountHit::username).containsExactly("jazzfan");
        }
        assertThat(progress).isNotEmpty();
        assertThat(progress.getLast()).containsExactly(300, 300);
    }

    @Test
    void soundIndexIsReusedAndOnlyCatchesUpOnNewPosts() throws IOException {
        try (SearchIndex index = open()) {
            index.indexPost(post(301, 1, "late jazz", Instant.parse("2026-05-02T00:00:00Z")));
        }
        source.posts.add(post(301, 1, "late jazz", Instant.parse("2026-05-02T00:00:00Z")));
        source.posts.add(post(302, 1, "later jazz", Instant.parse("2026-05-02T00:00:01Z")));
        try (SearchIndex index = open()) {
            assertThat(index.openReport().rebuilt()).isFalse();
            assertThat(source.lastAfterPost).isEqualTo(301);
            assertThat(index.openReport().postsFed()).isEqualTo(1);
            assertThat(index.postCount()).isEqualTo(302);
            assertThat(jazzHits(index)).isEqualTo(102);
        }
    }

    @Test
    void flippedBytesInASegmentFileTriggerARebuild() throws IOException {
        try (SearchIndex ignored = open()) {
            // built
        }
        Path victim = largestIndexFile();
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            long pos = f.length() / 2;
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0xFF);
        }
        assertRebuiltWithEverything("damaged");
    }

    @Test
    void truncatedSegmentFileTriggersARebuild() throws IOException {
        try (SearchIndex ignored = open()) {
            // built
        }
        Path victim = largestIndexFile();
        try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }
        assertRebuiltWithEverything("damaged");
    }

    @Test
    void missingSegmentsFileTriggersARebuild() throws IOException {
        try (SearchIndex ignored = open()) {
            // built
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("segments")).toList()) Files.delete(p);
        }
        assertRebuiltWithEverything("no segments file");
    }

    @Test
    void deletedDataFileTriggersARebuild() throws IOException {
        try (SearchIndex ignored = open()) {
            // built
        }
        Files.delete(largestIndexFile());
        assertRebuiltWithEverything("damaged");
    }

    @Test
    void anIndexHeldByAnotherWriterIsNotWiped() throws IOException {
        try (SearchIndex first = open()) {
            assertThatThrownBy(this::open).isInstanceOf(LockObtainFailedException.class);
            assertThat(jazzHits(first)).isEqualTo(100);
        }
    }

    private void assertRebuiltWithEverything(String reason) throws IOException {
        try (SearchIndex index = open()) {
            assertThat(index.openReport().rebuilt()).isTrue();
            assertThat(index.openReport().reason()).contains(reason);
            assertThat(index.postCount()).isEqualTo(300);
            assertThat(jazzHits(index)).isEqualTo(100);
        }
        try (SearchIndex again = open()) {
            assertThat(again.openReport().rebuilt()).as("the rebuilt index is sound").isFalse();
        }
    }

    private Path largestIndexFile() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().equals("write.lock"))
                    .max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }
}
