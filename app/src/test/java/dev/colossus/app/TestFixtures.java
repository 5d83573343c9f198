package dev.colossus.app;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared model fixtures: {@code -Dcolossus.fixtures=DIR} (default {@code ../shared/fixtures}). A missing fixture
 * skips the test with a message, or fails it under {@code -Dcolossus.fixtures.required=true}.
 */
public final class TestFixtures {

    private TestFixtures() {
    }

    /** The fixtures directory (it may not exist). */
    public static Path dir() {
        return Path.of(System.getProperty("colossus.fixtures", "../shared/fixtures"));
    }

    /** A fixture file relative to the fixtures directory, present or the test is skipped (or failed when required). */
    public static Path require(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.exists(file)) {
            if (Boolean.getBoolean("colossus.fixtures.required")) throw new AssertionError("fixture missing: " + file);
            Assumptions.abort("fixture missing: " + file);
        }
        return file;
    }

    /** The trained stories260K model, the one real model small enough for every test. */
    public static Path stories260k() {
        return require("models/stories260K.gguf");
    }
}
