package dev.colossus.assistant.store;

import dev.colossus.social.Storage;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The assistant's store in its own SQLite file beside the network's. */
class SqliteAssistantStoreTest extends AssistantStoreContract {

    @TempDir
    Path dir;

    @Override
    Storage storage() {
        return Storage.sqlite(dir);
    }
}
