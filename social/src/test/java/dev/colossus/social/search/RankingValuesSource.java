package dev.colossus.social.search;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * Multiplies the text score by {@link Ranking#boost}, reading creation time and counts from doc values: with
 * {@code FunctionScoreQuery}, the reference ranking that scores every match, which the index's pruned search must equal.
 */
final class RankingValuesSource extends DoubleValuesSource {

    private final Ranking ranking;
    private final long nowMillis;

    RankingValuesSource(Ranking ranking, long nowMillis) {
        this.ranking = ranking;
        this.nowMillis = nowMillis;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        NumericDocValues created = DocValues.getNumeric(ctx.reader(), Fields.CREATED);
        NumericDocValues likes = DocValues.getNumeric(ctx.reader(), Fields.LIKES);
        NumericDocValues reposts = DocValues.getNumeric(ctx.reader(), Fields.REPOSTS);
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                long createdAt = created.advanceExact(doc) ? created.longValue() : nowMillis;
                long l = likes.advanceExact(doc) ? likes.longValue() : 0;
                long r = reposts.advanceExact(doc) ? reposts.longValue() : 0;
                double text = scores.advanceExact(doc) ? scores.doubleValue() : 0;
                value = text * ranking.boost(nowMillis - createdAt, l, r);
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return true;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher reader) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return false; // like and repost counts change in place
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RankingValuesSource other && other.nowMillis == nowMillis && other.ranking.equals(ranking);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ranking, nowMillis);
    }

    @Override
    public String toString() {
        return "ranking(" + ranking + ", now=" + nowMillis + ")";
    }
}
