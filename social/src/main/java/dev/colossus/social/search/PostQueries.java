package dev.colossus.social.search;

import dev.colossus.social.PostQuery;

import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Translates a {@link PostQuery} into a Lucene query. */
final class PostQueries {

    private final Analyzer analyzer;

    PostQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * The text part combined with all filters; its score is the text's BM25 (blended with {@link Ranking} by the
     * caller for relevance order).
     */
    Query build(PostQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        Query text = text(q);
        if (text instanceof MatchNoDocsQuery) return text;
        // Accounts have no text field, so only a blank text needs telling posts apart.
        if (text instanceof MatchAllDocsQuery) b.add(new TermQuery(new Term(Fields.KIND, Fields.KIND_POST)), Occur.FILTER);
        b.add(text, Occur.MUST); // a blank text scores 1 everywhere: then recency and engagement alone rank
        long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
        long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli() - 1;
        if (from > to) return new MatchNoDocsQuery();
        if (from != Long.MIN_VALUE || to != Long.MAX_VALUE) {
            // The index is sorted newest first, so a time range is a contiguous run of documents in each segment;
            // the fallback (points or doc values, whichever is cheaper) serves segments that are not sorted.
            Query fallback = new IndexOrDocValuesQuery(LongPoint.newRangeQuery(Fields.CREATED, from, to),
                    NumericDocValuesField.newSlowRangeQuery(Fields.CREATED, from, to));
            b.add(new IndexSortSortedNumericDocValuesRangeQuery(Fields.CREATED, from, to, fallback), Occur.FILTER);
        }
        if (!q.includeAuthors().isEmpty()) b.add(authors(q.includeAuthors()), Occur.FILTER);
        if (!q.excludeAuthors().isEmpty()) b.add(authors(q.excludeAuthors()), Occur.MUST_NOT);
        if (q.minLikes() > 0) {
            b.add(NumericDocValuesField.newSlowRangeQuery(Fields.LIKES, q.minLikes(), Long.MAX_VALUE), Occur.FILTER);
        }
        // Only public and unlisted posts are indexed: a filter is needed only to narrow down to one of them.
        List<IndexedPost.Visibility> wanted = q.visibilities().stream().map(v -> IndexedPost.Visibility.valueOf(v.name()))
                .filter(IndexedPost.Visibility::isSearchable).toList();
        if (wanted.isEmpty()) return new MatchNoDocsQuery();
        if (wanted.size() == 1) b.add(new TermQuery(new Term(Fields.VISIBILITY, wanted.getFirst().name())), Occur.FILTER);
        if (q.excludeReplies()) b.add(new TermQuery(new Term(Fields.REPLY, "n")), Occur.FILTER);
        return b.build();
    }

    /** The text part alone: what BM25 scores. */
    Query text(PostQuery q) {
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
