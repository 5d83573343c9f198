package dev.colossus.app.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Password guessing is slowed per client address and per account, with a growing delay and no lockout. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordLimitTest {

    private static final String RIGHT = "correct horse battery";
    /** Clients reach the server through a proxy on loopback, so each test can speak from its own addresses. */
    private final TestServer server = new TestServer(c -> c.withApi(c.api().withLimits(10_000, 10_000, true)
            .withTrustedProxies(TrustedProxies.parse("127.0.0.1, ::1")).withPasswordFailures(10)));
    private final AtomicInteger addresses = new AtomicInteger();

    @AfterAll
    void stop() {
        server.close();
    }

    /** A client address no other request has used. */
    private String freshAddress() {
        int n = addresses.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    private TestServer.Response login(String from, String email, String password) {
        return server.send("POST", "/oauth/token", null, "application/x-www-form-urlencoded",
                TestServer.formBody(Map.of("grant_type", "password", "client_id", server.clientId(),
                        "client_secret", server.clientSecret(), "username", email, "password", password)),
                Map.of("X-Forwarded-For", from));
    }

    private static void sleepSeconds(String retryAfter) throws InterruptedException {
        Thread.sleep(Long.parseLong(retryAfter) * 1000 + 150);
    }

    @Test
    void twelveWrongPasswordsWithALimitOfTenAreRefusedWithRetryAfter() throws InterruptedException {
        server.signUp("dana");
        String from = freshAddress();
        List<Integer> statuses = new ArrayList<>();
        TestServer.Response last = null;
        for (int i = 0; i < 12; i++) {
            last = login(from, "dana@example.org", "guess " + i);
            statuses.add(last.status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(400);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
        assertThat(last.header("Retry-After")).isEqualTo("1");
        assertThat(last.error()).startsWith("Too many failed password attempts");

        // The wait grows: after it, one more guess is allowed, and then the next must wait twice as long.
        sleepSeconds(last.header("Retry-After"));
        assertThat(login(from, "dana@example.org", "guess 12").status()).isEqualTo(400);
        var longer = login(from, "dana@example.org", "guess 13");
        assertThat(longer.status()).isEqualTo(429);
        assertThat(longer.header("Retry-After")).isEqualTo("2");

        // Never a lockout: after the wait the right password works, and the account starts afresh.
        sleepSeconds(longer.header("Retry-After"));
        assertThat(login(freshAddress(), "dana@example.org", RIGHT).status()).isEqualTo(200);
        assertThat(login(freshAddress(), "dana@example.org", "one typo").status()).isEqualTo(400);
    }

    @Test
    void theAccountLimitHoldsAcrossClientAddresses() {
        server.signUp("erin");
        server.signUp("fay");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) statuses.add(login(freshAddress(), "ERIN@example.org ", "guess " + i).status());
        assertThat(statuses.subList(0, 10)).containsOnly(400);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
        // Erin even with the right password must wait; other accounts are not held up.
        assertThat(login(freshAddress(), "erin@example.org", RIGHT).status()).isEqualTo(429);
        assertThat(login(freshAddress(), "fay@example.org", RIGHT).status()).isEqualTo(200);
    }

    @Test
    void theAddressLimitHoldsAcrossAccounts() {
        String from = freshAddress();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) statuses.add(login(from, "nobody" + i + "@example.org", "guess").status());
        assertThat(statuses.subList(0, 10)).containsOnly(400);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
    }

    @Test
    void wrongCurrentPasswordsOnAPasswordChangeAreLimitedToo() {
        TestServer.User gus = server.signUp("gus");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(server.send("POST", "/api/v1/colossus/password", gus.token(), "application/json",
                    "{\"current_password\": \"guess " + i + "\", \"new_password\": \"a new password\"}",
                    Map.of("X-Forwarded-For", freshAddress())).status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(422);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
    }
}
