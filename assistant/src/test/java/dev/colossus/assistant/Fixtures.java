package dev.colossus.assistant;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test fixtures; skips (or fails, when they are required) when they are absent. */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path dir(String sub) {
        Path root = Path.of(System.getProperty("colossus.fixtures", "../shared/fixtures"));
        Path dir = root.resolve(sub);
        boolean required = Boolean.getBoolean("colossus.fixtures.required");
        if (!Files.isDirectory(dir)) {
            if (required) throw new AssertionError("required fixtures missing: " + dir.toAbsolutePath());
            Assumptions.abort("fixtures not found at " + dir.toAbsolutePath() + "; skipping");
        }
        return dir;
    }
}
