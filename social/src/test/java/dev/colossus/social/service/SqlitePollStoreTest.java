package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Polls over SQLite. */
class SqlitePollStoreTest extends PollStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
