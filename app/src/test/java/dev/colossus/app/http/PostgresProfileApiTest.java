package dev.colossus.app.http;

/**
 * The user's own profile, reports and account deletion with the server on a real PostgreSQL database: a new schema
 * on the server {@code COLOSSUS_TEST_PG_URL} names (skipped with a message when it is not set, unless
 * {@code -Dcolossus.pg.required=true}).
 */
class PostgresProfileApiTest extends ProfileApiTest {

    @Override
    Store store() {
        return Store.POSTGRES;
    }
}
