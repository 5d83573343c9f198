package dev.colossus.app.cli;

import dev.colossus.app.UserError;
import dev.colossus.assistant.studio.MediaKind;
import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;
import dev.colossus.studio.svg.SvgRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code colossus studio image}: an SVG file to a PNG file, sanitised (see {@link SvgRenderer}). */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Render an SVG file to PNG. The SVG is sanitised first: no scripts, event handlers, "
                + "foreignObject, DOCTYPE or external references; nothing is fetched.",
                "Size: --size, else the SVG's width/height/viewBox, else 512x512; at most 4096x4096 and 16 megapixels. "
                        + "The result goes to stderr."})
public final class StudioImageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FILE.svg",
            description = "SVG source (UTF-8). Or --prompt.")
    Path from;

    @Mixin
    PromptOptions generation;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG file to write.")
    Path out;

    @Option(names = "--size", paramLabel = "WxH", converter = StudioFiles.SizeConverter.class,
            description = "Image size in pixels, e.g. 640x480 (default: the SVG's own).")
    Size size;

    @Override
    public Integer call() {
        if (!StudioFiles.extension(out).equals("png")) throw new UserError(out + ": unknown output type (use .png)");
        generation.requireOneSource(from);
        String svg = generation.given() ? generation.source(MediaKind.IMAGE, size) : StudioFiles.read(from);
        long start = System.nanoTime();
        byte[] png;
        try {
            png = SvgRenderer.toPng(svg, size);
        } catch (SourceException e) {
            throw StudioFiles.renderError(from, e);
        }
        StudioFiles.write(out, png);
        spec.commandLine().getErr().printf(Locale.ROOT, "wrote %s (%d bytes, %d ms)%n", out, png.length,
                (System.nanoTime() - start) / 1_000_000);
        return 0;
    }
}
