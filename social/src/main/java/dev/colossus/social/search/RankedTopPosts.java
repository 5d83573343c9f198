package dev.colossus.social.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
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
 *
 * <p>{@link #search} visits the segments newest first (by their newest post), whatever order they were written in: a
 * rebuilt index writes the oldest posts first, and visited in that order every segment would be scored through before
 * the page held any recent post. Newest first, the page fills with recent posts at once and an older segment is skipped
 * as soon as even its newest post could not reach it.
 */
final class RankedTopPosts {

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

    /**
     * Runs {@code query} on {@code searcher}'s segments newest first on the calling thread (see the class comment).
     */
    Result search(IndexSearcher searcher, Query query) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.TOP_SCORES, 1);
        Ranked collector = new Ranked();
        collector.setWeight(weight);
        record Segment(LeafReaderContext ctx, long newest) {
        }
        List<Segment> segments = new ArrayList<>();
        for (LeafReaderContext ctx : searcher.getIndexReader().leaves()) segments.add(new Segment(ctx, newestPost(ctx)));
        segments.sort(Comparator.comparingLong(Segment::newest).reversed());
        for (Segment segment : segments) {
            LeafReaderContext ctx = segment.ctx();
            LeafCollector leaf;
            try {
                leaf = collector.getLeafCollector(ctx);
            } catch (CollectionTerminatedException e) {
                continue; // nothing in this segment can reach the page
            }
            BulkScorer scorer = weight.bulkScorer(ctx);
            if (scorer != null) {
                try {
                    scorer.score(leaf, ctx.reader().getLiveDocs(), 0, DocIdSetIterator.NO_MORE_DOCS);
                } catch (CollectionTerminatedException e) {
                    // the rest of this segment cannot reach the page
                }
            }
            leaf.finish();
        }
        return collector.result();
    }

    /** The creation time of the segment's newest post, from its points; {@link Long#MIN_VALUE} when it has no post. */
    private static long newestPost(LeafReaderContext ctx) throws IOException {
        PointValues points = ctx.reader().getPointValues(Fields.CREATED);
        return points == null ? Long.MIN_VALUE : LongPoint.decodeDimension(points.getMaxPackedValue(), 0);
    }

    /** The collector of one search. */
    private final class Ranked implements Collector {

        private final PriorityQueue<ScoreDoc> page = new PriorityQueue<>(n + 1, BEST_FIRST.reversed()); // worst on top
        private long matches;
        private Weight weight;

        @Override
        public void setWeight(Weight weight) {
            this.weight = weight;
        }

        Result result() {
            List<ScoreDoc> best = new ArrayList<>(page);
            best.sort(BEST_FIRST);
            return new Result(List.copyOf(best), matches);
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
            if (page.size() == n && matches > EXACT_COUNT
                    && maxText * ranking.recency(nowMillis - newestPost(ctx)) * maxEngagement * (1 + SLACK) < page.peek().score) {
                throw new CollectionTerminatedException(); // even the segment's newest post with its best text loses
            }
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
                    } else if (beats(score, ctx.docBase + doc, page.peek())) {
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

        /** Whether a match outranks the page's worst hit: a higher score, or an equal one and a lower doc id. */
        private static boolean beats(float score, int doc, ScoreDoc worst) {
            return score > worst.score || (score == worst.score && doc < worst.doc);
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
