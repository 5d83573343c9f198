package dev.colossus.social;

import dev.colossus.social.media.MediaFiles;
import dev.colossus.social.media.MediaLimits;
import dev.colossus.social.store.TestDatabase;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.trends.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A network over a real store, for contract tests that run once per database: a subclass names the database
 * ({@link #openStore()}); each test gets a fresh {@link Social} with its media in a temporary folder and a clock that
 * moves only when told, and the store is closed after it.
 */
public abstract class StoreContract {

    @TempDir
    protected Path mediaDir;
    protected final MutableClock clock;
    protected Social social;
    private TestDatabase store;

    protected StoreContract(Instant start) {
        this.clock = new MutableClock(start);
    }

    protected abstract TestDatabase openStore();

    @BeforeEach
    void openNetwork() {
        store = openStore();
        social = Social.over(store.db(), new EventBus(), Social.DEFAULT_MAX_CHARS, new MediaFiles(mediaDir),
                MediaLimits.DEFAULT, pollLimits(), clock);
    }

    /** What the network's polls may be ({@link PollLimits#DEFAULT} unless a contract needs short-lived polls). */
    protected PollLimits pollLimits() {
        return PollLimits.DEFAULT;
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    protected Account person(String name) {
        return social.accounts().ensure(name, null, false);
    }
}
