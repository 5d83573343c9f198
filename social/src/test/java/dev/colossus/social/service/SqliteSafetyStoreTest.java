package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Blocks and mutes over SQLite. */
class SqliteSafetyStoreTest extends SafetyStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
