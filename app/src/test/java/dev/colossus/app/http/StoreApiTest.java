package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.Config;
import dev.colossus.social.store.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API tests that run on both databases: a subclass runs them on the default store (SQLite in the data directory),
 * and a {@code Postgres...} subclass of that, whose {@link #store} is {@link Store#POSTGRES}, on a new schema of the server
 * {@code COLOSSUS_TEST_PG_URL} names (skipped with a message when it is not set, unless
 * {@code -Dcolossus.pg.required=true}). One server serves all tests of a class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreApiTest {

    /** The database a test class runs on. */
    enum Store { SQLITE, POSTGRES }

    private PostgresSchema schema;
    TestServer server;
    /** How many accounts {@link #user} has made: also a suffix unique within the class. */
    int users;

    /** The database this class runs on: SQLite unless a subclass says otherwise. */
    Store store() {
        return Store.SQLITE;
    }

    /** Points a configuration at the database under test. */
    Config database(Config config) {
        return schema == null ? config : config.withDb(new Config.Db(schema.url(), schema.user(), schema.password()));
    }

    /** The server the tests talk to, on {@link #database}; a class that needs another set-up overrides this. */
    TestServer startServer() {
        return new TestServer(this::database);
    }

    @BeforeAll
    void start() {
        if (store() == Store.POSTGRES) schema = PostgresSchema.create();
        server = startServer();
    }

    @AfterAll
    void stop() {
        if (server != null) server.close();
        if (schema != null) schema.close();
    }

    /** A new account whose name starts with {@code name} (a counter keeps names unique within the class). */
    TestServer.User user(String name) {
        return server.signUp(name + (++users));
    }

    /** The JSON of a 200 answer; fails with the body for any other status. */
    static JsonNode ok(TestServer.Response r) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }
}
