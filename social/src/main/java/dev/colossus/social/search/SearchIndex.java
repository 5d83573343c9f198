package dev.colossus.social.search;

import dev.colossus.social.PostQuery;
import dev.colossus.social.TagHit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * The near-real-time Lucene index of posts, accounts and hashtags under one directory.
 *
 * <p><b>Lifecycle.</b> {@link #open} checks the directory; when it is missing, empty, damaged (a checksum mismatch,
 * a missing segments file, a truncated file) or of another schema, it wipes it and rebuilds it from the
 * {@link IndexSource}, reporting progress. A sound index instead catches up: posts and accounts with ids above the
 * highest ones in its last commit are fed again from the source. {@link #close} commits and stops the background
 * threads.
 *
 * <p><b>Freshness.</b> A background thread reopens the searcher every {@link Options#refreshInterval()} (250 ms by
 * default), so a post passed to {@link #indexPost} is searchable well within a second. Another thread commits every
 * {@link Options#commitInterval()}; changes since the last commit that are not posts or accounts with new ids (like
 * counts, deletes) can be lost in a crash, so the store stays the source of truth and callers skip hit ids it no
 * longer has.
 *
 * <p><b>Threads and errors.</b> Every method is thread safe. Index I/O failures surface as
 * {@link UncheckedIOException}; using a closed index throws {@link org.apache.lucene.store.AlreadyClosedException}.
 */
public final class SearchIndex implements AutoCloseable {

    private static final String MAX_POST_KEY = "colossus.maxPostId";
    private static final String MAX_ACCOUNT_KEY = "colossus.maxAccountId";
    private static final int TAG_SCAN_LIMIT = 20_000;
    private static final int PROGRESS_EVERY = 10_000;
    /** The index's order: newest posts first, so time bands are runs of documents and newest-first sorts stop early. */
    static final Sort NEWEST_FIRST = new Sort(new SortField(Fields.CREATED, SortField.Type.LONG, true));

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final ScheduledExecutorService committer;
    private final Analyzer analyzer = new TextAnalyzer();
    private final PostQueries postQueries = new PostQueries(analyzer);
    private final Options options;
    private final AtomicLong maxPostId = new AtomicLong();
    private final AtomicLong maxAccountId = new AtomicLong();
    // Only ever grow: bounds for pruning, not exact maxima.
    private final AtomicLong maxLikes = new AtomicLong();
    private final AtomicLong maxReposts = new AtomicLong();
    private final OpenReport openReport;
    private final Object commitLock = new Object();

    /**
     * Settings; {@link #DEFAULT} suits a server.
     *
     * @param ranking         the relevance blend
     * @param clock           "now" for the recency part of ranking
     * @param refreshInterval longest time before an indexed change is searchable
     * @param commitInterval  how often changes are made durable
     * @param ramBufferMb     indexing buffer before a segment is flushed
     */
    public record Options(Ranking ranking, Clock clock, Duration refreshInterval, Duration commitInterval,
                          double ramBufferMb) {
        public static final Options DEFAULT =
                new Options(Ranking.DEFAULT, Clock.systemUTC(), Duration.ofMillis(250), Duration.ofSeconds(10), 64);

        public Options {
            Objects.requireNonNull(ranking, "ranking");
            Objects.requireNonNull(clock, "clock");
            if (refreshInterval.isNegative() || refreshInterval.isZero()) throw new IllegalArgumentException("refreshInterval");
            if (commitInterval.isNegative() || commitInterval.isZero()) throw new IllegalArgumentException("commitInterval");
        }

        public Options withClock(Clock c) {
            return new Options(ranking, c, refreshInterval, commitInterval, ramBufferMb);
        }

        public Options withRanking(Ranking r) {
            return new Options(r, clock, refreshInterval, commitInterval, ramBufferMb);
        }
    }

    /**
     * What {@link #open} did.
     *
     * @param rebuilt       whether the index was rebuilt from the source
     * @param reason        why it was rebuilt, or empty
     * @param postsFed      posts read from the source (all of them after a rebuild, the new ones after a catch-up)
     */
    public record OpenReport(boolean rebuilt, String reason, long postsFed) {
    }

    private SearchIndex(Directory directory, IndexWriter writer, Options options, OpenReport report,
                        long maxPost, long maxAccount) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.options = options;
        this.openReport = report;
        this.maxPostId.set(maxPost);
        this.maxAccountId.set(maxAccount);
        this.searchers = new SearcherManager(writer, null);
        scanEngagementMaxima();
        double stale = options.refreshInterval().toNanos() / 1e9;
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, stale, Math.min(stale, 0.01));
        reopener.setName("colossus-search-refresh");
        reopener.setDaemon(true);
        reopener.start();
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "colossus-search-commit");
            t.setDaemon(true);
            return t;
        });
        long every = options.commitInterval().toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the index in {@code dir} (created when missing), rebuilding or catching up from {@code source} as the
     * class comment describes. Blocks until the index is ready; progress goes to {@code progress}.
     *
     * @throws IOException when the directory cannot be used at all, e.g. another process holds its write lock
     */
    public static SearchIndex open(Path dir, IndexSource source, Options options, IndexSource.Progress progress)
            throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        try {
            Optional<String> reason = IndexHealth.rebuildReason(directory);
            if (reason.isPresent()) IndexHealth.wipe(directory);
            IndexWriterConfig config = new IndexWriterConfig(new TextAnalyzer())
                    .setOpenMode(reason.isPresent() ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                    .setRAMBufferSizeMB(options.ramBufferMb())
                    .setIndexSort(NEWEST_FIRST)
                    .setCommitOnClose(false);
            IndexWriter writer = new IndexWriter(directory, config);
            Map<String, String> committed = new HashMap<>();
            writer.getLiveCommitData().forEach(e -> committed.put(e.getKey(), e.getValue()));
            long maxPost = Long.parseLong(committed.getOrDefault(MAX_POST_KEY, "0"));
            long maxAccount = Long.parseLong(committed.getOrDefault(MAX_ACCOUNT_KEY, "0"));
            // Starts searchers and threads only after the feed, so a rebuild is not slowed by reopens.
            Fed fed;
            try {
                fed = feed(writer, source, maxPost, maxAccount, reason.isPresent(), progress);
            } catch (RuntimeException | IOException e) {
                writer.rollback();
                throw e;
            }
            SearchIndex index = new SearchIndex(directory, writer, options,
                    new OpenReport(reason.isPresent(), reason.orElse(""), fed.count()), fed.maxPost(), fed.maxAccount());
            index.commit();
            return index;
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /**
     * Takes the write lock of the index in {@code dir} (created when missing) and empties the index, so that the next
     * {@link #open} rebuilds it from the source. Call it before changing the store behind the index's back (a bulk
     * load, whose old-dated posts a catch-up by id would miss): until the returned hold is closed no server can open
     * the index, and should the change be interrupted, the empty index still forces the rebuild.
     *
     * @throws LockObtainFailedException when another writer, such as a running server, holds the index
     */
    public static Closeable invalidate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        try {
            Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME);
            try {
                IndexHealth.wipeLocked(directory);
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
            return () -> {
                try (directory; lock) {
                    // closing both releases the lock first, then the directory
                }
            };
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** What a feed read: how many posts and the highest ids now in the index. */
    private record Fed(long count, long maxPost, long maxAccount) {
    }

    private static Fed feed(IndexWriter writer, IndexSource source, long afterPost, long afterAccount,
                             boolean rebuild, IndexSource.Progress progress) throws IOException {
        long total = rebuild ? Math.max(0, source.postCount()) : 0;
        long fed = 0;
        long maxPost = afterPost;
        long maxAccount = afterAccount;
        try (Stream<IndexedAccount> accounts = source.accounts(afterAccount)) {
            for (IndexedAccount a : (Iterable<IndexedAccount>) accounts::iterator) {
                writer.updateDocument(Documents.accountTerm(a.id()), Documents.account(a));
                maxAccount = Math.max(maxAccount, a.id());
            }
        }
        // The caller's thread reads the source (a database cursor is single threaded); workers analyse and index.
        try (Stream<IndexedPost> posts = source.posts(afterPost); ParallelFeeder feeder = new ParallelFeeder(writer, rebuild)) {
            for (IndexedPost p : (Iterable<IndexedPost>) posts::iterator) {
                feeder.add(p);
                maxPost = Math.max(maxPost, p.id());
                if (++fed % PROGRESS_EVERY == 0) progress.update(fed, Math.max(total, fed));
            }
        }
        progress.update(fed, Math.max(total, fed));
        return new Fed(fed, maxPost, maxAccount);
    }

    /** What the last {@link #open} did: whether it rebuilt, why, and how many posts it fed. */
    public OpenReport openReport() {
        return openReport;
    }

    /**
     * Adds or replaces a post. A post whose visibility is not searchable is removed instead (its visibility may have
     * changed). Searchable within {@link Options#refreshInterval()}.
     */
    public void indexPost(IndexedPost post) {
        try {
            if (post.visibility().isSearchable()) {
                writer.updateDocument(Documents.postTerm(post.id()), Documents.post(post));
            } else {
                writer.deleteDocuments(Documents.postTerm(post.id()));
            }
            maxPostId.accumulateAndGet(post.id(), Math::max);
            maxLikes.accumulateAndGet(post.likes(), Math::max);
            maxReposts.accumulateAndGet(post.reposts(), Math::max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a post's like and repost counts in place (no re-analysis); a post not in the index is ignored. */
    public void updateEngagement(long postId, int likes, int reposts) {
        try {
            maxLikes.accumulateAndGet(likes, Math::max);
            maxReposts.accumulateAndGet(reposts, Math::max);
            writer.updateDocValues(Documents.postTerm(postId),
                    new NumericDocValuesField(Fields.LIKES, likes),
                    new NumericDocValuesField(Fields.REPOSTS, reposts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a post; nothing happens when it is not indexed. */
    public void deletePost(long postId) {
        try {
            writer.deleteDocuments(Documents.postTerm(postId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds or replaces an account. */
    public void indexAccount(IndexedAccount account) {
        try {
            writer.updateDocument(Documents.accountTerm(account.id()), Documents.account(account));
            maxAccountId.accumulateAndGet(account.id(), Math::max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes an account and, with {@code withPosts}, every post it wrote. */
    public void deleteAccount(long accountId, boolean withPosts) {
        try {
            writer.deleteDocuments(Documents.accountTerm(accountId));
            if (withPosts) {
                writer.deleteDocuments(LongPoint.newExactQuery(Fields.AUTHOR, accountId));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Finds posts; see {@link PostQuery} for the syntax and filters and {@link Ranking} for the order.
     *
     * <p>Relevance search scores matches newest first and stops scoring those that can no longer reach the page (see
     * {@link RankedTopPosts}); the page is the same as scoring every match would give. {@code totalHits} is exact up
     * to 1,000 matches and a lower bound above.
     */
    public SearchResult<PostHit> searchPosts(PostQuery q) {
        long now = options.clock().millis();
        return withSearcher(s -> q.order() == PostQuery.Order.NEWEST ? newest(s, q) : relevant(s, q, now));
    }

    private SearchResult<PostHit> relevant(IndexSearcher s, PostQuery q, long now) throws IOException {
        RankedTopPosts.Result top = s.search(postQueries.build(q),
                new RankedTopPosts(options.ranking(), now, q.offset() + q.limit(), engagementBound()));
        List<PostHit> hits = new ArrayList<>();
        for (int i = q.offset(); i < top.best().size(); i++) {
            ScoreDoc d = top.best().get(i);
            hits.add(new PostHit(longValue(s, d.doc, Fields.POST_ID_DV), d.score));
        }
        return new SearchResult<>(hits, top.matches());
    }

    private SearchResult<PostHit> newest(IndexSearcher s, PostQuery q) throws IOException {
        TopDocs top = s.search(postQueries.build(q), q.offset() + q.limit(), NEWEST_FIRST);
        List<PostHit> hits = new ArrayList<>();
        for (int i = q.offset(); i < top.scoreDocs.length; i++) {
            int doc = top.scoreDocs[i].doc;
            hits.add(new PostHit(longValue(s, doc, Fields.POST_ID_DV), longValue(s, doc, Fields.CREATED)));
        }
        return new SearchResult<>(hits, top.totalHits.value());
    }

    /** The engagement factor of the most liked and reposted post ever seen: a bound for every post. */
    private double engagementBound() {
        return options.ranking().engagement(maxLikes.get(), maxReposts.get());
    }

    /**
     * Finds accounts whose username starts with {@code prefix} (an exact username first) or whose display name has
     * words starting with each word of {@code prefix}; equal matches are ordered by follower count. A leading
     * {@code @} and a {@code @domain} suffix are ignored.
     */
    public SearchResult<AccountHit> searchAccounts(String prefix, int offset, int limit) {
        checkPage(offset, limit);
        String q = prefix == null ? "" : prefix.strip();
        if (q.startsWith("@")) q = q.substring(1);
        int at = q.indexOf('@');
        if (at >= 0) q = q.substring(0, at);
        if (q.isEmpty()) return new SearchResult<>(List.of(), 0);
        String user = q.toLowerCase(Locale.ROOT);
        // The best tier counts, not the sum: exact username, then username prefix, then display-name words.
        List<Query> tiers = new ArrayList<>();
        tiers.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(Fields.USERNAME, user))), 4));
        tiers.add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(Fields.USERNAME, user))), 2));
        List<String> words = analyze(q);
        if (!words.isEmpty()) {
            BooleanQuery.Builder name = new BooleanQuery.Builder();
            words.forEach(w -> name.add(new PrefixQuery(new Term(Fields.DISPLAY_NAME, w)), Occur.FILTER));
            tiers.add(new ConstantScoreQuery(name.build()));
        }
        Query query = new BooleanQuery.Builder()
                .add(new DisjunctionMaxQuery(tiers, 0), Occur.MUST)
                .add(new TermQuery(new Term(Fields.KIND, Fields.KIND_ACCOUNT)), Occur.FILTER)
                .build();
        Sort sort = new Sort(SortField.FIELD_SCORE, new SortField(Fields.FOLLOWERS, SortField.Type.LONG, true));
        return withSearcher(s -> {
            TopDocs top = s.search(query, offset + limit, sort);
            List<AccountHit> hits = new ArrayList<>();
            for (int i = offset; i < top.scoreDocs.length; i++) {
                int doc = top.scoreDocs[i].doc;
                Document stored = s.storedFields().document(doc);
                hits.add(new AccountHit(longValue(s, doc, Fields.ACCOUNT_ID_DV), stored.get(Fields.USERNAME_STORED)));
            }
            return new SearchResult<>(hits, top.totalHits.value());
        });
    }

    /**
     * Hashtags starting with {@code prefix} (case-insensitive, {@code #} ignored), most used first; {@code uses}
     * counts the searchable posts carrying the tag. Looks at the first 20,000 tags with the prefix.
     */
    public SearchResult<TagHit> searchTags(String prefix, int offset, int limit) {
        checkPage(offset, limit);
        String p = Documents.normalizeTag(prefix == null ? "" : prefix);
        return withSearcher(s -> {
            Terms terms = MultiTerms.getTerms(s.getIndexReader(), Fields.TAG);
            if (terms == null) return new SearchResult<TagHit>(List.of(), 0);
            // Document frequencies include deleted posts until merges; rank by them, then count exactly.
            PriorityQueue<TagHit> best = new PriorityQueue<>(Comparator.comparingLong(TagHit::uses)
                    .thenComparing(TagHit::name, Comparator.reverseOrder()));
            TermsEnum te = terms.iterator();
            BytesRef prefixBytes = new BytesRef(p);
            long matched = 0;
            if (te.seekCeil(prefixBytes) != TermsEnum.SeekStatus.END) {
                for (BytesRef t = te.term(); t != null && startsWith(t, prefixBytes) && matched < TAG_SCAN_LIMIT;
                     t = te.next()) {
                    matched++;
                    best.add(new TagHit(t.utf8ToString(), te.docFreq()));
                    if (best.size() > offset + limit) best.poll();
                }
            }
            List<TagHit> ranked = new ArrayList<>();
            for (TagHit h : best) {
                ranked.add(new TagHit(h.name(), s.count(new TermQuery(new Term(Fields.TAG, h.name())))));
            }
            ranked.removeIf(h -> h.uses() == 0);
            ranked.sort(Comparator.comparingLong(TagHit::uses).reversed().thenComparing(TagHit::name));
            List<TagHit> page = ranked.subList(Math.min(offset, ranked.size()), ranked.size());
            return new SearchResult<>(page, matched);
        });
    }

    /** Makes everything indexed so far searchable now, without waiting for the refresh thread. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes everything indexed so far durable, recording the highest post and account ids for catch-up. */
    public void commit() {
        try {
            synchronized (commitLock) { // never the writer's own monitor: Lucene asserts nobody holds it
                writer.setLiveCommitData(Map.of(IndexHealth.SCHEMA_KEY, IndexHealth.SCHEMA_VERSION,
                        MAX_POST_KEY, Long.toString(maxPostId.get()),
                        MAX_ACCOUNT_KEY, Long.toString(maxAccountId.get())).entrySet());
                writer.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Number of searchable posts in the current searcher. */
    public long postCount() {
        return withSearcher(s -> (long) s.count(new TermQuery(new Term(Fields.KIND, Fields.KIND_POST))));
    }

    /** Stops the background threads, commits and releases the directory. */
    @Override
    public void close() throws IOException {
        committer.shutdownNow();
        reopener.close();
        try {
            commit();
        } finally {
            searchers.close();
            writer.close();
            directory.close();
        }
    }

    private void scanEngagementMaxima() throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                maxLikes.accumulateAndGet(maxValue(leaf, Fields.LIKES), Math::max);
                maxReposts.accumulateAndGet(maxValue(leaf, Fields.REPOSTS), Math::max);
            }
        } finally {
            searchers.release(s);
        }
    }

    private static long maxValue(LeafReaderContext leaf, String field) throws IOException {
        NumericDocValues values = leaf.reader().getNumericDocValues(field);
        long max = 0;
        if (values != null) {
            for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                max = Math.max(max, values.longValue());
            }
        }
        return max;
    }

    private void commitQuietly() {
        try {
            if (writer.isOpen() && writer.hasUncommittedChanges()) commit();
        } catch (RuntimeException e) {
            System.getLogger(SearchIndex.class.getName()).log(System.Logger.Level.WARNING, "search index commit failed", e);
        }
    }

    private interface SearcherFunction<T> {
        T apply(IndexSearcher s) throws IOException;
    }

    private <T> T withSearcher(SearcherFunction<T> f) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return f.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long longValue(IndexSearcher s, int doc, String field) throws IOException {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        NumericDocValues values = leaf.reader().getNumericDocValues(field);
        if (values == null || !values.advanceExact(doc - leaf.docBase)) return 0;
        return values.longValue();
    }

    private List<String> analyze(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(Fields.DISPLAY_NAME, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean startsWith(BytesRef term, BytesRef prefix) {
        if (term.length < prefix.length) return false;
        return Arrays.equals(term.bytes, term.offset, term.offset + prefix.length,
                prefix.bytes, prefix.offset, prefix.offset + prefix.length);
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > PostQuery.MAX_LIMIT || offset + limit > PostQuery.MAX_DEPTH) {
            throw new IllegalArgumentException("bad page: offset " + offset + ", limit " + limit);
        }
    }
}
