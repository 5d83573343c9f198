package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Editing posts over SQLite. */
class SqliteEditStoreTest extends EditStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
