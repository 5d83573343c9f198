package dev.colossus.social;

import dev.colossus.social.store.TestDatabase;

/**
 * The network's services over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped with a message when it
 * is not set, unless {@code -Dcolossus.pg.required=true}).
 */
class PostgresNetworkStoreTest extends NetworkStoreContract {

    @Override
    TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
