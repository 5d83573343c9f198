package dev.colossus.social;

import dev.colossus.social.store.TestDatabase;

/** The network's services over the embedded SQLite store. */
class SqliteNetworkStoreTest extends NetworkStoreContract {

    @Override
    TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
