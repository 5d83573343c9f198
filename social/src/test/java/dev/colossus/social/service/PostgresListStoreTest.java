package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Lists over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresListStoreTest extends ListStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
