package dev.colossus.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.colossus.train.dist.Mpirun;
import dev.colossus.train.dist.SingleProcess;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DataParallelTrainingTest {
    private static final int STEPS = 20;

    @Test
    void twoRanksUnderMpirunTrainLikeOneProcessOnTheSameGlobalBatch() throws Exception {
        Mpirun.require();
        DataParallelTraining.Outcome alone = DataParallelTraining.train(SingleProcess.INSTANCE, STEPS, 2);

        Mpirun.Result job = Mpirun.run(2, Mpirun.java(DataParallelTraining.class, String.valueOf(STEPS), "1"), Path.of("."), 300);
        assertThat(job.exitCode()).as(job.output()).isZero();

        // both ranks end with the same weights, bit for bit: they applied the same reduced gradients
        String digest0 = find(job.output(), "rank 0 weights (\\S+)");
        assertThat(find(job.output(), "rank 1 weights (\\S+)")).isEqualTo(digest0);

        // and the run is the one-process run up to float rounding (the two halves of the batch are summed apart)
        float[] losses = parseFloats(find(job.output(), "losses (\\S+)"));
        assertThat(losses).hasSize(STEPS);
        for (int i = 0; i < STEPS; i++) {
            assertThat(losses[i]).as("loss of step %d (one process: %s)", i + 1, Arrays.toString(alone.losses()))
                    .isCloseTo(alone.losses()[i], within(1e-5f * Math.abs(alone.losses()[i])));
        }
        assertThat(Float.parseFloat(find(job.output(), "validation (\\S+)")))
                .isCloseTo(alone.validationLoss(), within(1e-5f * alone.validationLoss()));
    }

    private static String find(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertThat(m.find()).as("'%s' in the output:%n%s", regex, output).isTrue();
        return m.group(1);
    }

    private static float[] parseFloats(String csv) {
        String[] parts = csv.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Float.parseFloat(parts[i]);
        return out;
    }
}
