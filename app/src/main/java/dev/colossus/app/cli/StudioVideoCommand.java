package dev.colossus.app.cli;

import dev.colossus.app.UserError;
import dev.colossus.assistant.studio.MediaKind;
import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;
import dev.colossus.studio.video.ProgressListener;
import dev.colossus.studio.video.VideoFormat;
import dev.colossus.studio.video.VideoRenderer;
import dev.colossus.studio.video.VideoSpec;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code colossus studio video}: an animated SVG (SMIL) file to an MP4 or GIF file (see {@link VideoRenderer}). */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = {"Render an animated SVG (SMIL animate, animateTransform, animateMotion, set) to H.264 MP4 or "
                + "an animated GIF, chosen by the --out extension. Frame i shows the animation at i/fps seconds.",
                "The SVG is sanitised as for images. Limits: 60 s, 60 fps (GIF 50), 1920x1080; MP4 sizes are made "
                        + "even. Progress and the result go to stderr."})
public final class StudioVideoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE.svg",
            description = "Animated SVG source (UTF-8). Or --prompt.")
    Path from;

    @Mixin
    PromptOptions generation;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file: .mp4 or .gif.")
    Path out;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "5", description = "Length (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "24", description = "Frames a second (default ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--size", paramLabel = "WxH", converter = StudioFiles.SizeConverter.class,
            description = "Frame size in pixels, e.g. 854x480 (default: the SVG's own).")
    Size size;

    @Override
    public Integer call() {
        VideoSpec video = spec(format(out));
        generation.requireOneSource(from);
        String svg = generation.given() ? generation.source(MediaKind.VIDEO, size) : StudioFiles.read(from);
        long start = System.nanoTime();
        byte[] bytes;
        try (Progress progress = new Progress()) {
            bytes = VideoRenderer.render(svg, video, progress);
        } catch (SourceException e) {
            throw StudioFiles.renderError(from, e);
        }
        StudioFiles.write(out, bytes);
        double took = (System.nanoTime() - start) / 1e9;
        spec.commandLine().getErr().printf(Locale.ROOT, "wrote %s (%d frames, %d bytes, %.1f s, %.0f frames/s)%n", out,
                video.frames(), bytes.length, took, video.frames() / took);
        return 0;
    }

    /** A progress bar on stderr, shown from the first rendered frame on (a source that fails shows none). */
    private static final class Progress implements ProgressListener, AutoCloseable {
        private ProgressBar bar;

        @Override
        public void framesRendered(int done, int total) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("render").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setUnit(" frames", 1).showSpeed().setMaxRenderedLength(100).setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
            bar.stepTo(done);
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
        }
    }

    private VideoSpec spec(VideoFormat format) {
        try {
            return new VideoSpec(seconds, fps, size, format);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static VideoFormat format(Path out) {
        return switch (StudioFiles.extension(out)) {
            case "mp4" -> VideoFormat.MP4;
            case "gif" -> VideoFormat.GIF;
            default -> throw new UserError(out + ": unknown output type (use .mp4 or .gif)");
        };
    }
}
