package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** API keys over SQLite. */
class SqliteApiKeyStoreTest extends ApiKeyStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
