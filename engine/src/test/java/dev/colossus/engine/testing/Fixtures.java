package dev.colossus.engine.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test fixtures (system property {@code colossus.fixtures}). A missing fixture skips the test
 * with a message, or fails it when {@code colossus.fixtures.required=true} (as CI runs).
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        return Path.of(System.getProperty("colossus.fixtures", "../shared/fixtures"));
    }

    /** The fixture at {@code relative} under the fixtures root; skips or fails the test when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            String message = "fixture " + relative + " not found under " + root().toAbsolutePath()
                    + " (set -Dcolossus.fixtures=DIR)";
            if (Boolean.getBoolean("colossus.fixtures.required")) throw new AssertionError(message);
            Assumptions.abort(message);
        }
        return p;
    }

    public static Path model(String fileName) {
        return require("models/" + fileName);
    }
}
