package dev.colossus.social.media;

import dev.colossus.social.store.TestDatabase;

/** Media over the embedded SQLite store. */
class SqliteMediaStoreTest extends MediaStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
