package dev.colossus.social.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colossus.social.importer.ImportedPost;
import dev.colossus.social.importer.JsonlPostReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {

    final SyntheticCorpus corpus = new SyntheticCorpus(1, 5000, Instant.parse("2026-05-08T00:00:00Z"), Duration.ofDays(7));

    @Test
    void postsAreReproducibleByIdAndOrderedInTime() {
        assertThat(corpus.post(123)).isEqualTo(new SyntheticCorpus(1, 5000, Instant.parse("2026-05-08T00:00:00Z"), Duration.ofDays(7)).post(123));
        for (long id = 2; id <= 5000; id++) {
            SyntheticCorpus.Post p = corpus.post(id);
            assertThat(p.createdAt()).isAfter(corpus.post(id - 1).createdAt());
            assertThat(p.replyTo()).isLessThan(id);
        }
    }

    @Test
    void jsonlOutputImportsWithoutASingleRejection() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        corpus.writeJsonl(out, n -> { });
        try (JsonlPostReader reader = new JsonlPostReader(new ByteArrayInputStream(out.toByteArray()), JsonlPostReader.Options.DEFAULT)) {
            List<ImportedPost> posts = reader.stream().toList();
            assertThat(reader.summary().rejections()).isEmpty();
            assertThat(posts).hasSize(5000);
            ImportedPost p = posts.get(41);
            SyntheticCorpus.Post expected = corpus.post(42);
            assertThat(p.sourceId()).isEqualTo("s42");
            assertThat(p.text()).isEqualTo(expected.text());
            assertThat(p.createdAt()).isEqualTo(expected.createdAt());
            assertThat(p.likes()).isEqualTo(expected.likes());
        }
    }

    @Test
    void wordFrequenciesHaveALongTailAndQueriesAreNonBlank() {
        long distinct = java.util.stream.LongStream.rangeClosed(1, 5000).mapToObj(corpus::post)
                .flatMap(p -> java.util.Arrays.stream(p.text().split("\\s+"))).distinct().count();
        assertThat(distinct).isGreaterThan(5000);
        Random rng = new Random(1);
        for (int i = 0; i < 100; i++) assertThat(corpus.query(rng)).isNotBlank();
    }
}
