package dev.colossus.social.store;

/** What an edit does to a poll, over SQLite. */
class SqlitePollReplaceTest extends PollReplaceContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.sqlite();
    }
}
