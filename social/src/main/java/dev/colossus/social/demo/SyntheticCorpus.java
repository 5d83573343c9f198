package dev.colossus.social.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Large synthetic post collections for benchmarks and import tests: posts 1..count spread evenly over a time span,
 * each a demo sentence followed by words from a Zipf-distributed vocabulary of 30,000 invented words (so term
 * frequencies have a realistic long tail), by 10,000 authors of uneven activity, 30% replies, heavy-tailed likes.
 *
 * <p>Any post can be made on its own ({@link #post(long)}) from the seed and its id, so threads can generate in
 * parallel. Deterministic and thread safe.
 */
public final class SyntheticCorpus {

    /** Size of the invented vocabulary. */
    public static final int VOCABULARY = 30_000;
    private static final int AUTHORS = 10_000;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "to", "sha", "vi", "dor", "el", "qua", "zu",
            "bra", "nek", "ti", "os", "ma", "ly", "pe", "gar", "un", "fi", "sol", "ba", "ri"};

    /**
     * One synthetic post.
     *
     * @param id        1..count
     * @param author    username, {@code u<n>}
     * @param text      plain text
     * @param createdAt creation time; later ids are later
     * @param replyTo   id of an earlier post, or 0
     * @param likes     like count
     * @param tags      hashtags in the text
     */
    public record Post(long id, String author, String text, Instant createdAt, long replyTo, int likes, List<String> tags) {
    }

    private final long seed;
    private final long count;
    private final long startMs;
    private final double stepMs;
    private final String[] words = new String[VOCABULARY];
    private final double[] wordCdf = zipfCdf(VOCABULARY, 1.0);
    private final double[] authorCdf = zipfCdf(AUTHORS, 0.8);
    private final List<String> templates = new ArrayList<>();
    private final List<List<String>> templateTags = new ArrayList<>(); // slot values and invented words carry no tags

    /** {@code count} posts ending just before {@code end}, spread over {@code span}. */
    public SyntheticCorpus(long seed, long count, Instant end, Duration span) {
        if (count < 1) throw new IllegalArgumentException("count must be positive");
        this.seed = seed;
        this.count = count;
        this.startMs = end.minus(span).toEpochMilli();
        this.stepMs = span.toMillis() / (double) count;
        Random rng = new Random(seed);
        for (int i = 0; i < VOCABULARY; i++) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + rng.nextInt(3);
            for (int s = 0; s < syllables; s++) w.append(SYLLABLES[rng.nextInt(SYLLABLES.length)]);
            words[i] = w.append(i % 97).toString(); // the suffix keeps words distinct
        }
        DemoContent.TOPICS.forEach(t -> {
            templates.addAll(t.posts());
            templates.addAll(t.trendingPosts());
        });
        DemoContent.OTHER_LANGUAGE_POSTS.values().forEach(templates::addAll);
        templates.forEach(t -> templateTags.add(List.copyOf(DemoTexts.tags(t))));
    }

    public long count() {
        return count;
    }

    /** Post {@code id} (1..count). */
    public Post post(long id) {
        if (id < 1 || id > count) throw new IllegalArgumentException("id out of range: " + id);
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
        Random fill = new Random(r.nextLong());
        int template = r.nextInt(templates.size());
        StringBuilder text = new StringBuilder(DemoTexts.fill(templates.get(template), fill));
        int extra = 2 + r.nextInt(9);
        for (int i = 0; i < extra; i++) text.append(' ').append(words[sample(wordCdf, r.nextDouble())]);
        String author = "u" + sample(authorCdf, r.nextDouble());
        long replyTo = id > 1 && r.nextDouble() < 0.3 ? Math.max(1, id - 1 - r.nextInt(1000)) : 0;
        int likes = (int) Math.min(100_000, Math.floor(Math.exp(r.nextDouble() * r.nextDouble() * 9)) - 1);
        long at = startMs + (long) ((id - 1) * stepMs) + (long) (r.nextDouble() * stepMs);
        String t = text.toString();
        return new Post(id, author, t, Instant.ofEpochMilli(at), replyTo, likes, templateTags.get(template));
    }

    /** A realistic search: one to three words, mostly common topic words, sometimes rarer invented ones. */
    public String query(Random rng) {
        int n = 1 + rng.nextInt(3);
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) q.append(' ');
            if (rng.nextDouble() < 0.6) {
                String[] templateWords = DemoTexts.fill(templates.get(rng.nextInt(templates.size())), rng).split("[^\\p{L}]+");
                String w = "";
                for (int tries = 0; tries < 10 && w.length() < 4; tries++) w = templateWords[rng.nextInt(templateWords.length)];
                q.append(w.isEmpty() ? words[0] : w);
            } else {
                q.append(words[sample(wordCdf, rng.nextDouble())]);
            }
        }
        return q.toString();
    }

    /**
     * Writes posts 1..count in the import format, one JSON object a line ({@code id} {@code "s<id>"}, {@code reply_to}
     * likewise). {@code progress} gets the number written every 10,000 posts. Does not close {@code out}.
     */
    public void writeJsonl(OutputStream out, LongConsumer progress) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        StringBuilder line = new StringBuilder(512);
        for (long id = 1; id <= count; id++) {
            Post p = post(id);
            line.setLength(0);
            line.append("{\"id\":\"s").append(id).append("\",\"author\":\"").append(p.author()).append("\",\"text\":");
            quote(p.text(), line);
            line.append(",\"created_at\":\"").append(p.createdAt()).append('"');
            if (p.replyTo() > 0) line.append(",\"reply_to\":\"s").append(p.replyTo()).append('"');
            line.append(",\"likes\":").append(p.likes()).append("}\n");
            w.append(line);
            if (id % 10_000 == 0) progress.accept(id);
        }
        w.flush();
        progress.accept(count);
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    private static double[] zipfCdf(int n, double exponent) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, exponent);
        for (int i = 0; i < n; i++) cdf[i] /= sum;
        return cdf;
    }

    private static int sample(double[] cdf, double u) {
        int i = java.util.Arrays.binarySearch(cdf, u);
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }
}
