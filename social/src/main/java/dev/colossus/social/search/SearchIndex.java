package dev.colossus.social.search;

import dev.colossus.social.PostQuery;
import dev.colossus.social.SearchHealth;
import dev.colossus.social.TagHit;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
import org.apache.lucene.store.AlreadyClosedException;
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
 * high-water marks of its last commit are fed again from the source. {@link #close} commits and stops the background
 * threads.
 *
 * <p><b>Freshness.</b> A background thread reopens the searcher every {@link Options#refreshInterval()} (250 ms by
 * default), so a post passed to {@link #indexPost} is searchable well within a second. It also commits every
 * {@link Options#commitInterval()}; changes since the last commit that are not posts or accounts (like counts,
 * deletes) can be lost in a crash, so the store stays the source of truth and callers skip hit ids it no longer has.
 *
 * <p><b>Failures.</b> An I/O error of the writer (disk full, a damaged segment, any error Lucene calls tragic) does not
 * reach the callers of the write methods: it marks the index not writable in {@link #health()} with the error, and the
 * writer is rolled back to its last commit and reopened in the background, after {@link Options#retryInterval()}
 * and then twice as long after each failed attempt (at most a minute), until it works; a damaged index is rebuilt from
 * the source. Meanwhile searches answer from the last good view, and every post and account handed over is recorded
 * as missed. Reopening feeds from the source everything after the last commit's high-water mark, which never passes
 * a post whose indexing failed (see {@link IndexMark}), so nothing missed is hidden behind a later post.
 *
 * <p><b>Threads and errors.</b> Every method is thread safe. Search failures surface as {@link UncheckedIOException};
 * using a closed index throws {@link AlreadyClosedException}.
 */
public final class SearchIndex implements AutoCloseable {

    private static final String MAX_POST_KEY = "colossus.maxPostId";
    private static final String MAX_ACCOUNT_KEY = "colossus.maxAccountId";
    private static final int TAG_SCAN_LIMIT = 20_000;
    private static final int PROGRESS_EVERY = 10_000;
    /** The index's order: newest posts first, so time bands are runs of documents and newest-first sorts stop early. */
    static final Sort NEWEST_FIRST = new Sort(new SortField(Fields.CREATED, SortField.Type.LONG, true));

    private static final System.Logger LOG = System.getLogger(SearchIndex.class.getName());
    /** The longest wait between two attempts to reopen a failed writer. */
    private static final Duration MAX_RETRY_INTERVAL = Duration.ofMinutes(1);

    /** One writer and the searchers refreshed from it; replaced whole when a failed writer is reopened. */
    private record Live(IndexWriter writer, SearcherManager searchers) {
    }

    /** Why the writer is down, since when, and how many attempts to reopen it failed so far. */
    private record Failure(String reason, Instant since, int attempts) {
    }

    private final Directory directory;
    private final IndexSource source;
    private volatile Live live;
    /** Null while the writer works. */
    private volatile Failure failure;
    private volatile boolean closed;
    private final ScheduledExecutorService background;
    /** Held by the one recovery running at a time, and by {@link #close}. */
    private final Object recoveryLock = new Object();
    /** Guards {@link #recoveryScheduled} and the decision to record a failure; never held for long. */
    private final Object stateLock = new Object();
    private boolean recoveryScheduled; // guarded by stateLock
    private final Analyzer analyzer = new TextAnalyzer();
    private final PostQueries postQueries = new PostQueries(analyzer);
    private final Options options;
    private final IndexMark posts;
    private final IndexMark accounts;
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
     * @param retryInterval   the first wait before reopening a writer that failed; each failed attempt doubles it, up
     *                        to a minute
     */
    public record Options(Ranking ranking, Clock clock, Duration refreshInterval, Duration commitInterval,
                          double ramBufferMb, Duration retryInterval) {
        public static final Options DEFAULT = new Options(Ranking.DEFAULT, Clock.systemUTC(), Duration.ofMillis(250),
                Duration.ofSeconds(10), 64, Duration.ofSeconds(1));

        public Options {
            Objects.requireNonNull(ranking, "ranking");
            Objects.requireNonNull(clock, "clock");
            if (refreshInterval.isNegative() || refreshInterval.isZero()) throw new IllegalArgumentException("refreshInterval");
            if (commitInterval.isNegative() || commitInterval.isZero()) throw new IllegalArgumentException("commitInterval");
            if (retryInterval.isNegative() || retryInterval.isZero()) throw new IllegalArgumentException("retryInterval");
        }

        public Options withClock(Clock c) {
            return new Options(ranking, c, refreshInterval, commitInterval, ramBufferMb, retryInterval);
        }

        public Options withRanking(Ranking r) {
            return new Options(r, clock, refreshInterval, commitInterval, ramBufferMb, retryInterval);
        }

        public Options withRetryInterval(Duration first) {
            return new Options(ranking, clock, refreshInterval, commitInterval, ramBufferMb, first);
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

    private SearchIndex(Directory directory, IndexSource source, IndexWriter writer, Options options,
                        OpenReport report, long maxPost, long maxAccount) throws IOException {
        this.directory = directory;
        this.source = source;
        this.options = options;
        this.openReport = report;
        this.posts = new IndexMark(maxPost);
        this.accounts = new IndexMark(maxAccount);
        this.live = new Live(writer, new SearcherManager(writer, null));
        scanEngagementMaxima();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "colossus-search");
            t.setDaemon(true);
            return t;
        });
        // close() lets a running commit end rather than interrupt it: an interrupted write closes the channel of the
        // index's lock file, and the writer's own final commit then fails.
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.background = pool;
        long refresh = options.refreshInterval().toMillis();
        background.scheduleWithFixedDelay(this::refreshQuietly, refresh, refresh, TimeUnit.MILLISECONDS);
        long every = options.commitInterval().toMillis();
        background.scheduleWithFixedDelay(this::commitQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens the index in {@code dir} (created when missing), rebuilding or catching up from {@code source} as the
     * class comment describes. Blocks until the index is ready; progress goes to {@code progress}. The index keeps
     * {@code source} to catch up again after its writer failed.
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
            IndexWriter writer = openWriter(directory, options, reason.isPresent());
            Map<String, String> committed = commitData(writer);
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
            SearchIndex index = new SearchIndex(directory, source, writer, options,
                    new OpenReport(reason.isPresent(), reason.orElse(""), fed.count()), fed.maxPost(), fed.maxAccount());
            index.commit();
            return index;
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    static IndexWriter openWriter(Directory directory, Options options, boolean create) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new TextAnalyzer())
                .setOpenMode(create ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.APPEND)
                .setRAMBufferSizeMB(options.ramBufferMb())
                .setIndexSort(NEWEST_FIRST)
                .setCommitOnClose(false);
        return new IndexWriter(directory, config);
    }

    private static Map<String, String> commitData(IndexWriter writer) {
        Map<String, String> committed = new HashMap<>();
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data != null) data.forEach(e -> committed.put(e.getKey(), e.getValue()));
        return committed;
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
     * Whether the writer works, why not, and how far behind the index is (see {@link SearchHealth}). Cheap: reads
     * state only.
     */
    public SearchHealth health() {
        Failure f = failure;
        return new SearchHealth(f == null, f == null ? "" : f.reason(), f == null ? null : f.since(),
                posts.unindexed(), posts.mark(), posts.highest());
    }

    /**
     * Adds or replaces a post. A post whose visibility is not searchable is removed instead (its visibility may have
     * changed). Searchable within {@link Options#refreshInterval()}. An I/O failure does not throw: the post is fed
     * again from the source once the writer works again, and {@link #health()} reports it meanwhile.
     */
    public void indexPost(IndexedPost post) {
        posts.handedOver(post.id());
        maxLikes.accumulateAndGet(post.likes(), Math::max);
        maxReposts.accumulateAndGet(post.reposts(), Math::max);
        boolean written = write(w -> {
            if (post.visibility().isSearchable()) {
                w.updateDocument(Documents.postTerm(post.id()), Documents.post(post));
            } else {
                w.deleteDocuments(Documents.postTerm(post.id()));
            }
        });
        if (!written) posts.failed(post.id());
    }

    /**
     * Sets a post's like and repost counts in place (no re-analysis); a post not in the index is ignored. Lost, like a
     * deletion, when the writer fails before its next commit: ranking then uses older counts.
     */
    public void updateEngagement(long postId, int likes, int reposts) {
        maxLikes.accumulateAndGet(likes, Math::max);
        maxReposts.accumulateAndGet(reposts, Math::max);
        write(w -> w.updateDocValues(Documents.postTerm(postId),
                new NumericDocValuesField(Fields.LIKES, likes),
                new NumericDocValuesField(Fields.REPOSTS, reposts)));
    }

    /** Removes a post; nothing happens when it is not indexed. */
    public void deletePost(long postId) {
        write(w -> w.deleteDocuments(Documents.postTerm(postId)));
    }

    /** Adds or replaces an account; fed again after a writer failure, as posts are. */
    public void indexAccount(IndexedAccount account) {
        accounts.handedOver(account.id());
        if (!write(w -> w.updateDocument(Documents.accountTerm(account.id()), Documents.account(account)))) {
            accounts.failed(account.id());
        }
    }

    /** Removes an account and, with {@code withPosts}, every post it wrote. */
    public void deleteAccount(long accountId, boolean withPosts) {
        write(w -> {
            w.deleteDocuments(Documents.accountTerm(accountId));
            if (withPosts) w.deleteDocuments(LongPoint.newExactQuery(Fields.AUTHOR, accountId));
        });
    }

    private interface WriterWork {
        void run(IndexWriter writer) throws IOException;
    }

    /**
     * Runs {@code work} on the live writer. False when the writer is down or fails: the failure is recorded and a
     * reopen scheduled. A writer replaced while the work ran gets the work again.
     */
    private boolean write(WriterWork work) {
        for (int attempt = 0; attempt < 2; attempt++) {
            if (failure != null || closed) return false;
            Live w = live;
            try {
                work.run(w.writer());
                return true;
            } catch (IOException | AlreadyClosedException e) {
                if (live != w) continue;
                fail(w, e);
                return false;
            }
        }
        return false;
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
        RankedTopPosts.Result top = new RankedTopPosts(options.ranking(), now, q.offset() + q.limit(), engagementBound())
                .search(s, postQueries.build(q));
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

    /**
     * Searches the index's most common words (those of the largest segment's first 100,000 words that the most posts
     * contain) for up to {@code budget} or 2,000 searches, whichever ends first, so that the first searches after a
     * start run on compiled code over index pages already in memory rather than taking ten times as long. Returns at
     * once for an empty index.
     */
    public void warmUp(Duration budget) {
        long until = System.nanoTime() + budget.toNanos();
        List<String> words = withSearcher(s -> commonWords(s, 16, 100_000));
        for (int i = 0; !words.isEmpty() && i < 2000 && System.nanoTime() < until; i++) {
            searchPosts(PostQuery.of(words.get(i % words.size())));
        }
    }

    private static List<String> commonWords(IndexSearcher s, int n, int scanned) throws IOException {
        LeafReaderContext largest = s.getIndexReader().leaves().stream()
                .max(Comparator.comparingInt(l -> l.reader().maxDoc())).orElse(null);
        Terms terms = largest == null ? null : largest.reader().terms(Fields.TEXT);
        if (terms == null) return List.of();
        record Word(String text, int posts) {
        }
        PriorityQueue<Word> best = new PriorityQueue<>(Comparator.comparingInt(Word::posts));
        TermsEnum te = terms.iterator();
        for (int i = 0; i < scanned && te.next() != null; i++) {
            best.add(new Word(te.term().utf8ToString(), te.docFreq()));
            if (best.size() > n) best.poll();
        }
        return best.stream().map(Word::text).toList();
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

    /**
     * Makes everything indexed so far searchable now, without waiting for the refresh thread. While the writer is
     * down searches keep the last good view and this does nothing.
     */
    public void refresh() {
        Live w = live;
        if (failure != null || closed) return;
        try {
            w.searchers().maybeRefreshBlocking();
        } catch (IOException | AlreadyClosedException e) {
            if (live == w) fail(w, e);
        }
    }

    /**
     * Makes everything indexed so far durable, recording the high-water marks of posts and accounts for catch-up.
     *
     * @throws UncheckedIOException when the writer is down or the commit fails (the writer is then reopened in the
     *                              background, see {@link #health()})
     */
    public void commit() {
        Failure f = failure;
        if (f != null) throw new UncheckedIOException(new IOException("search index writer is down: " + f.reason()));
        Live w = live;
        synchronized (commitLock) { // never the writer's own monitor: Lucene asserts nobody holds it
            Set<Long> committingPosts = posts.commitStarting();
            Set<Long> committingAccounts = accounts.commitStarting();
            try {
                commit(w.writer());
            } catch (IOException | AlreadyClosedException e) {
                posts.commitFailed(committingPosts);
                accounts.commitFailed(committingAccounts);
                if (live == w) fail(w, e);
                throw e instanceof IOException io ? new UncheckedIOException(io) : (AlreadyClosedException) e;
            }
        }
    }

    private void commit(IndexWriter writer) throws IOException {
        commit(writer, posts.mark(), accounts.mark());
    }

    /** Commits with the schema and the high-water marks that the next {@link #open} catches up from. */
    static void commit(IndexWriter writer, long maxPost, long maxAccount) throws IOException {
        writer.setLiveCommitData(Map.of(IndexHealth.SCHEMA_KEY, IndexHealth.SCHEMA_VERSION,
                MAX_POST_KEY, Long.toString(maxPost),
                MAX_ACCOUNT_KEY, Long.toString(maxAccount)).entrySet());
        writer.commit();
    }

    /** Number of searchable posts in the current searcher. */
    public long postCount() {
        return withSearcher(s -> (long) s.count(new TermQuery(new Term(Fields.KIND, Fields.KIND_POST))));
    }

    /**
     * Stops the background threads, commits (unless the writer is down: what it missed is fed on the next open) and
     * releases the directory.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        background.shutdown();
        try {
            background.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (recoveryLock) {
            Live w = live;
            try {
                if (failure == null && w.writer().isOpen()) commit(w.writer());
            } finally {
                try {
                    w.searchers().close();
                } finally {
                    try {
                        if (failure == null) w.writer().close();
                        else w.writer().rollback();
                    } finally {
                        directory.close();
                    }
                }
            }
        }
    }

    private void scanEngagementMaxima() throws IOException {
        SearcherManager searchers = live.searchers();
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

    private void refreshQuietly() {
        Live w = live;
        refresh();
        Throwable tragic = w.writer().getTragicException();
        if (tragic != null && live == w) fail(w, tragic);
    }

    private void commitQuietly() {
        try {
            Live w = live;
            if (failure == null && !closed && w.writer().isOpen() && w.writer().hasUncommittedChanges()) commit();
        } catch (UncheckedIOException | AlreadyClosedException e) {
            // fail() has logged it and scheduled the reopen
        }
    }

    /**
     * Records that the writer of {@code at} failed and schedules its reopening. Only the first failure counts (and is
     * logged): later ones of the same writer wait for the reopening already scheduled, and its backoff.
     */
    private void fail(Live at, Throwable e) {
        if (closed) return;
        synchronized (stateLock) {
            if (live != at || failure != null) return; // a reopened writer is not to blame; or already known
            failure = new Failure(describe(e), options.clock().instant(), 0);
            posts.writerLost(); // the writer is rolled back to its last commit before it is reopened
            accounts.writerLost();
        }
        LOG.log(System.Logger.Level.ERROR, "search index writer failed; searches use the last good view while it is "
                + "reopened: " + describe(e), e);
        scheduleRecovery(options.retryInterval());
    }

    private void scheduleRecovery(Duration delay) {
        synchronized (stateLock) {
            if (recoveryScheduled || closed) return;
            recoveryScheduled = true;
            try {
                background.schedule(this::recover, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                recoveryScheduled = false; // closing
            }
        }
    }

    /**
     * Reopens a failed writer from its last commit (rebuilding when the index is damaged) and feeds it everything it
     * lost, or, with a working writer, feeds the posts whose indexing failed. On failure, tries again later, each wait
     * twice the last. Writers and searches go on meanwhile: writes are recorded as missed, searches use the last view.
     */
    private void recover() {
        synchronized (recoveryLock) {
            Failure f;
            synchronized (stateLock) {
                recoveryScheduled = false;
                f = failure;
            }
            if (closed) return;
            try {
                if (f != null) reopen();
                else refeedFailures(live.writer());
                if (f != null) {
                    LOG.log(System.Logger.Level.INFO, "search index writer reopened after: " + f.reason());
                }
                failure = null;
                if (posts.hasFailures() || accounts.hasFailures()) scheduleRecovery(options.retryInterval());
            } catch (IOException | RuntimeException e) {
                Failure now = f == null
                        ? new Failure(describe(e), options.clock().instant(), 1)
                        : new Failure(describe(e), f.since(), f.attempts() + 1);
                failure = now;
                long millis = options.retryInterval().toMillis() << Math.min(now.attempts(), 16);
                scheduleRecovery(Duration.ofMillis(Math.min(millis, MAX_RETRY_INTERVAL.toMillis())));
            }
        }
    }

    private void reopen() throws IOException {
        Live old = live;
        posts.writerLost();
        accounts.writerLost();
        List<Long> lostPosts = posts.failures();
        List<Long> lostAccounts = accounts.failures();
        try {
            old.writer().rollback();
        } catch (IOException | RuntimeException ignored) {
            // a writer closed by its tragic error has rolled back already
        }
        Optional<String> damaged = IndexHealth.rebuildReason(directory);
        if (damaged.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "search index rebuilt from the store: " + damaged.get());
            IndexHealth.wipe(directory);
        }
        IndexWriter writer = openWriter(directory, options, damaged.isPresent());
        SearcherManager searchers;
        try {
            Map<String, String> committed = commitData(writer);
            long fromPost = damaged.isPresent() ? 0
                    : posts.refeedFrom(Long.parseLong(committed.getOrDefault(MAX_POST_KEY, "0")));
            long fromAccount = damaged.isPresent() ? 0
                    : accounts.refeedFrom(Long.parseLong(committed.getOrDefault(MAX_ACCOUNT_KEY, "0")));
            Fed fed = feed(writer, source, fromPost, fromAccount, damaged.isPresent(), IndexSource.Progress.NONE);
            posts.fedThrough(fed.maxPost());
            accounts.fedThrough(fed.maxAccount());
            posts.refed(lostPosts);
            accounts.refed(lostAccounts);
            commit(writer);
            searchers = new SearcherManager(writer, null);
        } catch (IOException | RuntimeException e) {
            posts.writerLost();
            accounts.writerLost();
            lostPosts.forEach(posts::failed);
            lostAccounts.forEach(accounts::failed);
            try {
                writer.rollback();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        live = new Live(writer, searchers);
        try {
            old.searchers().close(); // searches still holding its last view finish on it
        } catch (IOException | RuntimeException ignored) {
            // its reader belongs to a writer that is gone
        }
    }

    /** Feeds again, on a working writer, the posts and accounts whose indexing failed. */
    private void refeedFailures(IndexWriter writer) throws IOException {
        List<Long> failedPosts = posts.failures();
        List<Long> failedAccounts = accounts.failures();
        long fromPost = failedPosts.isEmpty() ? Long.MAX_VALUE : failedPosts.getFirst() - 1;
        long fromAccount = failedAccounts.isEmpty() ? Long.MAX_VALUE : failedAccounts.getFirst() - 1;
        Fed fed = feed(writer, source, fromPost, fromAccount, false, IndexSource.Progress.NONE);
        posts.fedThrough(fed.maxPost() == Long.MAX_VALUE ? 0 : fed.maxPost());
        accounts.fedThrough(fed.maxAccount() == Long.MAX_VALUE ? 0 : fed.maxAccount());
        posts.refed(failedPosts);
        accounts.refed(failedAccounts);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == e ? message : e.getClass().getSimpleName() + " (" + message + ")";
    }

    private interface SearcherFunction<T> {
        T apply(IndexSearcher s) throws IOException;
    }

    /** Runs {@code f} on the current searcher; while the writer is down, on the last good one. */
    private <T> T withSearcher(SearcherFunction<T> f) {
        try {
            for (int attempt = 0; ; attempt++) {
                SearcherManager searchers = live.searchers();
                IndexSearcher s;
                try {
                    s = searchers.acquire();
                } catch (AlreadyClosedException e) {
                    if (attempt == 0 && live.searchers() != searchers) continue; // replaced by a reopen meanwhile
                    throw e;
                }
                try {
                    return f.apply(s);
                } finally {
                    searchers.release(s);
                }
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
