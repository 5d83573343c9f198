package dev.colossus.train.model;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared test fixtures (system property {@code colossus.fixtures}): a missing one skips the test, or fails it
 * when {@code colossus.fixtures.required=true}.
 */
final class FixtureFiles {
    private FixtureFiles() {
    }

    static Path require(String relative) {
        Path root = Path.of(System.getProperty("colossus.fixtures", "../shared/fixtures"));
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            String message = "fixture " + relative + " not found under " + root.toAbsolutePath()
                    + " (set -Dcolossus.fixtures=DIR)";
            if (Boolean.getBoolean("colossus.fixtures.required")) throw new AssertionError(message);
            Assumptions.abort(message);
        }
        return p;
    }

    /** A raw little-endian float32 file. */
    static float[] floats(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
