package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Authorization codes over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
