package dev.colossus.app.http;

import dev.colossus.app.Config;
import dev.colossus.social.store.PostgresSchema;

/**
 * Lists with the server on a real PostgreSQL database: a new schema on the server
 * {@code COLOSSUS_TEST_PG_URL} names (skipped with a message when it is not set, unless
 * {@code -Dcolossus.pg.required=true}).
 */
class PostgresListApiTest extends ListApiTest {

    private final PostgresSchema schema = PostgresSchema.create();

    @Override
    Config database(Config config) {
        return config.withDb(new Config.Db(schema.url(), schema.user(), schema.password()));
    }

    @Override
    void afterServer() {
        schema.close();
    }
}
