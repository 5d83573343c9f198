package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Profile editing, account deletion and reports over SQLite. */
class SqliteProfileStoreTest extends ProfileStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
