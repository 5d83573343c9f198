package dev.colossus.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code colossus serve} as a real process: a normal run prints only Colossus's own lines (the libraries' INFO lines
 * stay quiet), and {@code --verbose} shows the libraries' lines too.
 */
class ServeLoggingTest {

    @TempDir
    Path dir;

    /** Starts serve with a demo network (so the search index is built too), waits until it is ready, stops it. */
    private String serveUntilReady(String... extra) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> args = new java.util.ArrayList<>(List.of("serve", "--port", String.valueOf(port),
                "--data", dir.resolve("data-" + extra.length).toString()));
        args.addAll(List.of(extra));
        try (CliProcess serve = CliProcess.start(args.toArray(String[]::new))) {
            serve.await(() -> serve.err.toString().contains("Colossus is ready on http://localhost:" + port),
                    "the server to be ready");
            serve.signal("TERM");
            serve.awaitExit();
            assertThat(serve.out.toString()).isEmpty();
            return serve.err.toString();
        }
    }

    @Test
    void aNormalRunPrintsOnlyColossussOwnLines() throws Exception {
        List<String> lines = serveUntilReady().lines()
                // The JVM's notice about the Vector API module: the colossus launcher filters it out.
                .filter(line -> !line.equals("WARNING: Using incubator modules: jdk.incubator.vector"))
                .toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).matches("(colossus: |Colossus is ready ).*"));
        assertThat(lines).anyMatch(line -> line.startsWith("colossus: seeded a demo network"));
    }

    @Test
    void verboseShowsTheLibrariesInfoLines() throws Exception {
        String err = serveUntilReady("--verbose");
        assertThat(err).contains("INFO com.zaxxer.hikari") // the database pool
                .contains("INFO org.flywaydb") // the migrations
                .contains("INFO org.eclipse.jetty") // the HTTP server
                .contains("INFO: Java vector incubator API enabled") // Lucene, through java.util.logging
                .contains("Colossus is ready on http://localhost:");
    }
}
