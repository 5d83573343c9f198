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
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code colossus chat} as a real process, its stdin and stdout piped, against a real server with the fixture model. */
class ChatCommandTest {

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

    /** {@code colossus chat ARGS...} as a process. */
    private static CliProcess chat(String... args) throws IOException {
        String[] all = new String[args.length + 1];
        all[0] = "chat";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliProcess.start(all);
    }

    @Test
    void answersStreamFromARunningServerWhileTheChatIsStillOpen() throws Exception {
        try (CliProcess chat = chat("--server", "http://localhost:" + server.port())) {
            chat.type("Once upon a time there was a dog.");
            // The answer shows up before stdin ends: it streams, turn by turn.
            chat.await(() -> chat.out.toString().endsWith("\n\n"), "the first answer");
            assertThat(chat.process.isAlive()).isTrue();
            String first = chat.out.toString();
            assertThat(first.strip()).isNotEmpty().doesNotContain("Answers here are extractive");

            chat.type("/mode fun");
            chat.await(() -> chat.err.toString().contains("mode fun"), "the mode switch");
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
        try (CliProcess chat = chat("--model", model.toString(), "--max-tokens", "16", "--mode", "fun")) {
            chat.type("Tell me a story.");
            chat.type("And then?");
            assertThat(chat.exit()).isZero();
            String[] answers = chat.out.toString().split("\n\n");
            assertThat(answers.length).isGreaterThanOrEqualTo(2);
            assertThat(chat.err.toString()).contains("mode fun").doesNotContain("Exception");
        }
    }

    @Test
    void ctrlCStopsTheAnswerBeingWrittenAndCtrlCAtThePromptQuits() throws Exception {
        try (CliProcess chat = chat("--model", model.toString(), "--max-tokens", "1500")) {
            chat.await(() -> chat.err.toString().contains("Ctrl-C stops an answer"), "the chat to start");
            chat.type("Once upon a time");
            chat.await(() -> chat.out.length() > 0, "the answer to start");
            // Freeze the chat mid-answer so that the Ctrl-C surely arrives while the model writes.
            chat.signal("STOP");
            Thread.sleep(300);
            String before = chat.out.toString();
            assertThat(before).as("the answer was still being written").doesNotEndWith("\n\n");
            chat.signal("INT");
            chat.signal("CONT");
            chat.await(() -> chat.out.toString().contains(ChatCommand.STOPPED), "the answer to stop");
            String stopped = chat.out.toString();
            assertThat(stopped).startsWith(before).endsWith(ChatCommand.STOPPED + "\n\n");
            // The model stopped: nothing more comes, and the prompt is back (the chat reads the next command).
            chat.type("/new");
            chat.await(() -> chat.err.toString().contains("new conversation"), "the prompt to come back");
            assertThat(chat.out.toString()).isEqualTo(stopped);
            assertThat(chat.process.isAlive()).isTrue();

            chat.signal("INT");
            assertThat(chat.awaitExit()).isZero();
            assertThat(chat.err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aServerThatIsNotRunningIsOneClearLine() throws Exception {
        try (CliProcess chat = chat("--server", "http://127.0.0.1:9")) {
            assertThat(chat.exit()).isEqualTo(2);
            // The JVM's own notice about the Vector API module aside, one line.
            assertThat(chat.err.toString().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")))
                    .containsExactly("colossus chat: cannot reach Colossus at http://127.0.0.1:9 (start it with "
                            + "./colossus serve, or chat with a model file: --model FILE.gguf)");
        }
    }
}
