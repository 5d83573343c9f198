package dev.colossus.social.service;

import dev.colossus.social.store.TestDatabase;

/** Authorization codes over SQLite. */
class SqliteAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
