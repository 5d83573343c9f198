package dev.colossus.social.search;

import static dev.colossus.social.search.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colossus.social.PostQuery;
import dev.colossus.social.SearchHealth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index on a filesystem that fills up: it says so, keeps answering, and loses nothing once space is back. */
class SearchIndexDiskFullTest {

    private static final Instant T = Instant.parse("2026-05-01T00:00:00Z");
    private static final SearchIndex.Options FAST_RETRY =
            SearchIndex.Options.DEFAULT.withRetryInterval(Duration.ofMillis(200));

    @TempDir
    Path data;
    final ListSource source = new ListSource();

    private IndexedPost add(long id, String text) {
        IndexedPost p = post(id, 1, text, T.plusSeconds(id));
        source.posts.add(p);
        return p;
    }

    private static long hits(SearchIndex index, String word) {
        return index.searchPosts(PostQuery.of(word)).totalHits();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void aFullDiskMarksTheIndexNotWritableAndEveryPostIsSearchableOnceSpaceIsBack() throws Exception {
        Path dir = data.resolve("search");
        try (SmallFilesystem fs = SmallFilesystem.mount(dir, 4)) {
            try {
                for (int i = 1; i <= 50; i++) add(i, "post " + i + " about rain");
                try (SearchIndex index = SearchIndex.open(dir, source, FAST_RETRY, IndexSource.Progress.NONE)) {
                    assertThat(index.health().writable()).isTrue();
                    fs.fill();

                    index.indexPost(add(51, "first post about snowfall"));
                    index.refresh(); // writing the new segment hits the full disk
                    await("the index reports the failure", () -> !index.health().writable());
                    index.indexPost(add(52, "second post about snowfall"));
                    index.indexPost(add(53, "third post about snowfall"));

                    SearchHealth down = index.health();
                    assertThat(down.reason()).containsIgnoringCase("no space left");
                    assertThat(down.failingSince()).isNotNull();
                    assertThat(down.unindexedPosts()).isGreaterThanOrEqualTo(2);
                    assertThat(down.markPostId()).as("the mark must not pass the failed post 51").isLessThan(51);
                    assertThat(down.newestPostId()).isEqualTo(53);
                    assertThat(hits(index, "rain")).as("searches answer from the last good view").isEqualTo(50);

                    fs.free();
                    await("the writer is reopened", () -> index.health().writable() && index.health().unindexedPosts() == 0);
                    index.refresh();
                    assertThat(hits(index, "snowfall")).isEqualTo(3);
                    assertThat(hits(index, "rain")).isEqualTo(50);
                    SearchHealth up = index.health();
                    assertThat(up.reason()).isEmpty();
                    assertThat(up.failingSince()).isNull();
                    assertThat(up.markPostId()).isEqualTo(53);
                    index.indexPost(add(54, "a post about snowfall after the disk was freed"));
                    index.refresh();
                    assertThat(hits(index, "snowfall")).isEqualTo(4);
                }
                try (SearchIndex reopened = SearchIndex.open(dir, source, FAST_RETRY, IndexSource.Progress.NONE)) {
                    assertThat(reopened.openReport().rebuilt()).isFalse();
                    assertThat(reopened.openReport().postsFed()).as("the last commit holds every post").isZero();
                    assertThat(hits(reopened, "snowfall")).isEqualTo(4);
                }
            } finally {
                fs.free();
            }
        }
    }

    @Test
    void aPostLostToAFullDiskIsFedAgainOnTheNextOpenEvenBehindLaterPosts() throws Exception {
        Path dir = data.resolve("search");
        try (SmallFilesystem fs = SmallFilesystem.mount(dir, 4)) {
            try {
                for (int i = 1; i <= 50; i++) add(i, "post " + i + " about rain");
                try (SearchIndex index = SearchIndex.open(dir, source,
                        SearchIndex.Options.DEFAULT.withRetryInterval(Duration.ofHours(1)), IndexSource.Progress.NONE)) {
                    fs.fill();
                    index.indexPost(add(51, "a post about hail"));
                    index.refresh();
                    await("the index reports the failure", () -> !index.health().writable());
                    fs.free();
                    index.indexPost(add(52, "a later post about hail"));
                    assertThat(index.health().markPostId()).isLessThan(51);
                } // closed while the writer is still down (its reopening waits an hour)
                try (SearchIndex reopened = SearchIndex.open(dir, source, FAST_RETRY, IndexSource.Progress.NONE)) {
                    assertThat(reopened.openReport().rebuilt()).isFalse();
                    assertThat(hits(reopened, "hail")).isEqualTo(2);
                    assertThat(reopened.health().markPostId()).isEqualTo(52);
                }
            } finally {
                fs.free();
            }
        }
    }

    @Test
    void anIndexFoundDamagedWhenTheWriterIsReopenedIsRebuiltFromTheSource() throws Exception {
        Path dir = data.resolve("search");
        try (SmallFilesystem fs = SmallFilesystem.mount(dir, 4)) {
            try {
                for (int i = 1; i <= 50; i++) add(i, "post " + i + " about rain");
                try (SearchIndex index = SearchIndex.open(dir, source, FAST_RETRY, IndexSource.Progress.NONE)) {
                    fs.fill();
                    index.indexPost(add(51, "a post about hail"));
                    index.refresh();
                    await("the index reports the failure", () -> !index.health().writable());
                    damageEverySegment(dir);
                    fs.free();
                    await("the writer is reopened", () -> index.health().writable() && index.health().unindexedPosts() == 0);
                    index.refresh();
                    assertThat(hits(index, "rain")).isEqualTo(50);
                    assertThat(hits(index, "hail")).isEqualTo(1);
                }
                try (SearchIndex reopened = SearchIndex.open(dir, source, FAST_RETRY, IndexSource.Progress.NONE)) {
                    assertThat(reopened.openReport().rebuilt()).as("the rebuilt index is sound").isFalse();
                    assertThat(hits(reopened, "hail")).isEqualTo(1);
                }
            } finally {
                fs.free();
            }
        }
    }

    /** Overwrites the checksum at the end of every segment file in place (no new space needed on a full disk). */
    private static void damageEverySegment(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("_.*\\.(cfs|si|fdt|tim|doc)")).toList()) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                    if (ch.size() >= 8) ch.write(ByteBuffer.wrap(new byte[]{1, 2, 3, 4, 5, 6, 7, 8}), ch.size() - 8);
                }
            }
        }
    }
}
