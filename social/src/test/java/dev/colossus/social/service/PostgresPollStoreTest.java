package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Polls over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresPollStoreTest extends PollStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
