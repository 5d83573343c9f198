package dev.colossus.assistant.store;

import dev.colossus.social.Storage;
import dev.colossus.social.store.PostgresSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The assistant's store in the network's PostgreSQL database ({@code COLOSSUS_TEST_PG_URL}; skipped with a message
 * when it is not set, unless {@code -Dcolossus.pg.required=true}).
 */
class PostgresAssistantStoreTest extends AssistantStoreContract {

    @TempDir
    Path dir;
    private PostgresSchema schema;

    @Override
    Storage storage() {
        if (schema == null) schema = PostgresSchema.create();
        return new Storage(dir, schema.url(), schema.user(), schema.password());
    }

    @AfterEach
    void dropSchema() {
        closeAll();
        if (schema != null) schema.close();
    }
}
