package dev.colossus.social;

import dev.colossus.social.auth.PasswordHasher;
import dev.colossus.social.demo.DemoNetwork;
import dev.colossus.social.demo.DemoSeed;
import dev.colossus.social.demo.LiveDemo;
import dev.colossus.social.media.MediaFiles;
import dev.colossus.social.media.MediaLimits;
import dev.colossus.social.media.MediaService;
import dev.colossus.social.media.ProfileImages;
import dev.colossus.social.service.AccountDeletionService;
import dev.colossus.social.service.AccountService;
import dev.colossus.social.service.ApiKeyService;
import dev.colossus.social.service.AuthService;
import dev.colossus.social.service.BlockService;
import dev.colossus.social.service.EditService;
import dev.colossus.social.service.BookmarkService;
import dev.colossus.social.service.ListService;
import dev.colossus.social.service.ConversationService;
import dev.colossus.social.service.FollowRequestService;
import dev.colossus.social.service.FollowService;
import dev.colossus.social.service.MarkerService;
import dev.colossus.social.service.MuteService;
import dev.colossus.social.service.NotificationService;
import dev.colossus.social.service.PinService;
import dev.colossus.social.service.PollService;
import dev.colossus.social.service.PostService;
import dev.colossus.social.service.ProfileService;
import dev.colossus.social.service.ReportService;
import dev.colossus.social.service.PreferenceService;
import dev.colossus.social.service.SearchService;
import dev.colossus.social.service.TimelineService;
import dev.colossus.social.service.TrendService;
import dev.colossus.social.store.BulkLoader;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.StoreTrendSource;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.trends.TrendTracker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The network: its services over one database and one event bus. Other modules reach the network only through these
 * services; its store and search index stay inside this module. Closing it closes the database. Thread-safe.
 */
public final class Social implements AutoCloseable {

    public static final int DEFAULT_MAX_CHARS = 500;

    private final Database db;
    private final Snowflakes ids;
    private final EventBus bus;
    private final AuthService auth;
    private final AccountService accounts;
    private final FollowService follows;
    private final BlockService blocks;
    private final MuteService mutes;
    private final ProfileService profiles;
    private final AccountDeletionService deletions;
    private final ReportService reports;
    private final PostService posts;
    private final EditService edits;
    private final TimelineService timelines;
    private final MediaService media;
    private final ApiKeyService apiKeys;
    private final NotificationService notifications;
    private final MarkerService markers;
    private final BookmarkService bookmarks;
    private final ListService lists;
    private final PinService pins;
    private final ConversationService conversations;
    private final PreferenceService preferences;
    private final FollowRequestService followRequests;
    private final PollService polls;
    private final int maxChars;

    private Social(Database db, EventBus bus, int maxChars, MediaFiles mediaFiles, MediaLimits mediaLimits,
                   PollLimits pollLimits, Clock clock) {
        this.db = db;
        this.bus = bus;
        this.maxChars = maxChars;
        this.ids = new Snowflakes();
        PasswordHasher passwords = new PasswordHasher();
        this.auth = new AuthService(db, ids, passwords);
        this.accounts = new AccountService(db, ids, passwords, bus);
        this.follows = new FollowService(db, ids, bus, clock);
        this.blocks = new BlockService(db, ids, bus, follows, clock);
        this.mutes = new MuteService(db, ids, follows, clock);
        this.posts = new PostService(db, ids, bus, maxChars, pollLimits, clock);
        this.edits = new EditService(db, ids, bus, maxChars, pollLimits);
        this.polls = new PollService(db, bus, pollLimits);
        this.timelines = new TimelineService(db, clock);
        this.media = new MediaService(db, ids, mediaFiles, mediaLimits, clock);
        this.profiles = new ProfileService(db, bus, new ProfileImages(mediaFiles, mediaLimits));
        this.deletions = new AccountDeletionService(db, passwords, bus, media, profiles, clock);
        this.reports = new ReportService(db, ids, clock);
        this.apiKeys = new ApiKeyService(db, ids, clock);
        this.notifications = NotificationService.start(db, ids, bus, posts, clock);
        this.markers = new MarkerService(db, clock);
        this.bookmarks = new BookmarkService(db, ids);
        this.lists = new ListService(db, ids, clock);
        this.pins = new PinService(db, ids);
        this.conversations = ConversationService.start(db, ids, bus);
        this.preferences = new PreferenceService(db);
        this.followRequests = new FollowRequestService(db, ids, follows);
    }

