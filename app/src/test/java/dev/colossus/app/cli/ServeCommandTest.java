package dev.colossus.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code colossus serve} refuses bad flags with one line on stderr before it creates the data directory. */
class ServeCommandTest {

    @TempDir
    Path dir;

    /** Runs serve with these flags and a data directory that does not exist yet; it must fail and leave none. */
    private CliRun refused(String... flags) {
        Path data = dir.resolve("data");
        List<String> args = new ArrayList<>(List.of("serve", "--data", data.toString()));
        if (!List.of(flags).contains("--port")) args.addAll(List.of("--port", String.valueOf(freePort())));
        args.addAll(List.of(flags));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("colossus serve: ").hasLineCount(1);
        assertThat(data).as("the data directory after a refused start").doesNotExist();
        return run;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPortOutsideOneTo65535IsRefused() {
        assertThat(refused("--port", "70000").err()).contains("--port must be 1 to 65535, got 70000");
        assertThat(refused("--port", "0").err()).contains("--port must be 1 to 65535, got 0");
        assertThat(refused("--port", "-1").err()).contains("got -1");
    }

    @Test
    void aPortAnotherProgramListensOnIsRefused() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            assertThat(refused("--port", String.valueOf(port)).err())
                    .contains("port " + port + " is already in use by another program (choose another with --port");
        }
    }

    @Test
    void aMissingModelFileIsRefused() {
        assertThat(refused("--model", dir.resolve("nope.gguf").toString()).err()).contains("no such model file: ")
                .contains("nope.gguf");
    }

    @Test
    void aDirectoryGivenAsTheModelIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("models"));
        assertThat(refused("--model", folder.toString()).err()).contains("models is a directory, not a GGUF model file");
    }

    @Test
    void aFileThatIsNotGgufIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("model.gguf"), "this is a text file that only looks like a model");
        assertThat(refused("--model", text.toString()).err()).contains("model.gguf is not a GGUF model file")
                .contains("not a GGUF file: magic");
    }

    @Test
    void aGgufFileOfAnUnknownVersionIsRefused() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).put("GGUF".getBytes()).putInt(99);
        Path future = Files.write(dir.resolve("future.gguf"), header.array());
        assertThat(refused("--model", future.toString()).err()).contains("future.gguf is not a GGUF model file")
                .contains("unsupported GGUF version 99");
    }

    @Test
    void aModelFileAndARemoteServerTogetherAreRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("model.gguf"), "x");
        assertThat(refused("--model", text.toString(), "--llm-url", "http://localhost:1/v1", "--llm-model", "m").err())
                .contains("choose one model");
    }

    @Test
    void aRemoteServerWithoutAModelNameIsRefused() {
        assertThat(refused("--llm-url", "http://localhost:1/v1").err()).contains("the remote model's name is not");
    }

    @Test
    void aMissingOrInvalidPersonasFileIsRefused() throws IOException {
        assertThat(refused("--personas", dir.resolve("nope.yaml").toString()).err()).contains("no personas file at");
        Path bad = Files.writeString(dir.resolve("personas.yaml"), "personas: [this is: not: valid");
        assertThat(refused("--personas", bad.toString()).err()).contains("personas.yaml");
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("data.txt"), "x");
        CliRun run = CliRun.of("serve", "--data", file.toString(), "--port", String.valueOf(freePort()));
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("colossus serve: the data directory " + file
                + " is a file (choose a directory with --data)" + System.lineSeparator());
    }
}
