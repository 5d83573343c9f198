package dev.colossus.social.media;

import dev.colossus.social.store.TestDatabase;

/** Media over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresMediaStoreTest extends MediaStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
