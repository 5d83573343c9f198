package dev.colossus.app.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A wrong password must not tell whether the email has an account. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordTimingTest {

    private final TestServer server = new TestServer(c -> c.withApi(c.api().withPasswordFailures(1000)));

    @AfterAll
    void stop() {
        server.close();
    }

    private long wrongPasswordNanos(String email) {
        long start = System.nanoTime();
        var r = server.post("/oauth/token", null, Map.of("grant_type", "password", "client_id", server.clientId(),
                "client_secret", server.clientSecret(), "username", email, "password", "not the password"));
        long took = System.nanoTime() - start;
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_grant");
        return took;
    }

    private long passwordChecks() {
        return server.colossus.social().auth().passwordChecks();
    }

    @Test
    void aWrongPasswordRunsTheKeyDerivationForKnownAndUnknownEmails() {
        server.signUp("holly");
        long before = passwordChecks();
        wrongPasswordNanos("holly@example.org");
        assertThat(passwordChecks()).isEqualTo(before + 1);
        wrongPasswordNanos("nobody-here@example.org");
        assertThat(passwordChecks()).isEqualTo(before + 2);
    }

    @Test
    void aWrongPasswordTakesAboutAsLongForAnUnknownEmail() {
        server.signUp("ivan");
        wrongPasswordNanos("ivan@example.org");
        wrongPasswordNanos("warm-up@example.org");
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 9; i++) { // alternating, so that load on the machine hits both alike
            known.add(wrongPasswordNanos("ivan@example.org"));
            unknown.add(wrongPasswordNanos("stranger" + i + "@example.org"));
        }
        double ratio = (double) median(unknown) / median(known);
        // The key derivation dominates both; without it an unknown email answers about 10 times faster.
        assertThat(ratio).as("median time for an unknown email / a known one").isBetween(1 / 3.0, 3.0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
