package dev.colossus.train.loop;

import dev.colossus.train.checkpoint.AtomicFiles;
import dev.colossus.train.checkpoint.LossHistory;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The loss curve of a run: a PNG plot of the training loss of every step and the validation losses (drawn with
 * XChart, headless), and the same numbers as CSV next to it ({@code step,train_loss,val_loss}, the validation column
 * empty at steps without one).
 */
public final class LossCurve {

    private LossCurve() {
    }

    /** The CSV file that goes with the plot {@code png}: the same name ending in {@code .csv}. */
    public static Path csvFor(Path png) {
        String name = png.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return png.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".csv");
    }

    /** Writes the plot to {@code png} and the numbers to {@link #csvFor csvFor(png)}. */
    public static void write(LossHistory history, String title, Path png) throws IOException {
        writeCsv(history, csvFor(png));
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("step")
                .yAxisTitle("loss (nats per token)").build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        int[] steps = history.trainSteps();
        if (steps.length > 0) {
            XYSeries train = chart.addSeries("train", toDouble(steps), toDouble(history.trainLosses()));
            train.setMarker(SeriesMarkers.NONE);
        }
        int[] valSteps = history.validationSteps();
        if (valSteps.length > 0) {
            chart.addSeries("validation", toDouble(valSteps), toDouble(history.validationLosses()))
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        if (steps.length == 0 && valSteps.length == 0) chart.addSeries("train", new double[] {0}, new double[] {0});
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    private static void writeCsv(LossHistory history, Path csv) throws IOException {
        Map<Integer, Float> val = new HashMap<>();
        int[] valSteps = history.validationSteps();
        float[] valLosses = history.validationLosses();
        for (int i = 0; i < valSteps.length; i++) val.put(valSteps[i], valLosses[i]);
        int[] steps = history.trainSteps();
        float[] losses = history.trainLosses();
        AtomicFiles.write(csv, out -> {
            PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.print("step,train_loss,val_loss\n");
            for (int i = 0; i < steps.length; i++) {
                Float v = val.get(steps[i]);
                w.print(steps[i] + "," + losses[i] + "," + (v == null ? "" : v.toString()) + "\n");
            }
            w.flush();
        });
    }

    private static double[] toDouble(int[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
