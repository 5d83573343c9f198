package dev.colossus.train.checkpoint;

import dev.colossus.train.model.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointCrashTest {

    @Test
    void killingTheWriterAtAnyMomentLeavesTheLastCompleteCheckpoint(@TempDir Path dir) throws Exception {
        SplittableRandom random = new SplittableRandom(2026);
        for (int round = 0; round < 4; round++) {
            AtomicInteger lastSaved = new AtomicInteger();
            Process child = new ProcessBuilder(List.of(java(), "--add-modules", "jdk.incubator.vector", "-cp",
                    System.getProperty("java.class.path"), CheckpointWriterProcess.class.getName(), dir.toString()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("saved ")) lastSaved.set(Integer.parseInt(line.substring(6)));
                    }
                } catch (Exception e) {
                    // the process was killed
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastSaved.get() < 1 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(lastSaved.get()).as("the writer saved a first checkpoint").isPositive();
            Thread.sleep(random.nextInt(400));
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
            child.waitFor();
            reader.join();

            try (var files = Files.list(dir)) {
                assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count())
                        .as("temporary files left by killed writers, older ones cleaned up").isLessThanOrEqualTo(1);
            }
            TrainingState loaded = new CheckpointStore(dir).load();
            int saved = lastSaved.get();
            assertThat(loaded.step()).as("round " + round).isBetween(saved, saved + 1);
            float expected = loaded.step();
            for (Parameters p : List.of(loaded.parameters(), loaded.optimizer().firstMoments(),
                    loaded.optimizer().secondMoments())) {
                for (Parameters.Tensor t : p.tensors()) {
                    assertThat(t.data()[0]).isEqualTo(expected);
                    assertThat(t.data()[t.data().length - 1]).as(t.name()).isEqualTo(expected);
                }
            }
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
