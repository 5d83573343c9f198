package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Editing posts over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresEditStoreTest extends EditStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
