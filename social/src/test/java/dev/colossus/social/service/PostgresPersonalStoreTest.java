package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Bookmarks, pins, conversations and preferences over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresPersonalStoreTest extends PersonalStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
