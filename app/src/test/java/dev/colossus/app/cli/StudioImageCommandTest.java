package dev.colossus.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StudioImageCommandTest {
    static final String SQUARE = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10'>"
            + "<rect width='5' height='5' fill='red'/></svg>";

    @TempDir
    Path dir;

    @Test
    void writesAPngOfTheAskedSize() throws Exception {
        Path svg = Files.writeString(dir.resolve("square.svg"), SQUARE);
        Path png = dir.resolve("square.png");
        CliRun r = CliRun.of("studio", "image", "--from", svg.toString(), "--out", png.toString(), "--size", "40x40");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("wrote ").contains("square.png").hasLineCount(1);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getRGB(10, 10)).isEqualTo(0xffff0000);
        assertThat(image.getRGB(30, 30) >>> 24).isZero();
    }

    @Test
    void badInputIsOneLineOnStderrAndNonZeroExit() throws Exception {
        Path svg = Files.writeString(dir.resolve("square.svg"), SQUARE);
        Path bomb = Files.writeString(dir.resolve("bomb.svg"),
                "<?xml version='1.0'?>\n<!DOCTYPE svg [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]>\n<svg>&b;</svg>");
        Path broken = Files.writeString(dir.resolve("broken.svg"), "<svg xmlns='http://www.w3.org/2000/svg'>\n<g>\n</svg>");
        String out = dir.resolve("x.png").toString();
        assertOneLineError(CliRun.of("studio", "image", "--from", dir.resolve("nope.svg").toString(), "--out", out),
                "nope.svg: no such file");
        assertOneLineError(CliRun.of("studio", "image", "--from", svg.toString(), "--out", dir.resolve("x.jpg").toString()),
                "x.jpg: unknown output type (use .png)");
        assertOneLineError(CliRun.of("studio", "image", "--from", bomb.toString(), "--out", out),
                "bomb.svg: line 2, column");
        assertOneLineError(CliRun.of("studio", "image", "--from", broken.toString(), "--out", out),
                "broken.svg: line 3, column");
        assertOneLineError(CliRun.of("studio", "image", "--from", svg.toString(), "--out", out, "--size", "100000x100000"),
                "the image would be 100000x100000 pixels; the limit is 4096x4096");
        assertOneLineError(CliRun.of("studio", "image", "--from", svg.toString(), "--out", out, "--size", "big"),
                "a size is WIDTHxHEIGHT in pixels, e.g. 640x480, got 'big'");
        assertThat(Files.exists(Path.of(out))).isFalse();
    }

    @Test
    void studioWithoutAKindNamesTheKinds() {
        assertOneLineError(CliRun.of("studio"), "colossus studio: name a kind of media: image, video or music");
    }

    static void assertOneLineError(CliRun r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).hasLineCount(1).doesNotContain("Exception");
    }
}
