package dev.colossus.social.store;

/** What an edit does to a poll, over a real PostgreSQL server ({@code COLOSSUS_TEST_PG_URL}; skipped without one unless required). */
class PostgresPollReplaceTest extends PollReplaceContract {

    @Override
    protected TestDatabase openStore() {
        return TestDatabase.postgres();
    }
}
