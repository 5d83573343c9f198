package dev.colossus.app.http;

/**
 * Bookmarks, pins, conversations, preferences and follow requests with the server on a real PostgreSQL database: a
 * new schema on the server {@code COLOSSUS_TEST_PG_URL} names (skipped with a message when it is not set, unless
 * {@code -Dcolossus.pg.required=true}).
 */
class PostgresPersonalApiTest extends PersonalApiTest {

    @Override
    Store store() {
        return Store.POSTGRES;
    }
}
