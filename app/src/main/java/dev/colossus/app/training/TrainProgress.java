package dev.colossus.app.training;

import dev.colossus.train.loop.TrainingListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;
import java.util.Locale;

/**
 * The progress bar of {@code colossus train} on stderr: steps done of the run, elapsed time and ETA, and the latest
 * training loss, validation loss and tokens per second.
 */
public final class TrainProgress implements TrainingListener, AutoCloseable {
    private final ProgressBar bar;
    private final long tokensPerStep;
    private final int firstStep;
    private final long start = System.nanoTime();
    private float valLoss = Float.NaN;

    /**
     * @param firstStep     steps done before this call (a resumed run starts there)
     * @param steps         the run's length
     * @param tokensPerStep tokens in one step's batch
     */
    public TrainProgress(int firstStep, int steps, long tokensPerStep) {
        this.tokensPerStep = tokensPerStep;
        this.firstStep = firstStep;
        this.bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(steps)
                .startsFrom(firstStep, Duration.ZERO).setStyle(ProgressBarStyle.ASCII)
                .setMaxRenderedLength(120).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    @Override
    public void stepDone(int step, int steps, float loss, float learningRate, double gradNorm) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double tokensPerSecond = (step - firstStep) * tokensPerStep / Math.max(seconds, 1e-9);
        bar.stepTo(step);
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f%s %,.0f tok/s", loss,
                Float.isNaN(valLoss) ? "" : String.format(Locale.ROOT, " val %.4f", valLoss), tokensPerSecond));
    }

    @Override
    public void validated(int step, float loss) {
        valLoss = loss;
    }

    @Override
    public void close() {
        bar.close();
    }
}
