package dev.colossus.app.cli;

import dev.colossus.app.AssistantConfig;
import dev.colossus.app.Colossus;
import dev.colossus.app.Config;
import dev.colossus.app.TestFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code colossus chat} as a real process, its stdin and stdout piped, against a real server with the fixture model. */
class ChatCommandTest {

    private static final long DEADLINE_MS = 180_000;
    @TempDir
    static Path data;
    private static Path model;
    private static Colossus server;

    @BeforeAll
    static void start() {
        model = TestFixtures.stories260k();
        server = Colossus.start(Config.defaults().withPort(0).withDataDir(data).withDemo(false, false),
                AssistantConfig.defaults().withModel(model).withModelContext(512).withTokenLimits(6144, 24));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** A running {@code colossus chat}: what it printed so far, and its stdin. */
    private static final class Chat implements AutoCloseable {
        final Process process;
        final StringBuffer out = new StringBuffer();
        final StringBuffer err = new StringBuffer();
        private final OutputStream in;

        Chat(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), "dev.colossus.app.Main", "chat"));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).start();
            in = process.getOutputStream();
            collect(process.getInputStream(), out);
            collect(process.getErrorStream(), err);
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

        void type(String line) throws IOException {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        int exit() throws Exception {
            in.close();
            assertThat(process.waitFor(DEADLINE_MS, TimeUnit.MILLISECONDS)).as("chat exited; stderr: " + err).isTrue();
            Thread.sleep(100); // let the readers drain the pipes
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + DEADLINE_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void answersStreamFromARunningServerWhileTheChatIsStillOpen() throws Exception {
        try (Chat chat = new Chat("--server", "http://localhost:" + server.port())) {
            chat.type("Once upon a time there was a dog.");
            // The answer shows up before stdin ends: it streams, turn by turn.
            await(() -> chat.out.toString().endsWith("\n\n"), "the first answer");
            assertThat(chat.process.isAlive()).isTrue();
            String first = chat.out.toString();
            assertThat(first.strip()).isNotEmpty().doesNotContain("No generative model is loaded");

            chat.type("/mode fun");
            await(() -> chat.err.toString().contains("mode fun"), "the mode switch");
            chat.type("/mode grumpy");
            chat.type("What did the dog do?");
            chat.type("/quit");
            assertThat(chat.exit()).isZero();
            assertThat(chat.out.toString()).startsWith(first);
            assertThat(chat.out.toString().substring(first.length()).strip()).isNotEmpty();
            assertThat(chat.err.toString()).contains("unknown mode 'grumpy' (known: regular, fun)")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aModelFileIsChattedWithDirectlyWithoutAServer() throws Exception {
        try (Chat chat = new Chat("--model", model.toString(), "--max-tokens", "16", "--mode", "fun")) {
            chat.type("Tell me a story.");
            chat.type("And then?");
            assertThat(chat.exit()).isZero();
            String[] answers = chat.out.toString().split("\n\n");
            assertThat(answers.length).isGreaterThanOrEqualTo(2);
            assertThat(chat.err.toString()).contains("mode fun").doesNotContain("Exception");
        }
    }

    @Test
    void aServerThatIsNotRunningIsOneClearLine() throws Exception {
        try (Chat chat = new Chat("--server", "http://127.0.0.1:9")) {
            assertThat(chat.exit()).isEqualTo(2);
            // The JVM's own notice about the Vector API module aside, one line.
            assertThat(chat.err.toString().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")))
                    .containsExactly("colossus chat: cannot reach Colossus at http://127.0.0.1:9 (start it with "
                            + "./colossus serve, or chat with a model file: --model FILE.gguf)");
        }
    }
}
