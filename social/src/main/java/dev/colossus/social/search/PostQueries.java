package dev.colossus.social.search;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Translates a {@link PostQuery} into a Lucene query. */
final class PostQueries {

    private final Analyzer analyzer;

    PostQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The text part combined with all filters; relevance-ranked queries get the {@link Ranking} blend. */
    Query build(PostQuery q, Ranking ranking, long nowMillis) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(new TermQuery(new Term(Fields.KIND, Fields.KIND_POST)), Occur.FILTER);
        Query text = textQuery(q);
        if (text instanceof MatchNoDocsQuery) return text;
        b.add(text, Occur.MUST); // a blank text scores 1 everywhere: then recency and engagement alone rank
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
            long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli() - 1;
            b.add(LongPoint.newRangeQuery(Fields.CREATED, from, to), Occur.FILTER);
        }
        if (!q.includeAuthors().isEmpty()) b.add(authors(q.includeAuthors()), Occur.FILTER);
        if (!q.excludeAuthors().isEmpty()) b.add(authors(q.excludeAuthors()), Occur.MUST_NOT);
        if (q.minLikes() > 0) {
            b.add(NumericDocValuesField.newSlowRangeQuery(Fields.LIKES, q.minLikes(), Long.MAX_VALUE), Occur.FILTER);
        }
        b.add(new TermInSetQuery(Fields.VISIBILITY,
                q.visibilities().stream().map(v -> new BytesRef(v.name())).toList()), Occur.FILTER);
        if (q.excludeReplies()) b.add(new TermQuery(new Term(Fields.REPLY, "n")), Occur.FILTER);
        Query combined = b.build();
        if (q.order() == PostQuery.Order.NEWEST) return combined;
        return new FunctionScoreQuery(combined, new RankingValuesSource(ranking, nowMillis));
    }

    private Query textQuery(PostQuery q) {
        if (q.text().isBlank()) return new MatchAllDocsQuery();
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, Fields.TEXT);
        parser.setDefaultOperator(q.match() == PostQuery.Match.ALL ? Occur.MUST : Occur.SHOULD);
        Query parsed = parser.parse(q.text());
        // Text that analyzes to nothing (only punctuation) finds nothing rather than everything.
        return parsed == null ? new MatchNoDocsQuery() : parsed;
    }

    private static Query authors(Set<Long> ids) {
        return LongPoint.newSetQuery(Fields.AUTHOR, ids.stream().mapToLong(Long::longValue).toArray());
    }
}
