package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** API keys over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresApiKeyStoreTest extends ApiKeyStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
