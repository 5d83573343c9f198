package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Profile editing, account deletion and reports over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresProfileStoreTest extends ProfileStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