    /**
     * Opens (creating and migrating when needed) the database {@code storage} names and builds every service over it;
     * events of this network go to {@code bus}, media files to {@code mediaFiles}, and {@code clock} dates uploads and
     * decides when unattached ones expire.
     *
     * @param maxChars the longest post allowed (Mastodon's default is {@value #DEFAULT_MAX_CHARS})
     * @throws dev.colossus.social.StoreException when the database cannot be opened or migrated
     */
    public static Social open(Storage storage, EventBus bus, int maxChars, MediaFiles mediaFiles,
                              MediaLimits mediaLimits, Clock clock) {
        return open(storage, bus, maxChars, mediaFiles, mediaLimits, PollLimits.DEFAULT, clock);
    }

    /**
     * As {@link #open(Storage, EventBus, int, MediaFiles, MediaLimits, Clock)} with polls held to {@code pollLimits}
     * (not {@link PollLimits#DEFAULT}).
     */
    public static Social open(Storage storage, EventBus bus, int maxChars, MediaFiles mediaFiles,
                              MediaLimits mediaLimits, PollLimits pollLimits, Clock clock) {
        return over(Database.open(storage), bus, maxChars, mediaFiles, mediaLimits, pollLimits, clock);
    }

    /**
     * As {@link #open(Storage, EventBus, int, MediaFiles, MediaLimits, Clock)} with the default media limits, the
     * system clock, and media files in a new temporary directory: for tools that keep no media.
     */
    public static Social open(Storage storage, EventBus bus, int maxChars) {
        return over(Database.open(storage), bus, maxChars);
    }

    /** As {@link #open(Storage, EventBus, int, MediaFiles, MediaLimits, Clock)} over an open database. */
    public static Social over(Database db, EventBus bus, int maxChars, MediaFiles mediaFiles, MediaLimits mediaLimits,
                              Clock clock) {
        return over(db, bus, maxChars, mediaFiles, mediaLimits, PollLimits.DEFAULT, clock);
    }

    /** As {@link #open(Storage, EventBus, int, MediaFiles, MediaLimits, PollLimits, Clock)} over an open database. */
    public static Social over(Database db, EventBus bus, int maxChars, MediaFiles mediaFiles, MediaLimits mediaLimits,
                              PollLimits pollLimits, Clock clock) {
        return new Social(db, bus, maxChars, mediaFiles, mediaLimits, pollLimits, clock);
    }

