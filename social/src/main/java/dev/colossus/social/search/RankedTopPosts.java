package dev.colossus.social.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

/**
 * Collects the best {@code n} matches by {@link Ranking} (the text score × recency × engagement, read from doc values
 * as each match is collected) in one pass, giving exactly the page that scoring every match would give (equal scores
 * go to the lower doc id).
 *
 * <p>The first {@link #EXACT_COUNT} matches are all scored and counted; after that, once the page is full, it prunes.
 * The index is sorted newest first, so every later document of a segment is at most as recent as the one just
 * collected, and its score is at most its text score × that recency × the engagement factor of the most engaged post.
 * Hence the text scorer is told the lowest text score that could still reach the page (it then skips whole blocks of
 * postings by their impacts), and a segment ends as soon as even its best text score could not.
 */
final class RankedTopPosts implements CollectorManager<RankedTopPosts.Ranked, RankedTopPosts.Result> {

    /** Matches counted exactly before pruning starts, as Lucene's own top-score collector does. */
    static final int EXACT_COUNT = 1000;
    // Covers the rounding of float scores against the double bounds.
    private static final double SLACK = 1e-6;
    private static final Comparator<ScoreDoc> BEST_FIRST =
            Comparator.comparingDouble((ScoreDoc d) -> d.score).reversed().thenComparingInt(d -> d.doc);

    /**
     * The page and how many matches were collected.
     *
     * @param best    at most {@code n} hits, best first; doc ids are the searcher's
     * @param matches the exact match count when below {@link #EXACT_COUNT}, otherwise a lower bound
     */
    record Result(List<ScoreDoc> best, long matches) {
    }

    private final Ranking ranking;
    private final long nowMillis;
    private final int n;
    private final double maxEngagement;

    /**
     * @param maxEngagement an upper bound of {@link Ranking#engagement} over every post in the index
     */
    RankedTopPosts(Ranking ranking, long nowMillis, int n, double maxEngagement) {
        if (n < 1) throw new IllegalArgumentException("n must be positive");
        this.ranking = ranking;
        this.nowMillis = nowMillis;
        this.n = n;
        this.maxEngagement = maxEngagement;
    }

    @Override
    public Ranked newCollector() {
        return new Ranked();
    }

    @Override
    public Result reduce(Collection<Ranked> collectors) {
        List<ScoreDoc> all = new ArrayList<>();
        long matches = 0;
        for (Ranked c : collectors) {
            all.addAll(c.page);
            matches += c.matches;
        }
        all.sort(BEST_FIRST);
        return new Result(List.copyOf(all.subList(0, Math.min(n, all.size()))), matches);
    }

    /** One searching thread's collector. */
    final class Ranked implements Collector {

        private final PriorityQueue<ScoreDoc> page = new PriorityQueue<>(n + 1, BEST_FIRST.reversed()); // worst on top
        private long matches;
        private Weight weight;

        @Override
        public void setWeight(Weight weight) {
            this.weight = weight;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.TOP_SCORES;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext ctx) throws IOException {
            LeafReader reader = ctx.reader();
            double maxText = maxTextScore(ctx);
            // A segment written without the index sort gives no recency bound: every later post may be new.
            boolean newestFirst = SearchIndex.NEWEST_FIRST.equals(reader.getMetaData().sort());
            NumericDocValues created = DocValues.getNumeric(reader, Fields.CREATED);
            NumericDocValues likes = DocValues.getNumeric(reader, Fields.LIKES);
            NumericDocValues reposts = DocValues.getNumeric(reader, Fields.REPOSTS);
            return new LeafCollector() {
                private Scorable scorer;
                private float textFloor;

                @Override
                public void setScorer(Scorable scorer) {
                    this.scorer = scorer;
                }

                @Override
                public void collect(int doc) throws IOException {
                    matches++;
                    long createdAt = created.advanceExact(doc) ? created.longValue() : nowMillis;
                    long l = likes.advanceExact(doc) ? likes.longValue() : 0;
                    long r = reposts.advanceExact(doc) ? reposts.longValue() : 0;
                    float score = (float) (scorer.score() * ranking.boost(nowMillis - createdAt, l, r));
                    if (page.size() < n) {
                        page.add(new ScoreDoc(ctx.docBase + doc, score));
                    } else if (score > page.peek().score) { // a later doc loses a tie
                        page.poll();
                        page.add(new ScoreDoc(ctx.docBase + doc, score));
                    }
                    if (page.size() == n && matches > EXACT_COUNT) prune(createdAt);
                }

                private void prune(long createdAt) throws IOException {
                    double factor = (newestFirst ? ranking.recency(nowMillis - createdAt) : 1) * maxEngagement * (1 + SLACK);
                    float worst = page.peek().score;
                    if (maxText * factor < worst) throw new CollectionTerminatedException();
                    float floor = Math.nextDown((float) (worst / factor));
                    if (floor > textFloor) { // the factor only falls and the worst score only rises: floors only rise
                        textFloor = floor;
                        scorer.setMinCompetitiveScore(floor);
                    }
                }
            };
        }

        /** The segment's highest possible text score, from the postings' impacts (infinite when unknown). */
        private double maxTextScore(LeafReaderContext ctx) throws IOException {
            ScorerSupplier supplier = weight == null ? null : weight.scorerSupplier(ctx);
            if (supplier == null) return weight == null ? Double.POSITIVE_INFINITY : 0;
            Scorer scorer = supplier.get(Long.MAX_VALUE);
            scorer.advanceShallow(0);
            return scorer.getMaxScore(DocIdSetIterator.NO_MORE_DOCS);
        }
    }
}
