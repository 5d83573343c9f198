package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Notifications and markers over SQLite. */
class SqliteNotificationStoreTest extends NotificationStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
