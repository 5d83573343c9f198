package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Lists over SQLite. */
class SqliteListStoreTest extends ListStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
