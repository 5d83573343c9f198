package dev.colossus.social.search;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A tmpfs of a few MiB mounted on a directory for one test, that can be filled up and freed again. Mounting needs root
 * (or passwordless sudo): where it is refused the test is skipped, or fails when {@code CI=true}. The app module's
 * tests use it too.
 */
public final class SmallFilesystem implements AutoCloseable {

    private final Path dir;
    private final Path filler;

    private SmallFilesystem(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
    }

    /**
     * Mounts a tmpfs of {@code megabytes} MiB on {@code dir} (created when missing), owned by this process's user.
     * Not running as root, it asks {@code sudo -n} (as on a CI machine with passwordless sudo).
     */
    public static SmallFilesystem mount(Path dir, int megabytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String options = "size=" + megabytes + "m,mode=0700,uid=" + Files.getAttribute(dir, "unix:uid")
                + ",gid=" + Files.getAttribute(dir, "unix:gid");
        String refused = run(asRoot("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()));
        if (refused != null) {
            String message = "cannot mount a small filesystem to fill up (" + refused + ")";
            if ("true".equals(System.getenv("CI"))) fail(message);
            Assumptions.abort(message);
        }
        return new SmallFilesystem(dir);
    }

    private static List<String> asRoot(String... command) {
        boolean root = "root".equals(System.getProperty("user.name"));
        return root ? List.of(command)
                : Stream.concat(Stream.of("sudo", "-n"), Arrays.stream(command)).toList();
    }

    /** Writes one file until the filesystem has no space left. */
    public void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException full) {
            // out of space, as intended; the partly written file stays
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler-tail"))) {
            while (true) out.write(1);
        } catch (IOException full) {
            // the last bytes too
        }
    }

    /** Deletes what {@link #fill} wrote. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
        Files.deleteIfExists(dir.resolve("filler-tail"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String failed = run(asRoot("umount", dir.toString()));
        if (failed != null) run(asRoot("umount", "-l", dir.toString()));
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        String output = new String(p.getInputStream().readAllBytes()).strip();
        return p.exitValue() == 0 ? null : output.isEmpty() ? "exit " + p.exitValue() : output;
    }
}
