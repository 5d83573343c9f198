package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Blocks and mutes over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresSafetyStoreTest extends SafetyStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
