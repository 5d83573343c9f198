package dev.colossus.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The {@code colossus} command as a real process (the JVM flags the launcher gives it, this build's classpath), its
 * stdin piped, its stdout and stderr collected as they come. Ctrl-C's SIGINT reaches it as from a terminal: it starts
 * with SIGINT's default handling even when the tests run in a background job, which ignores it.
 */
final class CliProcess implements AutoCloseable {

    static final long DEADLINE_MS = 180_000;

    final Process process;
    final StringBuffer out = new StringBuffer();
    final StringBuffer err = new StringBuffer();
    private final OutputStream in;

    private CliProcess(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.colossus.app.Main"));
        command.addAll(args);
        process = new ProcessBuilder(command).start();
        in = process.getOutputStream();
        collect(process.getInputStream(), out);
        collect(process.getErrorStream(), err);
    }

    /** Starts {@code colossus ARGS...}. */
    static CliProcess start(String... args) throws IOException {
        return new CliProcess(List.of(args));
    }

    private static void collect(InputStream stream, StringBuffer into) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = stream.read(buffer)) > 0; ) into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The process ended.
            }
        });
    }

    /** Writes a line to its stdin. */
    void type(String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /** Sends it a signal, e.g. "INT" (what Ctrl-C sends) or "TERM". */
    void signal(String name) throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
        if (status != 0) throw new AssertionError("kill -" + name + " exited with " + status);
    }

    /** Waits until the condition holds, failing after {@link #DEADLINE_MS}. */
    void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + DEADLINE_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what + "; stdout: " + out + "; stderr: " + err);
            }
            Thread.sleep(20);
        }
    }

    /** Waits for it to end, without closing stdin; returns the exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running; stdout: " + out + "; stderr: " + err);
        }
        Thread.sleep(100); // let the readers drain the pipes
        return process.exitValue();
    }

    /** Closes its stdin (end of input) and waits for it to end; returns the exit code. */
    int exit() throws Exception {
        in.close();
        return awaitExit();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
