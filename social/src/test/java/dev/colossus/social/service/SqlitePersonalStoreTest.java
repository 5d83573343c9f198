package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Bookmarks, pins, conversations and preferences over SQLite. */
class SqlitePersonalStoreTest extends PersonalStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
