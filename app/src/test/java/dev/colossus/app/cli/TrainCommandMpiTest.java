package dev.colossus.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colossus.app.Main;
import dev.colossus.train.dist.Mpirun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mpirun -np 2 colossus train} against one process: the same global batch, the same run. */
class TrainCommandMpiTest {

    @TempDir
    Path dir;

    private List<String> trainArgs(Path corpus, String name) {
        return List.of("train", "--data", corpus.toString(), "--vocab", "300", "--dim", "32", "--layers", "2",
                "--heads", "2", "--ffn", "64", "--context", "32", "--batch", "4", "--steps", "8", "--eval-every", "4",
                "--threads", "1", "--json", "--plot", dir.resolve(name + ".png").toString(),
                "--out", dir.resolve(name + ".gguf").toString());
    }

    @Test
    void twoRanksUnderMpirunLogTheLossesOfOneProcessAndOnlyRankZeroReports() throws Exception {
        Mpirun.require();
        Path corpus = dir.resolve("corpus.txt");
        StringBuilder text = new StringBuilder();
        String[] colours = {"red", "green", "blue", "amber"};
        for (int i = 0; i < 400; i++) {
            text.append(colours[i % 4]).append(" one two three four five six ").append(i % 7).append(" seven eight\n");
        }
        Files.writeString(corpus, text);

        CliRun alone = CliRun.of(trainArgs(corpus, "alone").toArray(String[]::new));
        assertThat(alone.code()).as(alone.err()).isZero();

        Mpirun.Result job = Mpirun.run(2, Mpirun.java(Main.class, trainArgs(corpus, "ranks").toArray(String[]::new)),
                dir, 300);
        assertThat(job.exitCode()).as(job.output()).isZero();
        assertThat(job.output().lines().filter(line -> line.startsWith("{\"steps\": 8")).count())
                .as("JSON results printed in:%n%s", job.output()).isOne();

        List<float[]> one = csv(dir.resolve("alone.csv"));
        List<float[]> two = csv(dir.resolve("ranks.csv"));
        assertThat(two).hasSameSizeAs(one).hasSize(8);
        for (int i = 0; i < one.size(); i++) {
            for (int column = 1; column < one.get(i).length; column++) {
                float expected = one.get(i)[column];
                if (Float.isNaN(expected)) {
                    assertThat(two.get(i)[column]).isNaN();
                } else {
                    assertThat(two.get(i)[column]).as("step %d, column %d", i + 1, column)
                            .isCloseTo(expected, within(1e-5f * Math.abs(expected)));
                }
            }
        }
    }

    /** The loss CSV written next to the plot: step, train_loss, val_loss (empty where not measured). */
    private static List<float[]> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).isEqualTo("step,train_loss,val_loss");
        List<float[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            float[] row = new float[cells.length];
            for (int c = 0; c < cells.length; c++) row[c] = cells[c].isEmpty() ? Float.NaN : Float.parseFloat(cells[c]);
            rows.add(row);
        }
        return rows;
    }
}
