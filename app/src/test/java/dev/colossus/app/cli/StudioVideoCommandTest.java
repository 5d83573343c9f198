package dev.colossus.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.colossus.app.cli.StudioImageCommandTest.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

class StudioVideoCommandTest {
    static final String SLIDING = "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='48'>"
            + "<rect width='8' height='8' fill='red'><animate attributeName='x' from='0' to='56' dur='1s'/></rect></svg>";

    @TempDir
    Path dir;

    @Test
    void writesAnMp4WithAProgressBarOnStderr() throws Exception {
        Path svg = Files.writeString(dir.resolve("slide.svg"), SLIDING);
        Path mp4 = dir.resolve("slide.mp4");
        CliRun r = CliRun.of("studio", "video", "--from", svg.toString(), "--out", mp4.toString(), "--seconds", "1",
                "--fps", "12");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("render").contains("wrote ").contains("slide.mp4 (12 frames");
        assertThat(r.out()).isEmpty();
        byte[] bytes = Files.readAllBytes(mp4);
        assertThat(new String(bytes, 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");
    }

    @Test
    void writesAGifWithOneFramePerStep() throws Exception {
        Path svg = Files.writeString(dir.resolve("slide.svg"), SLIDING);
        Path gif = dir.resolve("slide.gif");
        CliRun r = CliRun.of("studio", "video", "--from", svg.toString(), "--out", gif.toString(), "--seconds", "0.5",
                "--fps", "10", "--size", "32x24");
        assertThat(r.code()).as(r.err()).isZero();
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(5);
            assertThat(reader.read(0).getWidth()).isEqualTo(32);
        }
    }

    @Test
    void badInputIsOneLineOnStderrAndNonZeroExit() throws Exception {
        Path svg = Files.writeString(dir.resolve("slide.svg"), SLIDING);
        Path script = Files.writeString(dir.resolve("hostile.svg"), "<!DOCTYPE svg><svg/>");
        String out = dir.resolve("x.mp4").toString();
        assertOneLineError(CliRun.of("studio", "video", "--from", dir.resolve("nope.svg").toString(), "--out", out),
                "nope.svg: no such file");
        assertOneLineError(CliRun.of("studio", "video", "--from", svg.toString(), "--out", dir.resolve("x.avi").toString()),
                "x.avi: unknown output type (use .mp4 or .gif)");
        assertOneLineError(CliRun.of("studio", "video", "--from", svg.toString(), "--out", out, "--seconds", "600"),
                "seconds must be over 0 and at most 60, got 600.0");
        assertOneLineError(CliRun.of("studio", "video", "--from", svg.toString(), "--out", out, "--size", "4000x4000"),
                "the video would be 4000x4000 pixels");
        CliRun hostile = CliRun.of("studio", "video", "--from", script.toString(), "--out", out);
        assertThat(hostile.code()).isEqualTo(2);
        assertThat(hostile.err().strip().lines().toList().getLast()).contains("hostile.svg: line 1").contains("DOCTYPE");
        assertThat(hostile.err()).doesNotContain("Exception");
    }
}