    /** As {@link #open(Storage, EventBus, int)} over an open database. */
    public static Social over(Database db, EventBus bus, int maxChars) {
        try {
            MediaFiles files = new MediaFiles(Files.createTempDirectory("colossus-media"));
            return over(db, bus, maxChars, files, MediaLimits.DEFAULT, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary media directory", e);
        }
    }

    /** Where this network's events are published. */
    public EventBus bus() {
        return bus;
    }

    public AuthService auth() {
        return auth;
    }

    public AccountService accounts() {
        return accounts;
    }

    public FollowService follows() {
        return follows;
    }

    /** Blocks between accounts, and whether a viewer's blocks and mutes hide a post. */
    public BlockService blocks() {
        return blocks;
    }

    /** Mutes of accounts, optionally of their notifications, optionally lapsing. */
    public MuteService mutes() {
        return mutes;
    }

    /** Profile editing: texts, fields, flags, avatar and header images. */
    public ProfileService profiles() {
        return profiles;
    }

    /** Users deleting their own accounts. */
    public AccountDeletionService deletions() {
        return deletions;
    }

    /** Reports of accounts, stored for moderators. */
    public ReportService reports() {
        return reports;
    }

    public PostService posts() {
        return posts;
    }

    /** Editing posts, their edit history and source. */
    public EditService edits() {
        return edits;
    }

    public TimelineService timelines() {
        return timelines;
    }

    /** Media uploads and their files. */
    public MediaService media() {
        return media;
    }

    /** Users' keys for the OpenAI-compatible API and the tokens each caller spends per day. */
    public ApiKeyService apiKeys() {
        return apiKeys;
    }

    /** Accounts' notifications (mentions, reblogs, follows, favourites), made from this network's events. */
    public NotificationService notifications() {
        return notifications;
    }

    /** Polls: seeing them, voting, and ending them as they expire ({@link PollService#startExpiry}). */
    public PollService polls() {
        return polls;
    }

    /** Where accounts stopped reading their home and notifications timelines. */
    public MarkerService markers() {
        return markers;
    }

    /** Accounts' bookmarked posts. */
    public BookmarkService bookmarks() {
        return bookmarks;
    }

    /** Accounts' lists of people they follow, each a timeline of its own. */
    public ListService lists() {
        return lists;
    }

    /** Posts pinned to their authors' profiles. */
    public PinService pins() {
        return pins;
    }

    /** Direct conversations, made from this network's direct posts. */
    public ConversationService conversations() {
        return conversations;
    }

    /** Locked accounts and the requests to follow them. */
    public FollowRequestService followRequests() {
        return followRequests;
    }

    /** Accounts' posting defaults. */
    public PreferenceService preferences() {
        return preferences;
    }

    /** The longest post allowed. */
    public int maxChars() {
        return maxChars;
    }

    /**
     * Checks that the database answers (one cheap query), for health checks.
     *
     * @throws dev.colossus.social.StoreException when it does not, with the reason
     */
    public void checkDatabase() {
        db.check();
    }

    /** The database connection pool now (connections in use, idle, threads waiting), for metrics. */
    public DatabasePool databasePool() {
        return db.pool();
    }

    /**
     * A number that changes after every write by this network, by the time the write returns (also when it failed, as
     * it may have committed in part). A reader that takes it before reading and finds it unchanged afterwards knows its
     * result still stands: what caches of rendered reads check. Writes by other processes sharing a server database
     * are not seen.
     */
    public long version() {
        return db.version();
    }

    /**
     * A new id made the way the network makes its own (time-ordered, strictly increasing within this process), for
     * records kept beside the network that page by id as Mastodon does.
     */
    public long newId() {
        return ids.next();
    }

    /** True when the network has no accounts and no posts: a fresh data directory (one to seed a demo into). */
    public boolean isEmpty() {
        return DemoSeed.isEmpty(db);
    }

    /**
     * Loads a generated demo network (accounts, follows, posts, likes, reposts) in bulk, bypassing the event bus; see
     * {@link DemoSeed}. Loading the same network twice adds nothing. Empty the search index first
     * ({@link SearchService#invalidate}) so that it is rebuilt with the new posts.
     */
    public void loadDemo(DemoNetwork network) {
        DemoSeed.load(new BulkLoader(db, ids), network);
    }

    /** Starts posting as the demo people every {@code interval} ({@link LiveDemo}); close it to stop. */
    public LiveDemo startLiveDemo(long seed, Duration interval) {
        return LiveDemo.start(posts, accounts, seed, interval);
    }

    /**
     * Starts counting trends: replays the store's recent activity, then follows the bus ({@link TrendService#start}).
     * Start it before the network takes writes.
     */
    public TrendService startTrends(Clock clock, TrendTracker.Options options) {
        return TrendService.start(new StoreTrendSource(db), posts, bus, clock, options);
    }

    /**
     * Opens the search index in {@code dir}, rebuilding it from the store when missing or damaged and catching up on
     * posts written since it was last committed, then keeps it current from the bus. Blocks until the index is ready.
     *
     * @param progress told how many posts were indexed so far while the index is being fed
     * @throws IOException when the directory cannot be used, e.g. another process holds the index
     */
    public SearchService openSearch(Path dir, SearchService.Progress progress) throws IOException {
        return SearchService.open(dir, db, posts, bus, progress);
    }

    @Override
    public void close() {
        db.close();
    }
}
