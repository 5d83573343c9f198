package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Notifications and markers over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresNotificationStoreTest extends NotificationStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
