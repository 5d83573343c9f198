package dev.colossus.train.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts jobs with Open MPI's {@code mpirun} on this machine, over loopback TCP so that no shared-memory or network
 * setup is needed. A test that needs it skips when {@code mpirun} is missing, and fails instead when {@code CI=true}.
 */
public final class Mpirun {
    private Mpirun() {}

    /** What a finished job printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {}

    /** The path of {@code mpirun}; skips or fails the calling test when there is none. */
    public static Path require() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "mpirun");
            if (Files.isExecutable(candidate)) return candidate;
        }
        String message = "mpirun not found on PATH: the Open MPI tests need it (Debian: apt-get install openmpi-bin)";
        if ("true".equals(System.getenv("CI"))) throw new AssertionError(message);
        Assumptions.abort(message);
        return null;
    }

    /** Runs {@code command} as {@code ranks} processes; fails the test when the job takes longer than {@code timeoutSeconds}. */
    public static Result run(int ranks, List<String> command, Path workDir, long timeoutSeconds)
            throws IOException, InterruptedException {
        require();
        // By name, not by its path: Open MPI takes a path it was started by as its installation prefix, and
        // /bin/mpirun (where /bin links to /usr/bin) gives the prefix "/", which it refuses.
        List<String> line = new ArrayList<>(List.of("mpirun", "-np", String.valueOf(ranks),
                "--oversubscribe", "--allow-run-as-root", "--mca", "btl", "self,tcp", "--mca", "btl_tcp_if_include", "lo",
                "--mca", "oob_tcp_if_include", "lo"));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("OMPI_ALLOW_RUN_AS_ROOT", "1");
        builder.environment().put("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        Path log = Files.createTempFile("mpirun", ".log");
        try {
            Process process = builder.redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("mpirun did not finish within " + timeoutSeconds + " s:\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * The command that runs {@code mainClass} on this JVM with this test run's classpath, the Vector API module and
     * native access enabled.
     */
    public static List<String> java(Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
